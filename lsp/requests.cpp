// The requests: initialize and shutdown, and those about a document or a position in it.
#include <filesystem>

#include "compiler/formatter.hpp"
#include "lsp/hover.hpp"
#include "lsp/names.hpp"
#include "lsp/server.hpp"
#include "lsp/stdlib_files.hpp"
#include "lsp/symbols.hpp"
#include "lsp/text.hpp"

namespace moat::lsp {

namespace {

nlohmann::json location(const Model& model, Span span) {
  const SourceFile& f = model.compilation->program.sources.file(span.file);
  return {{"uri", path_to_uri(normal_path(f.path))},
          {"range", range_json(f.text, line_starts(f.text), span.begin, span.end)}};
}

}  // namespace

nlohmann::json Server::request(const std::string& method, const nlohmann::json& params) {
  if (method == "initialize") return initialize(params);
  if (method == "shutdown") {
    shutdown_ = true;
    return nullptr;
  }
  if (method == "textDocument/hover") return hover(params);
  if (method == "textDocument/definition") return definition(params);
  if (method == "textDocument/references") return references(params, false);
  if (method == "textDocument/documentHighlight") return references(params, true);
  if (method == "textDocument/documentSymbol") return document_symbol(params);
  if (method == "textDocument/formatting") return formatting(params);
  if (method == "textDocument/rangeFormatting") return range_formatting(params);
  if (method == "textDocument/completion") return completion(params);
  if (method == "textDocument/prepareRename") return prepare_rename(params);
  if (method == "textDocument/rename") return rename(params);
  if (method == "textDocument/codeAction") return code_action(params);
  if (method == "textDocument/codeLens") return code_lens(params);
  if (method == "workspace/symbol") {
    recheck_pending();
    return workspace_symbols(workspace_, params.value("query", ""));
  }
  throw RpcError{ErrorCode::MethodNotFound, "unknown method '" + method + "'"};
}

nlohmann::json Server::initialize(const nlohmann::json& params) {
  if (initialized_) throw RpcError{ErrorCode::InvalidRequest, "initialize was already received"};
  initialized_ = true;
  std::string folder;
  if (params.contains("rootUri") && params["rootUri"].is_string()) {
    folder = uri_to_path(params["rootUri"].get<std::string>());
  }
  if (!folder.empty()) workspace_.set_import_root(normal_path(folder));
  return {{"capabilities",
           {{"positionEncoding", "utf-16"},
            {"textDocumentSync",
             {{"openClose", true}, {"change", 2}, {"save", {{"includeText", false}}}}},
            {"hoverProvider", true},
            {"definitionProvider", true},
            {"referencesProvider", true},
            {"documentHighlightProvider", true},
            {"documentSymbolProvider", true},
            {"workspaceSymbolProvider", true},
            {"documentFormattingProvider", true},
            {"documentRangeFormattingProvider", true},
            {"completionProvider", {{"triggerCharacters", {".", "=", " ", "[", ","}}}},
            {"renameProvider", {{"prepareProvider", true}}},
            {"codeActionProvider", {{"codeActionKinds", {"quickfix", "refactor"}}}},
            {"codeLensProvider", {{"resolveProvider", false}}}}},
          {"serverInfo", {{"name", "moat"}, {"version", "0.1.0"}}}};
}

Server::Target Server::target(const nlohmann::json& params, bool with_position) {
  Target t;
  t.path = document_path(params);
  if (!pending_.empty()) recheck_pending();  // answer from the text as it is now
  t.model = workspace_.model_of(t.path);
  if (!t.model) return t;
  t.file = t.model->file_id(t.path);
  if (t.file == kNoFile || !with_position) return t;
  Position pos;
  if (!parse_position(params.at("position"), pos)) {
    throw RpcError{ErrorCode::InvalidParams, "'position' is not a Position"};
  }
  const std::string& text = t.model->compilation->program.sources.file(t.file).text;
  t.offset = offset_of(text, line_starts(text), pos);
  return t;
}

nlohmann::json Server::hover(const nlohmann::json& params) {
  const Target t = target(params, true);
  if (t.file == kNoFile) return nullptr;
  const auto h = hover_at(*t.model, t.file, t.offset);
  if (!h) return nullptr;
  const std::string& text = t.model->compilation->program.sources.file(t.file).text;
  return {{"contents", {{"kind", "markdown"}, {"value", h->markdown}}},
          {"range", range_json(text, line_starts(text), h->begin, h->end)}};
}

nlohmann::json Server::definition(const nlohmann::json& params) {
  const Target t = target(params, true);
  if (t.file == kNoFile) return nullptr;
  const Named named =
      name_at(*t.model, t.model->compilation->program.sources.file(t.file).text, t.offset);
  Span where;
  if (!declaration_anywhere(*t.model, named, where)) return nullptr;
  const SourceFile& source = t.model->compilation->program.sources.file(where.file);
  if (!source.is_stdlib) return location(*t.model, where);
  const std::string copy = stdlib_copy(source);
  if (copy.empty()) return nullptr;
  return {{"uri", path_to_uri(copy)},
          {"range", range_json(source.text, line_starts(source.text), where.begin, where.end)}};
}

nlohmann::json Server::references(const nlohmann::json& params, bool highlight) {
  const Target t = target(params, true);
  nlohmann::json out = nlohmann::json::array();
  if (t.file == kNoFile) return out;
  const Compilation& c = *t.model->compilation;
  const Named named = name_at(*t.model, c.program.sources.file(t.file).text, t.offset);
  if (named.kind == NameKind::None) return out;
  Span declared;
  const bool has_declaration = declaration_of(*t.model, named, declared);
  const bool with_declaration =
      highlight ||
      params.value("context", nlohmann::json::object()).value("includeDeclaration", true);
  for (FileId f = 0; f < c.program.sources.size(); ++f) {
    if (c.program.sources.file(f).is_stdlib || (highlight && f != t.file)) continue;
    for (const Named& n : occurrences(*t.model, f, named)) {
      const Span span{f, n.begin, n.end};
      const bool is_declaration =
          has_declaration && f == declared.file && n.begin == declared.begin;
      if (is_declaration && !with_declaration) continue;
      if (!highlight) {
        out.push_back(location(*t.model, span));
        continue;
      }
      const std::string& text = c.program.sources.file(f).text;
      out.push_back({{"range", range_json(text, line_starts(text), n.begin, n.end)},
                     {"kind", is_declaration ? 3 : 2}});  // Write for the declaration, else Read
    }
  }
  return out;
}

nlohmann::json Server::document_symbol(const nlohmann::json& params) {
  const Target t = target(params, false);
  if (t.file == kNoFile) return nlohmann::json::array();
  return document_symbols(*t.model, t.file);
}

nlohmann::json Server::formatting(const nlohmann::json& params) {
  const std::string path = document_path(params);
  const std::string* text = workspace_.text(path);
  if (!text) throw RpcError{ErrorCode::InvalidParams, "the document is not open"};
  const FormatResult result = format_checked(*text);
  if (!result.ok) throw RpcError{ErrorCode::RequestFailed, "cannot format: " + result.error};
  nlohmann::json edits = nlohmann::json::array();
  if (result.text == *text) return edits;
  edits.push_back({{"range", range_json(*text, line_starts(*text), 0, text->size())},
                   {"newText", result.text}});
  return edits;
}

}  // namespace moat::lsp
