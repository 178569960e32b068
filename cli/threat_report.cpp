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
      out += fmt::format(" ({} warning, {} failing, {} not assessed)", s.warning, s.failing,
                         s.not_assessed);
    }
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
  std::string out = fmt::format("threats: {} ({} open, {} mitigated, {} accepted)\n", counts.total,
                                counts.of(ThreatStatus::Open), counts.of(ThreatStatus::Mitigated),
                                counts.of(ThreatStatus::Accepted));
  if (!open.empty()) {
    out += "  open by severity:";
    for (std::size_t s = kSeverityCount; s-- > 0;) {
      if (counts.open_by_severity[s])
        out += fmt::format(" {} {}", severity_name(g, static_cast<std::uint8_t>(s)),
                           counts.open_by_severity[s]);
    }
    out += "\n";
    // Most severe first; ties in id order, so the list is stable.
    std::stable_sort(open.begin(), open.end(), [&](const Threat* x, const Threat* y) {
      return g.rules[x->rule].severity > g.rules[y->rule].severity;
    });
    out += fmt::format("top open threats:\n");
    for (std::size_t i = 0; i < open.size() && i < top; ++i) {
      const Threat& t = *open[i];
      const ElementRec& e = g.elements[t.element];
      const LineCol lc = sources.line_col(e.id_span.file, e.id_span.begin);
      out += fmt::format("  {:<8} {}  {} ({}:{})\n", severity_name(g, g.rules[t.rule].severity),
                         threat_id(g, t), g.rules[t.rule].title, sources.file(e.id_span.file).path,
                         lc.line);
    }
    if (open.size() > top)
      out += fmt::format("  ... and {} more (moat check --format json lists all)\n",
                         open.size() - top);
  }
  if (!a.categories.empty()) out += "SOC 2: " + readiness_line(a) + "\n";
  return out;
}

}  // namespace moat::cli
