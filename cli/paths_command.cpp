// `moat paths FILE [--from untrusted|ZONE_TRUST|ELEMENT] [--to DATA|ELEMENT]`: the shortest attack
// paths from less trusted nodes to confidential and secret data, and the blast radius of each
// credential holder (docs/cli.md).
#include <iostream>

#include <fmt/format.h>

#include "analyzer/attack_paths.hpp"
#include "backends/json_paths.hpp"
#include "cli/commands.hpp"
#include "cli/console.hpp"
#include "cli/repository.hpp"
#include "compiler/compile.hpp"
#include "compiler/suggest.hpp"

namespace moat::cli {

void add_paths_options(CLI::App* paths, PathsOptions& options) {
  paths->add_option("file", options.file, "The model file")->required();
  paths->add_option("--from", options.from,
                    "Where paths start: a trust level (every node at or below it; default "
                    "untrusted) or an element");
  paths->add_option("--to", options.to, "Only paths to this data element or node");
  paths->add_option("--today", options.analysis.today,
                    "Judge expiry dates as of this date (YYYY-MM-DD)");
  paths->add_option("--format", options.format, "Output format: text or json")
      ->check(CLI::IsMember({"text", "json"}));
}

namespace {

/// Reads --from and --to into `q`; prints an error and returns false on an unknown name.
bool read_query(const ModelGraph& g, const PathsOptions& options, PathQuery& q) {
  const EnumDef& trust = g.schema.enums[g.builtins.trust];
  std::vector<std::string_view> names(trust.members.begin(), trust.members.end());
  for (const ElementRec& r : g.elements) names.push_back(r.id);
  if (const int level = trust.member_index(options.from); level >= 0) {
    q.max_trust = static_cast<std::uint8_t>(level);
  } else if (const ElementId e = g.find(options.from);
             e != kNoElement && (kNodeKinds & kind_bit(g.elements[e].kind))) {
    q.origin = e;
  } else {
    const std::string best = closest_match(options.from, names);
    print_error("--from '{}' is neither a trust level nor a node{}", options.from,
                best.empty() ? "" : "; did you mean '" + best + "'?");
    return false;
  }
  if (options.to.empty()) return true;
  q.to = g.find(options.to);
  if (q.to != kNoElement && (kNodeKinds | kind_bit(Kind::Data)) & kind_bit(g.elements[q.to].kind)) {
    return true;
  }
  const std::string best = closest_match(options.to, names);
  print_error("--to '{}' is neither a data element nor a node{}", options.to,
              best.empty() ? "" : "; did you mean '" + best + "'?");
  return false;
}

void print_path(const ModelGraph& g, const Analysis& a, std::size_t rank, const AttackPath& p) {
  const EnumDef& cls = g.schema.enums[g.builtins.classification];
  const ElementId holder = p.nodes.back();
  const std::string what = p.data != kNoElement
                               ? fmt::format("{} ({}) at {}", g.elements[p.data].id,
                                             cls.members[p.classification], g.elements[holder].id)
                               : g.elements[holder].id;
  std::cout << fmt::format(
      "{}. {}: {} hop{}, {} open threat{}{}\n", rank, what, p.flows.size(),
      p.flows.size() == 1 ? "" : "s", p.threats.size(), p.threats.size() == 1 ? "" : "s",
      p.worst >= 0 ? ", worst " + severity_name(g, static_cast<std::uint8_t>(p.worst)) : "");
  std::cout << "   " << path_text(g, p.nodes) << "\n";
  for (const ThreatId t : p.threats) {
    std::cout << fmt::format("     {} [{}] {}\n", threat_id(g, a.threats[t]),
                             severity_name(g, a.threats[t].severity),
                             g.rules[a.threats[t].rule].title);
  }
}

void print_blast_radii(const ModelGraph& g, const std::vector<BlastRadius>& radii) {
  if (radii.empty()) return;
  const EnumDef& cls = g.schema.enums[g.builtins.classification];
  std::cout << "\nBlast radius: what the credentials of each holder open\n";
  for (const BlastRadius& b : radii) {
    std::string opens;
    for (ElementId e : b.opens) opens += (opens.empty() ? "" : ", ") + g.elements[e].id;
    std::cout << fmt::format("  {} opens {} ({} data at stake): {}\n", g.elements[b.holder].id,
                             b.opens.size(), cls.members[b.classification], opens);
  }
}

}  // namespace

int run_paths(const PathsOptions& options) {
  const std::optional<std::int64_t> today = parse_today(options.analysis);
  if (!today) return kUsage;
  auto c = compile_file(options.file, compile_options({}, options.file));
  if (const int exit = require_compiled(*c, options.file); exit != kOk) return exit;
  const ModelGraph& g = c->graph;
  PathQuery q;
  if (!read_query(g, options, q)) return kUsage;
  DiagnosticSink warnings;
  const Analysis a = analyze(g, {*today}, warnings);
  const std::vector<AttackPath> paths = attack_paths(g, a, q);
  if (options.format == "json") {
    PathsRequest r{options.file, options.from, q.origin != kNoElement, options.to, paths, {}};
    if (q.to == kNoElement) r.radii = blast_radii(g, a);
    std::cout << paths_json(g, a, r).dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
              << "\n";
    return kOk;
  }
  std::cout << fmt::format(
      "Attack paths from {} to {}: {}\n",
      q.origin != kNoElement ? g.elements[q.origin].id : "trust " + options.from + " and below",
      q.to != kNoElement ? g.elements[q.to].id : "confidential and secret data", paths.size());
  for (std::size_t i = 0; i < paths.size(); ++i) print_path(g, a, i + 1, paths[i]);
  if (q.to == kNoElement) print_blast_radii(g, blast_radii(g, a));
  return kOk;
}

}  // namespace moat::cli
