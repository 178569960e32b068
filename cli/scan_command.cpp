// `moat scan MODEL`: list the `@moat` annotations in the repository and what each attaches to.
#include <iostream>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/console.hpp"
#include "cli/repository.hpp"

namespace moat::cli {

void add_scan_options(CLI::App* scan, ScanOptions& options) {
  scan->add_option("file", options.file, "The model file")->required();
  add_repository_flags(scan, options.repository, false);
}

int run_scan(const ScanOptions& options) {
  auto c = compile_file(options.file, compile_options(options.repository, options.file));
  if (const int exit = require_compiled(*c, options.file); exit != kOk) return exit;
  RepositoryFlags flags = options.repository;
  flags.scan = true;
  const Analysis a = analyze_in_repository(*c, options.file, flags, 0);
  const int exit = report_diagnostics(*c);
  for (const Annotation& an : a.annotations) {
    std::cout << fmt::format("{}:{}: {} {}\n", an.file, an.line, annotation_kind_name(an.kind),
                             an.id);
  }
  std::cout << fmt::format("{} annotation{} attached (root {})\n", a.annotations.size(),
                           a.annotations.size() == 1 ? "" : "s",
                           repository_root(flags, options.file));
  return exit;
}

}  // namespace moat::cli
