#pragma once
// `moat fmt PATH...`: rewrites model files in the canonical layout (docs/fmt.md).
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace moat::cli {

struct FmtOptions {
  std::vector<std::string> paths;  ///< files, directories (searched for *.moat), or `-` for stdin
  bool check = false;              ///< write nothing; list files that would change; exit 1 if any
  bool diff = false;               ///< write nothing; print a unified diff of each change
};
void add_fmt_options(CLI::App* command, FmtOptions& options);
int run_fmt(const FmtOptions& options);

}  // namespace moat::cli
