#include "serve/session.hpp"

#include <fmt/format.h>

#include "analyzer/summary.hpp"
#include "backends/diff_report.hpp"

namespace moat::serve {

namespace {

/// "3 new elements", "1 new element": `n` and the noun, plural unless one.
std::string counted(std::size_t n, const char* one, const char* many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

/// The threats whose status changed (by id or through a rename) to `status`.
std::size_t changed_to(const ModelDiff& d, ThreatStatus status) {
  std::size_t n = 0;
  for (const auto* list : {&d.changed, &d.renamed}) {
    for (const ThreatChange& t : *list) n += t.after == status && t.before != status;
  }
  return n;
}

/// "2/8" for a category's readiness, "not assessed" when nothing in it is assessed.
std::string readiness_short(const CategorySummary& s) {
  if (s.assessed() == 0) return "not assessed";
  return fmt::format("{}/{}", s.met, s.assessed());
}

void threat_parts(const ModelDiff& d, std::vector<std::string>& parts) {
  if (const std::size_t n = changed_to(d, ThreatStatus::Mitigated))
    parts.push_back("+" + counted(n, "threat mitigated", "threats mitigated"));
  if (const std::size_t n = changed_to(d, ThreatStatus::Accepted))
    parts.push_back(fmt::format("{} accepted", n));
  if (const std::size_t n = changed_to(d, ThreatStatus::Dismissed))
    parts.push_back(fmt::format("{} dismissed", n));
  if (const std::size_t n = changed_to(d, ThreatStatus::Open))
    parts.push_back(fmt::format("{} reopened", n));
  std::size_t open = 0;
  for (const ThreatChange& t : d.added) open += t.after == ThreatStatus::Open;
  if (open) parts.push_back(counted(open, "new open threat", "new open threats"));
  if (d.added.size() > open)
    parts.push_back(counted(d.added.size() - open, "new closed threat", "new closed threats"));
  if (!d.removed.empty()) parts.push_back(counted(d.removed.size(), "threat gone", "threats gone"));
}

void model_parts(const ModelDiff& d, std::vector<std::string>& parts) {
  if (!d.elements_added.empty())
    parts.push_back(counted(d.elements_added.size(), "new element", "new elements"));
  if (!d.elements_removed.empty())
    parts.push_back(counted(d.elements_removed.size(), "element removed", "elements removed"));
  if (!d.flows_added.empty())
    parts.push_back(counted(d.flows_added.size(), "new flow", "new flows"));
  if (!d.flows_removed.empty())
    parts.push_back(counted(d.flows_removed.size(), "flow removed", "flows removed"));
  if (const std::size_t n = d.elements_renamed.size() + d.flows_renamed.size())
    parts.push_back(fmt::format("{} renamed", n));
  for (const ReadinessChange& r : d.readiness) {
    const std::string before = readiness_short(r.before), after = readiness_short(r.after);
    if (before != after)
      parts.push_back(fmt::format("{} {} → {}", soc2_category_title(r.category), before, after));
  }
}

}  // namespace

std::string progress_line(const ModelDiff& d) {
  std::vector<std::string> parts;
  threat_parts(d, parts);
  model_parts(d, parts);
  if (parts.empty()) return "no changes";
  std::string out = parts[0];
  for (std::size_t i = 1; i < parts.size(); ++i) out += ", " + parts[i];
  return out;
}

nlohmann::ordered_json since_json(const Baseline& baseline, const LiveModel& now) {
  if (!baseline.model) return nullptr;
  const LiveModel& before = *baseline.model;
  const ModelDiff d = diff_models({before.compilation->graph, before.analysis},
                                  {now.compilation->graph, now.analysis});
  const DiffLabels labels{baseline.label, "now"};
  return {{"label", baseline.label},
          {"summary", progress_line(d)},
          {"diff", nlohmann::ordered_json::parse(diff_json(d, labels))}};
}

}  // namespace moat::serve
