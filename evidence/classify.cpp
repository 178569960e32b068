#include "evidence/classify.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <charconv>
#include <string_view>

namespace moat {

namespace {

char lower_char(char c) {
  return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
}

std::string lower(std::string s) {
  for (char& c : s) c = lower_char(c);
  return s;
}

/// `text` against a lowered glob whose only wildcard is `*` (matching any run of bytes, '/'
/// too, as fnmatch without flags does), ignoring ASCII case.
bool star_match(std::string_view glob, std::string_view text) {
  std::size_t g = 0, t = 0, star = std::string_view::npos, resume = 0;
  while (t < text.size()) {
    if (g < glob.size() && glob[g] == '*') {
      star = g++;
      resume = t;
    } else if (g < glob.size() && glob[g] == lower_char(text[t])) {
      ++g, ++t;
    } else if (star != std::string_view::npos) {
      g = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (g < glob.size() && glob[g] == '*') ++g;
  return g == glob.size();
}

bool glob_matches(const CompiledGlob& p, const std::string& text) {
  if (p.star_only) return star_match(p.text, text);
  return ::fnmatch(p.text.c_str(), text.c_str(), FNM_CASEFOLD) == 0;
}

bool any_glob(const std::vector<CompiledGlob>& patterns, const std::string& text) {
  return std::any_of(patterns.begin(), patterns.end(),
                     [&](const CompiledGlob& p) { return glob_matches(p, text); });
}

bool any_tag(const std::vector<CompiledGlob>& patterns, const std::vector<std::string>& tags) {
  return std::any_of(tags.begin(), tags.end(),
                     [&](const std::string& t) { return any_glob(patterns, t); });
}

bool any_cwe(const std::vector<std::uint32_t>& wanted, const std::vector<std::uint32_t>& cwes) {
  return std::any_of(cwes.begin(), cwes.end(), [&](std::uint32_t c) {
    return std::find(wanted.begin(), wanted.end(), c) != wanted.end();
  });
}

/// A row matches when it names something and every list it gives has a match.
bool matches(const ClassifyRec& row, const CompiledRow& globs, const std::string& tool,
             const SarifResult& r) {
  if (row.tools.empty() && row.rules.empty() && row.tags.empty() && row.cwes.empty()) return false;
  return (globs.tools.empty() || any_glob(globs.tools, tool)) &&
         (globs.rules.empty() || any_glob(globs.rules, r.rule_id)) &&
         (globs.tags.empty() || any_tag(globs.tags, r.tags)) &&
         (row.cwes.empty() || any_cwe(row.cwes, r.cwes));
}

std::vector<CompiledGlob> compile(const std::vector<std::string>& globs) {
  std::vector<CompiledGlob> out;
  for (const std::string& g : globs)
    out.push_back({lower(g), g.find_first_of("?[\\") == std::string::npos});
  return out;
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

Classifier::Classifier(const ModelGraph& g) : g_(g) {
  for (const ClassifyRec& row : g.classifications)
    rows_.push_back({compile(row.tools), compile(row.rules), compile(row.tags)});
}

Classifier::Verdict Classifier::judge(const std::string& tool, const SarifResult& r) const {
  Verdict v;
  v.kind = builtin::kScanKindOther.ordinal;
  std::vector<std::uint32_t> tests;
  for (std::uint32_t i = 0; i < g_.classifications.size(); ++i) {
    const ClassifyRec& row = g_.classifications[i];
    if (!matches(row, rows_[i], tool, r)) continue;
    if (!row.tests_attribute.empty()) tests.push_back(i);
    // Once a secret, always a secret: a later row (a model's) may not lift the redaction.
    if (row.kind >= 0 && v.kind != builtin::kScanKindSecret.ordinal)
      v.kind = static_cast<std::uint8_t>(row.kind);
    if (row.category >= 0) v.category = row.category;
    if (row.severity >= 0) v.severity = row.severity;
  }
  if (!tests.empty()) v.tests = std::move(tests);
  return v;
}

void Classifier::classify(const std::string& tool, SarifResult& r) const {
  // Each part of the key is written with its length first, so no two results that differ in
  // tool, rule id, tags or CWEs share a key.
  std::string key;
  const auto part = [&key](const std::string& text) {
    key += std::to_string(text.size());
    key += ':';
    key += text;
  };
  part(tool);
  part(r.rule_id);
  part(std::to_string(r.tags->size()));
  for (const std::string& t : *r.tags) part(t);
  for (std::uint32_t c : *r.cwes) part(std::to_string(c));
  auto it = verdicts_.find(key);
  if (it == verdicts_.end()) it = verdicts_.emplace(std::move(key), judge(tool, r)).first;
  const Verdict& v = it->second;
  r.kind = v.kind;
  r.category = v.category;
  r.tests = v.tests;
  const int row_severity = v.severity;
  // Without a security-severity: the table's severity, else the level (error high, warning
  // medium, note low).
  static constexpr int kByLevel[] = {0, 1, 2, 3};
  int band = severity_band(r.security_severity);
  if (band < 0) band = row_severity >= 0 ? row_severity : kByLevel[static_cast<int>(r.level)];
  r.severity = static_cast<std::uint8_t>(band);  // severity ordinals are the bands
}

}  // namespace moat
