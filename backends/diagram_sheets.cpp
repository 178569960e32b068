// The overview and the per-boundary sheets, and the `sheets` format that writes them.
#include "backends/diagram_sheets.hpp"

#include <algorithm>
#include <set>

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

/// A boundary id as part of a file name: ids are identifiers, but keep anything else out of it.
/// A long id is cut and given a hash of the whole id, and so is one that differs from an id
/// already used only in case (on a case-insensitive file system the second sheet would
/// overwrite the first); `used` holds the lower-case names given so far.
std::string file_part(const std::string& id, std::set<std::string>& used) {
  std::string out = id;
  for (char& c : out) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '_' || c == '-' || c == '.';
    if (!plain) c = '_';
  }
  auto lower = [](std::string s) {
    for (char& c : s) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    return s;
  };
  if (out.size() > kMaxFilePart || used.contains(lower(out))) {
    out =
        out.substr(0, std::min(out.size(), kMaxFilePart - 9)) + "-" + fnv1a64_hex(id).substr(0, 8);
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

/// Lays one sheet out with `options` once, with external arrow labels when `outside`.
Sheet lay_out_once(const RenderContext& base, const DiagramOptions& options, const Sheet& name,
                   bool outside = false) {
  RenderContext ctx = base;
  ctx.diagram = options;
  Sheet sheet{name.name, name.boundary, {}, 1};
  const ViewResult v = build_view(ctx, kLayoutBudget);
  if (!v.error.empty()) {
    sheet.svg.error = v.error;
    return sheet;
  }
  GraphvizSession session;
  std::pair<double, double> bounds{0, 0};
  GraphPtr graph = build_graph(ctx, v.view);
  if (outside) external_labels(graph.get());
  sheet.svg = layout_and_render(session, std::move(graph), {"svg"}, &bounds).at(0);
  sheet.scale = page_scale(bounds);
  return sheet;
}

/// Lays one sheet out in the direction asked for. A sheet too large for its page at kMinFontPt
/// is tried in the other direction (a long chain fits a landscape page better one way, a wide
/// zone the other), then, a boundary's sheet, with its neighbours drawn as one faded box per
/// zone, in both directions, then so with the arrows' labels placed outside the ranking; the
/// first that fits is kept. If none fits, the one with the
/// largest text is laid out once more with a heading line that says so.
Sheet lay_out(const RenderContext& base, const DiagramOptions& options, std::string name,
              ElementId boundary) {
  const Sheet named{std::move(name), boundary, {}, 1};
  std::vector<DiagramOptions> tries{options};
  tries.push_back(options);
  tries.back().left_to_right = !options.left_to_right;
  if (boundary != kNoElement) {
    for (std::size_t i = 0; i < 2; ++i) {
      tries.push_back(tries[i]);
      tries.back().group_neighbours = true;
    }
  }
  const std::size_t plain = tries.size();
  for (std::size_t i = plain / 2; i < plain; ++i) tries.push_back(tries[i]);
  Sheet best;
  std::size_t best_try = 0;
  for (std::size_t i = 0; i < tries.size(); ++i) {
    Sheet sheet = lay_out_once(base, tries[i], named, i >= plain);
    if (!sheet.svg.error.empty() || sheet.fits()) return sheet;
    if (i == 0 || sheet.scale > best.scale) {
      best = std::move(sheet);
      best_try = i;
    }
  }
  DiagramOptions said = tries[best_try];
  said.note = fmt::format(
      "too large for an A3 page at {:.0f} pt: printed on A3 its smallest text is {:.1f} pt; "
      "for larger text view an inner boundary with --boundary",
      kMinFontPt, best.scale * kSheetFontPt);
  return lay_out_once(base, said, named, best_try >= plain);
}

std::vector<Sheet> render_sheets(const RenderContext& ctx) {
  DiagramOptions options = ctx.diagram;
  options.boundary.clear();
  options.collapse_depth = 0;
  options.sheet = true;
  options.overview = true;
  std::vector<Sheet> out;
  out.push_back(lay_out(ctx, options, "overview.svg", kNoElement));
  options.overview = false;
  // The legend is the overview's: on a boundary's sheet it took a sixth of the page.
  options.legend = false;
  const ModelGraph& g = ctx.graph;
  std::set<std::string> used{"overview"};
  for (ElementId b = 1; b < g.elements.size(); ++b) {
    if (g.elements[b].kind != Kind::Boundary || g.elements[b].boundary != ModelGraph::kOutside)
      continue;
    options.boundary = g.elements[b].id;
    out.push_back(lay_out(ctx, options, "sheet-" + file_part(g.elements[b].id, used) + ".svg", b));
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
