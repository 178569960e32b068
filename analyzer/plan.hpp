#pragma once
// The remediation plan (docs/soc2.md#the-remediation-plan): the mitigations not yet implemented,
// ranked by what they buy per unit of effort, those that need an evidence window first; then the
// open threats no planned mitigation covers. Computed from the analysis, without re-running it.
#include <cstdint>
#include <optional>
#include <vector>

#include "analyzer/analysis.hpp"

namespace moat {

struct PlanItem {
  MitigationId mitigation;
  std::vector<ThreatId> closes;          ///< open threats it covers
  std::vector<CriterionId> unblocks;     ///< criteria not met whose every blocker it closes
  std::uint32_t value = 0;               ///< 10 per criterion unblocked + severity points
  std::int64_t effort = 0;               ///< seconds; 1 day when the model gives none
  bool effort_given = false;             ///< `effort` is in the model
  std::optional<std::int64_t> window;    ///< `evidence_window`, seconds
  std::optional<std::int64_t> audit_on;  ///< today + window, days since 1970-01-01
  double leverage = 0;                   ///< value per day of effort
};

struct Plan {
  std::vector<PlanItem> items;      ///< in plan order (see docs/soc2.md)
  std::vector<ThreatId> uncovered;  ///< open threats with no planned mitigation, by severity
};

/// Severity points of a threat: its severity's ordinal plus one (info 1 ... critical 5).
std::uint32_t severity_points(const Threat& t);

/// The plan for the analyzed model.
Plan remediation_plan(const ModelGraph& g, const Analysis& a);

/// Whether remediation_plan() has items: some mitigation is not implemented yet. Cheap, for
/// outputs that leave out an empty plan without ordering every uncovered threat.
bool has_plan_items(const ModelGraph& g);

}  // namespace moat
