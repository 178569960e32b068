// The JSON arrays written in chunks by several threads (backends/json_parallel.hpp): the same
// bytes as one thread writing them in order, whatever the chunk size and the thread count, for
// arrays of varied items, arrays whose first chunks write nothing, a whole model document and a
// SARIF log.
#include <doctest/doctest.h>

#include <atomic>
#include <sstream>
#include <stdexcept>

#include "backends/json_document.hpp"
#include "backends/json_parallel.hpp"
#include "backends/sarif_log.hpp"
#include "fixture.hpp"

using namespace moat;
using json = nlohmann::ordered_json;

namespace {

/// Item `i` of the test array: its content tells the items apart (a chunk spliced out of order
/// changes the bytes), its size and shape vary, and some positions write no item at all.
void write_item(JsonWriter& w, std::size_t i, std::size_t skip_below) {
  if (i < skip_below || i % 7 == 3) return;
  if (i % 5 == 0) {
    w.value(static_cast<std::uint64_t>(i));
    return;
  }
  w.begin_object();
  w.member("id", "item-" + std::to_string(i));
  w.member("text", std::string(i % 13, 'x') + "\"caf\xc3\xa9\"\t\xff");
  w.key("list");
  w.begin_array();
  for (std::size_t k = 0; k < i % 4; ++k) {
    w.begin_object();
    w.member("k", static_cast<std::uint64_t>(k));
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

/// A document with the test array three containers deep, written with `parallelism`.
std::string document(JsonParallelism parallelism, std::size_t count, std::size_t skip_below,
                     std::atomic<bool>* chunked = nullptr) {
  std::string out;
  JsonWriter w(out);
  w.set_parallelism(parallelism);
  w.begin_object();
  w.member("before", 1);
  w.key("models");
  w.begin_array();
  w.begin_object();
  w.key("items");
  write_array(w, count, [&](JsonWriter& cw, std::size_t i) {
    if (chunked && &cw != &w) *chunked = true;  // a chunk writer: the threaded path
    write_item(cw, i, skip_below);
  });
  w.member("after", "end");
  w.end_object();
  w.end_array();
  w.end_object();
  w.flush();
  return out;
}

/// The same document as a tree, dumped as the writer must write it.
std::string expected(std::size_t count, std::size_t skip_below) {
  std::string items;
  {
    JsonWriter w(items);
    w.begin_array();
    for (std::size_t i = 0; i < count; ++i) write_item(w, i, skip_below);
    w.end_array();
  }
  json doc = {{"before", 1},
              {"models", json::array({{{"items", json::parse(items)}, {"after", "end"}}})}};
  return doc.dump(2, ' ', false, json::error_handler_t::replace);
}

}  // namespace

TEST_CASE("json parallel: chunks on several threads give the serial writer's bytes") {
  for (const std::size_t count : {0u, 1u, 40u, 1000u}) {
    for (const std::size_t skip_below : {0u, 25u}) {
      const std::string serial = document({1, 1}, count, skip_below);
      CHECK(serial == expected(count, skip_below));
      for (const JsonParallelism p : {JsonParallelism{2, 1}, JsonParallelism{4, 3},
                                      JsonParallelism{3, 10}, JsonParallelism{8, 64}}) {
        CAPTURE(count);
        CAPTURE(skip_below);
        CAPTURE(p.threads);
        CAPTURE(p.chunk_items);
        std::atomic<bool> chunked = false;
        CHECK(document(p, count, skip_below, &chunked) == serial);
        // Four chunks' worth of positions or more take the threaded path.
        CHECK(chunked == (count >= 4 * p.chunk_items));
      }
    }
  }
}

TEST_CASE("json parallel: a small array is written without threads") {
  // Under four chunks of the default size: no thread, whatever the machine.
  const std::size_t small = 4 * JsonParallelism{}.chunk_items - 1;
  std::atomic<bool> chunked = false;
  CHECK(document({}, small, 0, &chunked) == document({1, 1}, small, 0));
  CHECK_FALSE(chunked);
}

TEST_CASE("json parallel: a stream gets the chunks in order") {
  const std::size_t count = 5000;
  std::ostringstream stream;
  {
    JsonWriter w(stream);
    w.set_parallelism({4, 7});
    write_array(w, count, [](JsonWriter& cw, std::size_t i) { write_item(cw, i, 0); });
  }
  std::string serial;
  {
    JsonWriter w(serial);
    w.set_parallelism({1, 1});
    write_array(w, count, [](JsonWriter& cw, std::size_t i) { write_item(cw, i, 0); });
  }
  CHECK(stream.str() == serial);
}

TEST_CASE("json parallel: an item that throws stops the writing with its exception") {
  std::string out;
  JsonWriter w(out);
  w.set_parallelism({4, 2});
  auto write = [](JsonWriter& cw, std::size_t i) {
    if (i == 777) throw std::runtime_error("item 777");
    write_item(cw, i, 0);
  };
  CHECK_THROWS_WITH_AS(write_array(w, 2000, write), "item 777", std::runtime_error);
}

TEST_CASE("json parallel: a model document written in chunks is the serial document") {
  const moat_test::Analyzed m(moat_test::compile_source_file("samples/clinic-booking.moat"));
  auto written = [&](JsonParallelism p) {
    std::string out;
    JsonWriter w(out);
    w.set_parallelism(p);
    write_model_document(w, m.c->program.sources, m.graph(), m.analysis,
                         "samples/clinic-booking.moat", {});
    w.flush();
    return out;
  };
  const std::string serial = written({1, 1});
  // Chunks of two: every array of the sample (41 threats, 32 findings, its elements and flows)
  // has eight positions or more, so each takes the threaded path.
  REQUIRE(m.analysis.threats.size() >= 8);
  REQUIRE(m.analysis.findings.size() >= 8);
  REQUIRE(m.graph().flows.size() >= 8);
  CHECK(written({4, 2}) == serial);
  CHECK(written({2, 5}) == serial);
}

TEST_CASE("json parallel: a SARIF log written in chunks is the serial log") {
  const moat_test::Analyzed m(moat_test::compile_source_file("samples/clinic-booking.moat"));
  // The sample's code tree: results carry code locations (the locator of each chunk makes them).
  const RenderContext ctx{m.c->program.sources,
                          m.graph(),
                          m.analysis,
                          std::string(MOAT_SOURCE_DIR) + "/samples/clinic-booking.moat",
                          std::string(MOAT_SOURCE_DIR) + "/samples/clinic-booking",
                          {}};
  auto written = [&](JsonParallelism p) {
    std::string out;
    JsonWriter w(out);
    w.set_parallelism(p);
    write_sarif_log(w, ctx);
    w.flush();
    return out;
  };
  const std::string serial = written({1, 1});
  // Most threats of the sample are closed and have no result: most chunks write nothing.
  REQUIRE(serial.find("\"ruleId\"") != std::string::npos);
  CHECK(written({4, 2}) == serial);
  CHECK(written({2, 3}) == serial);
}
