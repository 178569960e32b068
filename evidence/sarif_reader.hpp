#pragma once
// Reading SARIF 2.1.0 logs with nlohmann_json's SAX interface: the log is never held whole.
// Only each run's `tool` and `originalUriBaseIds`, its invocations' end times and success, its
// artifacts' locations, and one result at a time are built as JSON values; snippets, code flows
// and the rest of invocations and artifacts are skipped as they stream past.
#include <istream>
#include <string>

#include "evidence/classify.hpp"
#include "evidence/scan_result.hpp"

namespace moat {

/// Why a log was not read.
struct SarifError {
  bool syntax = false;   ///< not JSON: `byte` says where
  std::size_t byte = 0;  ///< the offset of the byte the JSON parser stopped at
  std::string pointer;   ///< not SARIF 2.1.0: the JSON pointer of the first wrong thing
  std::string message;   ///< what is wrong, in our words (no text from the file)
};

struct SarifReadOptions {
  std::string root;  ///< the repository root: absolute result paths inside it become relative
};

/// Reads one log from `in` (called `name` in ScanEvidence::files), classifies each result and
/// appends it to `out`. False, with `error` set, when the log is not JSON or not SARIF 2.1.0;
/// `out` then holds no result of this log.
bool read_sarif(std::istream& in, const std::string& name, const Classifier& classifier,
                const SarifReadOptions& options, ScanEvidence& out, SarifError& error);

}  // namespace moat
