// The `findings` array of the JSON document: threats grouped by root cause (analyzer/findings).
#include <algorithm>

#include "analyzer/findings.hpp"
#include "backends/json_document.hpp"
#include "backends/json_parallel.hpp"

namespace moat {

namespace {

/// Writes `names` as an array of strings.
void write_names(JsonWriter& w, const std::vector<const std::string*>& names) {
  w.begin_array();
  for (const std::string* n : names) w.value(*n);
  w.end_array();
}

void write_finding(JsonWriter& w, const ModelGraph& g, const Analysis& a, const Finding& f) {
  // The members are in no memory order: their records are all asked for at once, so that their
  // cache misses overlap instead of coming one after another in the loops below.
  for (ThreatId m : f.members) __builtin_prefetch(&a.threats[m]);
  const Threat& lead = a.threats[f.lead];
  w.begin_object();
  w.member("id", f.id);
  w.member("title", g.rules[lead.rule].title);
  w.member("severity", severity_name(g, f.severity));
  w.member("status", threat_status_name(f.status));
  w.member("element", g.elements[f.anchor].id);
  w.member("weakness", f.weakness);
  w.member("hygiene", f.hygiene);
  // The distinct categories and rules of the members, in the order they first appear.
  std::vector<const std::string*> categories, rules;
  auto add = [](std::vector<const std::string*>& names, const std::string& name) {
    if (std::none_of(names.begin(), names.end(), [&](const std::string* n) { return *n == name; }))
      names.push_back(&name);
  };
  for (ThreatId m : f.members) {
    add(categories, category_name(g, a.threats[m].category));
    add(rules, g.rules[a.threats[m].rule].id);
    __builtin_prefetch(&g.elements[a.threats[m].element].id);  // for its id, written below
  }
  w.key("categories");
  write_names(w, categories);
  w.key("rules");
  write_names(w, rules);
  w.key("threats");
  write_threat_ids(w, g, a, f.members);
  w.end_object();
}

}  // namespace

void write_findings(JsonWriter& w, const ModelGraph& g, const Analysis& a) {
  std::vector<const Finding*> ranked = ranked_open_findings(a);
  // Open findings ranked as `moat check` lists them, then the closed ones in model order.
  for (const Finding& f : a.findings) {
    if (f.status != ThreatStatus::Open) ranked.push_back(&f);
  }
  write_array(w, ranked.size(),
              [&](JsonWriter& cw, std::size_t i) { write_finding(cw, g, a, *ranked[i]); });
}

}  // namespace moat
