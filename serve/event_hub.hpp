#pragma once
// The current snapshot and the pages waiting for the next one. A page's event stream holds only
// the last version it was told of (bounded memory per page, however often the model is saved);
// it then fetches the state itself. The number of open streams is capped.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>

#include "serve/snapshot.hpp"

namespace moat::serve {

class EventHub {
 public:
  explicit EventHub(std::size_t max_streams) : max_streams_(max_streams) {}

  /// Makes `s` current and wakes every stream.
  void publish(std::shared_ptr<const Snapshot> s);
  /// The current snapshot; null before the first publish.
  std::shared_ptr<const Snapshot> current() const;

  /// Counts a new stream in; false when `max_streams` are open already.
  bool open_stream();
  void close_stream();
  std::size_t open_streams() const;

  /// Waits until the current version differs from `seen`, for at most `timeout`, or until
  /// stop(). Returns the current version (0 before the first publish).
  std::uint64_t wait_newer(std::uint64_t seen, std::chrono::milliseconds timeout);

  /// Wakes every stream for good: they end.
  void stop();
  bool stopping() const;

 private:
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::shared_ptr<const Snapshot> current_;
  std::size_t max_streams_;
  std::size_t streams_ = 0;
  bool stopping_ = false;
};

}  // namespace moat::serve
