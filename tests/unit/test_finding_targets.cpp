// Finding targets (issue 11, item 9): a mitigation, acceptance or dismissal naming a finding
// ANCHOR.WEAKNESS covers exactly its members; and `moat diff` reports findings.
#include <doctest/doctest.h>

#include "analyzer/diff.hpp"
#include "backends/diff_report.hpp"
#include "fixture.hpp"

using moat_test::Analyzed;
using moat_test::compile_ok;

namespace {

/// Two writers reach `db` in clear text (two rules, one weakness); a flow rule with no weakness
/// anchored to its source; a zone-wide rule; a rule raised on a process and on its inbound flow.
/// `CLOSE` is replaced by the decisions under test.
const char* const kModel = R"(model "T" { version = "1" }
boundary net "Net" { trust = untrusted
  actor visitor "Visitor"
}
boundary dc "DC" { trust = internal
  process api "API" { tags = ["exposed"] }
  process jobs "Jobs"
  store db "DB"
  store logs "Logs"
}
flow visitor -> api "In" { protocol = https, tags = ["exposed"] }
flow api -> db "A" { protocol = sql }
flow jobs -> db "B" { protocol = sql }
flow jobs -> logs "C" { protocol = sql }
rule read_plain "R" { applies = flow, category = information_disclosure, severity = high,
  when = not encrypted and target.type == store, weakness = plain }
rule write_plain "W" { applies = flow, category = tampering, severity = low,
  when = not encrypted and target.type == store, weakness = plain }
rule at_source "S" { applies = flow, category = denial_of_service, severity = medium,
  when = source.type == process, root_cause_at = source }
rule zone_gap "Z" { applies = store, category = repudiation, severity = medium, when = true,
  root_cause_at = boundary }
rule exposed "E" { applies = [process, flow], category = spoofing, severity = medium,
  when = "exposed" in tags }
CLOSE
)";

/// `text` with the first `what` replaced by `with`; the test stops when there is none.
std::string replaced(std::string text, std::string_view what, std::string_view with) {
  const auto at = text.find(what);
  REQUIRE(at != std::string::npos);
  return text.replace(at, what.size(), with);
}

Analyzed analyze_with(const std::string& decisions) {
  return Analyzed(compile_ok("t.moat", replaced(kModel, "CLOSE", decisions)));
}

/// The covers of threat `id` as "FORM:TARGET".
std::vector<std::string> covers(const Analyzed& a, std::string_view id) {
  std::vector<std::string> out;
  for (const moat::Cover& c : a.threat(id).covered_by)
    out.push_back(std::string(moat::cover_form_name(a.graph(), c)) + ":" +
                  moat::cover_text(a.graph(), c));
  return out;
}

}  // namespace

TEST_CASE("finding targets: a mitigation of a finding covers exactly its members") {
  const Analyzed a =
      analyze_with("mitigation tls \"TLS\" { mitigates = [db.plain], status = implemented }");
  const moat::Finding* f = a.find_finding("db.plain");
  REQUIRE(f != nullptr);
  CHECK(f->members.size() == 4);
  CHECK(f->status == moat::ThreatStatus::Mitigated);
  for (const char* id : {"api_to_db__a.read_plain", "api_to_db__a.write_plain",
                         "jobs_to_db__b.read_plain", "jobs_to_db__b.write_plain"}) {
    CHECK(a.status(id) == "mitigated");
    CHECK(covers(a, id) == std::vector<std::string>{"finding:db.plain"});
  }
  // Not the other findings of those flows, nor the plain flow into the other store.
  CHECK(a.status("jobs_to_logs__c.read_plain") == "open");
  CHECK(a.status("api_to_db__a.at_source") == "open");
  // Two rules, one root cause: not broad.
  CHECK(a.diagnostics(moat::DiagKind::BroadTarget).empty());
  CHECK(a.diagnostics(moat::DiagKind::UnmatchedMitigation).empty());
}

TEST_CASE("finding targets: a rule that cannot raise on the anchor names its finding") {
  const Analyzed a = analyze_with(R"(accept jobs.at_source { reason = "retried", owner = "ops" }
dismiss dc.zone_gap { reason = "the database audits itself", by = "sec", as = not_applicable })");
  CHECK(a.graph().accepts[moat::AcceptId(0)].target.form == moat::TargetRef::Form::Finding);
  CHECK(a.status("jobs_to_db__b.at_source") == "accepted");
  CHECK(a.status("jobs_to_logs__c.at_source") == "accepted");
  CHECK(a.status("api_to_db__a.at_source") == "open");
  // root_cause_at = boundary: the zone's finding holds both stores.
  CHECK(a.status("db.zone_gap") == "dismissed");
  CHECK(a.status("logs.zone_gap") == "dismissed");
  CHECK(covers(a, "logs.zone_gap") == std::vector<std::string>{"finding:dc.zone_gap"});
  CHECK(a.find_finding("dc.zone_gap")->status == moat::ThreatStatus::Dismissed);
}

TEST_CASE("finding targets: a threat id keeps naming the threat when a finding shares it") {
  const Analyzed a =
      analyze_with("mitigation waf \"WAF\" { mitigates = [api.exposed], status = implemented }");
  CHECK(a.graph().mitigations[moat::MitigationId(0)].targets[0].form ==
        moat::TargetRef::Form::Rule);
  CHECK(a.status("api.exposed") == "mitigated");
  // The finding api.exposed also holds the inbound flow's threat: it stays open.
  CHECK(a.status("visitor_to_api__in.exposed") == "open");
  CHECK(a.find_finding("api.exposed")->members.size() == 2);
  CHECK(a.find_finding("api.exposed")->status == moat::ThreatStatus::Open);
}

TEST_CASE("finding targets: a finding that does not exist proposes the closest one") {
  const Analyzed a =
      analyze_with("mitigation tls \"TLS\" { mitigates = [dc.plain], status = implemented }");
  const auto unmatched = a.diagnostics(moat::DiagKind::UnmatchedMitigation);
  REQUIRE(unmatched.size() == 1);
  CHECK(unmatched[0].message ==
        "'dc.plain' in mitigation 'tls' covers no threat: no finding 'dc.plain': no threat of "
        "weakness 'plain' is anchored to 'dc'");
  CHECK(unmatched[0].suggestion == "db.plain");
}

TEST_CASE("finding targets: an unknown weakness is an UnknownTarget with a suggestion") {
  const auto c = moat::compile_text(
      "t.moat", replaced(kModel, "CLOSE", "accept db.plian { reason = \"r\", owner = \"o\" }"));
  REQUIRE(!c->ok());
  bool found = false;
  for (const moat::Diagnostic& d : c->diags.sorted()) {
    if (d.kind != moat::DiagKind::UnknownTarget) continue;
    found = true;
    CHECK(d.message == "'plian' is neither a STRIDE category, a rule nor a weakness");
    CHECK(d.suggestion == "plain");
  }
  CHECK(found);
}

TEST_CASE("moat diff: findings closed, renamed through was, and added") {
  const Analyzed before = analyze_with("");
  std::string renamed = replaced(kModel, "store db \"DB\"", "store ledger \"DB\" { was = [db] }");
  renamed =
      replaced(replaced(renamed, "api -> db", "api -> ledger"), "jobs -> db", "jobs -> ledger");
  renamed =
      replaced(renamed, "CLOSE",
               "mitigation waf \"WAF\" { mitigates = [api.exposed, visitor_to_api__in.exposed], "
               "status = implemented }");
  const Analyzed after(compile_ok("t.moat", renamed));
  const moat::ModelDiff d =
      moat::diff_models({before.graph(), before.analysis}, {after.graph(), after.analysis});
  std::vector<std::string> renames, changed;
  for (const auto& f : d.findings_renamed) renames.push_back(f.previous_id + "->" + f.id);
  for (const auto& f : d.findings_changed) changed.push_back(f.id);
  CHECK(renames == std::vector<std::string>{"db.plain->ledger.plain"});
  CHECK(changed == std::vector<std::string>{"api.exposed"});
  CHECK(d.findings_changed[0].after == moat::ThreatStatus::Mitigated);
  const std::string text = moat::diff_text(d, {"old", "new"});
  INFO(text);
  CHECK(text.find("findings that changed status (1):\n  ~ medium   open -> mitigated") !=
        std::string::npos);
  CHECK(text.find("= low      open                 db.plain -> ledger.plain  R (4 threats:") !=
        std::string::npos);
  CHECK(moat::diff_json(d, {"old", "new"}).find("\"findings_renamed\"") != std::string::npos);
}

TEST_CASE("finding targets: each resolved target form sets its own typed field, the others none") {
  const auto c = compile_ok("t.moat", replaced(kModel, "CLOSE", R"(
mitigation m "M" { mitigates = [db, db.repudiation, db.zone_gap, db.plain], status = implemented }
)"));
  const moat::ModelGraph& g = c->graph;
  const moat::MitigationRec& m = g.mitigations[moat::MitigationId(0)];
  REQUIRE(m.targets.size() == 4);
  const moat::ElementId db = g.find("db");
  for (const moat::TargetRef& t : m.targets) CHECK(t.element == db);
  using Form = moat::TargetRef::Form;
  CHECK(m.targets[0].form == Form::Element);
  CHECK(m.targets[0].rule.is_none());
  CHECK(m.targets[0].weakness.is_none());
  CHECK(m.targets[1].form == Form::Category);
  CHECK(g.schema.enums[g.builtins.stride].members[m.targets[1].category] == "repudiation");
  CHECK(m.targets[1].rule.is_none());
  CHECK(m.targets[1].weakness.is_none());
  CHECK(m.targets[2].form == Form::Rule);
  REQUIRE(!m.targets[2].rule.is_none());
  CHECK(g.rules[m.targets[2].rule].id == "zone_gap");
  CHECK(m.targets[2].weakness.is_none());
  CHECK(m.targets[3].form == Form::Finding);
  REQUIRE(!m.targets[3].weakness.is_none());
  CHECK(g.weaknesses[m.targets[3].weakness] == "plain");
  CHECK(m.targets[3].rule.is_none());
}
