#pragma once
// The repository around a model: its root (for code locations and the annotation scan), and
// the analysis run with location checks and, when asked, source annotations.
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "analyzer/analysis.hpp"
#include "analyzer/evidence_pack.hpp"
#include "compiler/compile.hpp"

namespace moat::cli {

struct RepositoryFlags {
  std::string root;               ///< --root; empty: the model's git work tree, else its folder
  bool strict_locations = false;  ///< stale code locations are errors
  bool quiet_locations = false;   ///< no warnings for stale code locations
  std::vector<std::string> repositories;  ///< --repository NAME=DIR
  bool scan = false;                      ///< scan the repository for `@moat` annotations
  std::vector<std::string> evidence;      ///< --evidence: SARIF files or globs
  bool strict_evidence = false;           ///< claims the evidence contradicts are errors
};

/// --root, --strict-locations, --quiet-locations, --repository; with `with_scan` also --scan and
/// --evidence (the commands that report the analysis: check, build).
void add_repository_flags(CLI::App* command, RepositoryFlags& flags, bool with_scan);

/// --root, else the enclosing git work tree of the model, else the model's folder.
std::string repository_root(const RepositoryFlags& flags, const std::string& model);

/// How to compile `model`: its imports stay inside the repository root.
CompileOptions compile_options(const RepositoryFlags& flags, const std::string& model);

/// Checks code locations, scans annotations when asked, and analyzes. Diagnostics go to the
/// compilation's sink; annotated files join its sources so diagnostics can show them. With
/// `pack`, also collects the evidence of the criteria (read, hashed, at git's revision). Frees
/// the compilation's syntax trees once the claims are checked against them (its sources stay).
Analysis analyze_in_repository(Compilation& c, const std::string& model,
                               const RepositoryFlags& flags, std::int64_t today,
                               EvidencePack* pack = nullptr);

}  // namespace moat::cli
