// SOC 2 readiness (analyzer/controls.hpp, readiness.hpp, docs/soc2.md "The decision table"):
// when a criterion is met, partially met, not met or not assessed, the reason given for it,
// attestations, scope, and the per-category summary. Primary and supporting links, blocking
// threats and claimed vs evidenced: test_analyzer_readiness.cpp.
#include "analyzer/locations.hpp"
#include "tests/unit/fixture.hpp"

using namespace moat;
using moat_test::analyze_text;
using moat_test::Analyzed;

namespace {

/// A model in scope for security and availability with one process, `api`, and `body`.
Analyzed model(const std::string& body) {
  return analyze_text(
      "model \"Controls\" { version = \"1\", soc2_scope = [security, availability] }\n"
      "use soc2\nprocess api \"API\"\nprocess worker \"Worker\"\n" +
      body);
}

/// A rule that fires on every process, linked to CC6.1, of severity `severity`.
std::string rule(const std::string& id, const std::string& severity) {
  return "rule " + id + " \"" + id +
         "\" { applies = process, category = tampering, severity = " + severity +
         ", controls = [CC6.1], when = true, fixed_severity = true }\n";
}

/// A mitigation of `targets` naming CC6.1, with `attributes` (status, evidence, ...).
std::string mitigation(const std::string& id, const std::string& targets,
                       const std::string& attributes) {
  return "mitigation " + id + " \"" + id + "\" { mitigates = [" + targets +
         "], controls = [CC6.1], " + attributes + " }\n";
}

const std::string kSolid = "status = implemented, evidence = [\"src/check.ts:4\"]";

}  // namespace

TEST_CASE("a criterion nothing is linked to is not assessed") {
  const Analyzed m = model(rule("r", "high") + mitigation("fix", "api.r, worker.r", kSolid));
  CHECK(m.verdict("CC1.1") == "not_assessed");
  CHECK(m.control("CC1.1").reason == "nothing in the model is linked to this criterion");
  CHECK_FALSE(m.control("CC1.1").manual);
}

TEST_CASE("an open threat of high severity or above linked primarily: not met") {
  CHECK(model(rule("r", "high")).verdict("CC6.1") == "not_met");
  CHECK(model(rule("r", "critical")).control("CC6.1").reason ==
        "2 open threats of high severity or above link to it primarily; blocking: api.r "
        "(critical), worker.r (critical)");
  // One process mitigated, the other still open: one serious open threat is enough.
  const Analyzed m = model(rule("r", "high") + mitigation("fix", "api.r", kSolid));
  CHECK(m.status("api.r") == "mitigated");
  CHECK(m.status("worker.r") == "open");
  CHECK(m.verdict("CC6.1") == "not_met");
  CHECK(m.control("CC6.1").reason ==
        "1 open threat of high severity or above links to it primarily; blocking: worker.r "
        "(high)");
}

TEST_CASE("open threats below high linked primarily: partially met, never not met") {
  // Formerly one open medium threat failed the criterion.
  const Analyzed medium = model(rule("r", "medium"));
  CHECK(medium.verdict("CC6.1") == "partially_met");
  CHECK(medium.control("CC6.1").reason ==
        "2 open threats below high severity link to it primarily; blocking: api.r (medium), "
        "worker.r (medium)");
  const Analyzed low = model(rule("r", "low") + mitigation("fix", "api", kSolid));
  CHECK(low.verdict("CC6.1") == "partially_met");
  CHECK(low.control("CC6.1").reason ==
        "1 open threat below high severity links to it primarily; blocking: worker.r (low)");
  const Analyzed info = model(rule("r", "info"));
  CHECK(info.verdict("CC6.1") == "partially_met");
  CHECK(info.control("CC6.1").basis == ControlBasis::None);
}

TEST_CASE("every threat closed by mitigations with evidence: met (evidenced)") {
  const Analyzed m = model(rule("r", "critical") + mitigation("fix", "api, worker", kSolid));
  CHECK(m.verdict("CC6.1") == "met");
  CHECK(m.control("CC6.1").basis == ControlBasis::Evidenced);
  CHECK(m.control("CC6.1").reason ==
        "every linked threat is mitigated or accepted, with evidence (fix)");
  CHECK(m.control("CC6.1").threats.size() == 2);
  CHECK(m.control("CC6.1").blocking.empty());
  const Analyzed two =
      model(rule("r", "high") + mitigation("fix", "api", kSolid) +
            mitigation("fix2", "worker", "status = verified, evidence = [\"docs/x.md\"]"));
  CHECK(two.verdict("CC6.1") == "met");
  CHECK(two.control("CC6.1").reason ==
        "every linked threat is mitigated or accepted, with evidence (fix, fix2)");
}

TEST_CASE("accepted threats close a criterion, but met still needs a mitigation in place") {
  const std::string accepts =
      "accept api.r { reason = \"r\", owner = \"o\" }\naccept worker { reason = \"r\", owner = "
      "\"o\" }\n";
  const Analyzed accepted = model(rule("r", "high") + accepts);
  CHECK(accepted.status("api.r") == "accepted");
  CHECK(accepted.verdict("CC6.1") == "partially_met");
  CHECK(accepted.control("CC6.1").reason ==
        "its linked threats are accepted risks; no implemented mitigation is in place");
  // A solid mitigation for the criterion's other threats makes it met.
  const Analyzed with_fix = model(rule("r", "high") + rule("other", "low") + accepts +
                                  mitigation("fix", "api.other, worker.other", kSolid));
  CHECK(with_fix.verdict("CC6.1") == "met");
  CHECK(with_fix.control("CC6.1").basis == ControlBasis::Evidenced);
}

TEST_CASE("a mitigation implemented without evidence meets its criterion on a claim") {
  // Formerly a warning: now met, but said to rest on the model's word (issue 11, item 12).
  const Analyzed m =
      model(rule("r", "high") + mitigation("fix", "api, worker", "status = implemented"));
  CHECK(m.status("api.r") == "mitigated");
  CHECK(m.verdict("CC6.1") == "met");
  CHECK(m.control("CC6.1").basis == ControlBasis::Claimed);
  CHECK(m.control("CC6.1").reason ==
        "every linked threat is mitigated or accepted, but some only on the model's word; "
        "mitigations without evidence: fix");
}

TEST_CASE("evidence that does not exist is not evidence: the criterion is at most partially met") {
  const auto c = moat_test::compile_ok(
      "model.moat",
      "model \"Controls\" { version = \"1\" }\nuse soc2\nprocess api \"API\"\n" +
          rule("r", "high") +
          mitigation("fix", "api.r", "status = implemented, evidence = [\"src/gone.ts:9\"]") +
          mitigation("other", "api.r", "status = implemented, evidence = [\"a.ts\", \"b.ts\"]"));
  const ModelGraph& g = c->graph;
  // As check_locations would find it: fix's only location and one of other's are missing.
  LocationCheck check;
  check.stale.assign(g.strings.size(), false);
  check.stale[g.mitigations[MitigationId(0)].evidence_strings[0]] = true;
  check.stale[g.mitigations[MitigationId(1)].evidence_strings[0]] = true;
  DiagnosticSink diags;
  Analysis a = analyze(g, {moat_test::day(moat_test::kToday), nullptr, &check}, diags);
  REQUIRE(a.controls.size() > 0);
  const auto cc61 = [&] {
    return *std::find_if(a.controls.begin(), a.controls.end(), [&](const ControlResult& r) {
      return g.criteria[r.criterion].id == "CC6.1";
    });
  };
  // `other` still has one location that exists: it evidences the criterion.
  CHECK(cc61().status == ControlStatus::Met);
  CHECK(cc61().basis == ControlBasis::Evidenced);
  CHECK(a.missing_evidence[MitigationId(0)] == std::vector<std::uint32_t>{0});
  CHECK(cc61().reason ==
        "every linked threat is mitigated or accepted, with evidence (other); evidence that does "
        "not exist: src/gone.ts:9 (mitigation fix)");
  check.stale[g.mitigations[MitigationId(1)].evidence_strings[1]] = true;
  DiagnosticSink again;
  a = analyze(g, {moat_test::day(moat_test::kToday), nullptr, &check}, again);
  CHECK(cc61().status == ControlStatus::PartiallyMet);
  // The claim still closes the threat.
  CHECK(a.threats[ThreatId(0)].status == ThreatStatus::Mitigated);
  CHECK(cc61().reason.ends_with(
      "; evidence that does not exist: src/gone.ts:9 (mitigation fix); a.ts, b.ts (mitigation "
      "other)"));
}

TEST_CASE("planned and in-progress mitigations leave their threats open") {
  for (const char* status : {"planned", "in_progress"}) {
    CAPTURE(status);
    const std::string attributes =
        std::string("status = ") + status + ", evidence = [\"src/a.ts\"], due = 2030-01-01";
    const Analyzed m = model(rule("r", "medium") + mitigation("fix", "api, worker", attributes));
    CHECK(m.status("api.r") == "open");
    CHECK(m.verdict("CC6.1") == "partially_met");
    CHECK(
        model(rule("r", "high") + mitigation("fix", "api, worker", attributes)).verdict("CC6.1") ==
        "not_met");
    const Analyzed low = model(rule("r", "low") + mitigation("fix", "api, worker", attributes));
    CHECK(low.verdict("CC6.1") == "partially_met");
    CHECK(low.control("CC6.1").reason ==
          "2 open threats below high severity link to it primarily; blocking: api.r (low), "
          "worker.r (low)");
  }
}

TEST_CASE("a mitigation on an assumption that is not verified is not solid") {
  const std::string fix = mitigation("fix", "api, worker", kSolid + ", assumes = [lb]");
  for (const char* status : {"unverified", "invalid"}) {
    CAPTURE(status);
    const Analyzed m =
        model(rule("r", "high") + fix + "assumption lb \"LB\" { status = " + status + " }\n");
    CHECK(m.status("api.r") == "mitigated");
    CHECK(m.verdict("CC6.1") == "partially_met");
    CHECK(m.control("CC6.1").reason ==
          "no open threat blocks it, but some of its mitigations cannot be relied on; resting on "
          "assumptions not verified: fix");
  }
  CHECK(model(rule("r", "high") + fix + "assumption lb \"LB\" { status = verified }\n")
            .verdict("CC6.1") == "met");
  // Not named in `assumes`, but it affects an element whose threat the mitigation covers.
  const std::string plain = mitigation("fix", "api, worker", kSolid);
  CHECK(model(rule("r", "high") + plain + "assumption lb \"LB\" { affects = [worker] }\n")
            .verdict("CC6.1") == "partially_met");
  CHECK(model(rule("r", "high") + plain +
              "assumption lb \"LB\" { affects = [worker], status = verified }\n")
            .verdict("CC6.1") == "met");
}

TEST_CASE("a criterion named only by mitigations is judged on them") {
  const Analyzed solid = model(rule("r", "low") +
                               "mitigation fix \"Fix\" { mitigates = [api.r], controls = [CC7.2], "
                               "status = implemented, evidence = [\"src/log.ts\"] }\n");
  CHECK(solid.control("CC7.2").threats.empty());
  CHECK(solid.verdict("CC7.2") == "met");
  CHECK(solid.control("CC7.2").basis == ControlBasis::Evidenced);
  // Formerly a warning: a control that is only planned is not met.
  const Analyzed planned = model(
      rule("r", "low") + "mitigation fix \"Fix\" { mitigates = [api.r], controls = [CC7.2] }\n");
  CHECK(planned.verdict("CC7.2") == "not_met");
  CHECK(planned.control("CC7.2").reason ==
        "no mitigation naming it is implemented yet (planned or in progress: fix)");
}

TEST_CASE("an attestation sets the status, whatever the model shows") {
  const Analyzed m = model(rule("r", "high") + mitigation("fix", "api, worker", kSolid) +
                           "attest CC6.1 { status = not_met, owner = \"ciso\", note = \"audit "
                           "finding\" }\nattest CC1.1 { status = met, owner = \"ciso\" }\n");
  CHECK(m.verdict("CC6.1") == "not_met");
  CHECK(m.control("CC6.1").manual);
  CHECK(m.control("CC6.1").reason == "attested by ciso: audit finding");
  CHECK(m.verdict("CC1.1") == "met");
  CHECK(m.control("CC1.1").basis == ControlBasis::Attested);
  CHECK(m.control("CC1.1").reason == "attested by ciso");
}

TEST_CASE("an attestation may use the former names passing, warning and failing") {
  const Analyzed m = model(
      "attest CC1.1 { status = passing, owner = \"o\" }\nattest CC1.2 { status = warning, "
      "owner = \"o\" }\nattest CC1.3 { status = failing, owner = \"o\" }\n"
      "attest CC1.4 { status = partially_met, owner = \"o\" }\n");
  CHECK(m.verdict("CC1.1") == "met");
  CHECK(m.verdict("CC1.2") == "partially_met");
  CHECK(m.verdict("CC1.3") == "not_met");
  CHECK(m.verdict("CC1.4") == "partially_met");
}

TEST_CASE("only criteria of categories in scope are judged and summarised") {
  const Analyzed m =
      model(rule("r", "high") +
            "rule conf \"Conf\" { applies = process, category = information_disclosure, severity = "
            "high, controls = [C1.1], when = true, fixed_severity = true }\n"
            "attest C1.2 { status = met, owner = \"o\" }\n");
  CHECK(m.find_threat("api.conf") != nullptr);
  for (const ControlResult& c : m.analysis.controls) {
    const std::uint8_t category = m.graph().criteria[c.criterion].category;
    CHECK(category <= 1);  // security and availability
  }
  REQUIRE(m.analysis.categories.size() == 2);
  const CategorySummary& security = m.analysis.categories[0];
  CHECK(security.category == 0);
  CHECK(security.not_met == 1);
  CHECK(security.met == 0);
  CHECK(security.assessed() == 1);
  CHECK(security.not_assessed + security.assessed() ==
        static_cast<std::uint32_t>(
            std::count_if(m.graph().criteria.begin(), m.graph().criteria.end(),
                          [](const CriterionRec& c) { return c.category == 0; })));
  CHECK(m.analysis.categories[1].category == 1);
  CHECK(m.analysis.categories[1].assessed() == 0);
}
