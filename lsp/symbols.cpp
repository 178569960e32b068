// Symbols from the syntax tree (document) and from the model graph (workspace).
#include "lsp/symbols.hpp"

#include <algorithm>
#include <cctype>

#include "lsp/text.hpp"

namespace moat::lsp {

namespace {

// LSP SymbolKind values.
constexpr int kModule = 2, kNamespace = 3, kClass = 5, kFunction = 12, kVariable = 13,
              kConstant = 14, kObject = 19, kStruct = 23, kEvent = 24, kInterface = 11;

int element_symbol_kind(ast::ElementKind k) {
  switch (k) {
    case ast::ElementKind::Actor:
      return kClass;
    case ast::ElementKind::External:
      return kModule;
    case ast::ElementKind::Process:
      return kFunction;
    case ast::ElementKind::Store:
      return kStruct;
    case ast::ElementKind::Data:
      return kVariable;
    case ast::ElementKind::Boundary:
      return kNamespace;
    case ast::ElementKind::Flow:
      return kEvent;
  }
  return kObject;
}

class Outline {
 public:
  Outline(const std::string& text) : text_(text), starts_(line_starts(text)) {}

  nlohmann::json symbol(const std::string& name, const std::string& detail, int kind, Span whole,
                        Span id) const {
    const std::uint32_t begin = std::min(whole.begin, id.begin);
    return {{"name", name.empty() ? "(unnamed)" : name},
            {"detail", detail},
            {"kind", kind},
            {"range", range_json(text_, starts_, begin, std::max(whole.end, id.end))},
            {"selectionRange", range_json(text_, starts_, id.begin, id.end)},
            {"children", nlohmann::json::array()}};
  }

 private:
  const std::string& text_;
  std::vector<std::uint32_t> starts_;
};

void add_named(const Outline& o, const std::vector<ast::NamedDecl>& decls, const char* detail,
               int kind, nlohmann::json& out) {
  for (const ast::NamedDecl& d : decls) {
    out.push_back(o.symbol(d.id.name, detail, kind, d.keyword, d.id.span));
  }
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

}  // namespace

nlohmann::json document_symbols(const Model& model, FileId file) {
  const Compilation& c = *model.compilation;
  const Outline o(c.program.sources.file(file).text);
  nlohmann::json out = nlohmann::json::array();
  for (const auto& module : c.program.modules) {
    if (module->file != file) continue;
    const ast::Module& m = *module;
    std::vector<nlohmann::json> elements;
    for (const ast::ElementDecl& e : m.elements) {
      elements.push_back(o.symbol(e.id.name, kind_name(static_cast<Kind>(e.kind)),
                                  element_symbol_kind(e.kind), e.keyword, e.id.span));
    }
    std::vector<nlohmann::json> loose_flows;
    for (const ast::FlowDecl& f : m.flows) {
      const Span id = f.name ? f.name->span : f.arrow;
      const std::string name = f.name ? f.name->name : f.source.name + " -> " + f.target.name;
      nlohmann::json s = o.symbol(name, "flow", kEvent, f.keyword.valid() ? f.keyword : id, id);
      if (f.parent >= 0) {
        elements[f.parent]["children"].push_back(std::move(s));
      } else {
        loose_flows.push_back(std::move(s));
      }
    }
    // Children before parents: a boundary is declared before what it contains.
    for (std::size_t i = m.elements.size(); i-- > 0;) {
      const int parent = m.elements[i].parent;
      if (parent < 0) continue;
      auto& children = elements[parent]["children"];
      children.insert(children.begin(), std::move(elements[i]));
    }
    for (std::size_t i = 0; i < m.elements.size(); ++i) {
      if (m.elements[i].parent < 0) out.push_back(std::move(elements[i]));
    }
    for (nlohmann::json& f : loose_flows) out.push_back(std::move(f));
    for (const ast::RuleDecl& r : m.rules) {
      out.push_back(o.symbol(r.id.name, "rule", kConstant, r.id.span, r.id.span));
    }
    add_named(o, m.mitigations, "mitigation", kInterface, out);
    add_named(o, m.threats, "threat", kConstant, out);
    add_named(o, m.assumptions, "assumption", kObject, out);
  }
  return out;
}

nlohmann::json workspace_symbols(const Workspace& workspace, const std::string& query) {
  nlohmann::json out = nlohmann::json::array();
  const std::string q = lower(query);
  for (const auto& entry : workspace.models()) {
    // Not a structured binding: clang 14 (the fuzz build) cannot capture one in a lambda.
    const std::string& root = entry.first;
    const Compilation& c = *entry.second->compilation;
    const SourceManager& sources = c.program.sources;
    auto add = [&](const std::string& id, int kind, Span span) {
      if (!span.valid() || span.file >= sources.size() || sources.file(span.file).is_stdlib) return;
      if (!q.empty() && lower(id).find(q) == std::string::npos) return;
      const std::string& text = sources.file(span.file).text;
      out.push_back({{"name", id},
                     {"kind", kind},
                     {"containerName", normal_path(root)},
                     {"location",
                      {{"uri", path_to_uri(normal_path(sources.file(span.file).path))},
                       {"range", range_json(text, line_starts(text), span.begin, span.end)}}}});
    };
    const ModelGraph& g = c.graph;
    for (const ElementId e : g.elements.ids_from(1)) {
      const ElementRec& rec = g.elements[e];
      if (rec.kind == Kind::Flow && g.flow(e).reverse) continue;
      add(rec.id, element_symbol_kind(static_cast<ast::ElementKind>(rec.kind)), rec.id_span);
    }
    for (const RuleRec& r : g.rules) add(r.id, kConstant, r.id_span);
    for (const MitigationRec& m : g.mitigations) add(m.id, kInterface, m.id_span);
    for (const AssumptionRec& a : g.assumptions) add(a.id, kObject, a.id_span);
  }
  return out;
}

}  // namespace moat::lsp
