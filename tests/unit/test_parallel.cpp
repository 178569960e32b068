// for_each_piece (compiler/parallel.hpp): every piece runs once whatever the threads, and a piece
// that throws reaches the caller as its exception, never std::terminate from a thread.
#include "compiler/parallel.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <stdexcept>
#include <string>
#include <vector>

TEST_CASE("for_each_piece runs every piece once on any number of threads") {
  for (std::size_t threads : {1, 2, 3, 8, 64}) {
    std::vector<std::atomic<int>> runs(1000);
    moat::for_each_piece(runs.size(), threads, [&](std::size_t i) { ++runs[i]; });
    for (const auto& r : runs) CHECK(r.load() == 1);
  }
  int none = 0;
  moat::for_each_piece(0, 4, [&](std::size_t) { ++none; });
  CHECK(none == 0);
}

TEST_CASE("a piece that throws reaches the caller, on the calling thread or another") {
  for (std::size_t threads : {1, 2, 4}) {
    for (std::size_t bad : {0, 5, 99}) {
      INFO("threads " << threads << ", piece " << bad);
      CHECK_THROWS_WITH_AS(
          moat::for_each_piece(100, threads,
                               [&](std::size_t i) {
                                 if (i == bad)
                                   throw std::runtime_error("piece " + std::to_string(i));
                               }),
          ("piece " + std::to_string(bad)).c_str(), std::runtime_error);
    }
  }
}
