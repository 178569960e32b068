// The moat command line: parses arguments with CLI11 and dispatches to a subcommand.
#include <iostream>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/fmt_command.hpp"

int main(int argc, char** argv) {
  CLI::App app{"moat: threat models as code, compiled"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "moat 0.1.0");
  moat::cli::CheckOptions check;
  moat::cli::add_check_command(app, check);
  moat::cli::RulesOptions rules;
  moat::cli::add_rules_command(app, rules);
  moat::cli::TestOptions test;
  moat::cli::add_test_command(app, test);
  moat::cli::BuildOptions build;
  moat::cli::add_build_command(app, build);
  moat::cli::FmtOptions fmt_options;
  moat::cli::add_fmt_command(app, fmt_options);
  moat::cli::InitOptions init;
  moat::cli::add_init_command(app, init);
  moat::cli::ScanOptions scan;
  moat::cli::add_scan_command(app, scan);
  moat::cli::DiffOptions diff;
  moat::cli::add_diff_command(app, diff);
  moat::cli::ExplainOptions explain;
  moat::cli::add_explain_command(app, explain);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : moat::cli::kUsage;
  }
  if (app.got_subcommand("check")) return moat::cli::run_check(check);
  if (app.got_subcommand("rules")) return moat::cli::run_rules(rules);
  if (app.got_subcommand("test")) return moat::cli::run_test(test);
  if (app.got_subcommand("build")) return moat::cli::run_build(build);
  if (app.got_subcommand("fmt")) return moat::cli::run_fmt(fmt_options);
  if (app.got_subcommand("init")) return moat::cli::run_init(init);
  if (app.got_subcommand("scan")) return moat::cli::run_scan(scan);
  if (app.got_subcommand("diff")) return moat::cli::run_diff(diff);
  if (app.got_subcommand("explain")) return moat::cli::run_explain(explain);
  return moat::cli::kUsage;
}
