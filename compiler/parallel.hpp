#pragma once
// Work shared among threads. The analyses of a large model (rule evaluation, risk, readiness) cut
// their work into pieces that threads take in turn, so that one slow piece does not hold the rest
// up; each piece writes only its own results, so what they give does not depend on the threads.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace moat {

/// Items (threats, elements) below which work is cheaper on one thread than the threads it
/// would start: the cheap per-item analyses (graph facts, grouping, readiness) stay on one
/// thread below it, so a small model pays nothing for them.
inline constexpr std::size_t kParallelItems = 20000;

/// The threads set_worker_threads() asked for; 0: as many as worker_threads() finds.
inline std::atomic<std::size_t>& worker_threads_wanted() {
  static std::atomic<std::size_t> wanted{0};
  return wanted;
}

/// Sets the threads of the work below for this process (`--threads`); 0: the default. The
/// results are the same whatever the number.
inline void set_worker_threads(std::size_t threads) {
  worker_threads_wanted() = threads;
}

/// Threads for work that can use every core: one per core, at most 8, unless set otherwise.
inline std::size_t worker_threads() {
  const std::size_t wanted = worker_threads_wanted();
  return wanted != 0 ? wanted : std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 8);
}

/// Calls `work(i)` for every i in [0, pieces) on up to `threads` threads, this one included; each
/// thread takes the next piece not yet taken. Returns when every piece is done. A piece that
/// throws stops the handing out of pieces; once every thread has stopped, the exception of the
/// lowest such piece is rethrown here (never std::terminate from a thread), so a caller that
/// catches errors (the language server) still can.
template <class Work>
void for_each_piece(std::size_t pieces, std::size_t threads, Work&& work) {
  std::atomic<std::size_t> next{0};
  std::mutex failed;
  std::size_t failed_piece = pieces;
  std::exception_ptr failure;
  auto run = [&] {
    for (std::size_t i = next++; i < pieces; i = next++) {
      try {
        work(i);
      } catch (...) {
        const std::lock_guard<std::mutex> lock(failed);
        if (i < failed_piece) {
          failed_piece = i;
          failure = std::current_exception();
        }
        next = pieces;
      }
    }
  };
  std::vector<std::thread> workers;
  for (std::size_t t = 1; t < std::min(threads, pieces); ++t) {
    try {
      workers.emplace_back(run);
    } catch (...) {
      break;  // no more threads to be had (a process limit, memory): this one takes the rest
    }
  }
  run();
  for (std::thread& w : workers) w.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace moat
