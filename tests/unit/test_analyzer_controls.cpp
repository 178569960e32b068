// SOC 2 control judgement (analyzer/controls.hpp, docs/soc2.md "Control status"): when a
// criterion is passing, warning, failing or not assessed, the reason given for it, attestations,
// scope, and the per-category summary.
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

TEST_CASE("an open threat of medium severity or above fails its criterion") {
  CHECK(model(rule("r", "medium")).verdict("CC6.1") == "failing");
  CHECK(model(rule("r", "critical")).control("CC6.1").reason ==
        "2 open threats of medium severity or higher");
  // One process mitigated, the other still open: one serious open threat is enough.
  const Analyzed m = model(rule("r", "high") + mitigation("fix", "api.r", kSolid));
  CHECK(m.status("api.r") == "mitigated");
  CHECK(m.status("worker.r") == "open");
  CHECK(m.verdict("CC6.1") == "failing");
  CHECK(m.control("CC6.1").reason == "1 open threat of medium severity or higher");
}

TEST_CASE("open threats of low or info severity only make a warning, not a failure") {
  const Analyzed low = model(rule("r", "low") + mitigation("fix", "api", kSolid));
  CHECK(low.verdict("CC6.1") == "warning");
  CHECK(low.control("CC6.1").reason == "1 open low-severity threat");
  const Analyzed info = model(rule("r", "info"));
  CHECK(info.verdict("CC6.1") == "warning");
  CHECK(info.control("CC6.1").reason == "2 open low-severity threats");
}

TEST_CASE("every threat closed and one solid mitigation naming the criterion: passing") {
  const Analyzed m = model(rule("r", "critical") + mitigation("fix", "api, worker", kSolid));
  CHECK(m.verdict("CC6.1") == "passing");
  CHECK(m.control("CC6.1").reason ==
        "every linked threat is mitigated or accepted, and 1 implemented mitigation with "
        "evidence names it");
  CHECK(m.control("CC6.1").threats.size() == 2);
  const Analyzed two =
      model(rule("r", "high") + mitigation("fix", "api", kSolid) +
            mitigation("fix2", "worker", "status = verified, evidence = [\"docs/x.md\"]"));
  CHECK(two.verdict("CC6.1") == "passing");
  CHECK(two.control("CC6.1").reason ==
        "every linked threat is mitigated or accepted, and 2 implemented mitigations with "
        "evidence name it");
}

TEST_CASE("accepted threats close a criterion, but passing still needs a solid mitigation") {
  const std::string accepts =
      "accept api.r { reason = \"r\", owner = \"o\" }\naccept worker { reason = \"r\", owner = "
      "\"o\" }\n";
  const Analyzed accepted = model(rule("r", "high") + accepts);
  CHECK(accepted.status("api.r") == "accepted");
  CHECK(accepted.verdict("CC6.1") == "warning");
  CHECK(accepted.control("CC6.1").reason == "no implemented mitigation with evidence names it");
  // A solid mitigation naming the criterion, even for another threat, makes it pass.
  const Analyzed with_fix = model(rule("r", "high") + rule("other", "low") + accepts +
                                  mitigation("fix", "api.other, worker.other", kSolid));
  CHECK(with_fix.verdict("CC6.1") == "passing");
}

TEST_CASE("a mitigation implemented without evidence closes its threat, not its criterion") {
  const Analyzed m =
      model(rule("r", "high") + mitigation("fix", "api, worker", "status = implemented"));
  CHECK(m.status("api.r") == "mitigated");
  CHECK(m.verdict("CC6.1") == "warning");
  CHECK(m.control("CC6.1").reason ==
        "its mitigations are planned or in progress, lack evidence, or rest on unverified "
        "assumptions");
}

TEST_CASE("evidence that does not exist is not evidence: the criterion is at most a warning") {
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
  check.stale[g.mitigations[0].evidence_strings[0]] = true;
  check.stale[g.mitigations[1].evidence_strings[0]] = true;
  DiagnosticSink diags;
  Analysis a = analyze(g, {moat_test::day(moat_test::kToday), nullptr, &check}, diags);
  REQUIRE(a.controls.size() > 0);
  const auto cc61 = [&] {
    return *std::find_if(a.controls.begin(), a.controls.end(), [&](const ControlResult& r) {
      return g.criteria[r.criterion].id == "CC6.1";
    });
  };
  // `other` still has one location that exists: it evidences the criterion.
  CHECK(cc61().status == ControlStatus::Passing);
  CHECK(a.missing_evidence[0] == std::vector<std::uint32_t>{0});
  CHECK(cc61().reason ==
        "every linked threat is mitigated or accepted, and 1 implemented mitigation with evidence "
        "names it; evidence that does not exist: src/gone.ts:9 (mitigation fix)");
  check.stale[g.mitigations[1].evidence_strings[1]] = true;
  DiagnosticSink again;
  a = analyze(g, {moat_test::day(moat_test::kToday), nullptr, &check}, again);
  CHECK(cc61().status == ControlStatus::Warning);
  CHECK(a.threats[0].status == ThreatStatus::Mitigated);  // the claim still closes the threat
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
    CHECK(m.verdict("CC6.1") == "failing");
    const Analyzed low = model(rule("r", "low") + mitigation("fix", "api, worker", attributes));
    CHECK(low.verdict("CC6.1") == "warning");
    CHECK(low.control("CC6.1").reason == "2 open low-severity threats");
  }
}

TEST_CASE("a mitigation on an assumption that is not verified is not solid") {
  const std::string fix = mitigation("fix", "api, worker", kSolid + ", assumes = [lb]");
  for (const char* status : {"unverified", "invalid"}) {
    CAPTURE(status);
    const Analyzed m =
        model(rule("r", "high") + fix + "assumption lb \"LB\" { status = " + status + " }\n");
    CHECK(m.status("api.r") == "mitigated");
    CHECK(m.verdict("CC6.1") == "warning");
  }
  CHECK(model(rule("r", "high") + fix + "assumption lb \"LB\" { status = verified }\n")
            .verdict("CC6.1") == "passing");
  // Not named in `assumes`, but it affects an element whose threat the mitigation covers.
  const std::string plain = mitigation("fix", "api, worker", kSolid);
  CHECK(model(rule("r", "high") + plain + "assumption lb \"LB\" { affects = [worker] }\n")
            .verdict("CC6.1") == "warning");
  CHECK(model(rule("r", "high") + plain +
              "assumption lb \"LB\" { affects = [worker], status = verified }\n")
            .verdict("CC6.1") == "passing");
}

TEST_CASE("a criterion named only by mitigations is judged on them") {
  const Analyzed solid = model(rule("r", "low") +
                               "mitigation fix \"Fix\" { mitigates = [api.r], controls = [CC7.2], "
                               "status = implemented, evidence = [\"src/log.ts\"] }\n");
  CHECK(solid.control("CC7.2").threats.empty());
  CHECK(solid.verdict("CC7.2") == "passing");
  const Analyzed planned = model(
      rule("r", "low") + "mitigation fix \"Fix\" { mitigates = [api.r], controls = [CC7.2] }\n");
  CHECK(planned.verdict("CC7.2") == "warning");
}

TEST_CASE("an attestation sets the status, whatever the model shows") {
  const Analyzed m = model(rule("r", "high") + mitigation("fix", "api, worker", kSolid) +
                           "attest CC6.1 { status = failing, owner = \"ciso\", note = \"audit "
                           "finding\" }\nattest CC1.1 { status = passing, owner = \"ciso\" }\n");
  CHECK(m.verdict("CC6.1") == "failing");
  CHECK(m.control("CC6.1").manual);
  CHECK(m.control("CC6.1").reason == "attested by ciso: audit finding");
  CHECK(m.verdict("CC1.1") == "passing");
  CHECK(m.control("CC1.1").reason == "attested by ciso");
}

TEST_CASE("only criteria of categories in scope are judged and summarised") {
  const Analyzed m =
      model(rule("r", "high") +
            "rule conf \"Conf\" { applies = process, category = information_disclosure, severity = "
            "high, controls = [C1.1], when = true, fixed_severity = true }\n"
            "attest C1.2 { status = passing, owner = \"o\" }\n");
  CHECK(m.find_threat("api.conf") != nullptr);
  for (const ControlResult& c : m.analysis.controls) {
    const std::uint8_t category = m.graph().criteria[c.criterion].category;
    CHECK(category <= 1);  // security and availability
  }
  REQUIRE(m.analysis.categories.size() == 2);
  const CategorySummary& security = m.analysis.categories[0];
  CHECK(security.category == 0);
  CHECK(security.failing == 1);
  CHECK(security.passing == 0);
  CHECK(security.assessed() == 1);
  CHECK(security.not_assessed + security.assessed() ==
        static_cast<std::uint32_t>(
            std::count_if(m.graph().criteria.begin(), m.graph().criteria.end(),
                          [](const CriterionRec& c) { return c.category == 0; })));
  CHECK(m.analysis.categories[1].category == 1);
  CHECK(m.analysis.categories[1].assessed() == 0);
}
