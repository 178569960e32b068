#pragma once
// `moat lsp`: the language server for editors (docs/editors.md), on stdin and stdout.
#include <CLI/CLI.hpp>

namespace moat::cli {

struct LspOptions {
  bool stdio = false;  ///< `--stdio`: accepted because many editor clients pass it; the default
};
void add_lsp_options(CLI::App* command, LspOptions& options);
int run_lsp(const LspOptions& options);

}  // namespace moat::cli
