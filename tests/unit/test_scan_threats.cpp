// Scanner results in the analysis: scan_key(), `scan_results()`/`scanned()` in rules, one threat
// per element and scanner rule with the results' severity and category, suppressed results.
#include <doctest/doctest.h>

#include "analyzer/scan_attach.hpp"
#include "analyzer/scan_threats.hpp"
#include "analyzer/sha256.hpp"
#include "analyzer/threat_order.hpp"
#include "compiler/attrs.hpp"
#include "fixture.hpp"

namespace {

using namespace moat;

constexpr const char* kModel = R"(model "Scans" { quiet_locations = true }
use stride
rule critical_dep "A critical dependency" {
  applies = process
  category = tampering
  severity = high
  when = scan_results(vulnerable_dependency, severity >= critical) > 0
}
rule secrets_read "Its code went through a secret scan" {
  applies = process
  category = spoofing
  severity = info
  when = scanned(secrets)
}
process api "API" { code = ["api/"] }
process web "Web" { code = ["web/"] }
process bare "No code"
)";

std::uint8_t ordinal(const ModelGraph& g, const char* enum_name, const char* member) {
  return static_cast<std::uint8_t>(
      g.schema.enums[g.schema.enum_id(enum_name)].member_index(member));
}

/// A result of `kind` and `severity` at `path:line`, read from file 0 by tool 0.
SarifResult result(const ModelGraph& g, const char* rule, const char* kind, const char* severity,
                   const char* path, std::uint32_t line) {
  SarifResult r;
  r.rule_id = std::string(rule);
  r.kind = ordinal(g, "scan_kind", kind);
  r.severity = ordinal(g, "severity", severity);
  r.locations.push_back({std::string(path), line});
  return r;
}

struct Scanned {
  std::unique_ptr<Compilation> c = moat_test::compile_ok("model.moat", kModel);
  ScanEvidence scans;
  Analysis a;

  /// `successful`: the log's run did not fail (ScanLog), so its results show what it covered.
  explicit Scanned(std::vector<SarifResult> results, bool successful = true) {
    scans.files = {"scan.sarif"};
    scans.ended = {-1};
    scans.logs.resize(1);
    scans.logs[0].runs = 1;
    if (successful) {
      scans.logs[0].ended = scans.logs[0].day = moat_test::day(moat_test::kToday);
    } else {
      scans.logs[0].failed = 1;
      scans.logs[0].not_counted = "its scan failed";
    }
    scans.tools = {"scanner"};
    scans.results = std::move(results);
    for (SarifResult& r : scans.results) r.shows_coverage = successful;
    attach_scan_results(c->graph, scans);
    AnalyzeOptions options{moat_test::day(moat_test::kToday)};
    options.evidence = &scans;
    DiagnosticSink diags;
    a = analyze(c->graph, options, diags);
  }
  const Threat* find(const std::string& id) const {
    for (const Threat& t : a.threats) {
      if (threat_id(c->graph, t) == id) return &t;
    }
    return nullptr;
  }
};

}  // namespace

namespace {

/// The slug of a rule id that had to change, with its hash.
std::string hashed(const std::string& slug, const std::string& rule_id) {
  return slug + "_" + moat::sha256_hex(rule_id).substr(0, moat::kScanKeyHash);
}

}  // namespace

TEST_CASE("scan threats: a scanner rule id as the last part of a threat id") {
  // Already a name: kept.
  CHECK(scan_key("python_sqli") == "python_sqli");
  CHECK(scan_key("ckv_aws_16") == "ckv_aws_16");
  // Changed: the slug and a hash of the rule id as written.
  CHECK(scan_key("CVE-2021-23337") == hashed("cve_2021_23337", "CVE-2021-23337"));
  CHECK(scan_key("aws-access-token") == hashed("aws_access_token", "aws-access-token"));
  CHECK(scan_key("python.lang.security.audit.formatted-sql-query") ==
        hashed("python_lang_security_audit_formatted_sql_query",
               "python.lang.security.audit.formatted-sql-query"));
  CHECK(scan_key("--x--") == hashed("x", "--x--"));
  CHECK(scan_key("1234") == hashed("r_1234", "1234"));
  CHECK(scan_key("") == "unnamed");
  CHECK(scan_key("***") == hashed("unnamed", "***"));
  // "unnamed" is the key of results without a rule id only: a rule named so is hashed.
  CHECK(scan_key("unnamed") == hashed("unnamed", "unnamed"));
  CHECK(scan_key("unnamed") != scan_key(""));
  // A rule id already shaped like a changed id's key is hashed too, or the two would meet.
  const std::string twin = scan_key("unnamed");
  CHECK(scan_key(twin) == hashed(twin, twin));
  CHECK(scan_key(twin) != scan_key("unnamed"));
  CHECK(scan_key("sql_injection_a1") == "sql_injection_a1");  // not six hex digits
  // Ids that slug alike stay apart, so an acceptance of one does not cover the others.
  CHECK(scan_key("CKV_AWS_16") != scan_key("ckv-aws-16"));
  CHECK(scan_key("CKV_AWS_16") != scan_key("ckv_aws_16"));
  CHECK(scan_key("CKV_AWS_16").size() == std::string("ckv_aws_16_").size() + kScanKeyHash);
}

TEST_CASE("scan threats: a result without a rule id and a rule named 'unnamed' are two threats") {
  auto c = moat_test::compile_ok("model.moat", kModel);
  const ModelGraph& g = c->graph;
  const Scanned s({result(g, "", "vulnerable_dependency", "high", "web/a.json", 3),
                   result(g, "unnamed", "vulnerable_dependency", "high", "web/a.json", 4)});
  const Threat* none = s.find("web.vulnerable_dependency.unnamed");
  const Threat* named = s.find("web.vulnerable_dependency." + hashed("unnamed", "unnamed"));
  REQUIRE(none);
  REQUIRE(named);
  CHECK(none->scan_results == std::vector<std::uint32_t>{0});
  CHECK(named->scan_results == std::vector<std::uint32_t>{1});
}

TEST_CASE("scan threats: one per element and scanner rule, every location listed") {
  auto c = moat_test::compile_ok("model.moat", kModel);
  const ModelGraph& g = c->graph;
  SarifResult low = result(g, "CVE-1", "vulnerable_dependency", "low", "web/a.json", 3);
  SarifResult high = result(g, "CVE-1", "vulnerable_dependency", "high", "web/b.json", 9);
  high.category = ordinal(g, "stride", "denial_of_service");
  SarifResult leak = result(g, "generic-key", "secret", "high", "api/settings.py", 7);
  SarifResult hidden = result(g, "CVE-2", "vulnerable_dependency", "critical", "web/a.json", 4);
  hidden.suppressions.push_back({"inSource", "test fixture"});
  const Scanned s({low, high, leak, hidden});
  const Threat* dep = s.find("web.vulnerable_dependency." + scan_key("CVE-1"));
  REQUIRE(dep);
  CHECK(dep->scan_results == std::vector<std::uint32_t>{0, 1});
  CHECK(severity_name(s.c->graph, dep->severity) == "high");
  CHECK(category_name(s.c->graph, dep->category) == "denial_of_service");
  CHECK(dep->status == ThreatStatus::Open);
  CHECK(s.find("api.leaked_secret." + scan_key("generic-key")));
  CHECK_FALSE(s.find("web.vulnerable_dependency." + scan_key("CVE-2")));  // suppressed
  CHECK_FALSE(s.find("web.critical_dep"));  // the critical one is suppressed
}

TEST_CASE("scan threats: scan_results() filters by severity, scanned() needs a scan's cover") {
  auto c = moat_test::compile_ok("model.moat", kModel);
  const ModelGraph& g = c->graph;
  const Scanned s({result(g, "CVE-9", "vulnerable_dependency", "critical", "web/x", 1),
                   result(g, "key", "secret", "medium", "api/y", 2)});
  CHECK(s.find("web.critical_dep"));
  CHECK_FALSE(s.find("api.critical_dep"));
  // The log has secret results, so it is a secrets scan: it covered the code its results name.
  CHECK(s.find("api.secrets_read"));
  CHECK(s.find("web.secrets_read"));
  CHECK_FALSE(s.find("bare.secrets_read"));
  // A log whose results name only api/ covered api, not web.
  const Scanned api_only({result(g, "key", "secret", "medium", "api/y", 2)});
  CHECK(api_only.find("api.secrets_read"));
  CHECK_FALSE(api_only.find("web.secrets_read"));
  // A log that shows no successful run covered nothing; its results still raise threats.
  const Scanned failed({result(g, "key", "secret", "medium", "api/y", 2)}, false);
  CHECK_FALSE(failed.find("api.secrets_read"));
  CHECK(failed.find("api.leaked_secret.key"));
}

TEST_CASE("scan threats: without evidence the functions find nothing") {
  const moat_test::Analyzed a = moat_test::analyze_text(kModel);
  for (const Threat& t : a.analysis.threats) {
    CHECK(t.scan_results.empty());
    CHECK(t.scan_rule.empty());
    const std::string& rule = a.c->graph.rules[t.rule].id;
    CHECK(rule != "critical_dep");
    CHECK(rule != "secrets_read");
  }
}

TEST_CASE("scan threats: threat_id_less orders as the id strings do") {
  auto c = moat_test::compile_ok("model.moat", kModel);
  const ModelGraph& g = c->graph;
  Scanned s({result(g, "CVE-1", "vulnerable_dependency", "high", "web/a.json", 3),
             result(g, "generic-key", "secret", "high", "api/settings.py", 7),
             result(g, "z", "secret", "high", "web/settings.py", 7)});
  // Ids where one is a prefix of another, and where '-' sorts before the '.' after a prefix.
  const std::pair<const char*, const char*> renames[] = {{"api", "a"}, {"web", "a-x"}};
  for (auto [from, to] : renames) {
    for (ElementRec& e : s.c->graph.elements) {
      if (e.id == from) e.id = to;
    }
  }
  const ModelGraph& renamed = s.c->graph;
  REQUIRE(s.a.threats.size() >= 3);
  for (const Threat& x : s.a.threats) {
    for (const Threat& y : s.a.threats) {
      CAPTURE(threat_id(renamed, x));
      CAPTURE(threat_id(renamed, y));
      CHECK(threat_id_less(renamed, x, y) == (threat_id(renamed, x) < threat_id(renamed, y)));
    }
  }
}
