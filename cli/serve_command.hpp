#pragma once
// `moat serve MODEL`: the live workshop page (docs/workshop.md). Compiles and analyzes the
// model, serves the page on a local port, and does it again on every save of the model's files.
#include <string>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"

namespace moat::cli {

struct ServeOptions {
  std::string file;
  std::string host = "127.0.0.1";
  int port = 8765;
  std::string since;  ///< a git revision (or model file) the progress line compares with
  bool top_down = false;
  std::size_t max_pages = 32;
  AnalysisFlags analysis;
  RepositoryFlags repository;
};
void add_serve_options(CLI::App* command, ServeOptions& options);
int run_serve(const ServeOptions& options);

}  // namespace moat::cli
