// The diagram formats of `moat build`: DOT, SVG, PNG and Mermaid, all drawn from one View.
#include "backends/diagram.hpp"
#include "backends/graphviz_graph.hpp"
#include "backends/graphviz_render.hpp"
#include "backends/mermaid_flowchart.hpp"
#include "backends/shared_work.hpp"

namespace moat {

namespace {

using namespace diagram;

/// Builds the view and its graph from the input order that crosses the fewest arrows
/// (graphviz_order.cpp), then lays it out once more and renders it as each of `formats`.
std::vector<RenderResult> rendered_all(const RenderContext& ctx,
                                       const std::vector<std::string>& formats) {
  const ViewResult v = build_view(ctx, kLayoutBudget);
  if (!v.error.empty()) return std::vector<RenderResult>(formats.size(), RenderResult{{}, v.error});
  GraphvizSession session;
  const GraphBuilder build = [&](unsigned variant) { return build_graph(ctx, v.view, variant); };
  const unsigned order = best_order(build, order_tries(v.view));
  return layout_and_render(session, build(order), formats);
}

/// The diagram as `format`, from the build's shared layout when there is one.
RenderResult rendered(const RenderContext& ctx, const std::string& format) {
  const auto render = [&ctx](const std::vector<std::string>& formats) {
    return rendered_all(ctx, formats);
  };
  if (ctx.shared) return ctx.shared->diagram(format, render);
  return render({format}).at(0);
}

const BackendRegistration dot_registration({"dot", "dot",
                                            "the data-flow diagram as Graphviz DOT source",
                                            &dot_diagram, 10, true});
const BackendRegistration svg_registration(
    {"svg", "svg", "the data-flow diagram as SVG, with the open-threat overlay", &svg_diagram, 20,
     true, true});
const BackendRegistration png_registration(
    {"png", "png", "the data-flow diagram as PNG (needs Graphviz's cairo plugin)", &png_diagram, 30,
     true, true});
const BackendRegistration mermaid_registration(
    {"mermaid", "mmd", "the data-flow diagram as a Mermaid flowchart, for Markdown",
     &mermaid_within_limits, 40});

}  // namespace

RenderResult dot_diagram(const RenderContext& ctx) {
  const ViewResult v = build_view(ctx, kLayoutBudget);
  if (!v.error.empty()) return {{}, v.error};
  GraphvizSession session;
  std::string dot = write_dot(build_graph(ctx, v.view).get());
  if (const std::string why = session.errors(); !why.empty())
    return {{}, "Graphviz reported: " + why};
  return {std::move(dot), {}};
}

RenderResult svg_diagram(const RenderContext& ctx) {
  return rendered(ctx, "svg");
}

RenderResult png_diagram(const RenderContext& ctx) {
  return rendered(ctx, "png");
}

}  // namespace moat
