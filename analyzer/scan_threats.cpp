#include "analyzer/scan_threats.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "analyzer/sha256.hpp"
#include "compiler/flow_ids.hpp"

namespace moat {

namespace {

/// True when a `contradicts` row of `r` speaks of an attribute of `e` or of the flows into it.
bool speaks_of_attribute(const ModelGraph& g, const SarifResult& r, ElementId e) {
  for (const std::uint32_t row_index : *r.tests) {
    const ClassifyRec& row = g.classifications[row_index];
    if (row.tests_kind == Kind::Flow ? !g.inbound_of(e).empty()
                                     : g.elements[e].kind == row.tests_kind)
      return true;
  }
  return false;
}

/// The threat of one scanner rule's results on `e`, or none when no result is open.
void add_group(const ModelGraph& g, const ScanEvidence& evidence, RuleId rule, ElementId e,
               const std::string& key, std::vector<std::uint32_t> results,
               IdVector<ThreatId, Threat>& out) {
  Threat t;
  t.rule = rule;
  t.element = e;
  t.scan_rule = key;
  t.category = g.rules[rule].category;
  bool open = false;
  for (const std::uint32_t i : results) {
    const SarifResult& r = evidence.results[i];
    if (!result_open(r)) continue;
    // The most severe open result decides; the first of equals gives the category.
    if (!open || r.severity > t.severity) {
      t.severity = r.severity;
      if (r.category >= 0) t.category = static_cast<std::uint8_t>(r.category);
    }
    open = true;
  }
  if (!open) return;
  t.scan_results = std::move(results);
  out.push_back(std::move(t));
}

/// True when `key` ends as a changed id's key does ("_" and the hash's hex digits): kept as it
/// is, it could be the key of another rule id (`unnamed_e882bc` is the key of `unnamed`).
bool looks_hashed(const std::string& key) {
  if (key.size() <= kScanKeyHash || key[key.size() - kScanKeyHash - 1] != '_') return false;
  for (std::size_t i = key.size() - kScanKeyHash; i < key.size(); ++i) {
    const char c = key[i];
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

std::string compute_scan_key(const std::string& rule_id) {
  // "unnamed" is the key of results without a rule id, and of them only: a rule whose id is
  // literally "unnamed" is one that had to change (hashed below), so the two are two threats.
  static const std::string kUnnamed = "unnamed";
  if (rule_id.empty()) return kUnnamed;
  std::string key = slug(rule_id);
  if (key.empty()) key = kUnnamed;
  if (key.front() < 'a' || key.front() > 'z') key = "r_" + key;
  // Rule ids that slug alike (CKV_AWS_16, ckv-aws-16) must not share a threat id, or an
  // acceptance of one would cover the other: a changed id carries a hash of the original.
  const bool kept = key == rule_id && key != kUnnamed && !looks_hashed(key);
  return kept ? key : key + "_" + sha256_hex(rule_id).substr(0, kScanKeyHash);
}

}  // namespace

std::string scan_key(const std::string& rule_id) {
  // Asked once per attached result, and a log's thousands of results share a few rules: each
  // distinct id is slugged and hashed once per thread (the hash was 14% of the 100,000-result
  // bench; docs/performance.md). Bounded: an unusual run of distinct ids starts it afresh.
  thread_local std::unordered_map<std::string, std::string> known;
  const auto it = known.find(rule_id);
  if (it != known.end()) return it->second;
  if (known.size() >= 65536) known.clear();
  return known.emplace(rule_id, compute_scan_key(rule_id)).first->second;
}

void raise_scan_threats(const ModelGraph& g, const ScanFacts& facts, RuleId rule, ElementId e,
                        IdVector<ThreatId, Threat>& out) {
  if (!facts.evidence) return;
  const ScanEvidence& evidence = *facts.evidence;
  const auto kind = static_cast<std::uint8_t>(g.rules[rule].from_scans);
  const auto first = std::lower_bound(evidence.attached.begin(), evidence.attached.end(),
                                      std::pair<ElementId, std::uint32_t>{e, 0});
  // By scanner rule, in key order: threat ids sort the same way on every run.
  std::map<std::string, std::vector<std::uint32_t>> groups;
  for (auto it = first; it != evidence.attached.end() && it->first == e; ++it) {
    const SarifResult& r = evidence.results[it->second];
    if (r.kind != kind || speaks_of_attribute(g, r, e)) continue;
    groups[scan_key(r.rule_id)].push_back(it->second);
  }
  for (auto& [key, results] : groups) add_group(g, evidence, rule, e, key, std::move(results), out);
}

std::span<const std::uint32_t> cited_scan_results(const Threat& t) {
  return std::span(t.scan_results).first(std::min(t.scan_results.size(), kCitedScanResults));
}

std::string more_results_text(std::size_t more) {
  return "and " + std::to_string(more) + " more result" + (more == 1 ? "" : "s");
}

std::vector<std::string> scan_result_citations(const ModelGraph& g, const ScanEvidence& scans,
                                               const Threat& t) {
  std::vector<std::string> out;
  for (const std::uint32_t i : cited_scan_results(t)) {
    const SarifResult& r = scans.results[i];
    std::string text = scans.tool_name(r) + " " + (r.rule_id.empty() ? "(no rule id)" : *r.rule_id);
    for (std::size_t l = 0; l < r.locations.size(); ++l)
      text += (l ? ", " : " at ") + location_text(r.locations[l]);
    text += " (" + severity_name(g, r.severity) + (r.redacted ? "; value redacted" : "");
    if (!result_open(r)) {
      const std::string why = r.suppressions.empty() ? "" : r.suppressions.front().justification;
      text += why.empty() ? "; suppressed" : "; suppressed: " + why;
    }
    out.push_back(text + ")");
  }
  if (t.scan_results.size() > kCitedScanResults)
    out.push_back(more_results_text(t.scan_results.size() - kCitedScanResults));
  return out;
}

std::string_view target_scan_key(const TargetRef& target) {
  if (target.form != TargetRef::Form::Rule) return {};
  const std::size_t first = target.text.find('.');
  const std::size_t second = target.text.find('.', first + 1);
  if (first == std::string::npos || second == std::string::npos) return {};
  return std::string_view(target.text).substr(second + 1);
}

}  // namespace moat
