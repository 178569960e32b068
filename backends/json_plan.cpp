#include "backends/json_plan.hpp"

#include "analyzer/plan.hpp"
#include "compiler/literals.hpp"

namespace moat {

using json = nlohmann::ordered_json;

json plan_json(const ModelGraph& g, const Analysis& a) {
  if (!has_plan_items(g)) return nullptr;
  const Plan plan = remediation_plan(g, a);
  json items = json::array();
  for (const PlanItem& item : plan.items) {
    json closes = json::array(), unblocks = json::array();
    for (ThreatId t : item.closes) closes.push_back(threat_id(g, a.threats[t]));
    for (CriterionId c : item.unblocks) unblocks.push_back(g.criteria[c].id);
    items.push_back(
        {{"mitigation", g.mitigations[item.mitigation].id},
         {"effort_seconds", item.effort_given ? json(item.effort) : json(nullptr)},
         {"evidence_window_seconds", item.window ? json(*item.window) : json(nullptr)},
         {"earliest_audit", item.audit_on ? json(format_date(*item.audit_on)) : json(nullptr)},
         {"closes", std::move(closes)},
         {"unblocks", std::move(unblocks)},
         {"value", item.value},
         {"value_per_day", item.leverage}});
  }
  json uncovered = json::array();
  for (ThreatId t : plan.uncovered) uncovered.push_back(threat_id(g, a.threats[t]));
  return {{"items", std::move(items)}, {"uncovered", std::move(uncovered)}};
}

}  // namespace moat
