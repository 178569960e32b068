#pragma once
// Diagrams for a wall: an overview (every top-level boundary as one box, the arrows between
// boxes bundled with their count and worst open severity) and one sheet per top-level boundary
// (its elements, and the neighbours it talks to drawn faded). Each is laid out for an A3
// landscape page: Graphviz scales a larger drawing down to the page (`size`), and since the
// smallest text of a sheet is kSheetFont points, a scale down to kMinFontPt / kSheetFontPt
// still prints no text under 9 pt. A sheet that would need more says so in its heading.
#include <memory>
#include <string>
#include <vector>

#include "backends/registry.hpp"

namespace moat::diagram {

/// The smallest text on a sheet, in points, and the least it may print at.
inline constexpr const char* kSheetFont = "12";
inline constexpr double kSheetFontPt = 12;
inline constexpr double kMinFontPt = 9;
/// A3 landscape (420 x 297 mm) less 8 mm margins, in inches, as Graphviz's `size` takes it.
inline constexpr double kSheetWidthIn = 15.9;
inline constexpr double kSheetHeightIn = 11.0;
inline constexpr const char* kSheetSize = "15.9,11";

struct Sheet {
  std::string name;                 ///< the file name after "STEM.": overview.svg, sheet-ID.svg
  ElementId boundary = kNoElement;  ///< the sheet's top-level boundary; none: the overview
  RenderResult svg;
  double scale = 1;       ///< how much Graphviz scaled the drawing down to the page (1: not at all)
  std::size_t part = 0;   ///< a boundary split over several sheets: which part (from 0)
  std::size_t parts = 1;  ///< how many parts the boundary is split in; 1: not split
  /// Whether the smallest text prints at kMinFontPt or more on the page.
  bool fits() const { return scale * kSheetFontPt >= kMinFontPt - 1e-6; }
};

/// The overview first, then the sheets of the top-level boundaries in declaration order: one per
/// boundary, or its parts when it is split to fit its page; at most 60 boundaries, the most
/// threatened (the overview's heading says how many have none). Shared by the formats of one
/// build (ctx.shared), so each is laid out once.
std::shared_ptr<const std::vector<Sheet>> sheets(const RenderContext& ctx);

}  // namespace moat::diagram
