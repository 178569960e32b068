// Rules on large models are evaluated on several threads (analyzer/threats.cpp): the threats, the
// count of evaluations and the evaluation budget's error must be exactly those of one thread,
// whatever the number of threads, including when the budget runs out part-way through.
#include "analyzer/threats.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "analyzer/graph_facts.hpp"
#include "tests/unit/fixture.hpp"

using namespace moat;

namespace {

/// `callers` processes, each with one flow to a hub (every other one rate-limited), and a rule on
/// processes that counts every flow into the hub: `callers` + 1 quantifier steps per process. With
/// 3,000 callers that is more than the model's budget (about 5.7 million steps), so it runs out
/// part-way.
std::string hub_model(int callers, const std::string& when) {
  std::string text = "model \"Hub\" { version = \"1\" }\nprocess hub \"Hub\"\n";
  for (int i = 0; i < callers; ++i) {
    const std::string p = "p" + std::to_string(i);
    text += "process " + p + " \"P" + std::to_string(i) + "\"\nflow " + p + " -> hub \"Call " +
            std::to_string(i) + "\" { protocol = https" + (i % 2 ? ", rate_limited = true" : "") +
            " }\n";
  }
  return text + "rule fan_in \"Fan-in\" { applies = [process], category = tampering, " +
         "severity = low, when = " + when + " }\n";
}

struct Raised {
  std::vector<std::string> threats;  ///< ELEMENT.RULE in the order raised
  std::vector<std::string> statuses;
  std::size_t evaluations = 0;
  std::string diagnostics;
};

Raised raise(const Compilation& c, std::size_t threads) {
  const ModelGraph& g = c.graph;
  const GraphFacts facts = compute_graph_facts(g);
  DiagnosticSink diags;
  Raised out;
  const IdVector<ThreatId, Threat> threats =
      raise_threats(g, facts, ScanFacts{}, out.evaluations, diags, threads);
  for (const Threat& t : threats) {
    out.threats.push_back(g.elements[t.element].id + "." + g.rules[t.rule].id);
    out.statuses.push_back(threat_status_name(t.status));
  }
  out.diagnostics = render_text(c.program.sources, diags.sorted());
  return out;
}

void check_same_on_any_threads(const Compilation& c) {
  const Raised one = raise(c, 1);
  for (std::size_t threads : {2, 3, 8}) {
    INFO("threads: " << threads);
    const Raised many = raise(c, threads);
    CHECK(many.threats == one.threats);
    CHECK(many.statuses == one.statuses);
    CHECK(many.evaluations == one.evaluations);
    CHECK(many.diagnostics == one.diagnostics);
  }
}

}  // namespace

TEST_CASE("the standard library's rules raise the same threats on one thread and on several") {
  // Mitigated and open threats, on thousands of elements (more than one thread's threshold).
  auto c = moat_test::compile_ok("hub.moat",
                                 hub_model(2500, "count(inbound) > 100") +
                                     "use stride\nprocess vault \"Vault\" { authn = mtls }\n");
  const Raised one = raise(*c, 1);
  REQUIRE(one.threats.size() > 2000);
  CHECK(std::count(one.statuses.begin(), one.statuses.end(), "mitigated") > 0);
  CHECK(one.diagnostics.empty());
  check_same_on_any_threads(*c);
}

TEST_CASE("when the evaluation budget runs out part-way, several threads stop where one does") {
  auto c =
      moat_test::compile_ok("hub.moat", hub_model(3000,
                                                  "any(outbound, count(target.inbound) > 0 and "
                                                  "count(target.inbound, true) > 0)"));
  const Raised one = raise(*c, 1);
  // Some callers were evaluated, not all: the budget ran out in the middle of the model.
  CHECK(one.threats.size() > 500);
  CHECK(one.threats.size() < 2900);
  CHECK(one.diagnostics.find("quantifier steps, the limit for this model, in rule 'fan_in' on "
                             "'p") != std::string::npos);
  check_same_on_any_threads(*c);
}

TEST_CASE("when the first element alone spends the budget, every thread count names it") {
  // Each caller's rule visits every caller of the hub for every caller: 9 million steps on p0.
  auto c = moat_test::compile_ok(
      "hub.moat", hub_model(3000,
                            "any(outbound, count(target.inbound, any(source.outbound, "
                            "count(target.inbound, true) > 0)) > 0)"));
  const Raised one = raise(*c, 1);
  CHECK(one.threats.empty());
  CHECK(one.diagnostics.find("in rule 'fan_in' on 'p0'") != std::string::npos);
  check_same_on_any_threads(*c);
}

TEST_CASE("a budget that suffices gives every threat on any number of threads") {
  auto c = moat_test::compile_ok("hub.moat",
                                 hub_model(1200, "any(outbound, count(target.inbound, true) > 0)"));
  const Raised one = raise(*c, 1);
  CHECK(one.threats.size() == 1200);  // every caller; the hub has no outbound flow
  CHECK(one.diagnostics.empty());
  check_same_on_any_threads(*c);
}
