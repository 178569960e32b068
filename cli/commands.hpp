#pragma once
// The moat subcommands. Each returns the process exit code (see docs/cli.md).
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace moat::cli {

/// Exit codes, documented in docs/cli.md.
enum Exit : int { kOk = 0, kModelErrors = 1, kUsage = 2, kThreatsFound = 3 };

struct CheckOptions {
  std::vector<std::string> files;
  std::string format = "text";
  bool quiet = false;
};

void add_check_command(CLI::App& app, CheckOptions& options);
int run_check(const CheckOptions& options);

}  // namespace moat::cli
