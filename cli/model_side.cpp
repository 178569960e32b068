#include "cli/model_side.hpp"

#include <filesystem>
#include <iostream>

#include "analyzer/scan_attach.hpp"
#include "cli/commands.hpp"
#include "cli/console.hpp"
#include "cli/git_commit_day.hpp"
#include "cli/repository.hpp"
#include "evidence/evidence_files.hpp"

namespace moat::cli {

namespace {

/// Reads the logs into `side.analysis.scans` and analyzes with them: the logs given, and the
/// declared scans' logs when `declared_scans` (they are files of the checkout).
void analyze_with_evidence(Compilation& c, const ModelSource& source, std::int64_t today,
                           const std::vector<std::string>& patterns, bool declared_scans,
                           ModelSide& side) {
  const std::vector<ScanDeclRec> declared = c.graph.scans;
  if (!declared_scans) c.graph.scans.clear();
  const EvidenceOptions read{patterns, repository_root({}, source.path),
                             today != 0 ? today : today_utc(), &git_commit_day};
  ScanEvidence evidence = read_evidence(c.graph, read, c.program.sources, c.diags);
  attach_scan_results(c.graph, evidence);
  c.graph.scans = declared;
  AnalyzeOptions options{today};
  options.evidence = &evidence;
  side.analysis = analyze(c.graph, options, c.diags);
  side.analysis.scans = std::move(evidence);
}

}  // namespace

int load_side(const ModelSource& source, const char* label, std::int64_t today, ModelSide& side,
              const std::vector<std::string>& evidence, bool declared_scans) {
  CompileOptions options;
  options.reader = reader_for(source);
  side.compilation =
      compile_file(source.rev.empty() ? source.path : source.rev + ":" + source.path, options);
  Compilation& c = *side.compilation;
  if (c.load == LoadStatus::RootUnreadable) {
    std::cerr << label << error_line("cannot read '{}': {}", source.display, c.io_error);
    return kUsage;
  }
  declared_scans = declared_scans && source.rev.empty() && !c.graph.scans.empty();
  if (c.ok() && (!evidence.empty() || declared_scans))
    analyze_with_evidence(c, source, today, evidence, declared_scans, side);
  else if (c.ok())
    side.analysis = analyze(c.graph, {today}, c.diags);
  return report_diagnostics(c, label);
}

ModelSource baseline_source(const std::string& arg, const std::string& model_path) {
  std::error_code ec;
  if (std::filesystem::exists(arg, ec) || arg.find(':') != std::string::npos)
    return parse_model_source(arg);
  // git reads `REV:./PATH` relative to the working folder: an absolute model path is made
  // relative to it first.
  std::string path = std::filesystem::proximate(model_path, ec).string();
  if (ec) path = model_path;
  return {arg, path, arg};
}

}  // namespace moat::cli
