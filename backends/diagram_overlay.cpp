#include "backends/diagram_overlay.hpp"

#include <array>
#include <optional>
#include <string_view>
#include <utility>

#include "analyzer/summary.hpp"

namespace moat::diagram {

namespace {

// Pens dark enough for text on white, fills light enough for black text (ColorBrewer RdYlBu).
constexpr Colours kNeutral{"none", "#333333", "#ffffff"};
// By severity ordinal, as Level.
constexpr std::array<std::pair<const char*, const char*>, kSeverityCount> kPensAndFills = {{
    {"#2c7bb6", "#d7e8f5"},
    {"#8c7a00", "#fff3b0"},
    {"#d95f02", "#fdd9b5"},
    {"#d7301f", "#fbc4b8"},
    {"#99000d", "#f59a9a"},
}};

constexpr std::array<Colours, kSeverityCount> palette() {
  std::array<Colours, kSeverityCount> out{};
  for (std::size_t i = 0; i < kSeverityCount; ++i)
    out[i] = {kSeverityNames[i].data(), kPensAndFills[i].first, kPensAndFills[i].second};
  return out;
}
constexpr std::array<Colours, kSeverityCount> kPalette = palette();

/// Levels by severity name, so the palette does not depend on the enum's member order.
Level level_of(std::string_view severity) {
  const std::optional<std::uint8_t> rank = severity_rank(severity);
  return rank ? static_cast<Level>(*rank) : Level::Medium;
}

}  // namespace

const Colours& colours(Level level) {
  return level == Level::None ? kNeutral : kPalette[static_cast<int>(level)];
}

IdVector<ElementId, Overlay> open_threats(const ModelGraph& g, const Analysis& a, bool enabled) {
  IdVector<ElementId, Overlay> out(g.elements.size());
  if (!enabled) return out;
  for (const Threat& t : a.threats) {
    if (t.status != ThreatStatus::Open || !out.contains(t.element)) continue;
    out[t.element].add({1, level_of(severity_name(g, t.severity))});
  }
  return out;
}

std::string overlay_text(const Overlay& o) {
  if (o.open == 0) return "";
  return std::to_string(o.open) + (o.open == 1 ? " open threat (" : " open threats (") +
         colours(o.level).name + ")";
}

}  // namespace moat::diagram
