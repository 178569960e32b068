// Options shared by the analyzing commands.
#include <iostream>

#include "analyzer/summary.hpp"
#include "cli/commands.hpp"
#include "cli/console.hpp"
#include "compiler/literals.hpp"
#include "compiler/parallel.hpp"

namespace moat::cli {

std::vector<std::string> model_files(const Compilation& c) {
  std::vector<std::string> out;
  for (const auto& m : c.program.modules) {
    const SourceFile& f = c.program.sources.file(m->file);
    if (!f.is_stdlib) out.push_back(f.path);
  }
  return out;
}

std::vector<std::string> severity_choices() {
  return {kSeverityNames.begin(), kSeverityNames.end()};
}

std::optional<std::int64_t> parse_today(const AnalysisFlags& flags) {
  if (flags.today.empty()) return 0;  // the analyzer uses the system date
  std::int64_t days = 0;
  LiteralError error;
  const std::string& t = flags.today;
  const bool shaped = t.size() == 10 && t[4] == '-' && t[7] == '-';
  if (!shaped || !decode_date(t, days, error)) {
    print_error("--today expects a date YYYY-MM-DD, not '{}'", t);
    return std::nullopt;
  }
  return days;
}

void add_threads_option(CLI::App* app) {
  app->add_option_function<std::size_t>(
         "--threads", [](std::size_t n) { set_worker_threads(n); },
         "Threads the analysis and output of a large model may use (default: one per core, at "
         "most 8); the output is the same with any number")
      ->check(CLI::Range(1, 64));
}

}  // namespace moat::cli
