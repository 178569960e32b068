// Hover on the names of the model: an element with its open threats, a rule, a mitigation, an
// assumption, a SOC 2 control with its status in this model.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "analyzer/summary.hpp"
#include "lsp/hover_internal.hpp"

namespace moat::lsp {

namespace {

/// The most open threats a hover lists; the rest are counted.
constexpr std::size_t kMaxListed = 10;

/// The name of member `ordinal` of enum `enum_name`; "?" when a broken model lacks either.
std::string member_name(const ModelGraph& g, const char* enum_name, std::uint8_t ordinal) {
  auto it = g.schema.enum_ids.find(enum_name);
  if (it == g.schema.enum_ids.end()) return "?";
  const std::vector<std::string>& members = g.schema.enums[it->second].members;
  return ordinal < members.size() ? members[ordinal] : "?";
}

std::string element_hover(const Model& model, ElementId e) {
  const ModelGraph& g = model.compilation->graph;
  const ElementRec& rec = g.elements[e];
  std::string text = fmt::format("**{}** `{}` \"{}\"", kind_name(rec.kind), rec.id, rec.title);
  if (rec.kind != Kind::Flow && rec.kind != Kind::Data) {
    const std::string boundary = rec.boundary == kNoElement || rec.boundary == ModelGraph::kOutside
                                     ? "outside every boundary"
                                     : "in boundary `" + g.elements[rec.boundary].id + "`";
    text += fmt::format("\n\n{}, trust `{}`", boundary, member_name(g, "trust", rec.trust));
  } else if (rec.kind == Kind::Flow) {
    const FlowRec& f = g.flow(e);
    text += fmt::format("\n\n`{}` -> `{}`", g.elements[f.source].id, g.elements[f.target].id);
  }
  if (!model.analyzed) return text + "\n\n(threats: the model has errors)";
  std::vector<std::string> open;
  std::size_t total = 0;
  for (const Threat& t : model.analysis.threats) {
    if (t.element != e) continue;
    ++total;
    if (t.status != ThreatStatus::Open) continue;
    if (open.size() < kMaxListed) {
      open.push_back(fmt::format("- `{}` ({})", threat_id(g, t),
                                 member_name(g, "severity", g.rules[t.rule].severity)));
    } else {
      open.emplace_back();
    }
  }
  text +=
      fmt::format("\n\n{} open threat{} of {}", open.size(), open.size() == 1 ? "" : "s", total);
  for (const std::string& line : open) {
    if (!line.empty()) text += "\n" + line;
  }
  if (open.size() > kMaxListed) text += fmt::format("\n- and {} more", open.size() - kMaxListed);
  return text;
}

std::string controls_text(const ModelGraph& g, const std::vector<CriterionId>& controls) {
  std::vector<std::string> ids;
  for (const CriterionId c : controls) ids.push_back(g.criteria[c].id);
  return ids.empty() ? "none" : fmt::format("{}", fmt::join(ids, ", "));
}

std::string rule_hover(const ModelGraph& g, RuleId rule) {
  const RuleRec& r = g.rules[rule];
  return fmt::format("**rule** `{}`: {}\n\ncategory `{}`, severity `{}`, controls {}{}", r.id,
                     r.title, member_name(g, "stride", r.category),
                     member_name(g, "severity", r.severity), controls_text(g, r.controls),
                     r.from_stdlib ? "\n\n(standard library)" : "");
}

std::string criterion_hover(const Model& model, CriterionId criterion) {
  const ModelGraph& g = model.compilation->graph;
  const CriterionRec& c = g.criteria[criterion];
  std::string text =
      fmt::format("**{}** {}\n\ncategory: {}", c.id, c.title, soc2_category_title(c.category));
  if (!model.analyzed) return text;
  for (const ControlResult& r : model.analysis.controls) {
    if (r.criterion != criterion) continue;
    return text + fmt::format("\n\nstatus in this model: **{}**{} — {}",
                              control_status_name(r.status), r.manual ? " (attested)" : "",
                              r.reason);
  }
  return text + "\n\nnot in this model's SOC 2 scope";
}

}  // namespace

std::string hover_name(const Model& model, const Named& named) {
  const ModelGraph& g = model.compilation->graph;
  switch (named.kind) {
    case NameKind::Element:
      return element_hover(model, named.element);
    case NameKind::Rule:
      return rule_hover(g, named.rule);
    case NameKind::Criterion:
      return criterion_hover(model, named.criterion);
    case NameKind::Mitigation: {
      const MitigationRec& m = g.mitigations[named.mitigation];
      return fmt::format("**mitigation** `{}`: {}\n\nstatus `{}`, controls {}", m.id, m.title,
                         member_name(g, "mitigation_status", m.status),
                         controls_text(g, m.controls));
    }
    case NameKind::Assumption: {
      const AssumptionRec& a = g.assumptions[named.assumption];
      return fmt::format("**assumption** `{}`: {}\n\nstatus `{}`", a.id, a.title,
                         member_name(g, "assumption_status", a.status));
    }
    case NameKind::None:
      break;
  }
  return {};
}

std::optional<HoverText> hover_at(const Model& model, FileId file, std::uint32_t offset) {
  const Compilation& c = *model.compilation;
  for (const auto& module : c.program.modules) {
    if (module->file != file) continue;
    if (auto h = hover_attribute(model, *module, offset)) return h;
  }
  const Named named = name_at(model, c.program.sources.file(file).text, offset);
  if (named.kind == NameKind::None) return std::nullopt;
  return HoverText{hover_name(model, named), named.begin, named.end};
}

}  // namespace moat::lsp
