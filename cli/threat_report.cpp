#include "cli/threat_report.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace moat::cli {

namespace {
const char* category_title(std::uint8_t c) {
  static const char* kTitles[] = {"Security", "Availability", "Confidentiality",
                                  "Processing integrity", "Privacy"};
  return kTitles[c];
}
}  // namespace

std::string readiness_line(const Analysis& a) {
  std::string out;
  for (const CategorySummary& s : a.categories) {
    out += fmt::format("{}{} {}/{} passing ({} warning, {} failing, {} not assessed)",
                       out.empty() ? "" : "; ", category_title(s.category), s.passing, s.assessed(),
                       s.warning, s.failing, s.not_assessed);
  }
  return out;
}

std::string threat_report(const SourceManager& sources, const ModelGraph& g, const Analysis& a,
                          std::size_t top) {
  std::size_t by_status[3] = {0, 0, 0};
  std::size_t open_by_severity[5] = {0, 0, 0, 0, 0};
  std::vector<const Threat*> open;
  for (const Threat& t : a.threats) {
    ++by_status[static_cast<int>(t.status)];
    if (t.status != ThreatStatus::Open) continue;
    ++open_by_severity[g.rules[t.rule].severity];
    open.push_back(&t);
  }
  std::string out = fmt::format("threats: {} ({} open, {} mitigated, {} accepted)\n",
                                a.threats.size(), by_status[0], by_status[1], by_status[2]);
  if (!open.empty()) {
    out += "  open by severity:";
    for (int s = 4; s >= 0; --s) {
      if (open_by_severity[s])
        out += fmt::format(" {} {}", severity_name(g, static_cast<std::uint8_t>(s)),
                           open_by_severity[s]);
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
