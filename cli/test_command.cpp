// `moat test PATH...`: runs the rule tests in model files (directories are searched for *.moat).
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <set>

#include <fmt/format.h>

#include "analyzer/rule_tests.hpp"
#include "cli/commands.hpp"
#include "cli/console.hpp"
#include "cli/model_files.hpp"
#include "compiler/ast.hpp"

namespace moat::cli {

namespace fs = std::filesystem;

void add_test_options(CLI::App* test, TestOptions& options) {
  test->add_option("paths", options.paths, "Model files or directories")->required();
  test->add_flag("-v,--verbose", options.verbose, "List passing tests too");
  test->add_flag("--require-coverage", options.require_coverage,
                 "Fail unless every rule the tests load has a firing and a non-firing test");
  test->add_flag("--list-untested", options.list_untested,
                 "Name the rules without a test that shows them firing or not firing");
}

namespace {

/// Files to test, sorted: the files named, and the *.moat files under each directory named.
std::vector<std::string> collect(const std::vector<std::string>& paths, bool& missing) {
  std::vector<std::string> files;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      const std::vector<std::string> found = moat_files_under(p);
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::exists(p, ec)) {
      files.push_back(p);
    } else {
      print_error("cannot read '{}': no such file or directory", p);
      missing = true;
    }
  }
  return files;
}

bool declares_tests(const Program& program) {
  for (const auto& m : program.modules) {
    if (!program.sources.file(m->file).is_stdlib && !m->tests.empty()) return true;
  }
  return false;
}

/// A rule with `from_scans` fires only on scanner results (docs/evidence.md): test blocks have
/// none, so coverage leaves it out.
bool reads_scans(const ast::RuleDecl& rule) {
  return std::any_of(rule.attrs.begin(), rule.attrs.end(),
                     [](const ast::Attribute& a) { return a.name.name == "from_scans"; });
}

/// One line of rule coverage, and the rules lacking a firing or a non-firing test when asked for
/// (--list-untested) or when they fail the run (--require-coverage); true when they fail it.
bool report_coverage(const std::set<std::string>& rules, const RuleCoverage& coverage,
                     const TestOptions& options) {
  std::vector<std::string> missing_fire, missing_silent;
  for (const std::string& r : rules) {
    auto it = coverage.counts.find(r);
    if (it == coverage.counts.end() || it->second.first == 0) missing_fire.push_back(r);
    if (it == coverage.counts.end() || it->second.second == 0) missing_silent.push_back(r);
  }
  const bool uncovered = !missing_fire.empty() || !missing_silent.empty();
  const bool fails = options.require_coverage && uncovered;
  const bool listed = options.list_untested || fails;
  auto list = [](const char* what, const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
    if (!v.empty()) std::cout << "rules with no test that shows them " << what << ": " << s << "\n";
  };
  if (listed) {
    list("firing", missing_fire);
    list("not firing", missing_silent);
  }
  std::size_t both = 0;
  for (const auto& [rule, counts] : coverage.counts)
    both += rules.count(rule) && counts.first && counts.second;
  if (rules.empty()) return fails;
  std::cout << fmt::format("rule coverage: {} of {} rules tested both ways", both, rules.size());
  if (uncovered) {
    std::cout << fmt::format(" ({} without a firing test, {} without a non-firing test{})",
                             missing_fire.size(), missing_silent.size(),
                             listed ? "" : "; --list-untested names them");
  }
  std::cout << "\n";
  return fails;
}

}  // namespace

int run_test(const TestOptions& options) {
  bool missing = false;
  const std::vector<std::string> files = collect(options.paths, missing);
  std::size_t passed = 0, failed = 0;
  bool load_errors = false;
  RuleCoverage coverage;
  std::set<std::string> rules_seen, from_scans;
  for (const std::string& file : files) {
    Program program;
    DiagnosticSink diags;
    std::string io_error;
    const LoadStatus load = load_program(file, program, diags, io_error);
    if (load == LoadStatus::RootUnreadable) {
      print_error("cannot read '{}': {}", file, io_error);
      missing = true;
      continue;
    }
    if (load != LoadStatus::Ok) {
      std::cerr << render_text(program.sources, diags.sorted());
      load_errors = true;
      continue;
    }
    if (!declares_tests(program)) continue;  // modules and models without tests
    for (const auto& m : program.modules) {
      for (const ast::RuleDecl& rule : m->rules)
        (reads_scans(rule) ? from_scans : rules_seen).insert(rule.id.name);
    }
    for (const RuleTestResult& r : run_rule_tests(program, coverage)) {
      (r.passed ? passed : failed)++;
      if (r.passed && !options.verbose) continue;
      const LineCol lc = program.sources.line_col(r.span.file, r.span.begin);
      std::cout << fmt::format("{} {}:{}: {}\n", r.passed ? "ok  " : "FAIL", file, lc.line,
                               r.title);
      if (!r.passed) std::cout << render_text(program.sources, r.diagnostics);
    }
  }
  const bool uncovered = report_coverage(rules_seen, coverage, options);
  if (!from_scans.empty()) {
    std::string names;
    for (const std::string& r : from_scans) names += (names.empty() ? "" : ", ") + r;
    std::cout << fmt::format(
        "not counted: {} rules raise threats from scanner results, which a test block cannot "
        "give ({}); docs/evidence.md\n",
        from_scans.size(), names);
  }
  std::cout << fmt::format("{} passed, {} failed\n", passed, failed);
  if (missing) return kUsage;
  return failed > 0 || load_errors || uncovered ? kModelErrors : kOk;
}

}  // namespace moat::cli
