// Dates the analysis judges against its day (analyzer/assurance.hpp, docs/soc2.md "Threat
// status"): an acceptance holds up to and including its `expires` day and then reopens its
// threats with a warning; a mitigation past its `due` day that is not implemented is overdue.
#include "tests/unit/fixture.hpp"

using namespace moat;
using moat_test::Analyzed;
using moat_test::day;

namespace {

const std::string kModel =
    "model \"Dates\" { version = \"1\", soc2_scope = [security] }\nuse soc2\n"
    "process api \"API\"\nprocess worker \"Worker\"\n"
    "rule r \"R\" { applies = process, category = tampering, severity = medium, controls = "
    "[CC6.1], when = true, fixed_severity = true }\n";

/// kModel and `body`, analyzed as of `today` (YYYY-MM-DD).
Analyzed on(const char* today, const std::string& body) {
  return Analyzed(moat::compile_text("dates.moat", kModel + body), day(today));
}

const std::string kAccept =
    "accept api.r { reason = \"r\", owner = \"o\", expires = 2026-11-23 }\n";

}  // namespace

TEST_CASE("an acceptance holds before and on its expiry day") {
  for (const char* today : {"2026-01-01", "2026-11-22", "2026-11-23"}) {
    CAPTURE(today);
    const Analyzed m = on(today, kAccept);
    CHECK(m.status("api.r") == "accepted");
    CHECK_FALSE(m.threat("api.r").acceptance_expired);
    CHECK(m.diagnostics(DiagKind::AcceptanceExpired).empty());
    CHECK(m.diagnostics(DiagKind::UnmatchedAcceptance).empty());
  }
}

TEST_CASE("the day after its expiry, the threat is open again and a warning names the date") {
  const Analyzed m = on("2026-11-24", kAccept);
  const Threat& t = m.threat("api.r");
  CHECK(m.status("api.r") == "open");
  CHECK(t.acceptance_expired);
  CHECK(t.acceptance == AcceptId(0));  // still shown: the reports say which acceptance lapsed
  const auto warnings = m.diagnostics(DiagKind::AcceptanceExpired);
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].severity == Severity::Warning);
  CHECK(warnings[0].message ==
        "the acceptance of 'api.r' expired on 2026-11-23; its threats are open again");
  CHECK(m.verdict("CC6.1") == "partially_met");  // an open medium threat again
}

TEST_CASE("an acceptance without `expires` never expires") {
  const Analyzed m = on("2999-12-31", "accept api { reason = \"r\", owner = \"o\" }\n");
  CHECK(m.status("api.r") == "accepted");
  CHECK(m.diagnostics(DiagKind::AcceptanceExpired).empty());
}

TEST_CASE("an expired acceptance does not hide a current one of the same threat") {
  for (const bool expired_first : {true, false}) {
    CAPTURE(expired_first);
    const std::string old =
        "accept api { reason = \"old\", owner = \"o\", expires = 2020-01-01 }\n";
    const std::string current =
        "accept api.r { reason = \"new\", owner = \"o\", expires = 2030-01-01 }\n";
    const Analyzed m = on("2026-11-23", expired_first ? old + current : current + old);
    CHECK(m.status("api.r") == "accepted");
    const Threat& t = m.threat("api.r");
    CHECK_FALSE(t.acceptance_expired);
    CHECK(m.graph().accepts[t.acceptance].reason == "new");
    CHECK(m.diagnostics(DiagKind::AcceptanceExpired).size() == 1);
  }
}

TEST_CASE("an expired acceptance warns that it expired, even when it covers nothing") {
  const Analyzed m =
      on("2026-11-23",
         "accept api.spoofing { reason = \"r\", owner = \"o\", expires = 2025-01-01 }\n");
  CHECK(m.messages(DiagKind::AcceptanceExpired) ==
        std::vector<std::string>{
            "the acceptance of 'api.spoofing' expired on 2025-01-01; its threats are open again"});
  CHECK(m.diagnostics(DiagKind::UnmatchedAcceptance).empty());
}

TEST_CASE("the analysis date defaults to today (UTC)") {
  const Analyzed m(moat::compile_text("dates.moat", kModel + kAccept), 0);
  CHECK(m.analysis.today == today_utc());
  CHECK(on("2026-11-23", "").analysis.today == day("2026-11-23"));
}

TEST_CASE("a mitigation past its due day and not implemented is overdue") {
  const std::string fix = "mitigation fix \"Fix\" { mitigates = [api], due = 2026-11-23, status = ";
  CHECK(on("2026-11-23", fix + "planned }\n").diagnostics(DiagKind::OverdueItem).empty());
  for (const char* status : {"planned", "in_progress"}) {
    CAPTURE(status);
    const Analyzed m = on("2026-11-24", fix + status + " }\n");
    const auto overdue = m.diagnostics(DiagKind::OverdueItem);
    REQUIRE(overdue.size() == 1);
    CHECK(overdue[0].severity == Severity::Warning);
    CHECK(overdue[0].message ==
          "mitigation 'fix' was due on 2026-11-23 and is not implemented yet");
    CHECK(m.status("api.r") == "open");
  }
  for (const char* status : {"implemented", "verified"}) {
    CAPTURE(status);
    CHECK(on("2027-06-01", fix + status + " }\n").diagnostics(DiagKind::OverdueItem).empty());
  }
  // Without `due`, nothing is ever overdue.
  CHECK(on("2999-01-01", "mitigation fix \"Fix\" { mitigates = [api] }\n")
            .diagnostics(DiagKind::OverdueItem)
            .empty());
}
