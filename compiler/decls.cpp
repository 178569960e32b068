#include "compiler/decls.hpp"

#include <set>

#include "compiler/attrs.hpp"
#include "compiler/expr_compile.hpp"
#include "compiler/rule_controls.hpp"
#include "compiler/weaknesses.hpp"

namespace moat {

namespace {

template <typename Rec>
void check_unique(const std::vector<Rec>& recs, const char* what, DiagnosticSink& diags) {
  std::unordered_map<std::string, const Rec*> seen;
  for (const Rec& r : recs) {
    auto [it, fresh] = seen.emplace(r.id, &r);
    if (!fresh) {
      diags.report_duplicate(r.id_span, what, r.id, it->second->id_span);
    }
  }
}

/// Gives each resolved target the text and span it was written with. Targets that failed to
/// resolve were dropped (and reported), so the written items are matched in order.
void attach_target_text(const std::vector<ast::Attribute>& attrs, const ModelGraph& g,
                        std::vector<TargetRef>& targets) {
  const EnumDef& stride = g.schema.enums[g.builtins.stride];
  auto resolves = [&](const std::string& text) {
    const std::size_t dot = text.find('.');
    if (g.find(std::string_view(text).substr(0, dot)) == kNoElement) return false;
    if (dot == std::string::npos) return true;
    const std::string tail = text.substr(dot + 1);
    if (stride.member_index(tail) >= 0 || !find_weakness(g, tail).is_none()) return true;
    for (const RuleRec& r : g.rules) {
      if (r.id == tail) return true;
    }
    return false;
  };
  for (const ast::Attribute& a : attrs) {
    if (a.name.name != "mitigates") continue;
    const std::vector<ast::Value> one{a.value};
    const auto& items = a.value.kind == ast::ValueKind::List ? a.value.items : one;
    std::size_t next = 0;
    for (const ast::Value& v : items) {
      if (v.kind != ast::ValueKind::Ref || !resolves(v.text) || next >= targets.size()) continue;
      targets[next].text = v.text;
      targets[next++].span = v.span;
    }
  }
}

}  // namespace

TargetRef decision_target(ValueConverter& values, const ast::Value& target, const char* what) {
  const Type type{Base::Target, false, false, 0, 0};
  const Val t = values.convert(target, type, what);
  TargetRef out;
  if (t.is_set())
    out = ValueConverter::unpack_target(t);
  else
    out.element = kNoElement;
  out.text = target.text;
  out.span = target.span;
  return out;
}

void fill_threat_fields(const Attrs& f, RuleRec& rec) {
  rec.category = f.ordinal("category");
  rec.severity = f.ordinal("severity");
  rec.controls = f.list<CriterionId>("controls");
  rec.supports = f.list<CriterionId>("supports");
  if (const Val cwe = f.get("cwe"); cwe.is_set()) rec.cwe = static_cast<int>(cwe.as_number());
  rec.advice = f.str("advice");
  rec.description = f.str("description");
}

void declare_criteria(const std::vector<const ast::Module*>& modules, ModelGraph& g,
                      ValueConverter& values, DiagnosticSink& diags) {
  for (const ast::Module* m : modules) {
    for (const ast::ControlDecl& c : m->criteria) {
      CriterionRec rec;
      rec.id = c.id.text;
      rec.title = c.title.value_or(c.id.text);
      rec.id_span = c.id.span;
      const std::uint32_t off = values.fill(DeclKind::Criterion, c.attrs, rec.id, c.id.span);
      const Attrs f{g, DeclKind::Criterion, off};
      rec.category = f.ordinal("category");
      rec.cls = f.ordinal("class");
      rec.area = f.str("area");
      rec.scans = f.list<std::uint8_t>("scans");
      auto [it, fresh] = g.criterion_ids.emplace(rec.id, g.criteria.next_id());
      if (!fresh) {
        diags.report_duplicate(rec.id_span, "criterion", rec.id, g.criteria[it->second].id_span);
        continue;
      }
      g.criteria.push_back(std::move(rec));
    }
  }
}

void declare_rules(const std::vector<const ast::Module*>& modules, const SourceManager& sources,
                   ModelGraph& g, ValueConverter&, DiagnosticSink& diags) {
  const EnumDef& stride = g.schema.enums[g.builtins.stride];
  for (const ast::Module* m : modules) {
    for (const ast::RuleDecl& r : m->rules) {
      RuleRec rec;
      rec.id = r.id.name;
      rec.title = r.title.value_or(r.id.name);
      rec.id_span = r.id.span;
      rec.from_stdlib = sources.file(m->file).is_stdlib;
      if (stride.member_index(rec.id) >= 0) {
        diags.report(DiagKind::DuplicateId, r.id.span,
                     "rule id '" + rec.id + "' is a STRIDE category name; choose another id");
      }
      g.rules.push_back(std::move(rec));
    }
  }
  check_unique(g.rules, "rule", diags);
}

void build_rules(const std::vector<const ast::Module*>& modules, ModelGraph& g,
                 ValueConverter& values, DiagnosticSink& diags) {
  std::uint32_t index = 0;
  for (const ast::Module* m : modules) {
    for (const ast::RuleDecl& r : m->rules) {
      RuleRec& rec = g.rules[RuleId(index++)];
      rec.attrs = values.fill(DeclKind::Rule, without_mitigated_by(r.attrs), rec.id, r.id.span);
      const Attrs f{g, DeclKind::Rule, rec.attrs};
      for (auto k : f.list<std::uint8_t>("applies")) rec.applies |= static_cast<KindMask>(1u << k);
      fill_threat_fields(f, rec);
      if (const Val k = f.get("from_scans"); k.is_set())
        rec.from_scans = static_cast<std::int16_t>(k.bits);
      if (!r.when) {
        diags.report(DiagKind::MissingAttribute, r.id.span,
                     "rule '" + rec.id + "' needs a 'when' condition");
        continue;
      }
      rec.when_span = r.when->span;
      for (int k = 0; k < kKindCount; ++k) {
        if (rec.applies & (1u << k)) {
          rec.when[k] = compile_when(*r.when, static_cast<Kind>(k), g, rec.id, diags);
        }
      }
      compile_rule_controls(r, rec, g, diags);
    }
  }
}

void build_model_info(const std::vector<const ast::Module*>& modules, ModelGraph& g,
                      ValueConverter& values, DiagnosticSink& diags, bool require_model,
                      Span where) {
  const ast::ModelDecl* first = nullptr;
  for (const ast::Module* m : modules) {
    for (const ast::ModelDecl& d : m->models) {
      if (first) {
        diags.report(DiagKind::DuplicateModel, d.keyword, "a second 'model' declaration")
            .notes.push_back({first->keyword, "the model is declared here"});
        continue;
      }
      first = &d;
    }
  }
  if (!first) {
    if (require_model) {
      diags.report(DiagKind::MissingModel, where, "no 'model' declaration")
          .notes.push_back({{}, "start the file with: model \"Name\" { version = \"1.0\" }"});
    }
    g.model.attrs = values.fill(DeclKind::Model, {}, "model", {});
    return;
  }
  g.model.title = first->title;
  g.model.keyword = first->keyword;
  g.model.attrs = values.fill(DeclKind::Model, first->attrs, first->title, first->keyword);
  const Attrs f{g, DeclKind::Model, g.model.attrs};
  g.model.version = f.str("version");
  g.model.owner = f.str("owner");
  g.model.scope = f.str("scope");
  g.model.description = f.str("description");
  g.model.quiet_locations = f.ordinal("quiet_locations") != 0;
  g.model.soc2_scope = 1;  // security is always in scope
  for (auto c : f.list<std::uint8_t>("soc2_scope"))
    g.model.soc2_scope |= static_cast<std::uint8_t>(1u << c);
}

void build_assurance(const std::vector<const ast::Module*>& modules, ModelGraph& g,
                     ValueConverter& values, DiagnosticSink& diags) {
  // Assumptions first: mitigations refer to them.
  for (const ast::Module* m : modules) {
    for (const ast::NamedDecl& d : m->assumptions) {
      g.assumptions.push_back({d.id.name, d.title.value_or(d.id.name), d.id.span, {}, {}, 0, 0});
    }
  }
  check_unique(g.assumptions, "assumption", diags);
  std::uint32_t index = 0;
  for (const ast::Module* m : modules) {
    for (const ast::NamedDecl& d : m->assumptions) {
      AssumptionRec& a = g.assumptions[AssumptionId(index++)];
      a.attrs = values.fill(DeclKind::Assumption, d.attrs, a.id, d.id.span);
      const Attrs f{g, DeclKind::Assumption, a.attrs};
      a.affects = f.list<ElementId>("affects");
      a.owner = f.str("owner");
      a.status = f.ordinal("status");
    }
  }
  for (const ast::Module* m : modules) {
    for (const ast::NamedDecl& d : m->mitigations) {
      MitigationRec rec;
      rec.id = d.id.name;
      rec.title = d.title.value_or(d.id.name);
      rec.id_span = d.id.span;
      rec.attrs = values.fill(DeclKind::Mitigation, d.attrs, rec.id, d.id.span);
      const Attrs f{g, DeclKind::Mitigation, rec.attrs};
      const Val targets = f.get("mitigates");
      if (targets.is_set()) {
        for (std::uint32_t i = 0; i < targets.list_size(); ++i) {
          rec.targets.push_back(
              ValueConverter::unpack_target(g.list_items[targets.list_offset() + i]));
        }
      }
      attach_target_text(d.attrs, g, rec.targets);
      rec.controls = f.list<CriterionId>("controls");
      rec.status = f.ordinal("status");
      rec.evidence = f.strings("evidence");
      rec.evidence_strings = f.list<StringId>("evidence");
      rec.owner = f.str("owner");
      rec.ticket = f.str("ticket");
      rec.due = f.opt_int("due");
      rec.assumes = f.list<AssumptionId>("assumes");
      g.mitigations.push_back(std::move(rec));
    }
  }
  check_unique(g.mitigations, "mitigation", diags);
  for (const ast::Module* m : modules) {
    for (const ast::AcceptDecl& d : m->accepts) {
      AcceptRec rec;
      rec.keyword = d.keyword;
      rec.target = decision_target(values, d.target, "accept");
      rec.attrs = values.fill(DeclKind::Accept, d.attrs, d.target.text, d.target.span);
      const Attrs f{g, DeclKind::Accept, rec.attrs};
      rec.reason = f.str("reason");
      rec.owner = f.str("owner");
      rec.ticket = f.str("ticket");
      rec.expires = f.opt_int("expires");
      g.accepts.push_back(std::move(rec));
    }
    for (const ast::ControlDecl& d : m->attestations) {
      AttestRec rec;
      rec.span = d.id.span;
      const Type control{Base::Control, false, false, 0, 0};
      const Val c = values.convert(d.id, control, "attest");
      const std::uint32_t off = values.fill(DeclKind::Attest, d.attrs, d.id.text, d.id.span);
      if (!c.is_set()) continue;
      rec.criterion = c.id<CriterionId>();
      const Attrs f{g, DeclKind::Attest, off};
      rec.status = f.ordinal("status");
      rec.owner = f.str("owner");
      rec.note = f.str("note");
      rec.evidence = f.strings("evidence");
      rec.reviewed = f.opt_int("reviewed");
      g.attestations.push_back(std::move(rec));
    }
  }
}

}  // namespace moat
