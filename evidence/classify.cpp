#include "evidence/classify.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <charconv>

namespace moat {

namespace {

bool any_glob(const std::vector<std::string>& patterns, const std::string& text) {
  return std::any_of(patterns.begin(), patterns.end(), [&](const std::string& p) {
    return ::fnmatch(p.c_str(), text.c_str(), FNM_CASEFOLD) == 0;
  });
}

bool any_tag(const std::vector<std::string>& patterns, const std::vector<std::string>& tags) {
  return std::any_of(tags.begin(), tags.end(),
                     [&](const std::string& t) { return any_glob(patterns, t); });
}

bool any_cwe(const std::vector<std::uint32_t>& wanted, const std::vector<std::uint32_t>& cwes) {
  return std::any_of(cwes.begin(), cwes.end(), [&](std::uint32_t c) {
    return std::find(wanted.begin(), wanted.end(), c) != wanted.end();
  });
}

/// A row matches when it names something and every list it gives has a match.
bool matches(const ClassifyRec& row, const std::string& tool, const SarifResult& r) {
  if (row.tools.empty() && row.rules.empty() && row.tags.empty() && row.cwes.empty()) return false;
  return (row.tools.empty() || any_glob(row.tools, tool)) &&
         (row.rules.empty() || any_glob(row.rules, r.rule_id)) &&
         (row.tags.empty() || any_tag(row.tags, r.tags)) &&
         (row.cwes.empty() || any_cwe(row.cwes, r.cwes));
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return s;
}

}  // namespace

std::uint32_t cwe_of_tag(const std::string& tag) {
  const std::string t = lower(tag);
  std::size_t at = t.rfind("cwe-", 0) == 0 ? 0 : t.find("/cwe-");
  if (at == std::string::npos) return 0;
  at += at == 0 ? 4 : 5;
  std::uint32_t n = 0;
  const auto [end, ec] = std::from_chars(t.data() + at, t.data() + t.size(), n);
  if (ec != std::errc() || end == t.data() + at) return 0;
  return n;
}

int severity_band(const std::string& value) {
  const std::string word = lower(value);
  for (std::size_t i = 0; i < builtin::kSeverities.size(); ++i) {
    if (word == builtin::kSeverities[i]) return static_cast<int>(i);
  }
  if (word == "moderate") return 2;
  if (word == "none" || word == "informational") return 0;
  double score = 0;
  const auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), score);
  if (ec != std::errc() || end != word.data() + word.size() || score < 0 || score > 10) return -1;
  return score >= 9.0 ? 4 : score >= 7.0 ? 3 : score >= 4.0 ? 2 : score > 0 ? 1 : 0;
}

Classifier::Classifier(const ModelGraph& g) : g_(g) {}

void Classifier::classify(const std::string& tool, SarifResult& r) const {
  r.kind = builtin::kScanKindOther.ordinal;
  r.category = -1;
  r.tests.clear();
  int row_severity = -1;
  for (std::uint32_t i = 0; i < g_.classifications.size(); ++i) {
    const ClassifyRec& row = g_.classifications[i];
    if (!matches(row, tool, r)) continue;
    if (!row.tests_attribute.empty()) r.tests.push_back(i);
    if (row.kind >= 0) r.kind = static_cast<std::uint8_t>(row.kind);
    if (row.category >= 0) r.category = row.category;
    if (row.severity >= 0) row_severity = row.severity;
  }
  // Without a security-severity: the table's severity, else the level (error high, warning
  // medium, note low).
  static constexpr int kByLevel[] = {0, 1, 2, 3};
  int band = severity_band(r.security_severity);
  if (band < 0) band = row_severity >= 0 ? row_severity : kByLevel[static_cast<int>(r.level)];
  r.severity = static_cast<std::uint8_t>(band);  // severity ordinals are the bands
}

}  // namespace moat
