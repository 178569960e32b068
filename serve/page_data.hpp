#pragma once
// The data of the workshop page for one analyzed model, one source of truth with the other
// outputs: the JSON document of `moat check --format json`, the diagram as `moat build` draws it
// (SVG made safe to inline, as in the HTML report), the report's STRIDE worksheet and SOC 2
// sections rendered by the report's own HTML renderer (so every string is escaped exactly as in
// the report), and per element what the document does not carry: its attributes as written, and
// which STRIDE categories apply to its kind. The page's script builds nothing from model strings
// but text nodes.
#include <string>

#include <nlohmann/json.hpp>

#include "backends/render_context.hpp"

namespace moat::serve {

/// `svg` (the diagram or `why` it is missing) for `ctx.diagram`.
nlohmann::ordered_json diagram_json(const RenderContext& ctx);

/// Everything the page shows of the model of `ctx`.
nlohmann::ordered_json page_data(const RenderContext& ctx);

}  // namespace moat::serve
