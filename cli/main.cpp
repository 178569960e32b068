// The moat command line: parses arguments with CLI11 and dispatches to a subcommand.
#include <iostream>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"

int main(int argc, char** argv) {
  CLI::App app{"moat: threat models as code, compiled"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "moat 0.1.0");
  moat::cli::CheckOptions check;
  moat::cli::add_check_command(app, check);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : moat::cli::kUsage;
  }
  if (app.got_subcommand("check")) return moat::cli::run_check(check);
  return moat::cli::kUsage;
}
