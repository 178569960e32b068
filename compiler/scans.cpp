#include "compiler/scans.hpp"

#include <unordered_map>

#include "compiler/attrs.hpp"

namespace moat {

namespace {

ScanDeclRec lower(const ast::NamedDecl& d, ModelGraph& g, ValueConverter& values) {
  ScanDeclRec rec;
  rec.id = d.id.name;
  rec.title = d.title.value_or(d.id.name);
  rec.id_span = d.id.span;
  const Attrs f{g, DeclKind::Scan, values.fill(DeclKind::Scan, d.attrs, rec.id, d.id.span)};
  rec.path = f.str("path");
  rec.path_span = d.id.span;
  for (const ast::Attribute& a : d.attrs) {
    if (a.name.name == "path") rec.path_span = a.value.span;
  }
  rec.kind = f.ordinal("kind");
  rec.max_age = f.opt_int("max_age").value_or(-1);
  rec.threshold = f.ordinal("threshold");
  return rec;
}

}  // namespace

void build_scans(const std::vector<const ast::Module*>& modules, ModelGraph& g,
                 ValueConverter& values, DiagnosticSink& diags) {
  std::unordered_map<std::string, std::size_t> seen;
  for (const ast::Module* m : modules) {
    for (const ast::NamedDecl& d : m->scans) {
      const auto [it, fresh] = seen.emplace(d.id.name, g.scans.size());
      if (!fresh) {
        diags.report_duplicate(d.id.span, "scan", d.id.name, g.scans[it->second].id_span);
        continue;
      }
      g.scans.push_back(lower(d, g, values));
    }
  }
}

}  // namespace moat
