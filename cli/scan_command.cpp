// `moat scan MODEL`: list the `@moat` annotations in the repository and what each attaches to.
#include <iostream>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/repository.hpp"

namespace moat::cli {

void add_scan_command(CLI::App& app, ScanOptions& options) {
  CLI::App* scan =
      app.add_subcommand("scan", "List the @moat annotations in the repository's source files");
  scan->add_option("file", options.file, "The model file")->required();
  add_repository_flags(scan, options.repository, false);
}

int run_scan(const ScanOptions& options) {
  auto c = compile_file(options.file, compile_options(options.repository, options.file));
  if (c->load == LoadStatus::RootUnreadable) {
    std::cerr << fmt::format("moat: error: cannot read '{}': {}\n", options.file, c->io_error);
    return kUsage;
  }
  if (!c->ok()) {
    std::cerr << render_text(c->program.sources, c->diags.sorted());
    return kModelErrors;
  }
  RepositoryFlags flags = options.repository;
  flags.scan = true;
  const Analysis a = analyze_in_repository(*c, options.file, flags, 0);
  std::cerr << render_text(c->program.sources, c->diags.sorted());
  for (const Annotation& an : a.annotations) {
    std::cout << fmt::format("{}:{}: {} {}\n", an.file, an.line, annotation_kind_name(an.kind),
                             an.id);
  }
  std::cout << fmt::format("{} annotation{} attached (root {})\n", a.annotations.size(),
                           a.annotations.size() == 1 ? "" : "s",
                           repository_root(flags, options.file));
  return c->ok() ? kOk : kModelErrors;
}

}  // namespace moat::cli
