#pragma once
// Inside the SARIF reader: one result as read, before its run's rules and base URIs are known,
// and the steps that read a result's JSON and finish a run. Every step checks the types of the
// fields it reads and names the first wrong one as a JSON pointer.
#include <nlohmann/json.hpp>
#include <string_view>

#include "evidence/sarif_reader.hpp"

namespace moat::sarif {

using Json = nlohmann::json;

struct RawLocation {
  std::string uri, base;  ///< artifactLocation.uri and uriBaseId
  std::uint32_t line = 0;
};

/// A result as its JSON says, waiting for the end of its run.
struct RawResult {
  SarifResult result;   ///< tags and rule fields still empty
  std::string rule_id;  ///< ruleId, or rule.id
  std::int64_t rule_index = -1;
  bool level_given = false;
  std::vector<RawLocation> locations;
  std::vector<std::string> tags;  ///< the result's own properties.tags
  std::string security_severity;  ///< the result's own properties
};

/// Reads the result at JSON pointer `at`; false with `error` set when a field has a wrong type.
bool read_result(const Json& j, const std::string& at, RawResult& out, SarifError& error);

/// Everything of a run that its results need: the tool and the base URIs.
struct RunContext {
  const Json* tool = nullptr;         ///< null when the run has none (a partial log)
  const Json* bases = nullptr;        ///< originalUriBaseIds, or null
  std::string at;                     ///< the run's JSON pointer
  const Json* invocations = nullptr;  ///< `invocations` (end times and success only), or null
  const Json* artifacts = nullptr;    ///< `artifacts` (locations only), or null
};

/// Resolves each pending result against its run's rules and base URIs, classifies it, redacts
/// secrets and appends it to `out`; false with `error` set when the tool has wrong types.
bool finish_run(const RunContext& run, std::vector<RawResult>& pending,
                const Classifier& classifier, const SarifReadOptions& options, ScanEvidence& out,
                SarifError& error);

/// The `properties.tags` and `properties.security-severity` of `owner` (a result or a rule at
/// JSON pointer `at`).
bool read_properties(const Json& owner, const std::string& at, std::vector<std::string>& tags,
                     std::string& security_severity, SarifError& error);

/// The latest day (since 1970-01-01) among the `endTimeUtc` of a run's `invocations`; -1 when
/// none gives a readable one (a malformed time is ignored: the age is then unknown, not wrong).
std::int64_t latest_end_day(const Json& invocations);

/// The member `key` of the object `obj`, or null when it is absent or null.
const Json* member(const Json& obj, std::string_view key);

/// Sets `error` for the thing at `pointer`; returns false.
bool wrong(SarifError& error, std::string pointer, std::string message);

}  // namespace moat::sarif
