#pragma once
// How wide diagram text is, measured by moat rather than by Graphviz or the installed fonts.
//
// Graphviz sizes every shape from the width of its label. Without a text-layout plugin it
// estimates that width from Arial's widths for regular text only (bold is measured as regular,
// and a UTF-8 character as its bytes); with its pango plugin it measures with whatever font the
// machine resolves, so the layout would change from one machine to another. moat gives Graphviz
// a text-layout plugin of its own: the advance widths of Liberation Sans, regular and bold
// (metric-compatible with Arial, so the same widths as Arimo and Arial), from a table compiled
// into moat (text_widths.inc). The diagrams name Arial and then that family (kDiagramFont), so
// a browser draws the widths the layout reserved: same input, same bytes, on any machine.
#include <string_view>

#include <graphviz/gvplugin.h>

namespace moat::diagram {

/// The font family list of every diagram: Arial (so a Graphviz without a text-layout plugin
/// estimates with Arial's widths, not Times'), the family measured and its metric twin, then
/// the generic family for a machine with none of them.
inline constexpr const char* kDiagramFont = "Arial,Liberation Sans,Arimo,Helvetica,sans-serif";

/// The width of `utf8` at 1 pt, in points: the sum of the advance widths of its characters
/// (kerning, left out, moves a label by at most 0.04 em). A character the font lacks (a CJK
/// ideograph, an emoji) counts as wide as the widest the browser's fallback fonts draw it.
double text_width(std::string_view utf8, bool bold);

/// Graphviz's plugin library that measures text with text_width(), for gvContextPlugins.
gvplugin_library_t* text_layout_library();

}  // namespace moat::diagram
