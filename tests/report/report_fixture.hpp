#pragma once
// Shared by the report tests: a compiled and analyzed model (tests/unit/fixture.hpp) and its
// render context.
#include <memory>
#include <string>

#include "backends/html_render.hpp"
#include "backends/markdown_report.hpp"
#include "backends/report_sections.hpp"
#include "backends/worksheet.hpp"
#include "tests/unit/fixture.hpp"

namespace report_test {

/// A model compiled from a file of the source tree and analyzed as of 2026-11-23, with the
/// context the report backends render from.
struct Analyzed : moat_test::Analyzed {
  std::unique_ptr<moat::RenderContext> ctx;

  /// Compiles `relative_path` of the source tree, or `text` under that name when given.
  explicit Analyzed(const std::string& relative_path, const std::string* text = nullptr)
      : moat_test::Analyzed(
            text ? moat::compile_text(relative_path, *text)
                 : moat::compile_file(std::string(MOAT_SOURCE_DIR) + "/" + relative_path)),
        ctx(std::make_unique<moat::RenderContext>(context(relative_path, MOAT_SOURCE_DIR))) {}

  std::string html() const { return moat::render_html(moat::report::report_document(*ctx), *ctx); }
  std::string worksheet() const {
    return moat::render_html(moat::report::worksheet_document(*ctx), *ctx);
  }
  std::string markdown() const {
    return moat::render_markdown(moat::report::report_document(*ctx), *ctx);
  }
};

/// The text of the table row with id `anchor` (from "<tr id=..." to "</tr>"), or "".
inline std::string row_with_id(const std::string& html, const std::string& anchor) {
  const std::size_t begin = html.find("<tr id=\"" + anchor + "\"");
  if (begin == std::string::npos) return {};
  return html.substr(begin, html.find("</tr>", begin) - begin);
}

}  // namespace report_test
