// Findings grouped by root cause and severity by risk (issue 11, items 9 and 10).
#include <doctest/doctest.h>

#include "analyzer/findings.hpp"
#include "analyzer/risk.hpp"
#include "fixture.hpp"

using moat_test::Analyzed;
using moat_test::compile_ok;

namespace {

/// A backend reached by two callers over plain text, plus the rules under test.
const char* const kModel = R"(model "F" { version = "1" }
data secret_key "Key" { classification = secret }
data page "Page" { classification = public }
data email "E-mail" { classification = internal, pii = true }
boundary net "Net" { trust = untrusted
  actor visitor "Visitor"
}
boundary partner_zone "Partner" { trust = partner
  external bank "Bank"
}
boundary dc "DC" { trust = internal
  process api "API"
  process jobs "Jobs"
  store db "DB"
}
flow visitor -> api "In" { protocol = http, carries = [secret_key] }
flow api -> db "A" { protocol = sql, carries = [page] }
flow jobs -> db "B" { protocol = sql, carries = [email] }
flow bank -> jobs "Files" { protocol = ssh, authn = mtls, carries = [page] }
rule read_plain "R" { applies = flow, category = information_disclosure, severity = high,
  when = not encrypted and target.type == store, weakness = plain }
rule write_plain "W" { applies = flow, category = tampering, severity = low,
  when = not encrypted and target.type == store, weakness = plain }
rule at_source "S" { applies = flow, category = tampering, severity = medium,
  when = target.type == store, root_cause_at = source }
rule anywhere "A" { applies = process, category = spoofing, severity = medium, when = true }
)";

const moat::Finding& finding(const Analyzed& a, std::string_view id) {
  for (const moat::Finding& f : a.analysis.findings) {
    if (f.id == id) return f;
  }
  FAIL("no finding " << id);
  return a.analysis.findings.front();
}

}  // namespace

TEST_CASE("findings: one weakness into one element is one finding, across rules and flows") {
  const Analyzed a(compile_ok("f.moat", kModel));
  const moat::Finding& f = finding(a, "db.plain");
  CHECK(f.members.size() == 4);
  CHECK(f.severity == a.analysis.threats[f.lead].severity);
  for (const moat::ThreatId m : f.members) CHECK(a.analysis.threats[m].severity <= f.severity);
  // root_cause_at = source: each writer is its own finding.
  CHECK(finding(a, "api.at_source").members.size() == 1);
  CHECK(finding(a, "jobs.at_source").members.size() == 1);
  // Every threat belongs to exactly the finding that lists it.
  std::size_t members = 0;
  for (const moat::Finding& g : a.analysis.findings) {
    members += g.members.size();
    for (const moat::ThreatId m : g.members)
      CHECK(&a.analysis.findings[a.analysis.threats[m].finding] == &g);
  }
  CHECK(members == a.analysis.threats.size());
}

TEST_CASE("findings: grouping is deterministic and does not change threat ids") {
  const Analyzed a(compile_ok("f.moat", kModel));
  const Analyzed b(compile_ok("f.moat", kModel));
  REQUIRE(a.analysis.findings.size() == b.analysis.findings.size());
  for (std::size_t i = 0; i < a.analysis.findings.size(); ++i)
    CHECK(a.analysis.findings[i].id == b.analysis.findings[i].id);
  CHECK(a.find_threat("api_to_db__a.read_plain") != nullptr);
}

TEST_CASE("risk: the matrix, the rule's bounds and the override") {
  const Analyzed a(compile_ok("f.moat", kModel));
  const moat::ModelGraph& g = a.graph();
  auto rule = [&](std::string_view id) {
    for (const moat::RuleId r : g.rules.ids())
      if (g.rules[r].id == id) return r;
    FAIL("no rule " << id);
    return moat::RuleId();
  };
  // A secret from the unauthenticated internet: severe x very likely = critical.
  const moat::RiskAssessment api = moat::assess_risk(g, rule("anywhere"), g.find("api"));
  CHECK(api.impact == moat::Impact::Severe);
  CHECK(api.likelihood == moat::Likelihood::VeryLikely);
  CHECK(api.cell == 4);
  CHECK(api.severity == 3);  // a medium rule rises one step at most
  // Personal data inside the zone: high impact, unlikely.
  const moat::RiskAssessment db = moat::assess_risk(g, rule("read_plain"), g.find("jobs_to_db__b"));
  CHECK(db.impact == moat::Impact::High);
  CHECK(db.likelihood == moat::Likelihood::Unlikely);
  CHECK(db.severity == 1);
  // A partner calling with mutual TLS: possible.
  const moat::RiskAssessment jobs = moat::assess_risk(g, rule("anywhere"), g.find("jobs"));
  CHECK(jobs.likelihood == moat::Likelihood::Possible);
  // The matrix: critical only for severe impact and very likely exposure.
  for (int i = 0; i < 4; ++i)
    for (int l = 0; l < 4; ++l) CHECK((moat::kRiskMatrix[i][l] == 4) == (i == 3 && l == 3));
}

TEST_CASE("risk: fixed_severity and data elements keep the rule's severity") {
  const Analyzed a(compile_ok("f.moat", R"(model "F" { version = "1" }
data card "Card" { classification = secret }
boundary net "Net" { trust = untrusted
  actor visitor "Visitor"
}
boundary dc "DC" { trust = internal
  process api "API"
}
flow visitor -> api "In" { protocol = http, carries = [card] }
rule fixed "F" { applies = process, category = spoofing, severity = low, when = true, fixed_severity = true }
rule on_data "D" { applies = data, category = information_disclosure, severity = medium, when = true }
)"));
  CHECK(a.threat("api.fixed").severity == 1);
  CHECK(a.threat("card.on_data").severity == 2);
}

TEST_CASE("risk: the analysis's per-element cache gives every threat assess_risk's severity") {
  // The benchmark model: 224 threats over 49 elements, every kind, fixed and derived severities.
  const Analyzed a(moat_test::compile_source_file("tests/quality/payments-platform.moat"));
  const moat::ModelGraph& g = a.graph();
  moat::RiskCache cache(g);
  std::size_t derived = 0;
  for (const moat::Threat& t : a.analysis.threats) {
    if (!t.scan_results.empty()) continue;
    const moat::RiskAssessment full = moat::assess_risk(g, t.rule, t.element);
    INFO(moat::threat_id(g, t));
    CHECK(cache.severity(t.rule, t.element) == full.severity);
    CHECK(t.severity == full.severity);
    derived += full.derived ? 1 : 0;
  }
  CHECK(a.analysis.threats.size() > 200);
  CHECK(derived > 100);
}

TEST_CASE(
    "risk: `holds` on another kind, listing elements that are not data, weighs them as data") {
  // A model may give processes a `holds` of stores: the weighing reads each listed element's
  // classification as it would a data asset's (unset here: low impact), in check and explain.
  const Analyzed a(compile_ok("h.moat", R"(model "H" { version = "1" }
attributes process { holds: list<store> = [] }
boundary net "Net" { trust = untrusted
  actor visitor "Visitor"
}
process api "API" { holds = [db] }
store db "DB"
flow visitor -> api "In" { protocol = http }
rule on_api "On API" { applies = [process], category = tampering, severity = medium, when = true }
)"));
  const moat::ModelGraph& g = a.graph();
  const moat::Threat& t = a.threat("api.on_api");
  const moat::RiskAssessment full = moat::assess_risk(g, t.rule, t.element);
  CHECK(full.impact == moat::Impact::Low);
  CHECK(t.severity == full.severity);
}

TEST_CASE("findings: the open ones ranked system-specific first, then severity, members and id") {
  // Ids that share their first eight bytes, or one is a prefix of another, and findings equal
  // in everything but the id: ranked_open_findings() sorts by integer keys before the ids.
  moat::Analysis a;
  auto add = [&](std::string id, std::uint8_t severity, std::size_t members, bool hygiene,
                 moat::ThreatStatus status = moat::ThreatStatus::Open) {
    moat::Finding f;
    f.id = std::move(id);
    f.severity = severity;
    f.members.assign(members, moat::ThreatId(0));
    f.hygiene = hygiene;
    f.status = status;
    a.findings.push_back(std::move(f));
  };
  add("service_b.plain", 3, 1, false);
  add("service_a.plain_text", 3, 1, false);
  add("service_a.plain", 3, 1, false);
  add("hygiene.logs", 4, 9, true);
  add("zz.few", 3, 2, false);
  add("closed.one", 4, 9, false, moat::ThreatStatus::Mitigated);
  add("low.many", 1, 50, false);
  add("top.one", 4, 1, false);
  std::vector<std::string> ids;
  for (const moat::Finding* f : moat::ranked_open_findings(a)) ids.push_back(f->id);
  CHECK(ids == std::vector<std::string>{"top.one", "zz.few", "service_a.plain",
                                        "service_a.plain_text", "service_b.plain", "low.many",
                                        "hygiene.logs"});
}

TEST_CASE("findings: an anchor with many weaknesses groups as one with a few") {
  // 40 rules with no `weakness` (each is its own) and 2 sharing one, all on one process: more
  // weaknesses at one anchor than its chain holds before it moves to the hash map
  // (analyzer/finding_index.cpp), so both lookups are exercised on the same anchor.
  std::string text = R"(model "F" { version = "1" }
process p "P"
rule shared_a "SA" { applies = process, category = tampering, severity = low, when = true,
  weakness = shared }
)";
  for (int r = 0; r < 40; ++r)
    text += "rule own" + std::to_string(r) + " \"O\" { applies = process, category = tampering, " +
            "severity = low, when = true }\n";
  text += R"(rule shared_b "SB" { applies = process, category = tampering, severity = low,
  when = true, weakness = shared }
)";
  const Analyzed a(compile_ok("f.moat", text));
  const auto& findings = a.analysis.findings;
  REQUIRE(findings.size() == 41);
  // In the order of their first member; the shared weakness (first and last rule) is one.
  CHECK(findings[0].id == "p.shared");
  REQUIRE(findings[0].members.size() == 2);
  CHECK(a.graph().rules[a.analysis.threats[findings[0].members[0]].rule].id == "shared_a");
  CHECK(a.graph().rules[a.analysis.threats[findings[0].members[1]].rule].id == "shared_b");
  for (std::size_t f = 1; f < findings.size(); ++f) {
    CHECK(findings[f].id == "p.own" + std::to_string(f - 1));
    CHECK(findings[f].members.size() == 1);
  }
  for (moat::ThreatId t : a.analysis.threats.ids()) {
    const moat::Finding& f = findings[a.analysis.threats[t].finding];
    CHECK(std::find(f.members.begin(), f.members.end(), t) != f.members.end());
  }
}
