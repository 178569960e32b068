#pragma once
// Renders the formats of one model for `moat build` on all cores: each backend is a pure
// function of the analyzed model, so they run side by side, and the ones that draw the laid-out
// diagram share a single Graphviz layout.
#include <functional>
#include <vector>

#include "backends/registry.hpp"

namespace moat::cli {

/// Called on the rendering thread as each backend finishes, with its index in `selected` and
/// its result (which it may consume): so writing a file overlaps rendering the next.
using RenderedFn = std::function<void(std::size_t index, RenderResult& result)>;

/// Renders every backend in `selected` and hands each result to `done`. Each result depends
/// only on the model, not on how many threads rendered it or in what order.
void render_formats(const RenderContext& ctx, const std::vector<Backend>& selected,
                    const RenderedFn& done);

}  // namespace moat::cli
