#pragma once
// Sorting scanner results by the model's `classify` table (stdlib/evidence.moat and the
// model's own rows): the kind (secret, vulnerable_dependency, misconfiguration, code_weakness,
// other), the STRIDE category, and the severity from `security-severity` or the level.
#include <string>
#include <unordered_map>

#include "evidence/scan_result.hpp"

namespace moat {

/// A case-insensitive glob of the `classify` table, prepared once: the text lowered, and
/// whether it needs fnmatch (`?`, `[`, `\`) or only `*`, which a plain loop matches.
struct CompiledGlob {
  std::string text;  ///< lowered (ASCII)
  bool star_only = true;
};

/// One `classify` row with its globs prepared.
struct CompiledRow {
  std::vector<CompiledGlob> tools, rules, tags;
};

class Classifier {
 public:
  explicit Classifier(const ModelGraph& g);
  /// Sets the kind, category and severity of `r`, found by the tool named `tool`. Later
  /// matching rows override earlier ones. Tags and CWEs must be filled in already.
  void classify(const std::string& tool, SarifResult& r) const;
  /// True when `r` was classified a secret: its text must not be kept.
  bool secret(const SarifResult& r) const { return r.kind == builtin::kScanKindSecret.ordinal; }

 private:
  /// What the table's rows say of a (tool, rule id, tags) triple: the CWEs follow from the
  /// tags, so results that share the triple share it, and a log's thousands of results of a
  /// few rules walk the table a few times only.
  struct Verdict {
    std::uint8_t kind = 0;
    std::int16_t category = -1;
    int severity = -1;
    SharedNumbers tests;  ///< shared by every result it classifies
  };
  Verdict judge(const std::string& tool, const SarifResult& r) const;

  const ModelGraph& g_;
  std::vector<CompiledRow> rows_;
  mutable std::unordered_map<std::string, Verdict> verdicts_;
};

/// The CWE a tag names ("CWE-89", "CWE-89: Improper ...", "external/cwe/cwe-089"); 0: none.
std::uint32_t cwe_of_tag(const std::string& tag);

/// The severity band (0 info … 4 critical) of a `security-severity` value: a CVSS score (9.0
/// and up critical, 7.0 high, 4.0 medium, above 0 low, 0 info) or a word; -1 when neither.
int severity_band(const std::string& security_severity);

}  // namespace moat
