#pragma once
// The large arrays of the JSON document (threats, findings, flows, elements) written by several
// threads: a 100k-element model's document is 1.4 GB, and writing it on one core took as long as
// analyzing the model. The array is cut into chunks of items; worker threads write chunks into
// buffers of their own with chunk writers (JsonWriter's chunk constructor: the same indent and
// escaping as the enclosing writer), and the calling thread splices the finished chunks into its
// writer in order. The bytes are those of the serial loop whatever the threads do: a chunk's
// bytes depend only on its items and the depth, and the `,` between chunks is the enclosing
// writer's. At most eight chunks more than there are threads are in flight (a few hundred KB
// each), never the whole array.
#include <cstddef>
#include <functional>

#include "backends/json_writer.hpp"

namespace moat {

/// Writes items [begin, end) of an array into a chunk writer.
using JsonChunk = std::function<void(JsonWriter& w, std::size_t begin, std::size_t end)>;

/// Writes an array at the writer's position from `count` item positions: the bytes of
/// `begin_array(); chunk(w, 0, count); end_array();`. A position may write no item (the elements
/// array skips flows). With w.parallelism() allowing threads and at least four chunks' worth of
/// positions, `chunk` runs on worker threads at the same time: it must only read shared state.
void write_array_in_chunks(JsonWriter& w, std::size_t count, const JsonChunk& chunk);

/// write_array_in_chunks() with `item(w, i)` for each position `i`.
template <typename Item>
void write_array(JsonWriter& w, std::size_t count, const Item& item) {
  write_array_in_chunks(w, count, [&item](JsonWriter& cw, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) item(cw, i);
  });
}

}  // namespace moat
