// moat_parse_bench: the front end alone, on one core. Reads each model file, then parses it
// with parse_statements (serially, whatever its size: the figure is per core) REPEAT times and
// prints the best CPU time, the throughput in MB/s and the number of declarations.
//   moat_parse_bench [--repeat N] MODEL.moat...
// A benchmark measures; it asserts nothing. docs/performance.md records its figures.
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

#include "compiler/parser.hpp"

namespace {

double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

}  // namespace

int main(int argc, char** argv) {
  int repeat = 3;
  int first = 1;
  if (argc > 2 && std::strcmp(argv[1], "--repeat") == 0) {
    repeat = std::max(1, std::atoi(argv[2]));
    first = 3;
  }
  std::printf("%-28s %10s %10s %10s %10s\n", "model", "MB", "best CPU s", "MB/s", "decls");
  for (int i = first; i < argc; ++i) {
    std::ifstream file(argv[i], std::ios::binary);
    std::stringstream text;
    text << file.rdbuf();
    moat::SourceManager sources;
    const moat::FileId id = sources.add(argv[i], text.str());
    const double mb = static_cast<double>(sources.file(id).text.size()) / 1e6;
    double best = 1e30;
    std::size_t decls = 0;
    for (int r = 0; r < repeat; ++r) {
      moat::ast::Module module;
      moat::DiagnosticSink diags;
      const double t0 = cpu_seconds();
      moat::parse_statements(sources, id, 0, sources.file(id).text.size(), module, diags);
      best = std::min(best, cpu_seconds() - t0);
      decls = module.elements.size() + module.flows.size();
    }
    std::printf("%-28s %10.1f %10.3f %10.1f %10zu\n", argv[i], mb, best, mb / best, decls);
  }
  return 0;
}
