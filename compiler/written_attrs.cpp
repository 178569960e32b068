#include "compiler/written_attrs.hpp"

namespace moat {

namespace {

bool same(const Span& a, const Span& b) {
  return a.file == b.file && a.begin == b.begin && a.end == b.end;
}

std::optional<Span> find(const std::vector<ast::Attribute>& attrs, std::string_view name) {
  for (const ast::Attribute& a : attrs) {
    if (a.name.name == name) return a.value.span;
  }
  return std::nullopt;
}

}  // namespace

std::optional<Span> written_attribute(const Program& program, const ModelGraph& g, ElementId e,
                                      std::string_view name) {
  const ElementRec& rec = g.elements[e];
  for (const ast::Module* m : program.ordered()) {
    if (rec.kind == Kind::Flow) {
      for (const ast::FlowDecl& f : m->flows) {
        if (same(f.keyword, rec.keyword)) return find(f.attrs, name);
      }
      continue;
    }
    for (const ast::ElementDecl& d : m->elements) {
      if (same(d.keyword, rec.keyword)) return find(d.attrs, name);
    }
  }
  return std::nullopt;
}

}  // namespace moat
