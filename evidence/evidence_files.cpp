#include "evidence/evidence_files.hpp"

#include <glob.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string_view>

#include "compiler/literals.hpp"

#include "evidence/sarif_reader.hpp"

namespace moat {

namespace {

namespace fs = std::filesystem;

/// The files a pattern names: itself when it has no glob character, else its sorted matches.
std::vector<std::string> expand(const std::string& pattern) {
  if (pattern.find_first_of("*?[") == std::string::npos) return {pattern};
  std::vector<std::string> out;
  glob_t found{};
  if (::glob(pattern.c_str(), 0, nullptr, &found) == 0) {
    for (std::size_t i = 0; i < found.gl_pathc; ++i) out.emplace_back(found.gl_pathv[i]);
  }
  ::globfree(&found);
  std::sort(out.begin(), out.end());
  return out;
}

/// The file's text up to the end of the line holding `byte` (the parser stopped there), with
/// everything but JSON's punctuation and white space shown as '*'. A broken log can stop inside
/// a secret scanner's snippet (a log cut short while CI wrote it), and a file that is not JSON
/// at all (`--evidence 'reports/*'` matching a .env) can hold a credential on its first line:
/// the diagnostic shows where, never what. Same length, so the caret stays in place.
std::string text_through_line(const std::string& path, std::size_t byte) {
  std::ifstream in(path, std::ios::binary);
  std::string text(byte, '\0');
  in.read(text.data(), static_cast<std::streamsize>(byte));
  text.resize(static_cast<std::size_t>(in.gcount()));
  // The rest of the line, up to a bound: enough for the excerpt under the caret.
  for (char c; text.size() < byte + 200 && in.get(c) && c != '\n';) text += c;
  for (char& c : text) {
    if (std::string_view("{}[]:,\" \t\r\n").find(c) == std::string_view::npos) c = '*';
  }
  return text;
}

void report(const std::string& path, const SarifError& error, SourceManager& sources,
            DiagnosticSink& diags) {
  if (!error.syntax) {
    diags.report(DiagKind::BadEvidence, Span{},
                 "'" + path + "' is not a SARIF 2.1.0 log: at '" +
                     (error.pointer.empty() ? "/" : error.pointer) + "': " + error.message);
    return;
  }
  std::string text = text_through_line(path, error.byte);
  const auto at = static_cast<std::uint32_t>(std::min(error.byte, text.size()));
  const FileId file = sources.add(path, std::move(text));
  diags.report(DiagKind::BadEvidence, Span{file, at, at}, "'" + path + "' is " + error.message);
}

/// One log read into `out`; false (reported) when it is not JSON or not SARIF 2.1.0.
bool read_one(const std::string& path, const Classifier& classifier, const EvidenceOptions& options,
              ScanEvidence& out, SourceManager& sources, DiagnosticSink& diags) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diags.report(DiagKind::BadEvidence, Span{}, "cannot read --evidence file '" + path + "'");
    return false;
  }
  SarifError error;
  const SarifReadOptions read_options{options.root};
  if (read_sarif(in, path, classifier, read_options, out, error)) return true;
  report(path, error, sources, diags);
  return false;
}

/// "ended 2026-12-05" or "was last committed 2026-12-05": where the log's date comes from.
std::string dated_text(const ScanLog& log) {
  return (log.dated_by == LogDate::Commit ? "was last committed " : "ended ") +
         format_date(log.day);
}

/// Dates `log` (ScanLog::day): its latest invocation end time; else, for a declared scan
/// (`commit_day` given), the day of the last commit of its file when git tracks it unmodified.
/// Never the file's modification time: that is the day of the checkout, not of the scan.
void date_log(ScanLog& log, const std::string& path, const CommitDay* commit_day) {
  if (log.ended >= 0) {
    log.day = log.ended;
    log.dated_by = LogDate::Invocation;
    return;
  }
  if (!commit_day) return;  // a log given with --evidence is never SOC 2 evidence
  std::string why = "git is not available here";
  if (*commit_day) {
    const std::int64_t day = (*commit_day)(path, why);
    if (day >= 0) {
      log.day = day;
      log.dated_by = LogDate::Commit;
      return;
    }
  }
  log.undated =
      "its log has no date an auditor can check: no invocation records an endTimeUtc, and " + why +
      " (have the scanner record its invocations, or commit the log)";
}

/// Why `log` shows no coverage as of `today` ("" when it does): it has no run, every run failed,
/// or its date is known and older than `max_age` (30 days without one). An undated log is not
/// known to be stale, so it covers what it names.
std::string why_not_counted(const ScanLog& log, std::int64_t today, std::int64_t max_age) {
  if (log.runs == 0) return "its log has no run";
  if (log.failed == log.runs) return "its scan failed: " + log.failure;
  if (log.day < 0 || log.day > today) return "";
  const std::int64_t limit = max_age < 0 ? kDefaultScanAge : max_age;
  const std::int64_t age = today - log.day;
  if (age * 86400 <= limit) return "";
  return "its log " + dated_text(log) + ", " + std::to_string(age) + " days before " +
         format_date(today) + (max_age < 0 ? " (no max_age: " : " (max_age ") +
         format_duration(limit) + ")";
}

/// Why a declared scan's log that shows coverage still supports no SOC 2 criterion ("" when it
/// can): a run failed, or the log has no date an auditor can check, or one after `today`.
std::string why_not_evidence(const ScanLog& log, std::int64_t today) {
  if (log.failed > 0) return "a run of its log failed: " + log.failure;
  if (log.day < 0) return log.undated;
  if (log.day > today) return "its log " + dated_text(log) + ", after " + format_date(today);
  return "";
}

/// Reads the scans a model declares; `seen` gets their files, so --evidence does not read them
/// again.
class DeclaredReader {
 public:
  DeclaredReader(const ModelGraph& g, const EvidenceOptions& options, const Classifier& classifier,
                 SourceManager& sources, DiagnosticSink& diags, ScanEvidence& out)
      : g_(g),
        options_(options),
        classifier_(classifier),
        sources_(sources),
        diags_(diags),
        out_(out) {}

  void run(std::vector<std::string>& seen) {
    for (std::uint32_t i = 0; i < g_.scans.size(); ++i) {
      DeclaredScan scan;
      scan.decl = i;
      read(g_.scans[i], scan);
      if (!scan.path.empty()) seen.push_back(fs::absolute(scan.path).lexically_normal().string());
      out_.declared.push_back(std::move(scan));
    }
  }

 private:
  /// The log's path: the declaring file's folder joined with the declared path; "" (reported)
  /// when it is absolute or leaves the repository root.
  std::string resolve(const ScanDeclRec& d) const {
    const fs::path folder = fs::path(sources_.file(d.id_span.file).path).parent_path();
    const fs::path written(d.path);
    const fs::path path = (folder / written).lexically_normal();
    const fs::path inside =
        fs::absolute(path).lexically_normal().lexically_relative(fs::absolute(options_.root));
    if (written.is_absolute() || inside.empty() || *inside.begin() == "..") {
      diags_.report(DiagKind::LocationOutsideRoot, d.path_span,
                    "the log of scan '" + d.id + "' is outside the repository root");
      return "";
    }
    return path.string();
  }

  /// The model chooses this path, so a link in the repository must not let it read a file
  /// elsewhere (and quote it in a diagnostic), and a FIFO or device must not hang the read.
  bool regular_inside_root(const ScanDeclRec& d, const std::string& path) const {
    std::error_code ec, ec_root;
    const fs::path real = fs::canonical(path, ec);
    const fs::path root = fs::canonical(options_.root, ec_root);
    const fs::path inside = ec || ec_root ? fs::path() : real.lexically_relative(root);
    if (inside.empty() || *inside.begin() == "..") {
      diags_.report(
          DiagKind::LocationOutsideRoot, d.path_span,
          "the log of scan '" + d.id + "' leads outside the repository root (through a link)");
      return false;
    }
    if (!fs::is_regular_file(real, ec)) {
      diags_.report(DiagKind::LocationOutsideRoot, d.path_span,
                    "the log of scan '" + d.id + "' is not a regular file");
      return false;
    }
    return true;
  }

  void read(const ScanDeclRec& d, DeclaredScan& scan) {
    scan.state = ScanState::Unreadable;
    scan.path = resolve(d);
    if (scan.path.empty()) return;
    if (!fs::exists(scan.path)) {
      scan.state = ScanState::Missing;
      diags_.report(DiagKind::MissingScan, d.id_span,
                    "scan '" + d.id + "' has no log: '" + scan.path + "' does not exist");
      return;
    }
    if (!regular_inside_root(d, scan.path)) {
      scan.path.clear();
      return;
    }
    const std::size_t results = out_.results.size(), tools = out_.tools.size();
    if (!read_one(scan.path, classifier_, options_, out_, sources_, diags_)) return;
    ScanLog& log = out_.logs.back();
    date_log(log, scan.path, &options_.commit_day);
    log.not_counted = why_not_counted(log, options_.today, d.max_age);
    log.not_evidence = why_not_evidence(log, options_.today);
    scan.ended = log.day;
    scan.dated_by = log.dated_by;
    scan.state = ScanState::Present;
    // An undated log is not known to be stale: its results are kept.
    const std::int64_t age = options_.today - log.day;
    if (d.max_age < 0 || log.day < 0 || age * 86400 <= d.max_age) return;
    scan.state = ScanState::Stale;
    diags_.report(DiagKind::StaleScan, d.id_span,
                  "scan '" + d.id + "' is stale: its log " + dated_text(log) + ", " +
                      std::to_string(age) + " days before " + format_date(options_.today) +
                      " (max_age " + format_duration(d.max_age) +
                      "); its results are not counted (" +
                      std::to_string(out_.results.size() - results) + ")");
    out_.results.resize(results);
    out_.tools.resize(tools);
  }

  const ModelGraph& g_;
  const EvidenceOptions& options_;
  const Classifier& classifier_;
  SourceManager& sources_;
  DiagnosticSink& diags_;
  ScanEvidence& out_;
};

}  // namespace

ScanEvidence read_evidence(const ModelGraph& g, const EvidenceOptions& options,
                           SourceManager& sources, DiagnosticSink& diags) {
  ScanEvidence out;
  const Classifier classifier(g);
  std::vector<std::string> seen;
  DeclaredReader(g, options, classifier, sources, diags, out).run(seen);
  for (const std::string& pattern : options.patterns) {
    const std::vector<std::string> files = expand(pattern);
    if (files.empty())
      diags.report(DiagKind::BadEvidence, Span{}, "no file matches --evidence '" + pattern + "'");
    for (const std::string& path : files) {
      const std::string key = fs::absolute(path).lexically_normal().string();
      if (std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
      seen.push_back(key);
      if (read_one(path, classifier, options, out, sources, diags)) {
        ScanLog& log = out.logs.back();
        date_log(log, path, nullptr);
        log.not_counted = why_not_counted(log, options.today, -1);
      }
    }
  }
  return out;
}

}  // namespace moat
