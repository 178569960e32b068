#pragma once
// Work that several formats of one build need, done once and shared: the Graphviz layout of
// the diagram (the SVG, the PNG and the SVG inlined in the HTML report; laying out a large
// model takes seconds, rendering a finished layout a fraction of that) and the report's
// document tree (the HTML and the Markdown report). Safe to use from several threads.
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "backends/diagram_sheets.hpp"
#include "backends/registry.hpp"
#include "backends/report_doc.hpp"

namespace moat {

class SharedWork {
 public:
  /// Lays out the diagram once and renders it in each of `formats`, in that order.
  using Renderer =
      std::function<std::vector<RenderResult>(const std::vector<std::string>& formats)>;

  /// `layout_formats`: what the build will ask for from the one layout ("svg" before "png").
  explicit SharedWork(std::vector<std::string> layout_formats)
      : formats_(std::move(layout_formats)) {}

  /// The diagram as `format`: on first use, `render` lays out and renders every shared format;
  /// a format that is not shared is rendered on its own.
  RenderResult diagram(const std::string& format, const Renderer& render);

  /// The report's document tree, built by `build` on first use.
  std::shared_ptr<const report::Document> report(const std::function<report::Document()>& build);

  /// The wall sheets (the `sheets` format and the HTML report), laid out by `build` on first use.
  std::shared_ptr<const std::vector<diagram::Sheet>> sheets(
      const std::function<std::vector<diagram::Sheet>()>& build);

 private:
  std::vector<std::string> formats_;
  std::once_flag layout_once_;
  std::vector<RenderResult> rendered_;
  std::once_flag report_once_;
  std::shared_ptr<const report::Document> report_;
  std::once_flag sheets_once_;
  std::shared_ptr<const std::vector<diagram::Sheet>> sheets_;
};

}  // namespace moat
