#include "compiler/expert_threats.hpp"

#include <unordered_map>

#include "compiler/attrs.hpp"
#include "compiler/decls.hpp"

namespace moat {

namespace {

/// Index of the first expert threat in ModelGraph::rules: every rule comes before them.
RuleId first_expert(const ModelGraph& g, const std::vector<const ast::Module*>& modules) {
  std::size_t n = 0;
  for (const ast::Module* m : modules) n += m->threats.size();
  return RuleId::at(g.rules.size() - n);
}

/// A threat id must differ from every rule id and every other threat id: `ELEMENT.ID` in a
/// target names either, so a shared id would make the target ambiguous.
bool clashes(const ModelGraph& g, const ast::NamedDecl& d,
             const std::unordered_map<std::string, RuleId>& seen, RuleId first,
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
  std::unordered_map<std::string, RuleId> seen;
  const RuleId first = g.rules.next_id();
  for (const RuleId r : g.rules.ids()) seen.emplace(g.rules[r].id, r);
  for (const ast::Module* m : modules) {
    for (const ast::NamedDecl& d : m->threats) {
      const bool clash = clashes(g, d, seen, first, diags);
      if (!clash) seen.emplace(d.id.name, g.rules.next_id());
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
  std::uint32_t index = first_expert(g, modules).index();
  for (const ast::Module* m : modules) {
    for (const ast::NamedDecl& d : m->threats) {
      RuleRec& rec = g.rules[RuleId(index++)];
      rec.attrs = values.fill(DeclKind::Threat, d.attrs, rec.id, d.id.span);
      const Attrs f{g, DeclKind::Threat, rec.attrs};
      if (const Val on = f.get("on"); on.is_set()) rec.expert_on = on.id<ElementId>();
      fill_threat_fields(f, rec);
    }
  }
}

}  // namespace moat
