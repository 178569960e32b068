#pragma once
// The backend half of moat_bench: every output format of `moat build`, rendered one at a time.
#include <string>

namespace moat::bench {

/// Compiles and analyzes `path`, then renders each registered format on its own (no shared
/// layout, one thread) and prints the best of `repeat` times and the size of each.
void bench_backends(const std::string& path, int repeat);

}  // namespace moat::bench
