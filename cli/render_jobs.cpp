#include "cli/render_jobs.hpp"

#include <algorithm>

#include "backends/shared_work.hpp"
#include "compiler/parallel.hpp"

namespace moat::cli {

namespace {

/// The formats rendered from the shared layout: SVG (also inlined by the HTML report) before
/// PNG, each only when some selected backend needs it.
std::vector<std::string> shared_layout_formats(const std::vector<Backend>& selected) {
  auto has = [&](const char* format) {
    return std::any_of(selected.begin(), selected.end(),
                       [&](const Backend& b) { return b.format == format; });
  };
  std::vector<std::string> formats;
  if (has("svg") || has("html") || has("pdf")) formats.push_back("svg");
  if (has("png")) formats.push_back("png");
  return formats;
}

/// The order in which the jobs start: one backend that needs the layout first, so the layout
/// (the longest single step) starts at once, then everything that does not use Graphviz (which
/// runs one caller at a time, so anything else that does would wait for the layout), then the
/// rest, which by then find the layout done.
std::vector<std::size_t> schedule(const std::vector<Backend>& selected) {
  std::vector<std::size_t> first, plain, later;
  for (std::size_t i = 0; i < selected.size(); ++i) {
    if (!selected[i].graphviz)
      plain.push_back(i);
    else if (selected[i].laid_out && first.empty())
      first.push_back(i);
    else
      later.push_back(i);
  }
  first.insert(first.end(), plain.begin(), plain.end());
  first.insert(first.end(), later.begin(), later.end());
  return first;
}

}  // namespace

void render_formats(const RenderContext& base, const std::vector<Backend>& selected,
                    const RenderedFn& done) {
  SharedWork shared(shared_layout_formats(selected));
  RenderContext ctx = base;
  ctx.shared = &shared;
  const std::vector<std::size_t> order = schedule(selected);
  for_each_piece(order.size(), worker_threads(), [&](std::size_t at) {
    RenderResult r = selected[order[at]].render(ctx);
    done(order[at], r);
  });
}

}  // namespace moat::cli
