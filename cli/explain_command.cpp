// `moat explain FILE THREAT_ID` or `moat explain FILE RULE ELEMENT`: why a rule fired or not.
#include <algorithm>
#include <iostream>

#include <fmt/format.h>

#include "analyzer/explain.hpp"
#include "cli/commands.hpp"
#include "cli/console.hpp"
#include "cli/repository.hpp"
#include "compiler/compile.hpp"
#include "compiler/suggest.hpp"

namespace moat::cli {

void add_explain_options(CLI::App* explain, ExplainOptions& options) {
  explain->add_option("file", options.file, "The model file")->required();
  explain
      ->add_option("what", options.what,
                   "THREAT_ID (ELEMENT.RULE), FINDING_ID (ANCHOR.WEAKNESS), or RULE ELEMENT")
      ->required()
      ->expected(1, 2);
  explain->add_option("--today", options.analysis.today,
                      "Judge expiry dates as of this date (YYYY-MM-DD)");
}

namespace {

bool find_rule(const ModelGraph& g, const std::string& id, RuleId& rule) {
  for (const RuleId r : g.rules.ids()) {
    if (g.rules[r].id == id) {
      rule = r;
      return true;
    }
  }
  std::vector<std::string_view> names;
  for (const RuleRec& r : g.rules) names.push_back(r.id);
  const std::string best = closest_match(id, names);
  print_error("no rule '{}'{}", id, best.empty() ? "" : "; did you mean '" + best + "'?");
  return false;
}

bool find_element(const ModelGraph& g, const std::string& id, ElementId& e) {
  e = g.find(id);
  if (e != kNoElement) return true;
  std::vector<std::string_view> names;
  for (const ElementRec& r : g.elements) names.push_back(r.id);
  const std::string best = closest_match(id, names);
  print_error("no element '{}'{}", id, best.empty() ? "" : "; did you mean '" + best + "'?");
  return false;
}

bool has_threat(const ModelGraph& g, const Analysis& a, const std::string& id) {
  for (const Threat& t : a.threats) {
    if (threat_id(g, t) == id) return true;
  }
  return false;
}

}  // namespace

int run_explain(const ExplainOptions& options) {
  const std::optional<std::int64_t> today = parse_today(options.analysis);
  if (!today) return kUsage;
  auto c = compile_file(options.file, compile_options({}, options.file));
  if (const int exit = require_compiled(*c, options.file); exit != kOk) return exit;
  const ModelGraph& g = c->graph;
  std::string rule_id, element_id;
  if (options.what.size() == 2) {
    rule_id = options.what[0];
    element_id = options.what[1];
  } else {
    // A threat id is ELEMENT.RULE; element ids cannot contain dots, so split at the last one.
    const std::string& id = options.what[0];
    if (std::count(id.begin(), id.end(), '.') > 1) {
      // ELEMENT.RULE.SCANNER_RULE: raised from scanner results, which explain does not read.
      print_error(
          "'{}' is a threat raised from scanner results, which 'moat explain' does not "
          "read; 'moat check --format json' lists its results (docs/evidence.md)",
          id);
      return kUsage;
    }
    const std::size_t dot = id.rfind('.');
    if (dot == std::string::npos) {
      print_error("a threat id has the form ELEMENT.RULE; or give RULE ELEMENT");
      return kUsage;
    }
    element_id = id.substr(0, dot);
    rule_id = id.substr(dot + 1);
  }
  DiagnosticSink warnings;
  const Analysis a = analyze(g, {*today}, warnings);
  // A finding id (ANCHOR.WEAKNESS) that is not also a threat's id: explain the finding.
  if (options.what.size() == 1 && !has_threat(g, a, options.what[0])) {
    if (const Finding* f = find_finding(a, options.what[0])) {
      std::cout << explain_finding_members(g, a, *f);
      return kOk;
    }
  }
  RuleId rule;
  ElementId element = kNoElement;
  if (!find_rule(g, rule_id, rule) || !find_element(g, element_id, element)) return kUsage;
  std::cout << explain(c->program.sources, g, a, rule, element);
  return kOk;
}

}  // namespace moat::cli
