#include "bench/bench_backends.hpp"

#include <chrono>
#include <cstdio>

#include "backends/registry.hpp"
#include "compiler/compile.hpp"

namespace moat::bench {

void bench_backends(const std::string& path, int repeat) {
  using Clock = std::chrono::steady_clock;
  auto c = compile_file(path);
  if (!c->ok()) {
    std::fprintf(stderr, "moat_bench: %s does not compile\n", path.c_str());
    return;
  }
  // A fixed date, and no repository: locations are not checked.
  const Analysis analysis = analyze(c->graph, {20000, nullptr}, c->diags);
  const RenderContext ctx{c->program.sources, c->graph, analysis, path, ".", {}};
  const std::string name = path.substr(path.find_last_of('/') + 1);
  std::printf("\n%s: each format alone (one thread, its own layout)\n%-12s %9s %12s\n",
              name.c_str(), "format", "seconds", "bytes");
  double total = 0;
  for (const Backend& b : backends()) {
    double best = 0;
    std::size_t bytes = 0;
    for (int r = 0; r < repeat; ++r) {
      const auto t0 = Clock::now();
      const RenderResult out = b.render(ctx);
      const double s = std::chrono::duration<double>(Clock::now() - t0).count();
      if (r == 0 || s < best) best = s;
      bytes = out.error.empty() ? out.bytes.size() : 0;
    }
    total += best;
    std::printf("%-12s %9.3f %12zu\n", b.format.c_str(), best, bytes);
  }
  std::printf("%-12s %9.3f\n", "sum", total);
}

}  // namespace moat::bench
