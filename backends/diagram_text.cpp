#include "backends/diagram_text.hpp"

#include <algorithm>

namespace moat::diagram {

namespace {

constexpr std::size_t kMaxNumbers = 8;  // flow numbers listed on a merged arrow
constexpr std::size_t kMaxData = 6;     // data names listed on one arrow

std::string join(const std::vector<std::string>& items, std::size_t max) {
  std::string out;
  for (std::size_t i = 0; i < items.size() && i < max; ++i) out += (i ? ", " : "") + items[i];
  if (items.size() > max) out += ", +" + std::to_string(items.size() - max) + " more";
  return out;
}

/// "1,234": counts in headings, readable at the sizes where things are left out.
std::string count(std::size_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

/// What fit_budget() left out, what it kept first, and where to see the rest.
std::string left_out_note(const ModelGraph& g, const View& v) {
  std::string what;
  if (v.left_out_arrows > 0) {
    what = count(v.left_out_arrows) + " of " + count(v.arrows_before) + " arrows (" +
           count(v.left_out_flows) + (v.left_out_flows == 1 ? " flow)" : " flows)");
  }
  if (v.left_out_nodes > 0) {
    what += (what.empty() ? "" : " and ") + count(v.left_out_nodes) + " of " +
            count(v.nodes_before) + " nodes";
  }
  std::string note =
      "left out to stay readable: " + what +
      "; kept first: open threats, the highest severity, flows into a more "
      "trusted zone; see the rest on the per-boundary sheets (STEM.sheet-ID.svg) or with "
      "--boundary ID";
  for (std::size_t i = 0; i < v.left_out_where.size(); ++i)
    note += (i == 0 ? ", e.g. " : ", ") + g.elements[v.left_out_where[i]].id;
  return note;
}

}  // namespace

Labels::Labels(const RenderContext& ctx, const View& view) : ctx_(ctx), g_(ctx.graph), view_(view) {
  trust_names_ = &g_.schema.enums[g_.builtins.trust].members;
  carries_ = g_.schema.of(DeclKind::Flow).slot("carries");
}

const std::string& Labels::trust(ElementId e) const {
  static const std::string unknown = "?";
  const std::uint8_t t = g_.elements[e].trust;
  return trust_names_ && t < trust_names_->size() ? (*trust_names_)[t] : unknown;
}

Label Labels::node(const Node& n) const {
  const ElementRec& e = g_.elements[n.element];
  if (n.element == ModelGraph::kOutside) {
    const std::string count = std::to_string(n.hidden) + (n.hidden == 1 ? " element" : " elements");
    return {e.title, {"grouped: " + count + " outside every boundary"}, n.overlay};
  }
  Label l{e.title, {}, n.overlay};
  std::string kind = kind_name(e.kind);
  if (e.title != e.id) kind += " " + e.id;
  // A sheet keeps its boxes small: the shape says the kind, the boundary the trust.
  if (!ctx_.diagram.sheet || n.shape == Shape::Collapsed)
    l.details.push_back(kind + ", trust " + trust(n.element));
  if (n.shape == Shape::Collapsed) {
    const std::string count = std::to_string(n.hidden) + (n.hidden == 1 ? " element" : " elements");
    l.details.push_back(n.context ? "grouped: " + count + " with flows into the view"
                                  : "collapsed: " + count);
  }
  if (n.context && e.boundary != ModelGraph::kOutside)
    l.details.push_back("in " + g_.elements[e.boundary].title);
  return l;
}

Label Labels::cluster(const Cluster& c) const {
  const ElementRec& e = g_.elements[c.boundary];
  std::string line = "boundary";
  if (e.title != e.id) line += " " + e.id;
  return {e.title, {line + ", trust " + trust(c.boundary)}, c.overlay};
}

std::string Labels::data_line(const Edge& e) const {
  std::vector<std::string> names;
  std::vector<ElementId> seen;
  for (ElementId f : e.flows) {
    const Val list = carries_ < 0 ? Val{} : g_.attr(f, carries_);
    if (!list.is_set()) continue;
    for (std::uint32_t i = 0; i < list.list_size(); ++i) {
      const auto d = g_.list_items[list.list_offset() + i].id<ElementId>();
      if (std::find(seen.begin(), seen.end(), d) != seen.end()) continue;
      seen.push_back(d);
      names.push_back(g_.elements[d].title);
    }
  }
  return names.empty() ? "" : "data: " + join(names, kMaxData);
}

Label Labels::edge(const Edge& e) const {
  Label l{{}, {}, e.overlay};
  const bool boxed = view_.nodes[e.source].shape == Shape::Collapsed ||
                     view_.nodes[e.target].shape == Shape::Collapsed;
  if (e.flows.size() == 1) {
    l.title = std::to_string(view_.number[e.flows[0]]) + ". " + g_.elements[e.flows[0]].title;
  } else if (boxed) {
    // Between boxes (the overview): how many, and the overlay's worst open severity.
    l.title = std::to_string(e.flows.size()) + " flows";
  } else {
    // A bundle: the flows' numbers, which the report's flow table lists one by one.
    std::vector<std::string> numbers;
    for (ElementId f : e.flows) numbers.push_back(std::to_string(view_.number[f]));
    l.title = join(numbers, kMaxNumbers);
  }
  if (ctx_.diagram.show_data) {
    if (std::string data = data_line(e); !data.empty()) l.details.push_back(std::move(data));
  }
  return l;
}

Label Labels::heading() const {
  Label l{g_.model.title.empty() ? "Data-flow diagram" : g_.model.title, {}, {}};
  std::string line = "data-flow diagram";
  if (!g_.model.version.empty()) line += ", version " + g_.model.version;
  l.details.push_back(line);
  if (view_.focus != kNoElement) {
    l.details.push_back("view: boundary " + g_.elements[view_.focus].id +
                        " and the elements its flows reach");
  }
  if (ctx_.diagram.overview) {
    l.details.push_back("overview: each top-level boundary is one box, with a sheet of its own");
  } else if (view_.collapse >= 0) {
    std::string note =
        "boundaries nested deeper than " + std::to_string(view_.collapse) + " are collapsed";
    if (view_.automatic) {
      note += " (automatically: " + std::to_string(view_.model_nodes) +
              " nodes are too many for one readable diagram; see --boundary and --collapse-depth)";
    }
    l.details.push_back(note);
  }
  if (view_.group_context)
    l.details.push_back("elements outside the view are grouped by their outermost boundary");
  if (view_.group_outside)
    l.details.push_back("elements outside every boundary are drawn as one box");
  if (view_.aggregated && !ctx_.diagram.sheet)
    l.details.push_back("flows between the same two nodes share one arrow");
  if (view_.left_out_arrows + view_.left_out_nodes > 0)
    l.details.push_back(left_out_note(g_, view_));
  if (!ctx_.diagram.note.empty()) l.details.push_back(ctx_.diagram.note);
  return l;
}

std::vector<LegendRow> Labels::legend() const {
  std::vector<LegendRow> rows;
  auto row = [&rows](const char* symbol, const char* meaning) {
    rows.push_back({symbol, meaning, {}});
  };
  row("double-bordered box", "actor (a person)");
  row("box", "external system");
  row("ellipse", "process");
  row("cylinder", "data store");
  row("dashed frame", "trust boundary, with its trust level");
  row("N. name", "flow N, numbered in declaration order");
  if (view_.aggregated) row("3, 4", "flows 3 and 4 between the same two elements");
  if (std::any_of(view_.edges.begin(), view_.edges.end(), [](const Edge& e) { return e.both; }))
    row("heads at both ends", "flows both ways (or a two-way flow, <->)");
  if (std::any_of(view_.edges.begin(), view_.edges.end(),
                  [this](const Edge& e) { return against_trust(g_, view_, e); }))
    row("dashed arrow", "against the trust gradient: into a less trusted zone");
  if (view_.collapse >= 0) row("3-D box", "collapsed boundary and everything in it");
  if (view_.focus != kNoElement) row("grey", "outside the viewed boundary");
  if (!ctx_.diagram.threats) return rows;
  row("", "fill and border: the highest severity among open threats");
  rows.back().swatches.assign(std::begin(kLevels), std::end(kLevels));
  rows.back().swatches.push_back(Level::None);
  return rows;
}

}  // namespace moat::diagram
