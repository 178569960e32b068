// The overview and the per-boundary sheets, and the `sheets` format that writes them.
#include "backends/diagram_sheets.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "backends/diagram_view.hpp"
#include "backends/graphviz_graph.hpp"
#include "backends/graphviz_render.hpp"
#include "backends/sarif_paths.hpp"
#include "backends/shared_work.hpp"

namespace moat::diagram {

namespace {

/// The longest boundary id a sheet's file name carries whole: with the stem, "sheet-", ".svg"
/// and the writer's temporary suffix it stays far below the 255 bytes a file name may have.
constexpr std::size_t kMaxFilePart = 48;

/// At most this many top-level boundaries get a sheet: 2,000 of them made a report of 66 MB.
constexpr std::size_t kMaxSheets = 60;
/// A sheet too large for its page is split in at most this many parts.
constexpr std::size_t kMaxParts = 4;

/// A boundary id as part of a file name: ids are identifiers (letters, digits, '_', '-'), but
/// keep anything else out of it. A long id is cut and given a hash of the whole id after a '.',
/// and so is one that differs from an id already used only in case (on a case-insensitive file
/// system the second sheet would overwrite the first); `used` holds the lower-case names given
/// so far. An identifier holds no '.', so neither a hashed name nor a part's suffix
/// (".part2", lay_out) can be another boundary's name.
std::string file_part(const std::string& id, std::set<std::string>& used) {
  std::string out = id;
  for (char& c : out) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '_' || c == '-';
    if (!plain) c = '_';
  }
  auto lower = [](std::string s) {
    for (char& c : s) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    return s;
  };
  if (out.size() > kMaxFilePart || used.contains(lower(out)) || out != id) {
    out =
        out.substr(0, std::min(out.size(), kMaxFilePart - 9)) + "." + fnv1a64_hex(id).substr(0, 8);
  }
  used.insert(lower(out));
  return out;
}

/// How much Graphviz scales a drawing of `bounds` points down to the sheet's page.
double page_scale(std::pair<double, double> bounds) {
  double scale = 1;
  if (bounds.first > 0) scale = std::min(scale, kSheetWidthIn * 72 / bounds.first);
  if (bounds.second > 0) scale = std::min(scale, kSheetHeightIn * 72 / bounds.second);
  return scale;
}

/// Moves every arrow's label outside the ranking (`xlabel`): `dot` gives an ordinary label a
/// rank position of its own, which in a dense zone sets the width of the drawing; external
/// labels are placed after the layout, a little less neatly. The last resort of a sheet.
void external_labels(Agraph_t* g) {
  char label[] = "label", xlabel[] = "xlabel", none[] = "";
  for (Agnode_t* n = agfstnode(g); n; n = agnxtnode(g, n)) {
    for (Agedge_t* e = agfstout(g, n); e; e = agnxtout(g, e)) {
      char* text = agget(e, label);
      if (!text || !*text) continue;
      char* copy = aghtmlstr(text) ? agstrdup_html(g, text) : agstrdup(g, text);
      agset(e, xlabel, copy);
      agstrfree(g, copy);
      agset(e, label, none);
    }
  }
}

/// One layout of a sheet: the sheet, what it was laid out with, and how many of the view's nodes
/// are the sheet's own (not neighbours).
struct Attempt {
  Sheet sheet;
  DiagramOptions options;
  bool outside = false;  ///< arrow labels outside the ranking (external_labels)
  std::size_t own = 0;
};

/// Lays one sheet out with `options` once, with external arrow labels when `outside`.
Attempt lay_out_once(const RenderContext& base, const DiagramOptions& options, const Sheet& name,
                     bool outside = false) {
  RenderContext ctx = base;
  ctx.diagram = options;
  Attempt a{name, options, outside, 0};
  const ViewResult v = build_view(ctx, kLayoutBudget);
  if (!v.error.empty()) {
    a.sheet.svg.error = v.error;
    return a;
  }
  a.own = static_cast<std::size_t>(std::count_if(v.view.nodes.begin(), v.view.nodes.end(),
                                                 [](const Node& n) { return !n.context; }));
  GraphvizSession session;
  std::pair<double, double> bounds{0, 0};
  GraphPtr graph = build_graph(ctx, v.view);
  if (outside) external_labels(graph.get());
  a.sheet.svg = layout_and_render(session, std::move(graph), {"svg"}, &bounds).at(0);
  a.sheet.scale = page_scale(bounds);
  return a;
}

/// Lays one sheet out in the direction asked for. A sheet too large for its page at kMinFontPt
/// is tried in the other direction (a long chain fits a landscape page better one way, a wide
/// zone the other), then, a boundary's sheet, with its neighbours drawn as one faded box per
/// zone, in both directions, then so with the arrows' labels placed outside the ranking: at
/// most kMaxTries layouts. The first that fits is kept, else the one with the largest text.
Attempt try_layouts(const RenderContext& base, const DiagramOptions& options, const Sheet& named) {
  std::vector<DiagramOptions> tries{options};
  tries.push_back(options);
  tries.back().left_to_right = !options.left_to_right;
  if (named.boundary != kNoElement) {
    for (std::size_t i = 0; i < 2; ++i) {
      tries.push_back(tries[i]);
      tries.back().group_neighbours = true;
    }
  }
  const std::size_t plain = tries.size();
  for (std::size_t i = plain / 2; i < plain; ++i) tries.push_back(tries[i]);
  Attempt best;
  for (std::size_t i = 0; i < tries.size(); ++i) {
    Attempt a = lay_out_once(base, tries[i], named, i >= plain);
    if (!a.sheet.svg.error.empty() || a.sheet.fits()) return a;
    if (i == 0 || a.sheet.scale > best.sheet.scale) best = std::move(a);
  }
  return best;
}

/// The attempt's sheet; one that does not fit is laid out once more with a heading line that
/// says so.
Sheet noted(const RenderContext& base, Attempt a) {
  if (!a.sheet.svg.error.empty() || a.sheet.fits()) return std::move(a.sheet);
  const std::string why = fmt::format(
      "too large for an A3 page at {:.0f} pt: printed on A3 its smallest text is {:.1f} pt; "
      "for larger text view an inner boundary with --boundary",
      kMinFontPt, a.sheet.scale * kSheetFontPt);
  a.options.note += (a.options.note.empty() ? "" : "; ") + why;
  return lay_out_once(base, a.options, a.sheet, a.outside).sheet;
}

/// How many parts a sheet printed at `scale` is split into: its area over the page's at
/// kMinFontPt, at least 2, at most kMaxParts and the sheet's own nodes.
std::size_t parts_for(double scale, std::size_t own) {
  const double need = kMinFontPt / (std::max(scale, 1e-3) * kSheetFontPt);
  const auto parts = static_cast<std::size_t>(std::ceil(need * need));
  return std::min({std::max<std::size_t>(parts, 2), kMaxParts, own});
}

/// The sheets of one boundary (or the overview) under the file name `file` (without ".svg"):
/// one if it fits its page after try_layouts; else the boundary's own nodes split in parts, in
/// declaration order, each on its own sheet (`file`.svg, `file`.part2.svg, ...) with the other
/// parts' nodes it talks to drawn faded as neighbours.
std::vector<Sheet> lay_out(const RenderContext& base, const DiagramOptions& options,
                           const std::string& file, ElementId boundary) {
  Attempt whole = try_layouts(base, options, {file + ".svg", boundary, {}, 1});
  const std::size_t parts = parts_for(whole.sheet.scale, whole.own);
  if (whole.sheet.fits() || !whole.sheet.svg.error.empty() || boundary == kNoElement || parts < 2)
    return {noted(base, std::move(whole))};
  std::vector<Sheet> out;
  for (std::size_t p = 0; p < parts; ++p) {
    DiagramOptions part = options;
    part.part = p;
    part.parts = parts;
    part.note = fmt::format(
        "part {} of {}: the boundary's elements are split over {} sheets to fit A3 at {:.0f} pt; "
        "the other parts' elements are drawn faded",
        p + 1, parts, parts, kMinFontPt);
    Sheet named{
        p == 0 ? file + ".svg" : fmt::format("{}.part{}.svg", file, p + 1), boundary, {}, 1};
    named.part = p;
    named.parts = parts;
    out.push_back(noted(base, try_layouts(base, part, named)));
  }
  return out;
}

/// The top-level boundaries that get sheets, at most kMaxSheets: when there are more, those with
/// the most severe and most open threats, then the most elements, then the first declared, as
/// the overview counts them (each top-level boundary one box). In declaration order.
std::vector<ElementId> with_sheets(const RenderContext& ctx, const DiagramOptions& overview,
                                   std::size_t& left_out) {
  const ModelGraph& g = ctx.graph;
  std::vector<ElementId> all;
  for (ElementId b : g.elements.ids_from(1)) {
    if (g.elements[b].kind == Kind::Boundary && g.elements[b].boundary == ModelGraph::kOutside)
      all.push_back(b);
  }
  left_out = all.size() > kMaxSheets ? all.size() - kMaxSheets : 0;
  if (left_out == 0) return all;
  RenderContext c = ctx;
  c.diagram = overview;
  const ViewResult v = build_view(c, kLayoutBudget);
  std::map<ElementId, std::tuple<Level, std::uint32_t, std::uint32_t>> weight;
  for (const Node& n : v.view.nodes)
    weight[n.element] = {n.overlay.level, n.overlay.open, n.hidden};
  std::stable_sort(all.begin(), all.end(),
                   [&weight](ElementId a, ElementId b) { return weight[a] > weight[b]; });
  all.resize(kMaxSheets);
  std::sort(all.begin(), all.end());
  return all;
}

std::vector<Sheet> render_sheets(const RenderContext& ctx) {
  DiagramOptions options = ctx.diagram;
  options.boundary.clear();
  options.collapse_depth = 0;
  options.sheet = true;
  options.overview = true;
  std::size_t left_out = 0;
  const std::vector<ElementId> boundaries = with_sheets(ctx, options, left_out);
  if (left_out > 0) {
    options.note = fmt::format(
        "{} of the {} top-level boundaries have no sheet (at most {}, those with the most severe "
        "open threats first): view one with moat build --boundary ID",
        left_out, left_out + boundaries.size(), kMaxSheets);
  }
  std::vector<Sheet> out = lay_out(ctx, options, "overview", kNoElement);
  options.overview = false;
  options.note.clear();
  // The legend is the overview's: on a boundary's sheet it took a sixth of the page.
  options.legend = false;
  const ModelGraph& g = ctx.graph;
  std::set<std::string> used{"overview"};
  for (ElementId b : boundaries) {
    options.boundary = g.elements[b].id;
    std::vector<Sheet> sheets =
        lay_out(ctx, options, "sheet-" + file_part(g.elements[b].id, used), b);
    std::move(sheets.begin(), sheets.end(), std::back_inserter(out));
  }
  return out;
}

/// The `sheets` format: the overview is its own file (STEM.overview.svg), the sheets its parts.
RenderResult sheets_format(const RenderContext& ctx) {
  RenderResult r;
  for (const Sheet& s : *sheets(ctx)) {
    if (!s.svg.error.empty()) return {{}, s.name + ": " + s.svg.error, {}};
    if (s.boundary == kNoElement)
      r.bytes = s.svg.bytes;
    else
      r.parts.push_back({s.name, s.svg.bytes});
  }
  return r;
}

const BackendRegistration sheets_registration(
    {"sheets", "overview.svg",
     "wall sheets (SVG): an overview of the top-level boundaries and one sheet per boundary, "
     "each for an A3 page at 9 pt or more",
     &sheets_format, 25, true});

}  // namespace

std::shared_ptr<const std::vector<Sheet>> sheets(const RenderContext& ctx) {
  if (ctx.shared) return ctx.shared->sheets([&ctx] { return render_sheets(ctx); });
  return std::make_shared<const std::vector<Sheet>>(render_sheets(ctx));
}

}  // namespace moat::diagram
