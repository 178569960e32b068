#include "analyzer/summary.hpp"

#include <algorithm>

namespace moat {

std::optional<std::uint8_t> severity_rank(std::string_view name) {
  const auto it = std::find(kSeverityNames.begin(), kSeverityNames.end(), name);
  if (it == kSeverityNames.end()) return std::nullopt;
  return static_cast<std::uint8_t>(it - kSeverityNames.begin());
}

const char* soc2_category_title(std::uint8_t category) {
  return category < kSoc2CategoryCount ? kSoc2CategoryTitles[category] : "Other";
}

std::string readiness_text(const CategorySummary& s) {
  if (s.assessed() == 0) {
    return "not assessed (" + std::to_string(s.not_assessed) +
           (s.not_assessed == 1 ? " criterion)" : " criteria)");
  }
  return std::to_string(s.met) + "/" + std::to_string(s.assessed()) + " met";
}

std::string control_label(ControlStatus s, ControlBasis b) {
  std::string out = control_status_name(s);
  std::replace(out.begin(), out.end(), '_', ' ');
  return b == ControlBasis::None ? out : out + " (" + control_basis_name(b) + ")";
}

std::size_t ThreatCounts::open_at_or_above(std::uint8_t rank) const {
  std::size_t n = 0;
  for (std::size_t s = rank; s < kSeverityCount; ++s) n += open_by_severity[s];
  return n;
}

ThreatCounts count_threats(const ModelGraph& /*g*/, const Analysis& a) {
  ThreatCounts c;
  c.total = a.threats.size();
  for (const Threat& t : a.threats) {
    ++c.by_status[static_cast<std::size_t>(t.status)];
    const std::uint8_t severity = t.severity;
    if (t.status == ThreatStatus::Open && severity < kSeverityCount) ++c.open_by_severity[severity];
  }
  return c;
}

}  // namespace moat
