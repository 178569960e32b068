// Readiness from primary and supporting links (docs/soc2.md "Primary and supporting links",
// "The decision table"): an open threat on a supporting link below high never makes a criterion
// not met; blocking threats are listed most severe first, then by id, and closing them moves
// the criterion; a criterion met on claims is told apart from one met with evidence.
#include "analyzer/closure_basis.hpp"
#include "tests/unit/fixture.hpp"

using namespace moat;
using moat_test::analyze_text;
using moat_test::Analyzed;

namespace {

/// Security in scope; processes `api`, `web` and `worker`, then `body`.
Analyzed model(const std::string& body) {
  return analyze_text(
      "model \"Readiness\" { version = \"1\" }\nuse soc2\nprocess api \"API\"\n"
      "process web \"Web\"\nprocess worker \"Worker\"\n" +
      body);
}

/// A rule on every process, naming CC6.1 primarily and CC6.6 as support unless told otherwise;
/// its severity is fixed, so the tests choose each threat's severity (not risk).
std::string rule(const std::string& id, const std::string& severity,
                 const std::string& links = "controls = [CC6.1], supports = [CC6.6]") {
  return "rule " + id + " \"" + id +
         "\" { applies = process, category = tampering, severity = " + severity + ", " + links +
         ", when = true, fixed_severity = true }\n";
}

std::string fix(const std::string& id, const std::string& targets,
                const std::string& attributes = "status = implemented, evidence = [\"src/a.ts\"]") {
  return "mitigation " + id + " \"" + id + "\" { mitigates = [" + targets + "], " + attributes +
         " }\n";
}

std::vector<std::string> ids(const Analyzed& m, const std::vector<ThreatId>& threats) {
  std::vector<std::string> out;
  for (const ThreatId t : threats) out.push_back(threat_id(m.graph(), m.analysis.threats[t]));
  return out;
}

}  // namespace

TEST_CASE("a rule links its threats primarily through controls and as support through supports") {
  const Analyzed m = model(rule("r", "medium"));
  CHECK(m.control("CC6.1").threats.size() == 3);
  CHECK(m.control("CC6.1").supporting.empty());
  CHECK(m.control("CC6.6").threats.empty());
  CHECK(m.control("CC6.6").supporting.size() == 3);
  // A criterion named both ways is primary.
  const Analyzed both = model(rule("r", "low", "controls = [CC6.1], supports = [CC6.1]"));
  CHECK(both.control("CC6.1").threats.size() == 3);
  CHECK(both.control("CC6.1").supporting.empty());
}

TEST_CASE("an open medium threat on a supporting link never makes a criterion not met") {
  // CC6.1 is met by evidence; the rule's open medium threats only support CC6.6 ...
  const Analyzed m =
      model(rule("r", "medium", "controls = [CC7.2], supports = [CC6.1]") +
            rule("s", "high", "controls = [CC6.1]") + fix("f", "api.s, web.s, worker.s"));
  CHECK(m.verdict("CC6.1") == "met");
  CHECK(m.control("CC6.1").blocking.empty());
  CHECK(m.control("CC6.1").reason ==
        "every linked threat is mitigated or accepted, with evidence (f); open on supporting "
        "links: api.r (medium), web.r (medium), worker.r (medium)");
  // ... and where nothing else is in place they hold it at partially met, never below.
  const Analyzed alone = model(rule("r", "medium", "controls = [CC7.2], supports = [CC6.1]"));
  CHECK(alone.verdict("CC6.1") == "partially_met");
  CHECK(alone.control("CC6.1").reason ==
        "nothing linked to it is in place yet; blocking: api.r (medium), web.r (medium), "
        "worker.r (medium)");
  CHECK(alone.verdict("CC7.2") == "partially_met");
}

TEST_CASE("an open high threat on a supporting link makes a criterion partially met") {
  const Analyzed m = model(rule("r", "critical", "controls = [CC7.2], supports = [CC6.1]") +
                           fix("f", "api.r, web.r"));
  CHECK(m.verdict("CC7.2") == "not_met");
  CHECK(m.verdict("CC6.1") == "partially_met");
  CHECK(m.control("CC6.1").reason ==
        "1 open threat of high severity or above supports it; blocking: worker.r (critical)");
}

TEST_CASE("blocking threats: most severe first, then by id, in the reason and the list") {
  const Analyzed m = model(rule("low_one", "low") + rule("crit", "critical") +
                           rule("med", "medium") + fix("f", "api.crit, web.crit"));
  const ControlResult& c = m.control("CC6.1");
  CHECK(m.verdict("CC6.1") == "not_met");
  CHECK(ids(m, c.blocking) == std::vector<std::string>{"worker.crit", "api.med", "web.med",
                                                       "worker.med", "api.low_one", "web.low_one",
                                                       "worker.low_one"});
  CHECK(c.reason ==
        "1 open threat of high severity or above links to it primarily; blocking: worker.crit "
        "(critical), api.med (medium), web.med (medium), worker.med (medium), api.low_one (low), "
        "web.low_one (low), worker.low_one (low)");
}

TEST_CASE("readiness moves as the threats that block a criterion are closed") {
  const std::string rules = rule("crit", "critical") + rule("med", "medium");
  CHECK(model(rules).verdict("CC6.1") == "not_met");
  // Closing the critical threats leaves the medium ones: partially met.
  const Analyzed step = model(rules + fix("f", "api.crit, web.crit, worker.crit"));
  CHECK(step.verdict("CC6.1") == "partially_met");
  CHECK(ids(step, step.control("CC6.1").blocking) ==
        std::vector<std::string>{"api.med", "web.med", "worker.med"});
  // Closing the rest, one by an acceptance, meets it.
  const Analyzed done =
      model(rules + fix("f", "api.crit, web.crit, worker.crit, api.med, web.med") +
            "accept worker.med { reason = \"r\", owner = \"o\" }\n");
  CHECK(done.verdict("CC6.1") == "met");
  CHECK(done.control("CC6.1").blocking.empty());
}

TEST_CASE("a criterion met only through claims is met (claimed), with the claims listed") {
  const Analyzed m = model(rule("r", "high") + fix("proof", "api.r, web.r") +
                           fix("word", "worker.r", "status = implemented"));
  CHECK(m.verdict("CC6.1") == "met");
  CHECK(m.control("CC6.1").basis == ControlBasis::Claimed);
  CHECK(m.control("CC6.1").reason ==
        "every linked threat is mitigated or accepted, but some only on the model's word; "
        "mitigations without evidence: word");
  // A threat covered by a claim and by evidence rests on the evidence.
  const Analyzed both = model(rule("r", "high") + fix("proof", "api.r, web.r, worker.r") +
                              fix("word", "worker.r", "status = implemented"));
  CHECK(both.control("CC6.1").basis == ControlBasis::Evidenced);
  CHECK(both.analysis.categories[0].met_evidenced == 2);  // CC6.1 and its support CC6.6
}

TEST_CASE("a threat mitigated with no implemented mitigation behind it rests on a claim") {
  // The hook for threats mitigated by an attribute: closed, but nothing shows it.
  const Analyzed m = model(rule("r", "high") + fix("f", "api.r"));
  const MitigationBases bases = mitigation_bases(m.graph(), m.analysis);
  REQUIRE(bases.size() == 1);
  CHECK(bases[MitigationId(0)] == Basis::Evidenced);
  Threat by_attribute = m.threat("web.r");
  by_attribute.status = ThreatStatus::Mitigated;
  CHECK(closure_basis(m.graph(), bases, by_attribute) == Basis::Claimed);
  CHECK(closure_basis(m.graph(), bases, m.threat("api.r")) == Basis::Evidenced);
  CHECK(closure_basis(m.graph(), bases, m.threat("worker.r")) == Basis::NotInPlace);
}

TEST_CASE("the readiness summary counts met with evidence and met on claims") {
  const Analyzed m = model(rule("r", "high") + fix("f", "api.r, web.r, worker.r") +
                           rule("s", "low", "controls = [CC7.2]") +
                           fix("g", "api.s, web.s, worker.s", "status = verified"));
  REQUIRE(m.analysis.categories.size() == 1);
  const CategorySummary& s = m.analysis.categories[0];
  // CC6.1 and CC6.6 (its support) on evidence, CC7.2 on a claim.
  CHECK(s.met == 3);
  CHECK(s.met_evidenced == 2);
  CHECK(m.control("CC7.2").basis == ControlBasis::Claimed);
}
