#pragma once
// The --evidence files: patterns expanded, each log read and classified, and what went wrong
// reported as diagnostics (BadEvidence).
#include <functional>
#include <string>
#include <vector>

#include "compiler/diagnostics.hpp"
#include "evidence/scan_result.hpp"

namespace moat {

/// How long a scan that declares no max_age, or a log given with --evidence, counts as fresh
/// evidence (30 days, in seconds; docs/evidence.md).
inline constexpr std::int64_t kDefaultScanAge = 30 * 86400;

/// The day (since 1970-01-01) of the last commit that touched the file at `path`, when git
/// tracks it and the work tree holds it unmodified; else -1 and `why` says why not ("it is not
/// committed to git"). The command line gives git's (cli/git_state.hpp).
using CommitDay = std::function<std::int64_t(const std::string& path, std::string& why)>;

struct EvidenceOptions {
  std::vector<std::string> patterns;  ///< files or globs, as given on the command line
  std::string root;                   ///< the repository root (result paths are made relative)
  std::int64_t today = 0;             ///< days since 1970-01-01: declared scans' age is judged here
  CommitDay commit_day = {};          ///< dates a declared log without end times; none: no git
};

/// Reads the log of each `scan` the model declares (its path relative to the declaring file's
/// folder, and inside the root), then every file the patterns name (a glob's matches in sorted
/// order, each file once). A file that is not JSON is reported at its line and column (the file's
/// text up to that line joins `sources` so the diagnostic can show it); one that is not SARIF 2.1.0
/// names the JSON pointer of the first wrong thing. Results of the files that were read are kept
/// either way. A declared scan whose log is missing (MissingScan) or known to be older than its
/// max_age (StaleScan, its results dropped) is a warning at its declaration and counts for
/// nothing. Each log's ScanLog says what it covers and whether it can support SOC 2 criteria.
ScanEvidence read_evidence(const ModelGraph& g, const EvidenceOptions& options,
                           SourceManager& sources, DiagnosticSink& diags);

}  // namespace moat
