#pragma once
// The threat overlay of the diagrams: how many threats are still open on each element and the
// highest severity among them, mapped onto one colour palette shared by DOT, SVG, PNG and Mermaid.
#include <cstdint>
#include <string>
#include <vector>

#include "analyzer/analysis.hpp"

namespace moat::diagram {

/// Overlay levels, lowest first; None: nothing open (neutral colours).
enum class Level : std::int8_t { None = -1, Info, Low, Medium, High, Critical };

/// Open threats of one drawn thing (an element, or several merged into one box or arrow).
struct Overlay {
  std::uint32_t open = 0;
  Level level = Level::None;
  void add(const Overlay& o) {
    open += o.open;
    if (o.level > level) level = o.level;
  }
};

struct Colours {
  const char* name;  ///< the severity name shown in labels ("none" for None)
  const char* pen;   ///< borders, arrows and the count text
  const char* fill;  ///< node backgrounds
};

/// The palette entry of a level.
const Colours& colours(Level level);
/// The levels that have colours, highest first (for legends).
inline constexpr Level kLevels[] = {Level::Critical, Level::High, Level::Medium, Level::Low,
                                    Level::Info};

/// Grey pen, fill and text of nodes drawn only for context (outside the viewed boundary).
inline constexpr const char* kContextPen = "#9e9e9e";
inline constexpr const char* kContextFill = "#f2f2f2";
inline constexpr const char* kContextText = "#8a8a8a";

/// Open threats per element id (all zero when `enabled` is false).
IdVector<ElementId, Overlay> open_threats(const ModelGraph& g, const Analysis& a, bool enabled);

/// "3 open threats (high)", or "" when nothing is open.
std::string overlay_text(const Overlay& o);

}  // namespace moat::diagram
