#include "cli/threat_report.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "analyzer/findings.hpp"
#include "analyzer/summary.hpp"

namespace moat::cli {

std::string readiness_line(const Analysis& a) {
  std::string out;
  for (const CategorySummary& s : a.categories) {
    out += fmt::format("{}{} {}", out.empty() ? "" : "; ", soc2_category_title(s.category),
                       readiness_text(s));
    if (s.assessed() > 0) {
      out += fmt::format(
          " ({} evidenced, {} claimed, {} partially met, {} not met, {} not assessed)",
          s.met_evidenced, s.met - s.met_evidenced, s.partially_met, s.not_met, s.not_assessed);
    }
  }
  return out;
}

std::string criteria_gaps(const ModelGraph& g, const Analysis& a) {
  std::string out;
  for (ControlStatus status : {ControlStatus::NotMet, ControlStatus::PartiallyMet}) {
    for (const ControlResult& c : a.controls) {
      if (c.status != status) continue;
      out += fmt::format("  {:<13} {:<6} {}\n", control_label(c.status), g.criteria[c.criterion].id,
                         c.reason);
    }
  }
  return out;
}

namespace {

/// "samples/clinic-booking.moat:47": where element `id` is declared.
std::string declared_at(const SourceManager& sources, const ModelGraph& g, ElementId id) {
  const ElementRec& e = g.elements[id];
  const LineCol lc = sources.line_col(e.id_span.file, e.id_span.begin);
  return fmt::format("{}:{}", sources.file(e.id_span.file).path, lc.line);
}

/// Most severe first; ties in id order, so lists are stable.
void by_severity(std::vector<const Threat*>& threats) {
  std::stable_sort(threats.begin(), threats.end(),
                   [](const Threat* x, const Threat* y) { return x->severity > y->severity; });
}

}  // namespace

std::vector<const Threat*> open_at_or_above(const ModelGraph& /*g*/, const Analysis& a,
                                            const std::string& severity) {
  const std::uint8_t bar = severity_rank(severity).value_or(0);
  std::vector<const Threat*> out;
  for (const Threat& t : a.threats) {
    if (t.status == ThreatStatus::Open && t.severity >= bar) out.push_back(&t);
  }
  by_severity(out);
  return out;
}

std::string fail_on_report(const SourceManager& sources, const ModelGraph& g,
                           const std::vector<const Threat*>& threats, const std::string& severity) {
  std::string out = fmt::format("moat: --fail-on {}: {} open threat{} at or above {}:\n", severity,
                                threats.size(), threats.size() == 1 ? "" : "s", severity);
  for (const Threat* t : threats) {
    out += fmt::format("  {:<8} {}  {}\n", severity_name(g, t->severity), threat_id(g, *t),
                       declared_at(sources, g, t->element));
  }
  return out;
}

namespace {

bool listed(const Finding& f, const TopList& list) {
  if (f.severity < list.min_severity) return false;
  if (list.hygiene == "hide") return !f.hygiene;
  return list.hygiene != "only" || f.hygiene;
}

/// One finding: severity, id, title, where; then its member threats when there are several.
std::string finding_lines(const SourceManager& sources, const ModelGraph& g, const Analysis& a,
                          const Finding& f) {
  const Threat& lead = a.threats[f.lead];
  std::string out = fmt::format("  {:<8} {}  {}{} ({})\n", severity_name(g, f.severity), f.id,
                                g.rules[lead.rule].title, f.hygiene ? " [hygiene]" : "",
                                declared_at(sources, g, f.anchor));
  if (f.members.size() > 1) {
    std::string ids;
    for (const ThreatId m : f.members)
      ids += (ids.empty() ? "" : ", ") + threat_id(g, a.threats[m]);
    out += fmt::format("           {} threats: {}\n", f.members.size(), ids);
  }
  return out;
}

std::string top_findings(const SourceManager& sources, const ModelGraph& g, const Analysis& a,
                         const TopList& list) {
  std::size_t open = 0, listable = 0;
  for (const Finding& f : a.findings) {
    if (f.status != ThreatStatus::Open) continue;
    ++open;
    listable += listed(f, list);
  }
  std::string out = fmt::format("findings: {} ({} open): threats grouped by root cause\n",
                                a.findings.size(), open);
  if (open == 0) return out;
  out += "top open findings:\n";
  // Only the findings shown are put in order.
  const std::vector<const Finding*> shown = ranked_open_findings(
      a, [&](const Finding& f) { return listed(f, list); }, list.top);
  for (const Finding* f : shown) out += finding_lines(sources, g, a, *f);
  if (listable > list.top)
    out += fmt::format("  ... and {} more (moat check --format json lists all)\n",
                       listable - list.top);
  if (listable < open)
    out += fmt::format("  ({} not listed: --min-severity {}, --hygiene {})\n", open - listable,
                       severity_name(g, list.min_severity), list.hygiene);
  return out;
}

}  // namespace

std::string threat_report(const SourceManager& sources, const ModelGraph& g, const Analysis& a,
                          const TopList& list) {
  const ThreatCounts counts = count_threats(g, a);
  std::string out = fmt::format("threats: {} ({} open, {} mitigated, {} accepted", counts.total,
                                counts.of(ThreatStatus::Open), counts.of(ThreatStatus::Mitigated),
                                counts.of(ThreatStatus::Accepted));
  // Said only when there are some, so models without dismissals read as before.
  if (const std::size_t n = counts.of(ThreatStatus::Dismissed))
    out += fmt::format(", {} dismissed", n);
  out += ")\n";
  if (counts.of(ThreatStatus::Open) > 0) {
    out += "  open by severity:";
    for (std::size_t s = kSeverityCount; s-- > 0;) {
      if (counts.open_by_severity[s])
        out += fmt::format(" {} {}", severity_name(g, static_cast<std::uint8_t>(s)),
                           counts.open_by_severity[s]);
    }
    out += "\n";
  }
  if (!a.threats.empty()) out += top_findings(sources, g, a, list);
  if (!a.categories.empty()) out += "SOC 2: " + readiness_line(a) + "\n" + criteria_gaps(g, a);
  return out;
}

}  // namespace moat::cli
