#include "cli/large_pages.hpp"

#include <cstdlib>

#include <CLI/CLI.hpp>
#ifdef MOAT_MIMALLOC
#include <mimalloc.h>
#endif

namespace moat::cli {

namespace {

/// Whether the command compiles again and again until stopped.
bool stays_running(const CLI::App& app) {
  if (app.got_subcommand("lsp") || app.got_subcommand("serve")) return true;
  for (const char* name : {"check", "build"}) {
    const CLI::App* command = app.get_subcommand(name);
    if (command->parsed() && command->count("--watch") > 0) return true;
  }
  return false;
}

}  // namespace

void choose_page_size([[maybe_unused]] const CLI::App& app) {
#ifdef MOAT_MIMALLOC
  if (std::getenv("MIMALLOC_LARGE_OS_PAGES") != nullptr || stays_running(app)) return;
  mi_option_enable(mi_option_large_os_pages);
#endif
}

}  // namespace moat::cli
