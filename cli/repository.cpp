#include "cli/repository.hpp"

#include <filesystem>

#include "analyzer/contradictions.hpp"
#include "analyzer/locations.hpp"
#include "analyzer/scan_attach.hpp"
#include "analyzer/unbacked_claims.hpp"
#include "cli/git_commit_day.hpp"
#include "cli/git_state.hpp"
#include "compiler/suggest.hpp"
#include "evidence/evidence_files.hpp"

namespace moat::cli {

namespace fs = std::filesystem;

void add_repository_flags(CLI::App* command, RepositoryFlags& flags, bool with_scan) {
  command->add_option("--root", flags.root,
                      "Repository root that code locations are relative to (default: the model's "
                      "git work tree, else its folder)");
  command->add_flag("--strict-locations", flags.strict_locations,
                    "Make missing code locations and lines errors instead of warnings");
  command->add_flag("--quiet-locations", flags.quiet_locations,
                    "No warnings for code locations that do not exist (for this run)");
  command
      ->add_option("--repository", flags.repositories,
                   "NAME=DIR: where a repository the model declares is checked out")
      ->check([](const std::string& v) {
        const std::size_t eq = v.find('=');
        return eq == std::string::npos || eq == 0 || eq + 1 == v.size()
                   ? "--repository expects NAME=DIR, not '" + v + "'"
                   : std::string();
      });
  if (with_scan) {
    command->add_flag("--scan", flags.scan,
                      "Scan the repository for @moat annotations and attach them as evidence");
    command->add_option("--evidence", flags.evidence,
                        "SARIF 2.1.0 logs of scanners (files or quoted globs): each result lands "
                        "on the elements whose code it is in");
    command->add_flag("--strict-evidence", flags.strict_evidence,
                      "Make claims that scanner evidence contradicts errors instead of warnings");
  }
}

std::string repository_root(const RepositoryFlags& flags, const std::string& model) {
  if (!flags.root.empty()) return flags.root;
  std::error_code ec;
  // Normalized first: walking up "/repo/../other/m.moat" lexically would pass through /repo.
  const fs::path dir = fs::weakly_canonical(fs::absolute(model, ec), ec).parent_path();
  for (fs::path p = dir; !p.empty(); p = p.parent_path()) {
    if (fs::exists(p / ".git", ec)) return p.string();
    if (p == p.root_path()) break;
  }
  return dir.string();
}

CompileOptions compile_options(const RepositoryFlags& flags, const std::string& model) {
  CompileOptions options;
  options.import_root = repository_root(flags, model);
  return options;
}

namespace {

/// --repository NAME=DIR for a name the model does not declare: a typo would silently leave the
/// repository unchecked.
void report_unknown_repositories(const ModelGraph& g, const LocationOptions& options,
                                 DiagnosticSink& diags) {
  std::vector<std::string_view> names;
  for (const RepositoryRec& r : g.repositories) names.push_back(r.id);
  for (const auto& [name, folder] : options.repository_folders) {
    if (std::find(names.begin(), names.end(), name) != names.end()) continue;
    Diagnostic& d =
        diags.report(DiagKind::UnknownRepository, {},
                     "--repository names '" + name + "', which the model does not declare");
    const std::string best = closest_match(name, names);
    if (!best.empty()) DiagnosticSink::suggest(d, best);
  }
}

}  // namespace

Analysis analyze_in_repository(Compilation& c, const std::string& model,
                               const RepositoryFlags& flags, std::int64_t today,
                               EvidencePack* pack) {
  const std::string root = repository_root(flags, model);
  LocationOptions locations{
      root, flags.strict_locations, flags.quiet_locations || c.graph.model.quiet_locations, {}};
  for (const std::string& given : flags.repositories) {
    const std::size_t eq = given.find('=');
    locations.repository_folders[given.substr(0, eq)] = given.substr(eq + 1);
  }
  report_unknown_repositories(c.graph, locations, c.diags);
  const LocationCheck checked = check_locations(c.graph, locations, c.diags);
  AnalyzeOptions options{today, nullptr, &checked};
  ScanResult scan;
  if (flags.scan) {
    scan = scan_annotations(root, c.program.sources);
    options.annotations = &scan.annotations;
  }
  // Evidence is read before the analysis: declared scans and --evidence logs.
  ScanEvidence evidence;
  if (!flags.evidence.empty() || !c.graph.scans.empty()) {
    const EvidenceOptions read{flags.evidence, root, today != 0 ? today : today_utc(),
                               &git_commit_day};
    evidence = read_evidence(c.graph, read, c.program.sources, c.diags);
    attach_scan_results(c.graph, evidence);
  }
  options.evidence = &evidence;
  // A claim a missing or stale declared scan should back stands no more (docs/evidence.md).
  withdraw_unbacked_claims(c.program, c.graph, evidence, flags.strict_evidence, c.diags);
  std::vector<Contradiction> found = find_contradictions(c.program, c.graph, evidence);
  report_contradictions(c.graph, evidence, found, flags.strict_evidence, c.diags);
  // The claims were the last to read the syntax trees; the analysis needs the memory (on a
  // 100,000-element model the trees hold 300 MB of its 930 MB peak).
  c.program.drop_syntax();
  Analysis before;
  if (!found.empty()) {
    // The threats the claims were hiding are those open once the evidence replaces them.
    DiagnosticSink ignored;
    before = analyze(c.graph, options, ignored);
    apply_contradictions(c.graph, found);
  }
  Analysis analysis = analyze(c.graph, options, c.diags);
  if (!found.empty()) link_opened_threats(c.graph, before, analysis, found);
  evidence.contradictions = std::move(found);
  analysis.scans = std::move(evidence);
  if (pack) *pack = collect_evidence(c.graph, analysis, {root, &checked, nullptr, &git_state});
  return analysis;
}

}  // namespace moat::cli
