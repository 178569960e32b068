// Expert-written threats (`threat ID "Title" { on = ELEMENT, ... }`, docs/language.md): raised on
// exactly the element they name with the id ELEMENT.ID, covered by every target form, linked to
// their SOC 2 criteria, explained, and checked at compile time.
#include "analyzer/explain.hpp"
#include "tests/unit/fixture.hpp"

using namespace moat;
using moat_test::analyze_text;
using moat_test::Analyzed;

namespace {

const char* const kModel = R"moat(model "Expert" { version = "1" }
use soc2
process api "API"
process worker "Worker"
rule r1 "R1" { applies = process, category = spoofing, severity = low, when = true }
threat replay "Requests can be replayed" {
  on = api, category = tampering, severity = high, controls = [CC6.1], cwe = 294
  description = "Found in the workshop."
}
)moat";

Analyzed with(const std::string& more) {
  return analyze_text(kModel + more);
}

}  // namespace

TEST_CASE("an expert threat is raised on its element only, after the rules' threats") {
  const Analyzed m = with("");
  std::vector<std::string> ids;
  for (const Threat& t : m.analysis.threats) ids.push_back(threat_id(m.graph(), t));
  CHECK(ids == std::vector<std::string>{"api.r1", "api.replay", "worker.r1"});
  const RuleRec& r = m.graph().rules[m.threat("api.replay").rule];
  CHECK(r.expert());
  CHECK(r.title == "Requests can be replayed");
  CHECK(r.cwe == 294);
  CHECK(r.description == "Found in the workshop.");
  CHECK(m.status("api.replay") == "open");
  CHECK(m.verdict("CC6.1") == "not_met");
}

TEST_CASE("rule, category and element targets cover an expert threat") {
  CHECK(with("mitigation m \"M\" { mitigates = [api.replay], status = implemented }\n")
            .status("api.replay") == "mitigated");
  CHECK(with("accept api.tampering { reason = \"r\", owner = \"o\" }\n").status("api.replay") ==
        "accepted");
  CHECK(with("dismiss api.replay { reason = \"r\", by = \"b\", as = false_positive }\n")
            .status("api.replay") == "dismissed");
  const Analyzed broad = with("mitigation m \"M\" { mitigates = [api], status = implemented }\n");
  CHECK(broad.status("api.replay") == "mitigated");
  CHECK(broad.messages(DiagKind::BroadTarget).size() == 1);
}

TEST_CASE("explain shows an expert threat as written by hand") {
  const Analyzed m = with("");
  const ModelGraph& g = m.graph();
  const RuleId rule = m.threat("api.replay").rule;
  const std::string text = explain(m.c->program.sources, g, m.analysis, rule, g.find("api"));
  CHECK(text.find("written by hand: threat replay") != std::string::npos);
  CHECK(text.find("description: Found in the workshop.") != std::string::npos);
  CHECK(text.find("status: open") != std::string::npos);
  const std::string other = explain(m.c->program.sources, g, m.analysis, rule, g.find("worker"));
  CHECK(other.find("it is declared on 'api', not on 'worker'") != std::string::npos);
}

TEST_CASE("an expert threat's id must not be another threat's or a rule's") {
  auto c = compile_text("m.moat", std::string(kModel) +
                                      "threat replay \"Again\" { on = worker, category = "
                                      "tampering, severity = low }\n"
                                      "threat r1 \"Clash\" { on = worker, category = tampering, "
                                      "severity = low }\n");
  CHECK(moat_test::kinds(c->diags) == std::vector<std::string>{"DuplicateId", "DuplicateId"});
  const auto sorted = c->diags.sorted();
  CHECK(sorted[0].message == "threat 'replay' is already declared");
  CHECK(sorted[1].message.find("is the id of rule 'r1'") != std::string::npos);
}
