// The requests that help write a model: completion, rename, code actions, code lenses and range
// formatting.
#include "compiler/formatter.hpp"
#include "lsp/code_actions.hpp"
#include "lsp/code_lens.hpp"
#include "lsp/completion.hpp"
#include "lsp/range_format.hpp"
#include "lsp/rename.hpp"
#include "lsp/server.hpp"
#include "lsp/text.hpp"

namespace moat::lsp {

namespace {

std::uint32_t offset_in(const std::string& text, const nlohmann::json& position) {
  Position pos;
  if (!parse_position(position, pos)) {
    throw RpcError{ErrorCode::InvalidParams, "'position' is not a Position"};
  }
  return offset_of(text, line_starts(text), pos);
}

}  // namespace

nlohmann::json Server::completion(const nlohmann::json& params) {
  // Answered from the text as typed and the last model that compiled: no re-check here, so the
  // answer is immediate while the debounced check of the edit still waits.
  const std::string path = document_path(params);
  const nlohmann::json none = {{"isIncomplete", false}, {"items", nlohmann::json::array()}};
  const std::string* text = workspace_.text(path);
  if (!text) return none;
  const Model* model = workspace_.model_of(path);
  if (!model && !pending_.empty()) {
    recheck_pending();
    model = workspace_.model_of(path);
  }
  if (!model || !model->basis) return none;
  return {
      {"isIncomplete", false},
      {"items", completion_items(*model->basis, *text, offset_in(*text, params.at("position")))}};
}

nlohmann::json Server::prepare_rename(const nlohmann::json& params) {
  const Target t = target(params, true);
  if (t.file == kNoFile) return nullptr;
  const auto named = renamable_at(*t.model, t.file, t.offset);
  if (!named) return nullptr;  // the client says there is nothing to rename here
  const std::string& text = t.model->compilation->program.sources.file(t.file).text;
  return {{"range", range_json(text, line_starts(text), named->begin, named->end)},
          {"placeholder", t.model->compilation->graph.elements[named->element].id}};
}

nlohmann::json Server::rename(const nlohmann::json& params) {
  const Target t = target(params, true);
  const std::string name = params.at("newName").get<std::string>();
  if (t.file == kNoFile) throw RpcError{ErrorCode::RequestFailed, "the file is not checked"};
  const auto named = renamable_at(*t.model, t.file, t.offset);
  if (!named) throw RpcError{ErrorCode::RequestFailed, "only an element id can be renamed here"};
  const std::string& old_id = t.model->compilation->graph.elements[named->element].id;
  if (name == old_id) return {{"changes", nlohmann::json::object()}};
  if (const std::string why = rename_refusal(*t.model, name); !why.empty()) {
    throw RpcError{ErrorCode::RequestFailed, "cannot rename '" + old_id + "': " + why};
  }
  nlohmann::json edit = rename_edit(*t.model, *named, name);
  // The id the element had before: a chain of renames keeps the first.
  auto earlier = renamed_.find(old_id);
  renamed_[name] = earlier == renamed_.end() ? old_id : earlier->second;
  if (earlier != renamed_.end()) renamed_.erase(earlier);
  return edit;
}

nlohmann::json Server::code_action(const nlohmann::json& params) {
  const Target t = target(params, false);
  nlohmann::json actions = nlohmann::json::array();
  if (t.file == kNoFile) return actions;
  const std::string& text = t.model->compilation->program.sources.file(t.file).text;
  const nlohmann::json& range = params.at("range");
  ActionScope scope{t.model, t.file, offset_in(text, range.at("start")),
                    offset_in(text, range.at("end"))};
  add_suggestion_fixes(scope, actions);
  add_keep_old_id(scope, renamed_, actions);
  add_threat_templates(scope, actions);
  return actions;
}

nlohmann::json Server::code_lens(const nlohmann::json& params) {
  const Target t = target(params, false);
  if (t.file == kNoFile) return nlohmann::json::array();
  return code_lenses(*t.model, t.file);
}

nlohmann::json Server::range_formatting(const nlohmann::json& params) {
  const std::string path = document_path(params);
  const std::string* text = workspace_.text(path);
  if (!text) throw RpcError{ErrorCode::InvalidParams, "the document is not open"};
  const nlohmann::json& range = params.at("range");
  const StatementRange r = enclosing_statements(*text, offset_in(*text, range.at("start")),
                                                offset_in(*text, range.at("end")));
  nlohmann::json edits = nlohmann::json::array();
  if (r.end <= r.begin) return edits;
  const std::string_view slice = std::string_view(*text).substr(r.begin, r.end - r.begin);
  FormatResult result = format_checked(slice);
  if (!result.ok) throw RpcError{ErrorCode::RequestFailed, "cannot format: " + result.error};
  while (!result.text.empty() && result.text.back() == '\n') result.text.pop_back();
  if (result.text == slice) return edits;
  edits.push_back(
      {{"range", range_json(*text, line_starts(*text), r.begin, r.end)}, {"newText", result.text}});
  return edits;
}

}  // namespace moat::lsp
