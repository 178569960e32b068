#pragma once
// Inside the SARIF reader: what a result leaves for its run's end (its rules and base URIs),
// and the steps that read a result's JSON and finish a run. Every step checks the types of the
// fields it reads and names the first wrong one as a JSON pointer.
#include <nlohmann/json.hpp>
#include <string_view>

#include "evidence/interner.hpp"
#include "evidence/json_tree.hpp"
#include "evidence/sarif_reader.hpp"

namespace moat::sarif {

using Json = nlohmann::json;

/// What a result's JSON says that only its run's end can resolve, kept beside the result
/// (which is already in ScanEvidence::results, its locations' paths still as written) until
/// then. Small: most results need nothing of RawExtras.
struct RawResult {
  std::int64_t rule_index = -1;
  std::uint32_t extras = UINT32_MAX;  ///< index into the run's RawExtras; UINT32_MAX: none
  bool level_given = false;
};

/// The rarer things a result may say of itself.
struct RawExtras {
  std::vector<std::string> bases;  ///< per location, its uriBaseId ("" for none)
  std::vector<std::string> tags;   ///< the result's own properties.tags
  std::string security_severity;   ///< the result's own properties
  bool empty() const { return bases.empty() && tags.empty() && security_severity.empty(); }
};

/// The results of the run being read that wait for its end: each is
/// `ScanEvidence::results[first + i]`.
struct PendingRun {
  std::size_t first = 0;
  std::vector<RawResult> raw;
  std::vector<RawExtras> extras;
};

/// Reads the result at JSON pointer `at` into `out` (its texts shared through `texts`) and
/// `raw`/`extras`; false with `error` set when a field has a wrong type.
bool read_result(const JsonNode& j, const std::string& at, SarifResult& out, RawResult& raw,
                 RawExtras& extras, Interner& texts, SarifError& error);

/// Everything of a run that its results need: the tool and the base URIs.
struct RunContext {
  const Json* tool = nullptr;         ///< null when the run has none (a partial log)
  const Json* bases = nullptr;        ///< originalUriBaseIds, or null
  std::string at;                     ///< the run's JSON pointer
  const Json* invocations = nullptr;  ///< `invocations` (end times and success only), or null
  const Json* artifacts = nullptr;    ///< `artifacts` (locations only), or null
};

/// Resolves each pending result against its run's rules and base URIs, classifies it and
/// redacts secrets, in place in `out`; false with `error` set when the tool has wrong types.
bool finish_run(const RunContext& run, PendingRun& pending, const Classifier& classifier,
                const SarifReadOptions& options, Interner& texts, ScanEvidence& out,
                SarifError& error);

/// The `properties.tags` and `properties.security-severity` of `owner` (a result or a rule at
/// JSON pointer `at`), read from nlohmann::json (rules) or a JsonTree (results).
template <class J>
bool read_properties(const J& owner, const std::string& at, std::vector<std::string>& tags,
                     std::string& security_severity, SarifError& error);

/// The latest day (since 1970-01-01) among the `endTimeUtc` of a run's `invocations`; -1 when
/// none gives a readable one (a malformed time is ignored: the age is then unknown, not wrong).
std::int64_t latest_end_day(const Json& invocations);

/// The member `key` of the object `obj`, or null when it is absent or null.
const Json* member(const Json& obj, std::string_view key);
const JsonNode* member(const JsonNode& obj, std::string_view key);

/// Sets `error` for the thing at `pointer`; returns false.
bool wrong(SarifError& error, std::string pointer, std::string message);

}  // namespace moat::sarif
