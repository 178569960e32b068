// Rename of an element id: the occurrences names.hpp resolves to the element, written with its
// current id, outside values that never name an
// element (`was` lists, enum members).
#include "lsp/rename.hpp"

#include "lsp/text.hpp"

namespace moat::lsp {

namespace {

/// The grammar's identifier: a letter or `_`, then letters, digits, `_`, and single dashes
/// between them (grammar/grammar.hpp, `ident`).
bool is_identifier(const std::string& s) {
  auto first = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  auto other = [&](char c) { return first(c) || (c >= '0' && c <= '9'); };
  if (s.empty() || !first(s.front()) || s.back() == '-') return false;
  for (std::size_t i = 1; i < s.size(); ++i) {
    if (s[i] == '-' ? s[i - 1] == '-' : !other(s[i])) return false;
  }
  return true;
}

bool is_reserved(const std::string& s) {
  if (s == "true" || s == "false") return true;
  for (const grammar::KeywordInfo& k : grammar::kKeywords) {
    if (k.text == s) return true;
  }
  return false;
}

template <typename Records>
bool has_id(const Records& records, const std::string& id) {
  for (const auto& r : records) {
    if (r.id == id) return true;
  }
  return false;
}

bool inside_any(const std::vector<Span>& spans, std::uint32_t offset) {
  for (const Span& s : spans) {
    if (offset >= s.begin && offset < s.end) return true;
  }
  return false;
}

/// Adds the spans of the values in `attrs` that never name an element: `was` (earlier ids),
/// enum members (a store `cache` and `kind = cache`), and other non-reference values.
void collect_kept(const Schema& schema, DeclKind kind, const std::vector<ast::Attribute>& attrs,
                  std::vector<Span>& out) {
  const KindSchema& ks = schema.of(kind);
  for (const ast::Attribute& a : attrs) {
    const int slot = ks.slot(a.name.name);
    const Base base = slot < 0 ? Base::Invalid : ks.fields[slot].type.base;
    if (base != Base::Element && base != Base::Target && base != Base::Assumption) {
      out.push_back(a.value.span);
    }
  }
}

/// The flows declared without a name whose derived id ("SOURCE_to_TARGET..." ) changes when
/// `renamed` is called `name`, with their new id; one whose new id is taken is left out (the
/// compiler would number it, and the diagnostic at its references says so).
std::vector<std::pair<Named, std::string>> derived_flows_renamed(const Model& model,
                                                                 ElementId renamed,
                                                                 const std::string& name) {
  const Compilation& c = *model.compilation;
  const ModelGraph& g = c.graph;
  auto id_after = [&](ElementId e) { return e == renamed ? name : g.elements[e].id; };
  std::vector<std::pair<Named, std::string>> out;
  for (const FlowRec& f : g.flows) {
    if (f.source != renamed && f.target != renamed) continue;
    const ElementRec& rec = g.elements[f.element];
    const std::string& text = c.program.sources.file(rec.id_span.file).text;
    if (text.compare(rec.id_span.begin, rec.id_span.end - rec.id_span.begin, rec.id) == 0) {
      continue;  // a named flow: its id is written, not derived
    }
    // The reverse half of a two-way flow runs target to source; its id is the declared one's.
    for (const auto& [from, to] : {std::pair{f.source, f.target}, std::pair{f.target, f.source}}) {
      const std::string prefix = g.elements[from].id + "_to_" + g.elements[to].id;
      if (rec.id.compare(0, prefix.size(), prefix) != 0) continue;
      const std::string now = id_after(from) + "_to_" + id_after(to) + rec.id.substr(prefix.size());
      if (g.find(now) == kNoElement) out.push_back({Named::of(f.element), now});
      break;
    }
  }
  return out;
}

/// The edits that write `name` over every occurrence of `named` in file `f` that is written
/// `old_id` (not an earlier id) and is not a kept value.
void rename_occurrences(const Model& model, FileId f, const Named& named, const std::string& old_id,
                        const std::string& name, nlohmann::json& edits) {
  const SourceFile& source = model.compilation->program.sources.file(f);
  const std::vector<Span> kept = kept_values(model, f);
  const auto starts = line_starts(source.text);
  for (const Named& n : occurrences(model, f, named)) {
    if (source.text.compare(n.begin, n.end - n.begin, old_id) != 0) continue;
    if (inside_any(kept, n.begin)) continue;
    edits.push_back(
        {{"range", range_json(source.text, starts, n.begin, n.end)}, {"newText", name}});
  }
}

}  // namespace

std::vector<Span> kept_values(const Model& model, FileId file) {
  const Schema& schema = model.compilation->graph.schema;
  std::vector<Span> spans;
  for (const auto& module : model.compilation->program.modules) {
    if (module->file != file) continue;
    for (const auto& e : module->elements) {
      collect_kept(schema, static_cast<DeclKind>(e.kind), e.attrs, spans);
    }
    for (const auto& f : module->flows) collect_kept(schema, DeclKind::Flow, f.attrs, spans);
    for (const auto& d : module->mitigations) {
      collect_kept(schema, DeclKind::Mitigation, d.attrs, spans);
    }
    for (const auto& d : module->assumptions) {
      collect_kept(schema, DeclKind::Assumption, d.attrs, spans);
    }
  }
  return spans;
}

std::optional<Named> renamable_at(const Model& model, FileId file, std::uint32_t offset) {
  const Compilation& c = *model.compilation;
  const std::string& text = c.program.sources.file(file).text;
  const Named named = name_at(model, text, offset);
  if (named.kind != NameKind::Element) return std::nullopt;
  const std::string_view written(text.data() + named.begin, named.end - named.begin);
  if (written != c.graph.elements[named.element].id) return std::nullopt;  // an earlier id
  if (inside_any(kept_values(model, file), named.begin)) return std::nullopt;
  return named;
}

std::string rename_refusal(const Model& model, const std::string& name) {
  if (!is_identifier(name)) return "'" + name + "' is not an identifier";
  if (is_reserved(name)) return "'" + name + "' is a keyword";
  const ModelGraph& g = model.compilation->graph;
  const ElementId e = g.find(name);
  if (e != kNoElement) {
    const bool earlier = g.elements[e].id != name;
    return "'" + name + "' is taken: " + (earlier ? "an earlier id of " : "") +
           kind_with_article(g.elements[e].kind) + (earlier ? " '" + g.elements[e].id + "'" : "");
  }
  if (has_id(g.mitigations, name)) return "'" + name + "' is taken: a mitigation";
  if (has_id(g.assumptions, name)) return "'" + name + "' is taken: an assumption";
  return {};
}

nlohmann::json rename_edit(const Model& model, const Named& named, const std::string& name) {
  const Compilation& c = *model.compilation;
  const std::string& old_id = c.graph.elements[named.element].id;
  nlohmann::json changes = nlohmann::json::object();
  // Targets may name a flow without a name by its derived id, which follows its endpoints'.
  const auto flows = derived_flows_renamed(model, named.element, name);
  for (FileId f = 0; f < c.program.sources.size(); ++f) {
    const SourceFile& source = c.program.sources.file(f);
    if (source.is_stdlib) continue;
    nlohmann::json edits = nlohmann::json::array();
    rename_occurrences(model, f, named, old_id, name, edits);
    for (const auto& [flow, now] : flows) {
      rename_occurrences(model, f, flow, c.graph.elements[flow.element].id, now, edits);
    }
    if (!edits.empty()) changes[path_to_uri(normal_path(source.path))] = std::move(edits);
  }
  return {{"changes", std::move(changes)}};
}

}  // namespace moat::lsp
