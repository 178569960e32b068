#include "backends/json_parallel.hpp"

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>
#include <vector>

#include "compiler/parallel.hpp"

namespace moat {

namespace {

/// A chunk being written or waiting to be spliced.
struct Chunk {
  std::size_t index = 0;
  /// Its chunk writer, which goes round the slots: its buffer is allocated only once.
  std::unique_ptr<JsonWriter> writer;
  std::exception_ptr error;  ///< what stopped the chunk's writing, rethrown in order
};

/// The one state the threads share: which chunk is next to write, and a ring of `window` slots
/// for the chunks in flight. A chunk is claimed only when its slot is free (every chunk a whole
/// window before it spliced), which bounds the memory, and chunks are claimed in order, so the
/// one the splicing thread waits for is being written, or it writes that one itself.
class ChunkQueue {
 public:
  ChunkQueue(std::size_t chunks, std::size_t window) : chunks_(chunks), slots_(window) {}

  /// The next chunk to write, with a writer to write it with, once the window has room for it;
  /// nothing when every chunk is claimed or the writing stopped.
  std::optional<Chunk> claim() {
    std::unique_lock lock(mutex_);
    room_.wait(lock, [&] { return stopped_ || next_ == chunks_ || has_room(); });
    if (stopped_ || next_ == chunks_) return std::nullopt;
    return claim_next();
  }

  /// Chunk `k`, when no worker has claimed it yet.
  std::optional<Chunk> claim_if_next(std::size_t k) {
    std::lock_guard lock(mutex_);
    if (next_ != k) return std::nullopt;
    return claim_next();
  }

  /// Hands a written chunk over to the splicing thread.
  void finish(Chunk c) {
    bool next;
    {
      std::lock_guard lock(mutex_);
      // The splicing thread waits only for the chunk after the last it released: a chunk
      // further on need not wake it (two wake-ups a chunk cost a context switch each).
      next = c.index == released_;
      Slot& s = slot(c.index);
      s.chunk = std::move(c);
      s.done = true;
    }
    if (next) done_.notify_one();
  }

  /// Waits until chunk `k` is written.
  void wait(std::size_t k) {
    std::unique_lock lock(mutex_);
    done_.wait(lock, [&] { return slot(k).done; });
  }

  /// Chunk `k`, written; its slot stays taken until release().
  Chunk take(std::size_t k) {
    std::lock_guard lock(mutex_);
    Slot& s = slot(k);
    s.done = false;
    return std::move(s.chunk);
  }

  /// Frees chunk `k`'s slot (spliced), keeping its writer for the chunk that takes the slot next.
  void release(std::size_t k, std::unique_ptr<JsonWriter> writer) {
    {
      std::lock_guard lock(mutex_);
      slot(k).chunk.writer = std::move(writer);
      released_ = k + 1;
    }
    room_.notify_all();
  }

  /// Makes every claim() return nothing: the writing is over or failed.
  void stop() {
    {
      std::lock_guard lock(mutex_);
      stopped_ = true;
    }
    room_.notify_all();
  }

 private:
  struct Slot {
    Chunk chunk;
    bool done = false;
  };
  bool has_room() const { return next_ < released_ + slots_.size(); }
  Chunk claim_next() {
    Chunk c;
    c.index = next_++;
    c.writer = std::move(slot(c.index).chunk.writer);
    return c;
  }
  Slot& slot(std::size_t k) { return slots_[k % slots_.size()]; }

  std::mutex mutex_;
  std::condition_variable room_, done_;
  const std::size_t chunks_;
  std::vector<Slot> slots_;
  std::size_t next_ = 0, released_ = 0;
  bool stopped_ = false;
};

/// Writes chunk `c` (positions [begin, end)) with a chunk writer `depth` deep, catching what it
/// throws: the splicing thread rethrows it when it reaches the chunk.
void write_chunk(Chunk& c, const JsonChunk& chunk, std::size_t depth, std::size_t begin,
                 std::size_t end) {
  try {
    if (c.writer) {
      c.writer->restart();
    } else {
      c.writer = std::make_unique<JsonWriter>(depth);
    }
    chunk(*c.writer, begin, end);
  } catch (...) {
    c.error = std::current_exception();
  }
}

/// The worker threads; stopped and joined however the writing ends (a chunk's exception too).
class Workers {
 public:
  explicit Workers(ChunkQueue& queue) : queue_(queue) {}
  Workers(const Workers&) = delete;
  Workers& operator=(const Workers&) = delete;
  ~Workers() {
    queue_.stop();
    for (std::thread& t : threads_) t.join();
  }
  /// Starts a worker running `work`; false when the system has no thread to give (the calling
  /// thread then writes the chunks no worker takes).
  template <typename Work>
  bool start(Work work) {
    try {
      threads_.emplace_back(std::move(work));
      return true;
    } catch (const std::system_error&) {
      return false;
    }
  }

 private:
  ChunkQueue& queue_;
  std::vector<std::thread> threads_;
};

}  // namespace

void write_array_in_chunks(JsonWriter& w, std::size_t count, const JsonChunk& chunk) {
  const JsonParallelism& p = w.parallelism();
  const std::size_t per_chunk = std::max<std::size_t>(p.chunk_items, 1);
  const std::size_t threads =
      p.threads != 0 ? p.threads : worker_threads();  // --threads, or one per core
  w.begin_array();
  // A small array is not worth a thread: a model of a few hundred elements pays nothing.
  if (threads <= 1 || count < 4 * per_chunk) {
    chunk(w, 0, count);
    w.end_array();
    return;
  }
  const std::size_t chunks = (count + per_chunk - 1) / per_chunk;
  const std::size_t depth = w.depth();
  auto write = [&](Chunk& c) {
    const std::size_t begin = c.index * per_chunk;
    write_chunk(c, chunk, depth, begin, std::min(begin + per_chunk, count));
  };
  // Each thread's chunk and eight written ones waiting to be spliced (a few hundred KB each):
  // on a loaded machine a thread is paused now and then, and the others write ahead meanwhile
  // instead of waiting for its chunk.
  ChunkQueue queue(chunks, threads + 8);
  {
    Workers workers(queue);
    for (std::size_t i = 0; i < std::min(threads, chunks); ++i) {
      const bool started = workers.start([&] {
        while (std::optional<Chunk> c = queue.claim()) {
          write(*c);
          queue.finish(std::move(*c));
        }
      });
      if (!started) break;
    }
    // The calling thread splices. It writes no chunk ahead: a worker that finds the window
    // filled by chunks written ahead waits, and that cost a third of the threads' speed-up.
    for (std::size_t k = 0; k < chunks; ++k) {
      // Unless no worker has taken it: none could be started (or none was quick enough).
      if (std::optional<Chunk> c = queue.claim_if_next(k)) {
        write(*c);
        queue.finish(std::move(*c));
      }
      queue.wait(k);
      Chunk c = queue.take(k);
      if (c.error) std::rethrow_exception(c.error);
      w.splice(*c.writer);
      queue.release(k, std::move(c.writer));
    }
  }
  w.end_array();
}

}  // namespace moat
