// `moat lsp`: runs the language server (lsp/server.hpp) on the standard streams.
#include "cli/lsp_command.hpp"

#include <cstdlib>
#include <iostream>

#include "lsp/server.hpp"

namespace moat::cli {

void add_lsp_options(CLI::App* command, LspOptions& options) {
  command->add_flag("--stdio", options.stdio,
                    "Talk over stdin and stdout (the default and only transport)");
}

int run_lsp(const LspOptions&) {
  // The protocol is bytes: no line-ending translation, and no buffering that could hold back a
  // reply.
  std::ios::sync_with_stdio(false);
  std::cin.tie(nullptr);
  lsp::Server server(std::cout);
  const int code = server.run(std::cin);
  // The reader thread may still be blocked on stdin (after `exit`): end the process here rather
  // than run the static destructors of the streams it reads.
  std::cout.flush();
  std::_Exit(code);
}

}  // namespace moat::cli
