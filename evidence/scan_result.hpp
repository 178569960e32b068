#pragma once
// Results read from scanners' SARIF 2.1.0 logs (`--evidence`, docs/evidence.md): what each
// result says, its classification from the `classify` table, and the elements it lands on.
// A secret scanner's result keeps its rule, file and line only: its message, snippet,
// properties and provenance are never read into these records, so no output can show them.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "compiler/graph.hpp"
#include "evidence/shared_value.hpp"

namespace moat {

/// SARIF `level`, lowest first.
enum class SarifLevel : std::uint8_t { None, Note, Warning, Error };

/// The SARIF level's name: "none", "note", "warning", "error".
const char* level_name(SarifLevel level);

struct ScanLocation {
  SharedText path;         ///< relative to the repository root when inside it, '/'-separated
  std::uint32_t line = 0;  ///< region start line; 0: the whole file
};

struct ScanSuppression {
  std::string kind;  ///< inSource, external
  std::string justification;
};

/// One result. What results repeat (rule ids and names, tags, severities, messages, paths) is
/// shared between them (evidence/shared_value.hpp): a result is a small record, however large
/// the log.
struct SarifResult {
  std::uint32_t tool = 0;  ///< index into ScanEvidence::tools
  std::uint32_t file = 0;  ///< index into ScanEvidence::files
  SharedText rule_id;
  SharedText rule_name;          ///< the rule's short description, else its name
  SharedText security_severity;  ///< as written: "7.5" or "HIGH"; "" when absent
  SharedTexts tags;
  SharedNumbers cwes;  ///< from tags "CWE-89" / "CWE-89: ..." / "external/cwe/cwe-89"
  SharedText message;  ///< empty when redacted
  std::vector<ScanLocation> locations;
  std::vector<std::pair<std::string, std::string>> fingerprints;  ///< sorted by name
  std::vector<ScanSuppression> suppressions;
  SharedText baseline_state;  ///< new, unchanged, updated, absent; "" when absent
  SharedNumbers tests;        ///< matching `classify` rows with `contradicts`
  SarifLevel level = SarifLevel::Warning;
  // The classification (evidence/classify.hpp).
  std::uint8_t kind = 0;       ///< ordinal of scan_kind
  std::uint8_t severity = 0;   ///< ordinal of severity
  std::int16_t category = -1;  ///< ordinal of stride; -1: none
  bool redacted = false;       ///< a secret: message, snippet and provenance not kept
  /// Its run is not shown to have failed (ScanLog): its locations show what the scan looked at.
  bool shows_coverage = false;
  bool suppressed() const { return !suppressions.empty(); }
};

/// The text of a location: "path:line", or "path" for a whole file.
std::string location_text(const ScanLocation& where);

/// What became of a `scan` declaration (ModelGraph::scans) when the evidence was read.
enum class ScanState : std::uint8_t {
  Present,     ///< read, and not older than its max_age
  Missing,     ///< no file at its path
  Stale,       ///< read, but older than its max_age: its results are not kept
  Unreadable,  ///< not JSON, not SARIF 2.1.0, or outside the repository root
};

/// "present", "missing", "stale", "unreadable".
const char* scan_state_name(ScanState state);

/// Where a log's date comes from (docs/evidence.md, "What counts as a scan"): never the file's
/// modification time, which is the checkout's.
enum class LogDate : std::uint8_t {
  None,        ///< undated: not known to be stale, and no evidence for SOC 2
  Invocation,  ///< the latest `invocations[].endTimeUtc` the log records
  Commit,      ///< a declared scan's log tracked by git and unmodified: its last commit's day
};

/// "invocation", "commit"; null for None.
const char* log_date_name(LogDate date);

struct DeclaredScan {
  std::uint32_t decl = 0;  ///< index into ModelGraph::scans
  ScanState state = ScanState::Missing;
  std::string path;         ///< the log as read: the model's folder joined with the declared path
  std::int64_t ended = -1;  ///< the log's date (days since 1970-01-01); -1: undated
  LogDate dated_by = LogDate::None;
};

/// A claim of the model that a result disproves (analyzer/contradictions.hpp).
struct Contradiction {
  ElementId element = kNoElement;  ///< the store or process, or a flow into it
  std::uint32_t row = 0;           ///< the `classify` row (ModelGraph::classifications)
  std::uint32_t result = 0;        ///< the first open result that shows it
  std::optional<Span> claim;       ///< where the model writes the opposite; none: the default
  std::vector<ThreatId> threats;   ///< threats the evidence opened (Analysis::threats)
};

/// What a log shows about the scan that wrote it (docs/evidence.md, "What counts as a scan").
/// Two questions, judged apart. Coverage (`scanned()`): a run not shown to have failed covers
/// the files it names, unless the log is known to be stale. SOC 2 support: besides that, no run
/// failed and the log has a date an auditor can check.
struct ScanLog {
  std::uint32_t runs = 0;    ///< runs in the log
  std::uint32_t failed = 0;  ///< runs with an invocation not executionSuccessful or an error
                             ///< notification; a run without invocations has not failed
  std::string failure;       ///< the first failure, in our words (nothing quoted from the log)
  std::int64_t ended = -1;   ///< the latest invocation end day of any run; -1: none
  std::vector<std::string> artifacts;  ///< `run.artifacts` of runs not failed, as result paths
  std::int64_t day = -1;               ///< the log's date (LogDate); -1: undated
  LogDate dated_by = LogDate::None;
  std::string undated;       ///< why it has no date an auditor can check ("" when dated)
  std::string not_counted;   ///< why it shows no coverage ("" when it does; evidence_files.hpp)
  std::string not_evidence;  ///< why it supports no SOC 2 criterion although it shows coverage
};

/// Everything read from the --evidence files, and where it attached.
struct ScanEvidence {
  std::vector<std::string> files;      ///< the SARIF files, as given
  std::vector<std::int64_t> ended;     ///< per file: its latest invocation's end day; -1: none
  std::vector<ScanLog> logs;           ///< per file: the scan it shows
  std::vector<DeclaredScan> declared;  ///< one per `scan` declaration, in declaration order
  std::vector<std::string> tools;      ///< driver names, in order of first appearance
  std::vector<SarifResult> results;
  /// (element, result) pairs, by element then result (analyzer/scan_attach.hpp).
  std::vector<std::pair<ElementId, std::uint32_t>> attached;
  std::vector<std::uint32_t> outside;         ///< results that land on no element, in reading order
  std::vector<Contradiction> contradictions;  ///< claims the results disprove, by element
  /// Per file: the elements (sorted) whose code its runs not shown to have failed covered;
  /// empty when the log shows no coverage (analyzer/scan_attach.hpp).
  std::vector<std::vector<ElementId>> covered;
  bool empty() const { return files.empty() && declared.empty(); }
  /// The tool's name as outputs show it: "unnamed tool" when the log gives none.
  std::string tool_name(const SarifResult& r) const;
  /// The terminal's summary: "evidence: 14 results from 3 tools, 2 outside the model\n".
  std::string summary_line() const;
};

}  // namespace moat
