#include "cli/repository.hpp"

#include <filesystem>

#include "analyzer/locations.hpp"

namespace moat::cli {

namespace fs = std::filesystem;

void add_repository_flags(CLI::App* command, RepositoryFlags& flags, bool with_scan) {
  command->add_option("--root", flags.root,
                      "Repository root that code locations are relative to (default: the model's "
                      "git work tree, else its folder)");
  command->add_flag("--strict-locations", flags.strict_locations,
                    "Make missing code locations and lines errors instead of warnings");
  if (with_scan) {
    command->add_flag("--scan", flags.scan,
                      "Scan the repository for @moat annotations and attach them as evidence");
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

Analysis analyze_in_repository(Compilation& c, const std::string& model,
                               const RepositoryFlags& flags, std::int64_t today) {
  const std::string root = repository_root(flags, model);
  check_locations(c.graph, {root, flags.strict_locations}, c.diags);
  AnalyzeOptions options{today, nullptr};
  ScanResult scan;
  if (flags.scan) {
    scan = scan_annotations(root, c.program.sources);
    options.annotations = &scan.annotations;
  }
  return analyze(c.graph, options, c.diags);
}

}  // namespace moat::cli
