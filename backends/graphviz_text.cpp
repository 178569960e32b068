#include "backends/graphviz_text.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

#include <graphviz/gvplugin_textlayout.h>
#include <graphviz/textspan.h>

namespace moat::diagram {

namespace {

struct Widths {
  char32_t code;
  std::uint16_t regular, bold;  ///< in 1/2048 em
};

constexpr Widths kWidths[] = {
#include "backends/text_widths.inc"
};

constexpr double kUnitsPerEm = 2048;

/// Graphviz's line spacing (LINESPACING in its const.h): a line of text is 1.2 em high.
constexpr double kLineSpacing = 1.2;

/// A character the table lacks: invisible ones take no room; anything else as wide as an em
/// (an ideograph), an emoji more (Noto Color Emoji advances 1.275 em).
double fallback_em(char32_t c) {
  if (c < 0x20 || (c >= 0x200B && c <= 0x200F) || (c >= 0xFE00 && c <= 0xFE0F) ||
      (c >= 0x0300 && c <= 0x036F))
    return 0;
  return c >= 0x1F000 ? 1.3 : 1.0;
}

/// The next code point of `s` from `at`; a malformed byte is taken as one character of its own
/// (Graphviz hands over what the label holds, which moat wrote as UTF-8).
char32_t next_code_point(std::string_view s, std::size_t& at) {
  const auto b = static_cast<unsigned char>(s[at++]);
  int more = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : 0;
  char32_t c = more == 3 ? b & 0x07 : more == 2 ? b & 0x0F : more == 1 ? b & 0x1F : b;
  for (; more > 0 && at < s.size(); --more) {
    const auto x = static_cast<unsigned char>(s[at]);
    if ((x & 0xC0) != 0x80) break;
    c = (c << 6) | (x & 0x3F);
    ++at;
  }
  return c;
}

boolean measure(textspan_t* span, char** fontpath) {
  static char kName[] = "[moat: Liberation Sans widths]";
  if (fontpath) *fontpath = kName;
  const double size = span->font ? span->font->size : 14;
  const bool bold = span->font && (span->font->flags & HTML_BF);
  span->size.x = size * text_width(span->str ? span->str : "", bold);
  // As Graphviz's own estimate places a line: its height and where its centre line falls.
  span->size.y = size * kLineSpacing;
  span->yoffset_layout = 0;
  span->yoffset_centerline = 0.1 * size;
  span->layout = nullptr;
  span->free_layout = nullptr;
  return 1;
}

gvtextlayout_engine_t engine = {&measure};

// Above pango's quality (0): where both are loaded, Graphviz picks this one.
std::array<gvplugin_installed_t, 2> installed = {
    {{0, "textlayout", 100, &engine, nullptr}, {0, nullptr, 0, nullptr, nullptr}}};
std::array<gvplugin_api_t, 2> apis = {{{API_textlayout, installed.data()}, {}}};
char package_name[] = "moat_text";
gvplugin_library_t library = {package_name, apis.data()};

}  // namespace

double text_width(std::string_view utf8, bool bold) {
  double units = 0;
  for (std::size_t at = 0; at < utf8.size();) {
    const char32_t c = next_code_point(utf8, at);
    const Widths* w = std::lower_bound(std::begin(kWidths), std::end(kWidths), c,
                                       [](const Widths& e, char32_t x) { return e.code < x; });
    if (w != std::end(kWidths) && w->code == c)
      units += bold ? w->bold : w->regular;
    else
      units += fallback_em(c) * kUnitsPerEm;
  }
  return units / kUnitsPerEm;
}

gvplugin_library_t* text_layout_library() {
  return &library;
}

}  // namespace moat::diagram
