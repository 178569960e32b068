// link_relays() (compiler/relays.hpp) against its definition, computed the slow way: a flow
// relays the flows into its source that carry exactly its data (a set: order and repeats do not
// count), in flow order; a flow that carries nothing relays nothing.
#include <doctest/doctest.h>

#include <random>
#include <set>
#include <string>

#include "fixture.hpp"

namespace {

using namespace moat;

/// A model of `hubs` processes joined by `flows` flows, each carrying up to three of four data
/// items, sometimes one twice, sometimes none.
std::string hub_model(std::mt19937& random, int hubs, int flows) {
  std::string text = "model \"Relays\" { quiet_locations = true }\n";
  for (int d = 0; d < 4; ++d) text += "data d" + std::to_string(d) + " \"D\"\n";
  for (int h = 0; h < hubs; ++h) text += "process p" + std::to_string(h) + " \"P\"\n";
  std::uniform_int_distribution<int> hub(0, hubs - 1), datum(0, 3), count(0, 3);
  for (int f = 0; f < flows; ++f) {
    text += "flow f" + std::to_string(f) + ": p" + std::to_string(hub(random)) + " -> p" +
            std::to_string(hub(random));
    const int n = count(random);
    if (n > 0) {
      text += " { carries = [";
      for (int k = 0; k < n; ++k) text += (k ? ", d" : "d") + std::to_string(datum(random));
      text += "] }";
    }
    text += "\n";
  }
  return text;
}

}  // namespace

TEST_CASE("relays: each flow relays the flows into its source with the same data, in order") {
  std::mt19937 random(7);
  for (int round = 0; round < 20; ++round) {
    auto c = moat_test::compile_ok("relays.moat", hub_model(random, 4, 60));
    const ModelGraph& g = c->graph;
    // Each flow's data as a set, from the data -> flows rows.
    IdVector<FlowId, std::set<ElementId>> carried(g.flows.size());
    for (std::size_t i = 0; i + 1 < g.carried_offsets.size(); ++i) {
      const ElementId d = ElementId::at(i);
      for (const ElementId flow : g.carried_by_of(d)) carried[g.elements[flow].flow].insert(d);
    }
    for (const FlowId f : g.flows.ids()) {
      std::vector<ElementId> expected;
      for (const FlowId in : g.flows.ids()) {
        if (!carried[f].empty() && g.flows[in].target == g.flows[f].source &&
            carried[in] == carried[f])
          expected.push_back(g.flows[in].element);
      }
      const Range r = g.flows[f].relayed_from;
      const std::vector<ElementId> got(g.relays.begin() + r.begin,
                                       g.relays.begin() + r.begin + r.size);
      CAPTURE(round);
      CAPTURE(g.elements[g.flows[f].element].id);
      REQUIRE(got == expected);
    }
  }
}
