// Dismissals (`dismiss TARGET { reason, by, as }`, docs/language.md): a dismissed threat has its
// own status, is not open and is not accepted, does not block its SOC 2 criterion, and explain
// says who dismissed it and why; a dismissal that covers nothing, or several rules, is a warning.
#include "analyzer/explain.hpp"
#include "tests/unit/fixture.hpp"

using namespace moat;
using moat_test::analyze_text;
using moat_test::Analyzed;

namespace {

const char* const kModel = R"moat(model "Dismissals" { version = "1" }
use soc2
rule t1 "T1" { applies = process, category = tampering, severity = high, controls = [CC6.1], when = true, fixed_severity = true }
rule t2 "T2" { applies = process, category = tampering, severity = low, when = true, fixed_severity = true }
rule s1 "S1" { applies = process, category = spoofing, severity = medium, when = true, fixed_severity = true }
process api "API"
process worker "Worker"
)moat";

Analyzed with(const std::string& decisions) {
  return analyze_text(kModel + decisions);
}

const std::string kDismissT1 =
    "dismiss api.t1 { reason = \"No writes reach it\", by = \"sec\", as = not_applicable }\n";

}  // namespace

TEST_CASE("a dismissed threat has the status dismissed, records its dismissal and is not open") {
  const Analyzed m = with(kDismissT1);
  CHECK(m.status("api.t1") == "dismissed");
  CHECK(m.threat("api.t1").dismissal == DismissId(0));
  CHECK(m.threat("api.t1").covered_by.size() == 1);
  CHECK(m.threat("api.t1").covered_by[0].dismissal);
  CHECK(m.status("worker.t1") == "open");
  CHECK(m.status("api.t2") == "open");
  CHECK(m.messages(DiagKind::UnmatchedDismissal).empty());
}

TEST_CASE("a dismissal outranks an acceptance and a mitigation of the same threat") {
  const Analyzed m =
      with(kDismissT1 +
           "accept api.t1 { reason = \"r\", owner = \"o\" }\n"
           "mitigation fix \"Fix\" { mitigates = [api.t1], status = implemented }\n");
  CHECK(m.status("api.t1") == "dismissed");
  CHECK(m.threat("api.t1").covered_by.size() == 3);
}

TEST_CASE("a criterion blocked only by dismissed threats is not failing") {
  const Analyzed before = with("");
  CHECK(before.verdict("CC6.1") == "not_met");
  const Analyzed after =
      with(kDismissT1 +
           "dismiss worker.t1 { reason = \"Batch only\", by = \"sec\", as = false_positive }\n");
  CHECK(after.verdict("CC6.1") == "not_assessed");
  CHECK(after.control("CC6.1").reason.find("dismissed") != std::string::npos);
}

TEST_CASE("a dismissal that covers no threat is a warning, and so is one of several rules") {
  const Analyzed m = with(
      "dismiss api.repudiation { reason = \"r\", by = \"b\", as = not_applicable }\n"
      "dismiss worker.tampering { reason = \"r\", by = \"b\", as = not_applicable }\n");
  CHECK(m.messages(DiagKind::UnmatchedDismissal) ==
        std::vector<std::string>{"the dismissal of 'api.repudiation' covers no threat: no rule "
                                 "raises a threat of category 'repudiation' on 'api'"});
  CHECK(m.messages(DiagKind::BroadTarget) ==
        std::vector<std::string>{"the dismissal of 'worker.tampering' covers the threats of 2 "
                                 "rules: worker.t1, worker.t2"});
  CHECK(m.status("worker.t2") == "dismissed");
}

TEST_CASE("explain says who dismissed the threat, as what and why") {
  const Analyzed m = with(kDismissT1);
  const ModelGraph& g = m.graph();
  const std::string text = explain(m.c->program.sources, g, m.analysis, RuleId(0), g.find("api"));
  CHECK(text.find("status: dismissed") != std::string::npos);
  CHECK(text.find("dismissed by sec as not_applicable because No writes reach it") !=
        std::string::npos);
}

TEST_CASE("a dismissal must give a reason") {
  auto c = compile_text("m.moat", std::string(kModel) +
                                      "dismiss api.t1 { reason = \" \", by = \"sec\", "
                                      "as = false_positive }\n");
  CHECK(moat_test::kinds(c->diags) == std::vector<std::string>{"EmptyReason"});
}
