#include "compiler/expert_threats.hpp"

#include <unordered_map>

#include "compiler/attrs.hpp"
#include "compiler/decls.hpp"

namespace moat {

namespace {

/// Index of the first expert threat in ModelGraph::rules: every rule comes before them.
std::size_t first_expert(const ModelGraph& g, const std::vector<const ast::Module*>& modules) {
  std::size_t n = 0;
  for (const ast::Module* m : modules) n += m->threats.size();
  return g.rules.size() - n;
}

/// A threat id must differ from every rule id and every other threat id: `ELEMENT.ID` in a
/// target names either, so a shared id would make the target ambiguous.
bool clashes(const ModelGraph& g, const ast::NamedDecl& d,
             const std::unordered_map<std::string, std::size_t>& seen, std::size_t first,
             DiagnosticSink& diags) {
  const EnumDef& stride = g.schema.enums[g.builtins.stride];
  if (stride.member_index(d.id.name) >= 0) {
    diags.report(DiagKind::DuplicateId, d.id.span,
                 "threat id '" + d.id.name + "' is a STRIDE category name; choose another id");
    return true;
  }
  const auto it = seen.find(d.id.name);
  if (it == seen.end()) return false;
  const RuleRec& other = g.rules[it->second];
  if (it->second >= first) {
    diags.report_duplicate(d.id.span, "threat", d.id.name, other.id_span);
    return true;
  }
  Diagnostic& diag =
      diags.report(DiagKind::DuplicateId, d.id.span,
                   "threat id '" + d.id.name + "' is the id of rule '" + other.id +
                       "': a target 'ELEMENT." + d.id.name + "' could not tell them apart");
  diag.notes.push_back({other.id_span, "the rule is declared here"});
  diag.notes.push_back({{}, "rename the threat, as in 'threat " + d.id.name + "_found'"});
  return true;
}

}  // namespace

void declare_expert_threats(const std::vector<const ast::Module*>& modules, ModelGraph& g,
                            DiagnosticSink& diags) {
  std::unordered_map<std::string, std::size_t> seen;
  const std::size_t first = g.rules.size();
  for (std::size_t r = 0; r < first; ++r) seen.emplace(g.rules[r].id, r);
  for (const ast::Module* m : modules) {
    for (const ast::NamedDecl& d : m->threats) {
      const bool clash = clashes(g, d, seen, first, diags);
      if (!clash) seen.emplace(d.id.name, g.rules.size());
      RuleRec rec;
      rec.id = d.id.name;
      rec.title = d.title.value_or(d.id.name);
      rec.id_span = d.id.span;
      g.rules.push_back(std::move(rec));
    }
  }
}

void build_expert_threats(const std::vector<const ast::Module*>& modules, ModelGraph& g,
                          ValueConverter& values) {
  std::size_t index = first_expert(g, modules);
  for (const ast::Module* m : modules) {
    for (const ast::NamedDecl& d : m->threats) {
      RuleRec& rec = g.rules[index++];
      rec.attrs = values.fill(DeclKind::Threat, d.attrs, rec.id, d.id.span);
      const Attrs f{g, DeclKind::Threat, rec.attrs};
      if (const Val on = f.get("on"); on.is_set()) rec.expert_on = static_cast<ElementId>(on.bits);
      fill_threat_fields(f, rec);
    }
  }
}

}  // namespace moat
