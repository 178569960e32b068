#include "bench/bench_backends.hpp"

#include <time.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <ostream>
#include <streambuf>

#include "backends/json_document.hpp"
#include "backends/registry.hpp"
#include "compiler/compile.hpp"

namespace moat::bench {

namespace {

using Clock = std::chrono::steady_clock;

/// A model compiled and analyzed as the benchmarks render it.
struct Analyzed {
  std::unique_ptr<Compilation> c;
  Analysis analysis;
};

/// `path` compiled and analyzed (a fixed date, and no repository: locations are not checked);
/// false, said on stderr, when it does not compile.
bool compile_and_analyze(const std::string& path, Analyzed& out) {
  out.c = compile_file(path);
  if (!out.c->ok()) {
    std::fprintf(stderr, "moat_bench: %s does not compile\n", path.c_str());
    return false;
  }
  out.analysis = analyze(out.c->graph, {20000, nullptr}, out.c->diags);
  return true;
}

/// Takes every byte and keeps none: the cost measured is the writing, not a file system's.
class Discard : public std::streambuf {
 protected:
  std::streamsize xsputn(const char*, std::streamsize n) override { return n; }
  int_type overflow(int_type c) override { return traits_type::not_eof(c); }
};

double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

}  // namespace

void bench_backends(const std::string& path, int repeat) {
  Analyzed m;
  if (!compile_and_analyze(path, m)) return;
  const RenderContext ctx{m.c->program.sources, m.c->graph, m.analysis, path, ".", {}};
  const std::string name = path.substr(path.find_last_of('/') + 1);
  std::printf("\n%s: each format alone (one at a time, its own layout)\n%-12s %9s %12s\n",
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

void bench_json(const std::string& path, int repeat) {
  Analyzed m;
  if (!compile_and_analyze(path, m)) return;
  const std::string name = path.substr(path.find_last_of('/') + 1);
  std::printf("\n%s: the JSON document (best of %d)\n%-10s %9s %9s\n", name.c_str(), repeat,
              "threads", "wall s", "cpu s");
  for (const unsigned threads : {1u, 0u}) {
    double wall = 0, cpu = 0;
    for (int r = 0; r < repeat; ++r) {
      Discard discard;
      std::ostream out(&discard);
      const auto t0 = Clock::now();
      const double c0 = cpu_seconds();
      {
        JsonWriter w(out);
        w.set_parallelism({threads});
        begin_models_document(w);
        write_model_document(w, m.c->program.sources, m.c->graph, m.analysis, path, {});
        end_models_document(w);
      }
      const double s = std::chrono::duration<double>(Clock::now() - t0).count();
      const double used = cpu_seconds() - c0;
      if (r == 0 || s < wall) wall = s;
      if (r == 0 || used < cpu) cpu = used;
    }
    std::printf("%-10s %9.3f %9.3f\n", threads == 1 ? "one" : "default", wall, cpu);
  }
}

}  // namespace moat::bench
