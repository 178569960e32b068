// `moat diff OLD NEW`: compare two versions of a model (files, or REV:path read from git).
#include <iostream>

#include <fmt/format.h>

#include "analyzer/diff.hpp"
#include "analyzer/summary.hpp"
#include "backends/diff_report.hpp"
#include "cli/commands.hpp"
#include "cli/console.hpp"
#include "cli/model_side.hpp"
#include "compiler/compile.hpp"

namespace moat::cli {

void add_diff_options(CLI::App* diff, DiffOptions& options) {
  diff->add_option("before", options.before, "The old version: a file, or GIT_REV:path")
      ->required();
  diff->add_option("after", options.after, "The new version: a file, or GIT_REV:path")->required();
  diff->add_option("--format", options.format, "Output format: text, markdown or json")
      ->check(CLI::IsMember({"text", "markdown", "json"}));
  diff->add_option(
          "--fail-on-new", options.fail_on_new,
          "Exit 3 when the change adds (or reopens) an open threat of this severity or higher")
      ->check(CLI::IsMember(severity_choices()));
  diff->add_option("--evidence", options.evidence,
                   "SARIF logs (files or quoted globs) scanned at the new version");
  diff->add_option("--old-evidence", options.old_evidence,
                   "SARIF logs (files or quoted globs) scanned at the old version");
  diff->add_option("--today", options.analysis.today,
                   "Judge expiry dates as of this date (YYYY-MM-DD)");
}

namespace {

bool fails_new(const ModelDiff& d, const std::string& severity) {
  const std::uint8_t bar = severity_rank(severity).value_or(0);
  for (const ThreatChange& t : d.added) {
    if (t.after == ThreatStatus::Open && t.severity_rank >= bar) return true;
  }
  for (const ThreatChange& t : d.changed) {
    if (t.after == ThreatStatus::Open && t.severity_rank >= bar) return true;
  }
  // A renamed threat is never new; it counts only when the change reopened it.
  for (const ThreatChange& t : d.renamed) {
    if (t.after == ThreatStatus::Open && t.before != ThreatStatus::Open && t.severity_rank >= bar)
      return true;
  }
  return false;
}

}  // namespace

int run_diff(const DiffOptions& options) {
  const std::optional<std::int64_t> today = parse_today(options.analysis);
  if (!today) return kUsage;
  ModelSide before, after;
  const ModelSource old_source = parse_model_source(options.before);
  const ModelSource new_source = parse_model_source(options.after);
  // Declared scans' logs are files of the work tree: read them only when both sides are there.
  const bool declared = old_source.rev.empty() && new_source.rev.empty();
  const int a = load_side(old_source, "old: ", *today, before, options.old_evidence, declared);
  const int b = load_side(new_source, "new: ", *today, after, options.evidence, declared);
  if (a != kOk || b != kOk) return std::max(a, b) == kUsage ? kUsage : kModelErrors;
  const ModelDiff d = diff_models({before.compilation->graph, before.analysis},
                                  {after.compilation->graph, after.analysis});
  const DiffLabels labels{options.before, options.after};
  if (options.format == "json")
    std::cout << diff_json(d, labels);
  else if (options.format == "markdown")
    std::cout << diff_markdown(d, labels);
  else
    std::cout << diff_text(d, labels);
  if (!options.fail_on_new.empty() && fails_new(d, options.fail_on_new)) return kThreatsFound;
  return kOk;
}

}  // namespace moat::cli
