#pragma once
// The moat subcommands. Each adds its options to its CLI11 subcommand (cli/main.cpp creates it,
// with its name and description) and runs, returning the process exit code (see docs/cli.md).
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "backends/render_context.hpp"
#include "cli/repository.hpp"
#include "compiler/compile.hpp"

namespace moat::cli {

/// Exit codes, documented in docs/cli.md.
enum Exit : int { kOk = 0, kModelErrors = 1, kUsage = 2, kThreatsFound = 3 };

/// Options every analyzing command shares.
struct AnalysisFlags {
  std::string today;  ///< YYYY-MM-DD; empty: the system date (UTC)
};

struct CheckOptions {
  std::vector<std::string> files;
  std::string format = "text";
  bool quiet = false;
  std::string fail_on;  ///< a severity; empty: never exit 3
  std::size_t top = 10;
  std::string min_severity = "info";  ///< the text summary lists findings at or above it
  std::string hygiene = "show";       ///< show, hide or only: findings of hygiene rules
  bool watch = false;
  AnalysisFlags analysis;
  RepositoryFlags repository;
};
void add_check_options(CLI::App* command, CheckOptions& options);
int run_check(const CheckOptions& options);

struct RulesOptions {
  std::string file;  ///< a model whose own rules are listed too; empty: the standard library
  std::string format = "text";
  bool show_when = false;  ///< print each rule's condition and controlling attributes
};
void add_rules_options(CLI::App* command, RulesOptions& options);
int run_rules(const RulesOptions& options);

struct TestOptions {
  std::vector<std::string> paths;
  bool verbose = false;
  bool require_coverage =
      false;                   ///< fail unless every loaded rule has a firing and a non-firing test
  bool list_untested = false;  ///< name the rules without a firing or a non-firing test
};
void add_test_options(CLI::App* command, TestOptions& options);
int run_test(const TestOptions& options);

struct ExplainOptions {
  std::string file;
  std::vector<std::string> what;  ///< THREAT_ID, or RULE ELEMENT
  AnalysisFlags analysis;
};
void add_explain_options(CLI::App* command, ExplainOptions& options);
int run_explain(const ExplainOptions& options);

struct PathsOptions {
  std::string file;
  std::string from = "untrusted";  ///< a trust level (that level and below) or a node id
  std::string to;                  ///< a data element or node id; empty: every sensitive asset
  AnalysisFlags analysis;
  std::string format = "text";  ///< text or json (docs/paths.schema.json)
};
void add_paths_options(CLI::App* command, PathsOptions& options);
int run_paths(const PathsOptions& options);

struct BuildOptions {
  std::vector<std::string> files;
  std::string output;
  std::vector<std::string> formats;
  RepositoryFlags repository;
  bool no_threats = false;
  bool top_down = false;
  bool no_legend = false;
  bool watch = false;
  DiagramOptions diagram;
  AnalysisFlags analysis;
  std::string paper = "a4";  ///< the PDF report's paper: a4 or letter
  std::string baseline;      ///< a git revision or a model file the reports compare with
};
void add_build_options(CLI::App* command, BuildOptions& options);
int run_build(const BuildOptions& options);

struct DiffOptions {
  std::string before, after;
  std::string format = "text";
  std::string fail_on_new;
  std::vector<std::string> old_evidence, evidence;  ///< SARIF logs of each side
  AnalysisFlags analysis;
};
void add_diff_options(CLI::App* command, DiffOptions& options);
int run_diff(const DiffOptions& options);

struct ScanOptions {
  std::string file;
  RepositoryFlags repository;
};
void add_scan_options(CLI::App* command, ScanOptions& options);
int run_scan(const ScanOptions& options);

struct InitOptions {
  std::string dir;
};
void add_init_options(CLI::App* command, InitOptions& options);
int run_init(const InitOptions& options);

/// The model files (not the standard library's) a compilation read, for --watch.
std::vector<std::string> model_files(const Compilation& c);

/// Parses --today; returns std::nullopt (after printing why) when it is not a valid date.
std::optional<std::int64_t> parse_today(const AnalysisFlags& flags);

/// Adds --threads (compiler/parallel.hpp) to a command that analyzes large models.
void add_threads_option(CLI::App* command);

/// The severity names, lowest first: what --fail-on and --fail-on-new accept.
std::vector<std::string> severity_choices();

}  // namespace moat::cli
