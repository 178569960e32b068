#pragma once
// The words on a diagram, shared by the Graphviz and Mermaid writers, which only escape and
// format them: labels of nodes, boundaries and arrows, the heading and the legend.
#include <string>
#include <vector>

#include "backends/diagram_view.hpp"

namespace moat::diagram {

/// One line of the legend: a symbol and its meaning; or, with `swatches`, the colours of
/// those levels (named by colours().name, "none" for Level::None) and what they mean.
struct LegendRow {
  std::string symbol, meaning;
  std::vector<Level> swatches;
};

/// A label as unescaped text: a title, smaller detail lines, and the open-threat line.
struct Label {
  std::string title;
  std::vector<std::string> details;
  Overlay overlay;
};

class Labels {
 public:
  Labels(const RenderContext& ctx, const View& view);

  Label node(const Node& n) const;
  Label cluster(const Cluster& c) const;
  Label edge(const Edge& e) const;
  /// The diagram's title (the model's) and what the view shows.
  Label heading() const;
  /// Rows explaining shapes, numbers and, with the overlay, colours.
  std::vector<LegendRow> legend() const;

 private:
  const std::string& trust(ElementId e) const;
  std::string data_line(const Edge& e) const;

  const RenderContext& ctx_;
  const ModelGraph& g_;
  const View& view_;
  const std::vector<std::string>* trust_names_ = nullptr;
  int carries_ = -1;
};

}  // namespace moat::diagram
