#pragma once
// The backend half of moat_bench: every output format of `moat build`, rendered one at a time,
// and the JSON document of `moat check --format json` on one thread and on several.
#include <string>

namespace moat::bench {

/// Compiles and analyzes `path`, then renders each registered format on its own (no shared
/// layout, one format at a time) and prints the best of `repeat` times and the size of each.
void bench_backends(const std::string& path, int repeat);

/// Compiles and analyzes `path`, then writes its JSON document `repeat` times to a stream that
/// discards it, on one thread and with the threads the large arrays may use
/// (backends/json_parallel.hpp), and prints the best wall and CPU time of each.
void bench_json(const std::string& path, int repeat);

}  // namespace moat::bench
