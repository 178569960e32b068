// The `findings` array of the JSON document: threats grouped by root cause (analyzer/findings).
#include <algorithm>

#include "analyzer/findings.hpp"
#include "backends/json_document.hpp"

namespace moat {

namespace {

nlohmann::ordered_json finding_json(const ModelGraph& g, const Analysis& a, const Finding& f) {
  const Threat& lead = a.threats[f.lead];
  nlohmann::ordered_json j;
  j["id"] = f.id;
  j["title"] = g.rules[lead.rule].title;
  j["severity"] = severity_name(g, f.severity);
  j["status"] = threat_status_name(f.status);
  j["element"] = g.elements[f.anchor].id;
  j["weakness"] = f.weakness;
  j["hygiene"] = f.hygiene;
  nlohmann::ordered_json categories = nlohmann::ordered_json::array();
  nlohmann::ordered_json rules = nlohmann::ordered_json::array();
  nlohmann::ordered_json members = nlohmann::ordered_json::array();
  for (std::uint32_t m : f.members) {
    const RuleRec& r = g.rules[a.threats[m].rule];
    const std::string& category = category_name(g, a.threats[m].category);
    if (std::find(categories.begin(), categories.end(), category) == categories.end())
      categories.push_back(category);
    if (std::find(rules.begin(), rules.end(), r.id) == rules.end()) rules.push_back(r.id);
    members.push_back(threat_id(g, a.threats[m]));
  }
  j["categories"] = std::move(categories);
  j["rules"] = std::move(rules);
  j["threats"] = std::move(members);
  return j;
}

}  // namespace

nlohmann::ordered_json findings_json(const ModelGraph& g, const Analysis& a) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  std::vector<const Finding*> ranked = ranked_open_findings(a);
  // Open findings ranked as `moat check` lists them, then the closed ones in model order.
  for (const Finding& f : a.findings) {
    if (f.status != ThreatStatus::Open) ranked.push_back(&f);
  }
  for (const Finding* f : ranked) out.push_back(finding_json(g, a, *f));
  return out;
}

}  // namespace moat
