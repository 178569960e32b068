// The moat command line: parses arguments with CLI11 and dispatches to a subcommand.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <functional>
#include <iostream>
#include <memory>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/fmt_command.hpp"
#include "cli/lsp_command.hpp"
#include "cli/plan_command.hpp"
#include "cli/serve_command.hpp"

namespace {

/// A subcommand: its name and description for CLI11, then what adds its options and what runs
/// it, both bound to the same options.
struct Command {
  const char* name;
  const char* description;
  std::function<void(CLI::App*)> setup;
  std::function<int()> run;
};

template <typename Options>
Command command(const char* name, const char* description, void (*setup)(CLI::App*, Options&),
                int (*run)(const Options&)) {
  auto options = std::make_shared<Options>();
  return {name, description, [options, setup](CLI::App* app) { setup(app, *options); },
          [options, run] { return run(*options); }};
}

/// The subcommands, in the order `moat --help` lists them.
std::vector<Command> commands() {
  using namespace moat::cli;
  return {
      command("check", "Compile and analyze models; report diagnostics and threats",
              add_check_options, run_check),
      command("rules", "List the rules a model is analyzed with", add_rules_options, run_rules),
      command("test", "Run the rule tests (`test` blocks) in model files", add_test_options,
              run_test),
      command("build", "Write diagrams, reports, SARIF, JSON and CSV for models", add_build_options,
              run_build),
      command("fmt", "Rewrite model files in the canonical layout (keeps every comment)",
              add_fmt_options, run_fmt),
      command("init", "Write a starter model and a CI workflow into a folder", add_init_options,
              run_init),
      command("scan", "List the @moat annotations in the repository's source files",
              add_scan_options, run_scan),
      command("diff", "Compare two versions of a model: threats, SOC 2 status, elements",
              add_diff_options, run_diff),
      command("explain", "Show why a rule fired, or did not, on an element", add_explain_options,
              run_explain),
      command("paths", "List attack paths to sensitive data and each credential's blast radius",
              add_paths_options, run_paths),
      command("lsp", "Serve the Language Server Protocol on stdin/stdout for editors",
              add_lsp_options, run_lsp),
      command("plan", "Rank the planned mitigations by what they buy per unit of effort",
              add_plan_options, run_plan),
      command("serve", "Serve the live workshop page: diagram, threats, worksheet, on every save",
              add_serve_options, run_serve),
  };
}

/// A command's output is only delivered once standard output has taken it: on a full disk
/// (or /dev/full) the command would otherwise report success with its JSON cut short, and a CI
/// step would read a partial document as a result. Flushing here catches what buffered writes
/// could not report when they were made.
int with_output_delivered(int code) {
  std::cout.flush();
  errno = 0;
  const bool flushed = std::fflush(stdout) == 0;
  if (flushed && !std::cout.fail() && !std::ferror(stdout)) return code;
  const int err = errno;
  std::fprintf(stderr, "moat: error: cannot write to standard output%s%s\n", err ? ": " : "",
               err ? std::strerror(err) : "");
  return moat::cli::kUsage;  // an I/O failure, which ranks first among exit codes (docs/cli.md)
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"moat: threat models as code, compiled"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "moat 0.1.0");
  const std::vector<Command> all = commands();
  for (const Command& c : all) c.setup(app.add_subcommand(c.name, c.description));
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);  // --help and --version end here too
    return with_output_delivered(code == 0 ? 0 : moat::cli::kUsage);
  }
  for (const Command& c : all) {
    if (app.got_subcommand(c.name)) return with_output_delivered(c.run());
  }
  return moat::cli::kUsage;
}
