#include "analyzer/explain.hpp"

#include <fmt/format.h>

#include "analyzer/assurance.hpp"
#include "analyzer/evaluator.hpp"
#include "analyzer/findings.hpp"
#include "analyzer/readiness.hpp"
#include "analyzer/risk.hpp"
#include "compiler/literals.hpp"

namespace moat {

std::string format_value(const ModelGraph& g, const Type& type, Val v) {
  if (!v.is_set()) return "(not set)";
  switch (type.base) {
    case Base::Bool:
      return v.bits ? "true" : "false";
    case Base::Number:
      return fmt::format("{}", v.as_number());
    case Base::Date:
      return format_date(v.bits);
    case Base::Duration:
      return format_duration(v.bits);
    case Base::Enum:
      return g.schema.enums[type.enum_id].members[v.bits];
    case Base::Element:
      return g.elements[v.id<ElementId>()].id;
    case Base::Control:
      return g.criteria[v.id<CriterionId>()].id;
    case Base::String:
    case Base::Location:
    case Base::Name:
      return "\"" + g.strings[v.id<StringId>()] + "\"";
    default:
      return fmt::format("{}", v.bits);
  }
}

namespace {

class Explainer {
 public:
  Explainer(const SourceManager& sources, const ModelGraph& g, const GraphFacts& facts,
            const CompiledExpr& expr)
      : sources_(sources), g_(g), facts_(facts), expr_(expr), eval_(g, &facts) {}

  std::string run(ElementId e) {
    eval_.set_subject(e);
    node(expr_.root, 1);
    if (eval_.exhausted()) {
      out_ += fmt::format(
          "  (evaluation stopped after {} quantifier steps, the limit for this "
          "model: the values above are incomplete)\n",
          evaluation_budget(g_));
    }
    return out_;
  }

 private:
  std::string text(const ExprNode& n) const {
    std::string t(sources_.text(n.span));
    for (char& c : t)
      if (c == '\n' || c == '\t') c = ' ';
    return t;
  }

  /// A value as written; a string literal of the rule lives in the expression's own pool.
  std::string show(const Type& type, Val v) const {
    if (type.base == Base::String && v.is_set() && v.bits < 0)
      return "\"" + expr_.strings[static_cast<std::size_t>(-v.bits - 1)] + "\"";
    return format_value(g_, type, v);
  }

  std::string list_text(std::int32_t i) {
    const ListRef items = eval_.list(expr_, i);
    const Type item = expr_.nodes[i].type.element_type();
    std::string s = "[";
    for (std::uint32_t k = 0; k < items.size; ++k) {
      s += (k ? ", " : "") + show(item, Val::of(items.at(k)));
    }
    return s + "]";
  }

  void quantifier(const ExprNode& n, int depth) {
    const ListRef items = eval_.list(expr_, n.a);
    // `count(list)` counts a list of anything (`count(tags)`): items are shown by their type,
    // never read as element ids.
    const Type item_type = expr_.nodes[n.a].type.element_type();
    std::string hits;
    std::uint32_t count = 0;
    for (std::uint32_t k = 0; k < items.size; ++k) {
      // Only a quantifier with a condition has a scope of its own.
      if (n.b >= 0) {
        eval_.set_scope(n.scope, items.element(k));
        if (!eval_.value(expr_, n.b).bits) continue;
      }
      hits += (count++ ? ", " : "") + show(item_type, Val::of(items.at(k)));
    }
    out_ += fmt::format("{}  {} of {} item{} {}: [{}]\n", std::string(depth * 2, ' '), count,
                        items.size, items.size == 1 ? "" : "s",
                        n.b >= 0 ? "satisfy the condition" : "counted", hits);
  }

  /// The path behind a graph property: where the least trusted zone it names comes from.
  void path(const ExprNode& n, int depth) {
    if (n.prop != Computed::ReachedFrom && n.prop != Computed::DataFrom) return;
    const Val subject = n.base < 0 ? Val::of(eval_.scope(n.scope)) : eval_.value(expr_, n.base);
    if (!subject.is_set()) return;
    const Propagation& p = n.prop == Computed::ReachedFrom ? facts_.reached : facts_.data;
    const std::vector<ElementId> via = p.path(g_, subject.id<ElementId>());
    if (via.empty()) return;
    out_ += fmt::format("{}via {}\n", std::string(depth * 2, ' '), path_text(g_, via));
  }

  void node(std::int32_t i, int depth) {
    const ExprNode& n = expr_.nodes[i];
    const std::string value = n.type.list ? list_text(i) : show(n.type, eval_.value(expr_, i));
    out_ += fmt::format("{}{}  =>  {}\n", std::string(depth * 2, ' '), text(n), value);
    if (n.op == Op::Prop) path(n, depth + 1);
    switch (n.op) {
      case Op::Not:
        node(n.a, depth + 1);
        break;
      case Op::And:
      case Op::Or:
      case Op::Compare:
      case Op::InList:
        node(n.a, depth + 1);
        node(n.b, depth + 1);
        break;
      case Op::Any:
      case Op::All:
      case Op::Count:
        quantifier(n, depth + 1);
        break;
      default:
        break;
    }
  }

  const SourceManager& sources_;
  const ModelGraph& g_;
  const GraphFacts& facts_;
  const CompiledExpr& expr_;
  Evaluator eval_;
  std::string out_;
};

std::string where(const SourceManager& sources, Span span) {
  if (!span.valid()) return "";
  const LineCol lc = sources.line_col(span.file, span.begin);
  return fmt::format("{}:{}:{}", sources.file(span.file).path, lc.line, lc.column);
}

/// The other threats that the same target covers, so a broad target shows what else it claims.
std::string also_covered(const ModelGraph& g, const Analysis& a, const Threat* threat,
                         const Cover& which) {
  std::string ids;
  for (const Threat& t : a.threats) {
    if (&t == threat) continue;
    for (const Cover& c : t.covered_by) {
      if (!c.attribute && c.acceptance == which.acceptance && c.dismissal == which.dismissal &&
          c.mitigation == which.mitigation && c.accept == which.accept &&
          c.dismiss == which.dismiss && c.target == which.target) {
        ids += (ids.empty() ? "" : ", ") + threat_id(g, t);
        break;
      }
    }
  }
  return ids.empty() ? "" : "\n    the target also covers " + ids;
}

/// "finding " before a finding target's text: the target covers the members of that finding.
std::string finding_word(const TargetRef& t) {
  return t.form == TargetRef::Form::Finding ? "finding " : "";
}

std::string mitigation_lines(const ModelGraph& g, const Analysis& a, const Threat* threat,
                             RuleId rule, ElementId e) {
  // Status names from the schema's enum, not a table of four that a status would index blindly.
  const EnumDef& statuses = g.schema.enums[g.builtins.mitigation_status];
  std::string out;
  for (MitigationId m : g.mitigations.ids()) {
    const MitigationRec& rec = g.mitigations[m];
    bool any = false;
    std::int32_t hit = -1;
    for (std::uint32_t t = 0; t < rec.targets.size(); ++t) {
      any = any || names_element(g, rec.targets[t].element, e);
      if (hit < 0 && covers(g, rec.targets[t], rule, e)) hit = static_cast<std::int32_t>(t);
    }
    if (!any && hit < 0) continue;
    if (hit < 0) {
      out += fmt::format(
          "  mitigation {} ({}): names this element, but not this threat's category, "
          "rule or finding\n",
          rec.id, statuses.members[rec.status]);
      continue;
    }
    const auto t = static_cast<std::uint32_t>(hit);
    out += fmt::format(
        "  mitigation {} ({}): covers it through {}'{}', {}{}\n", rec.id,
        statuses.members[rec.status], finding_word(rec.targets[t]), rec.targets[t].text,
        rec.status >= kImplemented ? "and is implemented: the threat is mitigated"
                                   : "but is not implemented yet: it does not close the threat",
        also_covered(g, a, threat, Cover::of_mitigation(m, t)));
  }
  return out;
}

std::string acceptance_lines(const ModelGraph& g, const Analysis& a, const Threat* threat,
                             RuleId rule, ElementId e) {
  std::string out;
  for (AcceptId i : g.accepts.ids()) {
    const AcceptRec& acc = g.accepts[i];
    const bool hit = covers(g, acc.target, rule, e);
    if (!hit && !names_element(g, acc.target.element, e)) continue;
    const bool expired = acc.expires && *acc.expires < a.today;
    out += fmt::format("  accept {} (owner {}{}): {}{}\n", acc.target.text, acc.owner,
                       acc.expires ? ", expires " + format_date(*acc.expires) : "",
                       !hit ? "does not cover this threat"
                            : "covers it through " + finding_word(acc.target) + "'" +
                                  acc.target.text + "'" + (expired ? ", but has expired" : ""),
                       hit ? also_covered(g, a, threat, Cover::of_acceptance(i)) : "");
  }
  return out;
}

std::string dismissal_lines(const ModelGraph& g, const Analysis& a, const Threat* threat,
                            RuleId rule, ElementId e) {
  std::string out;
  for (DismissId i : g.dismissals.ids()) {
    const DismissRec& d = g.dismissals[i];
    const bool hit = covers(g, d.target, rule, e);
    if (!hit && !names_element(g, d.target.element, e)) continue;
    if (!hit) {
      out += fmt::format("  dismiss {}: does not cover this threat\n", d.target.text);
      continue;
    }
    out += fmt::format(
        "  dismiss {}: covers it through {}'{}': dismissed by {} as {} because {}{}\n",
        d.target.text, finding_word(d.target), d.target.text, d.by, dismissal_name(g, d.as),
        d.reason, also_covered(g, a, threat, Cover::of_dismissal(i)));
  }
  return out;
}

std::string assurance_lines(const ModelGraph& g, const Analysis& a, RuleId rule, ElementId e) {
  const Threat* threat = nullptr;
  for (const Threat& t : a.threats) {
    if (t.rule == rule && t.element == e) threat = &t;
  }
  std::string out =
      mitigation_lines(g, a, threat, rule, e) + acceptance_lines(g, a, threat, rule, e);
  out += dismissal_lines(g, a, threat, rule, e);
  if (out.empty()) out = "  no mitigation, acceptance or dismissal names this element\n";
  const char* status = threat ? threat_status_name(threat->status) : "not raised";
  const std::string soc2 = threat ? threat_readiness_lines(g, a, a.threats.id_of(*threat)) : "";
  return fmt::format("status: {}\n{}{}", status, out, soc2);
}

/// An expert-written threat has no condition: it holds on the element it names, and nowhere else.
std::string explain_expert(const SourceManager& sources, const ModelGraph& g, const Analysis& a,
                           RuleId rule, ElementId element) {
  const RuleRec& r = g.rules[rule];
  std::string out = fmt::format("written by hand: threat {} \"{}\" ({}, {}) at {}\n", r.id, r.title,
                                category_name(g, r.category), severity_name(g, r.severity),
                                where(sources, r.id_span));
  const ElementRec& on = g.elements[r.expert_on];
  out += fmt::format("on {} {} \"{}\" at {}\n", kind_name(on.kind), on.id, on.title,
                     where(sources, on.id_span));
  if (!r.description.empty()) out += "description: " + r.description + "\n";
  if (r.expert_on != element)
    return out +
           fmt::format("it is declared on '{}', not on '{}'\n", on.id, g.elements[element].id);
  return out + assurance_lines(g, a, rule, element) + explain_risk(g, rule, element) +
         explain_finding(g, a, rule, element);
}

}  // namespace

std::string explain(const SourceManager& sources, const ModelGraph& g, const Analysis& a,
                    RuleId rule, ElementId element) {
  const RuleRec& r = g.rules[rule];
  const ElementRec& e = g.elements[element];
  std::string out = fmt::format("threat {}.{}\n", e.id, r.id);
  if (r.expert()) return out + explain_expert(sources, g, a, rule, element);
  out += fmt::format("rule {} \"{}\" ({}, {}) at {}\n", r.id, r.title, category_name(g, r.category),
                     severity_name(g, r.severity), where(sources, r.id_span));
  out += fmt::format("element {} {} \"{}\" at {}\n", kind_name(e.kind), e.id, e.title,
                     where(sources, e.id_span));
  const CompiledExpr& when = r.when[static_cast<int>(e.kind)];
  if (!(r.applies & kind_bit(e.kind)) || !when.valid()) {
    out +=
        fmt::format("the rule applies to other kinds of element; it is never evaluated on a {}\n",
                    kind_name(e.kind));
    return out;
  }
  out += "when:\n" + Explainer(sources, g, a.graph, when).run(element);
  for (const RuleControl& c : r.mitigated_by) {
    const CompiledExpr& control = c.expr[static_cast<int>(e.kind)];
    if (!control.valid()) continue;
    const bool set = Evaluator(g, &a.graph).holds(control, element);
    out += fmt::format("mitigated_by {} ({}):\n{}", c.text,
                       set ? "set: the threat is mitigated by this attribute, a claim of the model "
                             "rather than evidence"
                           : "not set",
                       Explainer(sources, g, a.graph, control).run(element));
  }
  out += assurance_lines(g, a, rule, element);
  return out + explain_risk(g, rule, element) + explain_finding(g, a, rule, element);
}

}  // namespace moat
