// moat_bench: measures the compiler on model files (made by generate_model) and prints, per
// file, the time to read and parse, the time of the semantic passes, and peak memory.
//   moat_bench [--repeat N] [--backends] [--json] MODEL.moat...
// With --backends it also renders every output format of each model and times each one; with
// --json it times the JSON document of `moat check --format json`, on one thread and on several.
// A benchmark measures; it asserts nothing. docs/performance.md records its figures.
#include <sys/resource.h>
#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "analyzer/analysis.hpp"
#include "analyzer/attack_paths.hpp"
#include "bench/bench_backends.hpp"
#include "compiler/compile.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

/// CPU time of the whole process: on a machine shared with other work, wall time stretches with
/// the load while CPU time stays close to what the phase costs (the graph phases run on one
/// thread).
double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

long peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;  // ru_maxrss is in KiB on Linux
}

struct Sample {
  double parse = 0, check = 0, analyze = 0;
  double graph = 0, paths = 0;          ///< graph facts alone (part of analyze), and `moat paths`
  double graph_cpu = 0, paths_cpu = 0;  ///< the same two, in CPU seconds
  std::size_t elements = 0, flows = 0, errors = 0, threats = 0, evaluations = 0;
};

Sample measure(const std::string& path) {
  Sample s;
  moat::Compilation c;
  const auto t0 = Clock::now();
  c.load = moat::load_program(path, c.program, c.diags, c.io_error);
  s.parse = seconds_since(t0);
  const auto t1 = Clock::now();
  if (c.load == moat::LoadStatus::Ok) {
    moat::analyze_modules(c.program.ordered(), c.program.sources, c.graph, c.diags, {});
  }
  s.check = seconds_since(t1);
  if (c.ok()) {
    const auto t2 = Clock::now();
    const moat::Analysis a = moat::analyze(c.graph, {}, c.diags);
    s.analyze = seconds_since(t2);
    s.threats = a.threats.size();
    s.evaluations = a.evaluations;
    const auto t3 = Clock::now();
    const double c3 = cpu_seconds();
    const moat::GraphFacts facts = moat::compute_graph_facts(c.graph);
    s.graph = seconds_since(t3);
    s.graph_cpu = cpu_seconds() - c3;
    const auto t4 = Clock::now();
    const double c4 = cpu_seconds();
    const auto paths = moat::attack_paths(c.graph, a, {});
    const auto radii = moat::blast_radii(c.graph, a);
    s.paths = seconds_since(t4);
    s.paths_cpu = cpu_seconds() - c4;
  }
  s.elements = c.graph.elements.empty() ? 0 : c.graph.elements.size() - 1 - c.graph.flows.size();
  s.flows = c.graph.flows.size();
  s.errors = c.diags.error_count();
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  int repeat = 3;
  bool backends = false, json = false;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--repeat") == 0 && i + 1 < argc)
      repeat = std::atoi(argv[++i]);
    else if (std::strcmp(argv[i], "--backends") == 0)
      backends = true;
    else if (std::strcmp(argv[i], "--json") == 0)
      json = true;
    else
      files.push_back(argv[i]);
  }
  if (files.empty() || repeat < 1) {
    std::fprintf(stderr, "usage: moat_bench [--repeat N] [--backends] [--json] MODEL.moat...\n");
    return 2;
  }
  std::printf("%-16s %8s %7s %8s %8s %8s %8s %8s %12s %8s\n", "model", "elements", "flows",
              "parse s", "check s", "analyze", "total s", "threats", "evals/s", "peak MiB");
  for (const std::string& f : files) {
    Sample best;
    for (int r = 0; r < repeat; ++r) {
      const Sample s = measure(f);
      if (r == 0 || s.parse + s.check + s.analyze < best.parse + best.check + best.analyze)
        best = s;
    }
    const std::string name = f.substr(f.find_last_of('/') + 1);
    const double rate = best.analyze > 0 ? best.evaluations / best.analyze : 0;
    std::printf("%-16s %8zu %7zu %8.3f %8.3f %8.3f %8.3f %8zu %12.3g %8ld%s\n", name.c_str(),
                best.elements, best.flows, best.parse, best.check, best.analyze,
                best.parse + best.check + best.analyze, best.threats, rate, peak_rss_mib(),
                best.errors ? "  (errors!)" : "");
    std::printf(
        "%-16s graph facts %.3f s (within analyze), attack paths and blast radius %.3f s; CPU "
        "%.3f s and %.3f s\n",
        "", best.graph, best.paths, best.graph_cpu, best.paths_cpu);
  }
  if (backends) {
    for (const std::string& f : files) moat::bench::bench_backends(f, repeat);
  }
  if (json) {
    for (const std::string& f : files) moat::bench::bench_json(f, repeat);
  }
  return 0;
}
