// threat_order() (analyzer/threat_order.hpp): each threat's place when all are sorted most
// severe first, then by id, equal ids in analysis order. It ranks elements and rules once instead
// of comparing id strings; these tests hold it to the plain sort of the id strings, on ids where
// one is a prefix of another, where '-' and '_' sort around the '.' that ends a part, with
// scanner rules, and with an element id that holds a '.' (then the ranks do not apply).
#include <doctest/doctest.h>

#include <algorithm>
#include <random>

#include "analyzer/threat_order.hpp"
#include "fixture.hpp"

namespace {

using namespace moat;

constexpr const char* kModel = R"(model "Order" { quiet_locations = true }
use stride
process a "A"
process a-x "A-X"
process a_x "A_X"
process ab "AB"
process a-0 "A-0"
process b "B"
)";

/// Threats on every element of `g` and its first rules, with severities and scanner rules
/// drawn from `random`, some repeated (equal ids keep their analysis order).
IdVector<ThreatId, Threat> random_threats(const ModelGraph& g, std::mt19937& random) {
  const char* scan_rules[] = {"", "", "", "x", "x-y", "x_y", "xy", "x.y"};
  // The first few rules only (those the first test renames): one element often has threats of
  // one rule with different scanner rules, whose order only the scanner rule decides.
  const auto rules = static_cast<std::uint32_t>(std::min<std::size_t>(g.rules.size(), 6));
  std::uniform_int_distribution<std::uint32_t> rule(0, rules - 1);
  std::uniform_int_distribution<int> severity(0, 4), scan(0, 7), count(0, 6);
  IdVector<ThreatId, Threat> out;
  for (const ElementId e : g.elements.ids_from(1)) {
    for (int n = count(random); n > 0; --n) {
      Threat t;
      t.element = e;
      t.rule = RuleId(rule(random));
      t.severity = static_cast<std::uint8_t>(severity(random));
      t.scan_rule = scan_rules[scan(random)];
      out.push_back(t);
      if (n % 3 == 0) out.push_back(t);  // the same id twice
    }
  }
  return out;
}

/// The places the plain sort by severity, id string and analysis order gives.
ThreatRanks expected_order(const ModelGraph& g, const Analysis& a) {
  std::vector<ThreatId> sorted;
  for (const ThreatId t : a.threats.ids()) sorted.push_back(t);
  std::sort(sorted.begin(), sorted.end(), [&](ThreatId x, ThreatId y) {
    const Threat& tx = a.threats[x];
    const Threat& ty = a.threats[y];
    if (tx.severity != ty.severity) return tx.severity > ty.severity;
    const std::string ix = threat_id(g, tx), iy = threat_id(g, ty);
    if (ix != iy) return ix < iy;
    return x < y;
  });
  ThreatRanks place(sorted.size());
  for (std::uint32_t i = 0; i < sorted.size(); ++i) place[sorted[i]] = i;
  return place;
}

/// threat_order() against the plain sort on 50 random sets of threats on `g`.
void check_random_threats(const ModelGraph& g, unsigned seed) {
  std::mt19937 random(seed);
  for (int round = 0; round < 50; ++round) {
    Analysis a;
    a.threats = random_threats(g, random);
    CAPTURE(round);
    REQUIRE(threat_order(g, a) == expected_order(g, a));
  }
}

}  // namespace

TEST_CASE("threat order: ranks give the order of the id strings") {
  auto c = moat_test::compile_ok("model.moat", kModel);
  ModelGraph& g = c->graph;
  // Rule ids where one is a prefix of another, around '-', '_' and the end of the id.
  const char* rule_ids[] = {"r", "r-x", "r_x", "rx", "r-", "q"};
  for (std::size_t i = 0; i < std::size(rule_ids) && i < g.rules.size(); ++i)
    g.rules[RuleId::at(i)].id = rule_ids[i];
  check_random_threats(g, 16);
}

TEST_CASE("threat order: an element id with a '.' is ordered by its whole id") {
  auto c = moat_test::compile_ok("model.moat", kModel);
  ModelGraph& g = c->graph;
  // "a.b" sorts between "a" (whose threats' ids continue with ".r...") and "a-x".
  for (ElementRec& e : g.elements) {
    if (e.id == "ab") e.id = "a.r";
  }
  check_random_threats(g, 17);
}

TEST_CASE("threat order: a long list sorted by places, repeats dropped, as std::sort would") {
  // Past 1,024 threats sort_by_order() radix-sorts the places: held here to std::sort + unique
  // on 5,000 draws (with repeats) from 3,000 threats whose places are a random permutation.
  std::mt19937 random(18);
  ThreatRanks order(3000);
  for (std::uint32_t i = 0; i < order.size(); ++i) order[ThreatId(i)] = i;
  std::shuffle(order.begin(), order.end(), random);
  for (const std::size_t n : {10, 1023, 1024, 5000}) {
    std::uniform_int_distribution<std::uint32_t> threat(0, 2999);
    std::vector<ThreatId> ts(n);
    for (ThreatId& t : ts) t = ThreatId(threat(random));
    std::vector<ThreatId> expected = ts;
    std::sort(expected.begin(), expected.end(),
              [&](ThreatId x, ThreatId y) { return order[x] < order[y]; });
    expected.erase(std::unique(expected.begin(), expected.end()), expected.end());
    sort_by_order(order, ts);
    CAPTURE(n);
    CHECK(ts == expected);
  }
}
