#include "cli/plan_command.hpp"

#include <iostream>

#include <fmt/format.h>

#include "analyzer/plan.hpp"
#include "cli/console.hpp"
#include "cli/repository.hpp"
#include "compiler/attrs.hpp"
#include "compiler/literals.hpp"

namespace moat::cli {

void add_plan_options(CLI::App* plan, PlanOptions& options) {
  plan->add_option("file", options.file, "The model file")->required();
  add_repository_flags(plan, options.repository, false);
  plan->add_option("--today", options.analysis.today,
                   "Plan as of this date (YYYY-MM-DD): the earliest audit dates count from it");
}

namespace {

std::string item_line(const ModelGraph& g, const PlanItem& item) {
  const MitigationRec& m = g.mitigations[item.mitigation];
  std::string line = fmt::format(
      "{}  effort {}", m.id, item.effort_given ? format_duration(item.effort) : "1d (not given)");
  if (item.window)
    line += fmt::format(", evidence window {} (audit from {})", format_duration(*item.window),
                        format_date(*item.audit_on));
  line += fmt::format("; closes {} open threat{}", item.closes.size(),
                      item.closes.size() == 1 ? "" : "s");
  for (std::size_t i = 0; i < item.unblocks.size(); ++i)
    line += (i == 0 ? "; unblocks " : ", ") + g.criteria[item.unblocks[i]].id;
  line += fmt::format("; value {}, {:.1f} per day", item.value, item.leverage);
  if (!m.owner.empty()) line += "; owner " + m.owner;
  return line;
}

}  // namespace

int run_plan(const PlanOptions& options) {
  const std::optional<std::int64_t> today = parse_today(options.analysis);
  if (!today) return kUsage;
  auto c = compile_file(options.file, compile_options(options.repository, options.file));
  if (const int exit = require_readable(*c, options.file); exit != kOk) return exit;
  Analysis a;
  if (c->ok()) a = analyze_in_repository(*c, options.file, options.repository, *today);
  if (report_diagnostics(*c) != kOk) return kModelErrors;
  const ModelGraph& g = c->graph;
  const Plan plan = remediation_plan(g, a);
  std::cout << fmt::format(
      "plan: {} planned mitigation{} (evidence windows first, then value per "
      "day of effort)\n",
      plan.items.size(), plan.items.size() == 1 ? "" : "s");
  for (std::size_t i = 0; i < plan.items.size(); ++i)
    std::cout << fmt::format("  {:>2}. {}\n", i + 1, item_line(g, plan.items[i]));
  std::cout << fmt::format("open threats no planned mitigation covers: {}\n",
                           plan.uncovered.size());
  for (const ThreatId t : plan.uncovered) {
    const Threat& th = a.threats[t];
    const std::string owner = attrs_of(g, th.element).str("owner");
    std::cout << fmt::format("  {:<8} {}  owner {}\n", severity_name(g, th.severity),
                             threat_id(g, th), owner.empty() ? "none" : owner);
  }
  return kOk;
}

}  // namespace moat::cli
