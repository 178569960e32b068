#include "backends/json_paths.hpp"

#include "analyzer/graph_facts.hpp"

namespace moat {

using json = nlohmann::ordered_json;

namespace {

json ids(const ModelGraph& g, const std::vector<ElementId>& elements) {
  json out = json::array();
  for (ElementId e : elements) out.push_back(g.elements[e].id);
  return out;
}

json threat_json(const ModelGraph& g, const Threat& t) {
  return {{"id", threat_id(g, t)},
          {"rule", g.rules[t.rule].id},
          {"element", g.elements[t.element].id},
          {"severity", severity_name(g, t.severity)},
          {"title", g.rules[t.rule].title}};
}

json path_json(const ModelGraph& g, const Analysis& a, std::size_t rank, const AttackPath& p) {
  const EnumDef& cls = g.schema.enums[g.builtins.classification];
  json threats = json::array();
  for (ThreatId t : p.threats) threats.push_back(threat_json(g, a.threats[t]));
  return {
      {"rank", rank},
      {"asset", p.data != kNoElement ? json(g.elements[p.data].id) : json(nullptr)},
      {"classification", cls.members[p.classification]},
      {"holder", g.elements[p.nodes.back()].id},
      {"hops", p.flows.size()},
      {"nodes", ids(g, p.nodes)},
      {"flows", ids(g, p.flows)},
      {"text", path_text(g, p.nodes)},
      {"worst_severity",
       p.worst >= 0 ? json(severity_name(g, static_cast<std::uint8_t>(p.worst))) : json(nullptr)},
      {"threats", std::move(threats)}};
}

}  // namespace

json paths_json(const ModelGraph& g, const Analysis& a, const PathsRequest& r) {
  const EnumDef& cls = g.schema.enums[g.builtins.classification];
  json paths = json::array();
  for (std::size_t i = 0; i < r.paths.size(); ++i) {
    paths.push_back(path_json(g, a, i + 1, r.paths[i]));
  }
  json radii = json::array();
  for (const BlastRadius& b : r.radii) {
    radii.push_back({{"holder", g.elements[b.holder].id},
                     {"opens", ids(g, b.opens)},
                     {"classification", cls.members[b.classification]}});
  }
  json from = r.from_element ? json{{"element", r.from}} : json{{"trust", r.from}};
  return {{"format_version", "1"},     {"file", r.file},
          {"from", std::move(from)},   {"to", r.to.empty() ? json(nullptr) : json(r.to)},
          {"paths", std::move(paths)}, {"blast_radius", std::move(radii)}};
}

}  // namespace moat
