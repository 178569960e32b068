// "Attack paths": the shortest chains of flows from untrusted nodes to each confidential or
// secret data asset, most at risk first, with the open threats on each hop; then what the
// credentials of each holder open (analyzer/attack_paths.hpp, the same as `moat paths`).
#include <algorithm>

#include "analyzer/attack_paths.hpp"
#include "backends/report_model.hpp"
#include "backends/report_sections.hpp"

namespace moat::report {

namespace {

/// The report lists the paths most at risk; `moat paths` lists them all.
constexpr std::size_t kTopPaths = 10;
/// The most exposed distinct routes among the listed paths also get a diagram each.
constexpr std::size_t kDrawnPaths = 3;

Table paths_table(const RenderContext& ctx, const std::vector<AttackPath>& paths) {
  const ModelGraph& g = ctx.graph;
  const EnumDef& cls = g.schema.enums[g.builtins.classification];
  Table t;
  t.header = {"Asset", "Path", "Open threats on the path"};
  t.empty_note = "No flow path leads from an untrusted node to confidential or secret data.";
  for (std::size_t i = 0; i < paths.size() && i < kTopPaths; ++i) {
    const AttackPath& p = paths[i];
    Cell asset = cell(code(g.elements[p.data].id));
    asset.add(br()).add(muted(cls.members[p.classification]));
    std::vector<Inline> threats;
    for (ThreatId th : p.threats) {
      const Threat& x = ctx.analysis.threats[th];
      threats.push_back(ref(threat_anchor(g, x), threat_id(g, x)));
    }
    t.rows.push_back(
        {row_cells(std::move(asset), cell(path_text(g, p.nodes)),
                   threats.empty() ? cell(muted("none")) : joined(std::move(threats), true)),
         {},
         Tone::None});
  }
  return t;
}

/// The first kDrawnPaths distinct routes among the listed paths, each with the assets the listed
/// paths reach over it (several assets often share the most exposed route).
std::vector<std::pair<const AttackPath*, std::vector<ElementId>>> routes(
    const std::vector<AttackPath>& paths) {
  std::vector<std::pair<const AttackPath*, std::vector<ElementId>>> out;
  for (std::size_t i = 0; i < paths.size() && i < kTopPaths; ++i) {
    auto same = std::find_if(out.begin(), out.end(),
                             [&](const auto& r) { return r.first->nodes == paths[i].nodes; });
    if (same != out.end()) {
      same->second.push_back(paths[i].data);
    } else if (out.size() < kDrawnPaths) {
      out.push_back({&paths[i], {paths[i].data}});
    }
  }
  return out;
}

/// A caption and a diagram, its hops highlighted, for each route routes() picks.
void path_diagrams(const RenderContext& ctx, const std::vector<AttackPath>& paths, Section& s) {
  const ModelGraph& g = ctx.graph;
  std::size_t n = 0;
  for (const auto& [p, assets] : routes(paths)) {
    std::vector<Inline> names;
    for (ElementId d : assets) names.push_back(code(g.elements[d].id));
    Cell caption = cell(strong("Route " + std::to_string(++n)));
    caption.add(text(" to ")).add(code(g.elements[p->nodes.back()].id)).add(text(" ("));
    for (std::size_t i = 0; i < names.size(); ++i) {
      caption.add(text(i == 0 ? "" : ", ")).add(std::move(names[i]));
    }
    caption.add(text("): " + std::to_string(p->flows.size()) + " hop" +
                     (p->flows.size() == 1 ? "" : "s") + ", highlighted; " +
                     std::to_string(p->threats.size()) + " open threat" +
                     (p->threats.size() == 1 ? "" : "s") + " on the way"));
    s.blocks.push_back(paragraph(std::move(caption)));
    Block b;
    b.kind = Block::Kind::Diagram;
    b.path_nodes = p->nodes;
    b.path_flows = p->flows;
    b.path_threats = p->threats;
    s.blocks.push_back(std::move(b));
  }
}

Table blast_table(const RenderContext& ctx) {
  const ModelGraph& g = ctx.graph;
  const EnumDef& cls = g.schema.enums[g.builtins.classification];
  Table t;
  t.header = {"Credential holder", "Its credentials open", "Most sensitive data there"};
  t.empty_note = "No store or process in this model holds credentials that open anything.";
  for (const BlastRadius& b : blast_radii(g, ctx.analysis)) {
    std::vector<Inline> opens;
    for (ElementId e : b.opens) opens.push_back(code(g.elements[e].id));
    t.rows.push_back({row_cells(cell(code(g.elements[b.holder].id)), joined(std::move(opens)),
                                cell(cls.members[b.classification])),
                      {},
                      Tone::None});
  }
  return t;
}

}  // namespace

Section attack_paths_section(const RenderContext& ctx) {
  Section s{"attack-paths", "Attack paths", {}, false};
  const std::vector<AttackPath> paths = attack_paths(ctx.graph, ctx.analysis, PathQuery{});
  s.blocks.push_back(paragraph(cell(
      "The shortest chains of flows from an untrusted node to a node that holds or receives each "
      "confidential or secret asset, most sensitive and most exposed first (moat paths lists "
      "them all).")));
  s.blocks.push_back(table_block(paths_table(ctx, paths)));
  path_diagrams(ctx, paths, s);
  s.blocks.push_back(paragraph(
      cell("Blast radius: what an attacker who obtains a holder's credentials can call or read as "
           "that holder.")));
  s.blocks.push_back(table_block(blast_table(ctx)));
  return s;
}

}  // namespace moat::report
