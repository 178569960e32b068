// "Keep the old id in was = [...]": after a rename, threat ids written with the old id (in other
// repositories, tickets, earlier reports) keep resolving when the element lists it in `was`.
#include "lsp/code_actions.hpp"
#include "lsp/names.hpp"
#include "lsp/text.hpp"

namespace moat::lsp {

namespace {

/// The attributes of the declaration whose id is written at `id`, or null.
const std::vector<ast::Attribute>* declaration_attrs(const Compilation& c, Span id) {
  for (const auto& module : c.program.modules) {
    if (module->file != id.file) continue;
    for (const auto& e : module->elements) {
      if (e.id.span.begin == id.begin) return &e.attrs;
    }
    for (const auto& f : module->flows) {
      if (f.name && f.name->span.begin == id.begin) return &f.attrs;
    }
  }
  return nullptr;
}

/// One insertion: at a byte offset, a text.
using Insertion = std::pair<std::uint32_t, std::string>;

/// Where to insert into the declaration at `id` (its `was` list, its block, or a new block),
/// and what: one insertion, or two when a single earlier id (`was = old`) becomes a list.
std::vector<Insertion> was_insertion(const std::string& text, Span id,
                                     const std::vector<ast::Attribute>& attrs,
                                     const std::string& old_id) {
  for (const ast::Attribute& a : attrs) {
    if (a.name.name != "was") continue;
    if (a.value.kind == ast::ValueKind::List) {
      return {{a.value.span.end - 1, (a.value.items.empty() ? "" : ", ") + old_id}};
    }
    return {{a.value.span.begin, "["}, {a.value.span.end, ", " + old_id + "]"}};
  }
  std::uint32_t i = id.end;
  bool in_string = false;
  std::uint32_t line_end = i;
  for (; i < text.size() && text[i] != '\n'; ++i) {
    if (text[i] == '"' && (i == 0 || text[i - 1] != '\\')) in_string = !in_string;
    if (in_string) continue;
    if (text[i] == '{') return {{i + 1, " was = [" + old_id + "]" + (attrs.empty() ? " " : ",")}};
    if (text.compare(i, 2, "//") == 0) break;
    if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r') line_end = i + 1;
  }
  return {{line_end, " { was = [" + old_id + "] }"}};
}

}  // namespace

void add_keep_old_id(const ActionScope& scope, const std::map<std::string, std::string>& renamed,
                     nlohmann::json& actions) {
  const Compilation& c = *scope.model->compilation;
  const ModelGraph& g = c.graph;
  const Named named = name_at(*scope.model, c.program.sources.file(scope.file).text, scope.begin);
  if (named.kind != NameKind::Element) return;
  const ElementRec& rec = g.elements[named.element];
  auto it = renamed.find(rec.id);
  if (it == renamed.end() || g.find(it->second) != kNoElement) return;  // kept, or taken again
  const std::vector<ast::Attribute>* attrs = declaration_attrs(c, rec.id_span);
  if (!attrs) return;
  const SourceFile& source = c.program.sources.file(rec.id_span.file);
  if (source.is_stdlib) return;
  const auto starts = line_starts(source.text);
  nlohmann::json edits = nlohmann::json::array();
  for (const auto& [at, text] : was_insertion(source.text, rec.id_span, *attrs, it->second)) {
    edits.push_back({{"range", range_json(source.text, starts, at, at)}, {"newText", text}});
  }
  actions.push_back({{"title", "Keep the old id '" + it->second + "' in was = [...]"},
                     {"kind", "refactor"},
                     {"edit", {{"changes", {{path_to_uri(normal_path(source.path)), edits}}}}}});
}

}  // namespace moat::lsp
