// Which threats a mitigation or acceptance target covers (analyzer/assurance.hpp,
// docs/language.md §11): ELEMENT, ELEMENT.CATEGORY and ELEMENT.RULE, flows by name, derived id
// and `<->` direction, renamed elements, and the warning for a target that covers nothing.
#include "tests/unit/fixture.hpp"

using namespace moat;
using moat_test::analyze_text;
using moat_test::Analyzed;

namespace {

// Three rules on processes (two of them tampering), one on flows, one on data.
const char* const kRules = R"moat(model "Coverage" { version = "1" }
rule t1 "T1" { applies = process, category = tampering, severity = high, when = true }
rule t2 "T2" { applies = process, category = tampering, severity = low, when = true }
rule s1 "S1" { applies = process, category = spoofing, severity = medium, when = true }
rule f1 "F1" { applies = flow, category = information_disclosure, severity = high, when = not encrypted }
rule d1 "D1" { applies = data, category = information_disclosure, severity = low, when = true }
actor user "User"
process api "API" { was = [old_api] }
process worker "Worker"
data token "Token"
flow login: user -> api "Log in" { protocol = http }
flow user -> worker { protocol = http }
flow sync: api <-> worker "Sync" { protocol = tcp }
)moat";

Analyzed with(const std::string& assurance) {
  return analyze_text(kRules + assurance);
}

/// The status of each threat on `element`, as "rule=status", in rule order.
std::vector<std::string> statuses(const Analyzed& m, const std::string& element) {
  std::vector<std::string> out;
  for (const Threat& t : m.analysis.threats) {
    if (m.graph().elements[t.element].id != element) continue;
    out.push_back(m.graph().rules[t.rule].id + "=" + threat_status_name(t.status));
  }
  return out;
}

using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("an element target covers every threat on that element, and only there") {
  const Analyzed m = with("mitigation fix \"Fix\" { mitigates = [api], status = implemented }\n");
  CHECK(statuses(m, "api") == Strings{"t1=mitigated", "t2=mitigated", "s1=mitigated"});
  CHECK(statuses(m, "worker") == Strings{"t1=open", "t2=open", "s1=open"});
  CHECK(statuses(m, "login") == Strings{"f1=open"});
  CHECK(m.threat("api.t1").mitigations.size() == 1);
}

TEST_CASE("a category target covers the element's threats of that STRIDE category") {
  const Analyzed m =
      with("mitigation fix \"Fix\" { mitigates = [api.tampering], status = implemented }\n");
  CHECK(statuses(m, "api") == Strings{"t1=mitigated", "t2=mitigated", "s1=open"});
  CHECK(statuses(m, "worker") == Strings{"t1=open", "t2=open", "s1=open"});
}

TEST_CASE("an ELEMENT.RULE target covers exactly that threat") {
  const Analyzed m = with("mitigation fix \"Fix\" { mitigates = [api.t2], status = verified }\n");
  CHECK(statuses(m, "api") == Strings{"t1=open", "t2=mitigated", "s1=open"});
}

TEST_CASE("flows are targets by name or derived id, and `<->` is one thing to mitigate") {
  const Analyzed m = with(
      "mitigation tls \"TLS\" { mitigates = [login, user_to_worker.f1, "
      "sync.information_disclosure], status = implemented }\n");
  CHECK(statuses(m, "login") == Strings{"f1=mitigated"});
  CHECK(statuses(m, "user_to_worker") == Strings{"f1=mitigated"});
  // A target naming the two-way flow covers both directions, each with its own threat id.
  CHECK(statuses(m, "sync") == Strings{"f1=mitigated"});
  CHECK(statuses(m, "sync-reverse") == Strings{"f1=mitigated"});
  CHECK(m.diagnostics(DiagKind::BroadTarget).empty());
}

TEST_CASE("a target naming the reverse direction of a two-way flow covers that direction only") {
  const Analyzed m =
      with("mitigation tls \"TLS\" { mitigates = [sync-reverse.f1], status = implemented }\n");
  CHECK(statuses(m, "sync") == Strings{"f1=open"});
  CHECK(statuses(m, "sync-reverse") == Strings{"f1=mitigated"});
}

TEST_CASE("a data element and a renamed element's earlier id are targets too") {
  const Analyzed m =
      with("mitigation fix \"Fix\" { mitigates = [token, old_api.s1], status = implemented }\n");
  CHECK(statuses(m, "token") == Strings{"d1=mitigated"});
  CHECK(statuses(m, "api") == Strings{"t1=open", "t2=open", "s1=mitigated"});
  CHECK(m.diagnostics(DiagKind::UnmatchedMitigation).empty());
}

TEST_CASE("only an implemented or verified mitigation mitigates; every covering one is listed") {
  const Analyzed m = with(
      "mitigation later \"Later\" { mitigates = [api.t1, worker], status = in_progress }\n"
      "mitigation now \"Now\" { mitigates = [api, api.tampering, api.t1], status = implemented "
      "}\n");
  CHECK(statuses(m, "api") == Strings{"t1=mitigated", "t2=mitigated", "s1=mitigated"});
  CHECK(statuses(m, "worker") == Strings{"t1=open", "t2=open", "s1=open"});
  // Three targets of `now` cover api.t1: it is listed once, after `later`.
  const Threat& t = m.threat("api.t1");
  REQUIRE(t.mitigations.size() == 2);
  CHECK(m.graph().mitigations[t.mitigations[0]].id == "later");
  CHECK(m.graph().mitigations[t.mitigations[1]].id == "now");
  CHECK(m.threat("worker.t2").mitigations.size() == 1);
}

TEST_CASE("an acceptance covers like a mitigation; mitigated wins over accepted") {
  const Analyzed m = with(
      "accept api.tampering { reason = \"r\", owner = \"o\" }\n"
      "accept worker { reason = \"r\", owner = \"o\" }\n"
      "mitigation fix \"Fix\" { mitigates = [api.t1], status = implemented }\n");
  CHECK(statuses(m, "api") == Strings{"t1=mitigated", "t2=accepted", "s1=open"});
  CHECK(statuses(m, "worker") == Strings{"t1=accepted", "t2=accepted", "s1=accepted"});
  CHECK_FALSE(m.threat("api.t1").acceptance.is_none());  // still recorded
}

TEST_CASE("a target covering the threats of several rules is a BroadTarget warning") {
  const Analyzed m = with(
      "mitigation fix \"Fix\" { mitigates = [old_api.tampering, worker, api.s1, login], "
      "status = implemented }\n"
      "accept worker.tampering { reason = \"r\", owner = \"o\" }\n");
  // Rule targets, and element targets with one rule (login: f1), are exact.
  CHECK(m.messages(DiagKind::BroadTarget) ==
        Strings{"'old_api.tampering' in mitigation 'fix' covers the threats of 2 rules: api.t1, "
                "api.t2",
                "'worker' in mitigation 'fix' covers the threats of 3 rules: worker.t1, worker.t2, "
                "worker.s1",
                "the acceptance of 'worker.tampering' covers the threats of 2 rules: worker.t1, "
                "worker.t2"});
  const std::vector<Diagnostic> broad = m.diagnostics(DiagKind::BroadTarget);
  CHECK(broad[0].severity == Severity::Warning);
  REQUIRE(broad[0].notes.size() == 1);
  CHECK(broad[0].notes[0].message ==
        "to claim exactly what 'fix' mitigates, replace 'old_api.tampering' with the threats it "
        "addresses (ELEMENT.RULE): api.t1, api.t2");
  CHECK(broad[2].notes[0].message ==
        "to accept exactly what you mean, accept each threat on its own (accept ELEMENT.RULE): "
        "worker.t1, worker.t2");
}

TEST_CASE("each threat records every target that covers it, as written") {
  const Analyzed m = with(
      "mitigation fix \"Fix\" { mitigates = [old_api.tampering, api.t1], status = planned }\n"
      "accept api { reason = \"r\", owner = \"o\" }\n");
  const Threat& t = m.threat("api.t1");
  REQUIRE(t.covered_by.size() == 3);
  CHECK(cover_target(m.graph(), t.covered_by[0]).text == "old_api.tampering");
  CHECK(cover_target(m.graph(), t.covered_by[1]).text == "api.t1");
  CHECK_FALSE(t.covered_by[1].acceptance);
  CHECK(t.covered_by[2].acceptance);
  CHECK(cover_target(m.graph(), t.covered_by[2]).text == "api");
  CHECK(m.threat("api.s1").covered_by.size() == 1);
  CHECK(m.threat("worker.t1").covered_by.empty());
}

TEST_CASE("a target that covers no threat is a warning that says why") {
  const Analyzed m = with(
      "mitigation fix \"Fix\" { mitigates = [api.t1, user, api.denial_of_service, "
      "login.t1, token.spoofing] }\n"
      "accept user { reason = \"r\", owner = \"o\" }\n"
      "accept login.repudiation { reason = \"r\", owner = \"o\" }\n"
      "accept worker.s1 { reason = \"r\", owner = \"o\" }\n");
  CHECK(m.messages(DiagKind::UnmatchedMitigation) ==
        Strings{"'user' in mitigation 'fix' covers no threat: no rule raises a threat on 'user'",
                "'api.denial_of_service' in mitigation 'fix' covers no threat: no rule raises a "
                "threat of category 'denial_of_service' on 'api'",
                "'login.t1' in mitigation 'fix' covers no threat: rule 't1' does not apply to "
                "'login', and no finding 'login.t1': no threat of weakness 't1' is anchored to "
                "'login'",
                "'token.spoofing' in mitigation 'fix' covers no threat: no rule raises a threat of "
                "category 'spoofing' on 'token'"});
  CHECK(m.messages(DiagKind::UnmatchedAcceptance) ==
        Strings{"the acceptance of 'user' covers no threat: no rule raises a threat on 'user'",
                "the acceptance of 'login.repudiation' covers no threat: no rule raises a threat "
                "of category 'repudiation' on 'login'"});
  const std::vector<Diagnostic> first = m.diagnostics(DiagKind::UnmatchedMitigation);
  CHECK(first[0].severity == Severity::Warning);
  const std::string text = render_text(m.c->program.sources, {first[0]});
  CHECK(text ==
        "model.moat:14:45: warning: 'user' in mitigation 'fix' covers no threat: no rule raises a "
        "threat on 'user' [UnmatchedMitigation]\n"
        " 14 | mitigation fix \"Fix\" { mitigates = [api.t1, user, api.denial_of_service, "
        "login.t1, token.spoofing] }\n"
        "    |                                             ^~~~\n");
}

TEST_CASE("the same warning when no rule fires anywhere") {
  const Analyzed m = analyze_text(
      "model \"Quiet\" { version = \"1\" }\nprocess api \"API\"\n"
      "mitigation fix \"Fix\" { mitigates = [api] }\n");
  CHECK(m.analysis.threats.empty());
  CHECK(m.messages(DiagKind::UnmatchedMitigation) ==
        Strings{"'api' in mitigation 'fix' covers no threat: no rule raises a threat on 'api'"});
}
