#pragma once
// `moat plan MODEL`: the remediation plan in the terminal (analyzer/plan.hpp, docs/soc2.md).
#include <string>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"

namespace moat::cli {

struct PlanOptions {
  std::string file;
  AnalysisFlags analysis;
  RepositoryFlags repository;
};
void add_plan_options(CLI::App* command, PlanOptions& options);
int run_plan(const PlanOptions& options);

}  // namespace moat::cli
