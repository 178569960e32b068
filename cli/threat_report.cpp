#include "cli/threat_report.hpp"

#include <algorithm>

#include <fmt/format.h>

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

/// "samples/clinic-booking.moat:47": where the threat's element is declared.
std::string declared_at(const SourceManager& sources, const ModelGraph& g, const Threat& t) {
  const ElementRec& e = g.elements[t.element];
  const LineCol lc = sources.line_col(e.id_span.file, e.id_span.begin);
  return fmt::format("{}:{}", sources.file(e.id_span.file).path, lc.line);
}

/// Most severe first; ties in id order, so lists are stable.
void by_severity(const ModelGraph& g, std::vector<const Threat*>& threats) {
  std::stable_sort(threats.begin(), threats.end(), [&](const Threat* x, const Threat* y) {
    return g.rules[x->rule].severity > g.rules[y->rule].severity;
  });
}

}  // namespace

std::vector<const Threat*> open_at_or_above(const ModelGraph& g, const Analysis& a,
                                            const std::string& severity) {
  const std::uint8_t bar = severity_rank(severity).value_or(0);
  std::vector<const Threat*> out;
  for (const Threat& t : a.threats) {
    if (t.status == ThreatStatus::Open && g.rules[t.rule].severity >= bar) out.push_back(&t);
  }
  by_severity(g, out);
  return out;
}

std::string fail_on_report(const SourceManager& sources, const ModelGraph& g,
                           const std::vector<const Threat*>& threats, const std::string& severity) {
  std::string out = fmt::format("moat: --fail-on {}: {} open threat{} at or above {}:\n", severity,
                                threats.size(), threats.size() == 1 ? "" : "s", severity);
  for (const Threat* t : threats) {
    out += fmt::format("  {:<8} {}  {}\n", severity_name(g, g.rules[t->rule].severity),
                       threat_id(g, *t), declared_at(sources, g, *t));
  }
  return out;
}

std::string threat_report(const SourceManager& sources, const ModelGraph& g, const Analysis& a,
                          std::size_t top) {
  const ThreatCounts counts = count_threats(g, a);
  std::vector<const Threat*> open;
  for (const Threat& t : a.threats) {
    if (t.status == ThreatStatus::Open) open.push_back(&t);
  }
  std::string out = fmt::format("threats: {} ({} open, {} mitigated, {} accepted", counts.total,
                                counts.of(ThreatStatus::Open), counts.of(ThreatStatus::Mitigated),
                                counts.of(ThreatStatus::Accepted));
  // Said only when there are some, so models without dismissals read as before.
  if (const std::size_t n = counts.of(ThreatStatus::Dismissed))
    out += fmt::format(", {} dismissed", n);
  out += ")\n";
  if (!open.empty()) {
    out += "  open by severity:";
    for (std::size_t s = kSeverityCount; s-- > 0;) {
      if (counts.open_by_severity[s])
        out += fmt::format(" {} {}", severity_name(g, static_cast<std::uint8_t>(s)),
                           counts.open_by_severity[s]);
    }
    out += "\n";
    by_severity(g, open);
    out += fmt::format("top open threats:\n");
    for (std::size_t i = 0; i < open.size() && i < top; ++i) {
      const Threat& t = *open[i];
      out += fmt::format("  {:<8} {}  {} ({})\n", severity_name(g, g.rules[t.rule].severity),
                         threat_id(g, t), g.rules[t.rule].title, declared_at(sources, g, t));
    }
    if (open.size() > top)
      out += fmt::format("  ... and {} more (moat check --format json lists all)\n",
                         open.size() - top);
  }
  if (!a.categories.empty()) out += "SOC 2: " + readiness_line(a) + "\n" + criteria_gaps(g, a);
  return out;
}

}  // namespace moat::cli
