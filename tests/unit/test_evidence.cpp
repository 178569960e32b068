// The SARIF reader, the classification table and the attachment of results to elements, on the
// real scanner logs in tests/evidence/samples and the made ones in tests/evidence/made.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "analyzer/scan_attach.hpp"
#include "compiler/attrs.hpp"
#include "evidence/sarif_reader.hpp"
#include "fixture.hpp"

namespace {

using namespace moat;

const std::string kDir = std::string(MOAT_SOURCE_DIR) + "/tests/evidence/";

struct Read {
  std::unique_ptr<Compilation> c = moat_test::compile_source_file("tests/evidence/evidence.moat");
  ScanEvidence scans;
  SarifError error;
  bool ok = false;

  explicit Read(const std::string& file) {
    std::ifstream in(kDir + file, std::ios::binary);
    REQUIRE(in);
    ok = read_sarif(in, file, Classifier(c->graph), {kDir}, scans, error);
    attach_scan_results(c->graph, scans);
  }
  explicit Read(std::istream& in) {
    ok = read_sarif(in, "text", Classifier(c->graph), {kDir}, scans, error);
  }

  std::string kind(std::size_t i) const {
    return member_name(c->graph, "scan_kind", scans.results.at(i).kind);
  }
  std::string severity(std::size_t i) const {
    return member_name(c->graph, "severity", scans.results.at(i).severity);
  }
  std::string category(std::size_t i) const {
    const std::int16_t cat = scans.results.at(i).category;
    return cat < 0 ? "" : member_name(c->graph, "stride", static_cast<std::uint8_t>(cat));
  }
  /// How many results landed on the element `id`.
  std::size_t on(const std::string& id) const {
    std::size_t n = 0;
    for (const auto& [e, r] : scans.attached) n += c->graph.elements[e].id == id ? 1 : 0;
    return n;
  }
  std::size_t count_kind(const std::string& k) const {
    std::size_t n = 0;
    for (std::size_t i = 0; i < scans.results.size(); ++i) n += kind(i) == k ? 1 : 0;
    return n;
  }
};

Read from_text(const std::string& text) {
  std::istringstream in(text);
  return Read(in);
}

}  // namespace

TEST_CASE("evidence: Checkov's Terraform log: six suppressed misconfigurations on the bucket") {
  const Read r("samples/checkov/checkov-2.1.16-terraform-aws-s3.sarif");
  REQUIRE(r.ok);
  REQUIRE(r.scans.results.size() == 6);
  CHECK(r.scans.tools == std::vector<std::string>{"Checkov"});
  CHECK(r.count_kind("misconfiguration") == 6);
  for (const SarifResult& res : r.scans.results) {
    CHECK(res.suppressed());
    CHECK(res.suppressions[0].kind == "inSource");
    CHECK_FALSE(res.suppressions[0].justification.empty());
    CHECK(res.level == SarifLevel::Warning);
  }
  CHECK(r.severity(0) == "medium");
  CHECK(r.on("bucket") == 6);
  CHECK(r.scans.outside.empty());
}

TEST_CASE("evidence: Checkov's partial log without a tool is read; its rules are unknown") {
  const Read r("samples/checkov/checkov-openapi-runner-results.sarif");
  REQUIRE(r.ok);
  REQUIRE(r.scans.results.size() == 12);
  CHECK(r.scans.tools == std::vector<std::string>{""});
  CHECK(r.scans.tool_name(r.scans.results[0]) == "unnamed tool");
  CHECK(r.count_kind("misconfiguration") == 12);  // by the CKV_ rule ids alone
  CHECK(r.severity(0) == "high");                 // level error, no security-severity
  CHECK(r.on("docs") == 7);                       // the v2/ folder
  CHECK(r.scans.outside.size() == 5);
}

TEST_CASE("evidence: Gitleaks: a secret on its process, its text never kept") {
  const Read r("samples/gitleaks/gitleaks-sarif-simple.sarif");
  REQUIRE(r.ok);
  REQUIRE(r.scans.results.size() == 1);
  const SarifResult& s = r.scans.results[0];
  CHECK(r.kind(0) == "secret");
  CHECK(r.category(0) == "spoofing");
  CHECK(s.redacted);
  CHECK(s.message.empty());
  CHECK(s.fingerprints.empty());
  CHECK(s.tags.empty());  // the result's own properties are not kept
  CHECK(s.rule_id == "test-rule");
  CHECK(s.rule_name.empty());  // not in rules[]
  REQUIRE(s.locations.size() == 1);
  CHECK(location_text(s.locations[0]) == "auth.py:1");
  CHECK(r.on("auth") == 1);
}

TEST_CASE("evidence: an empty Gitleaks baseline and Semgrep's error-only log have no results") {
  CHECK(Read("samples/gitleaks/gitleaks-baseline-empty-runs.sarif").ok);
  const Read errors("samples/semgrep/semgrep-when-errors.sarif");
  CHECK(errors.ok);
  CHECK(errors.scans.results.empty());
  CHECK(errors.scans.tools == std::vector<std::string>{"Semgrep OSS"});
}

TEST_CASE("evidence: Semgrep over Juice Shop: CWE tags, textual severities, %SRCROOT% paths") {
  const Read r("samples/semgrep/semgrep-1.69.0-gitlab-rules.sarif");
  REQUIRE(r.ok);
  REQUIRE(r.scans.results.size() == 77);
  std::size_t with_cwe = 0, categorised = 0, weaknesses = 0;
  for (std::size_t i = 0; i < r.scans.results.size(); ++i) {
    with_cwe += r.scans.results[i].cwes.empty() ? 0 : 1;
    categorised += r.category(i).empty() ? 0 : 1;
    weaknesses += r.kind(i) == "code_weakness" ? 1 : 0;
    CHECK_FALSE(r.scans.results[i].security_severity.empty());
  }
  CHECK(with_cwe == 77);
  // The other 19 name only CWE-185, 208 or 338, which the table leaves out.
  CHECK(categorised == 58);
  CHECK(weaknesses + r.count_kind("secret") == 77);
  CHECK(r.on("api") == 54);  // routes/ and server.ts
  CHECK(r.on("web") == 7);   // frontend/*.ts
  CHECK(r.scans.outside.size() == 16);
}

TEST_CASE("evidence: Semgrep's suppressed result keeps its suppression kind") {
  const Read r("samples/semgrep/semgrep-include-nosemgrep.sarif");
  REQUIRE(r.ok);
  REQUIRE(r.scans.results.size() == 2);
  CHECK(r.scans.results[0].suppressed() != r.scans.results[1].suppressed());
  CHECK(r.severity(0) == "high");  // the rule's default level, error
  const Read flows("samples/semgrep/semgrep-dataflow-traces.sarif");
  REQUIRE(flows.scans.results.size() == 1);
  CHECK(flows.kind(0) == "code_weakness");
  CHECK_FALSE(flows.scans.results[0].fingerprints.empty());
}

TEST_CASE("evidence: Trivy: CVEs are vulnerable dependencies, AVD checks misconfigurations") {
  const Read image("samples/trivy/trivy-alpine-310.sarif");
  REQUIRE(image.ok);
  REQUIRE(image.scans.results.size() == 4);
  CHECK(image.count_kind("vulnerable_dependency") == 4);
  CHECK(image.scans.results[0].security_severity == "5.3");
  CHECK(image.severity(0) == "medium");
  CHECK(image.scans.outside.size() == 4);
  const Read config("samples/trivy/trivy-config-terraform.sarif");
  REQUIRE(config.ok);
  REQUIRE(config.scans.results.size() == 8);
  CHECK(config.count_kind("misconfiguration") == 8);
  CHECK(config.scans.results[0].locations[0].path == "main.tf");  // ROOTPATH "file:///"
  CHECK(config.on("bucket") + config.scans.outside.size() == 8);
  CHECK(config.on("bucket") > 0);
  CHECK_FALSE(config.scans.outside.empty());  // main.tf lines outside 8-10
}

TEST_CASE("evidence: a Trivy secret's match is dropped from message, properties and prints") {
  const Read r("made/trivy-secrets.sarif");
  REQUIRE(r.ok);
  REQUIRE(r.scans.results.size() == 2);
  for (std::size_t i = 0; i < 2; ++i) {
    const SarifResult& s = r.scans.results[i];
    CHECK(r.kind(i) == "secret");
    CHECK(s.message.empty());
    CHECK(s.fingerprints.empty());
    for (const std::string& t : *s.tags) CHECK(t.find("AKIA") == std::string::npos);
  }
  CHECK(r.severity(0) == "critical");  // security-severity 9.5
  CHECK(r.severity(1) == "high");      // 8.0
  CHECK(r.on("deploy") == 2);
}

TEST_CASE("evidence: an unknown tool is classified by tags and rule ids, and by the model's rows") {
  const Read r("made/unknown-tool.sarif");
  REQUIRE(r.ok);
  REQUIRE(r.scans.results.size() == 4);
  CHECK(r.kind(0) == "other");
  CHECK(r.category(0) == "tampering");  // CWE-89
  CHECK(r.severity(0) == "critical");   // 9.1
  CHECK(r.kind(1) == "vulnerable_dependency");
  CHECK(r.kind(2) == "misconfiguration");  // the model's own classify row
  CHECK(r.category(2) == "elevation_of_privilege");
  CHECK(r.scans.results[2].baseline_state == "new");
  CHECK(r.severity(3) == "low");  // the rule's default level, note
  CHECK(r.on("api") == 1);
  CHECK(r.scans.outside == std::vector<std::uint32_t>{1, 2, 3});
  CHECK(r.scans.results[3].locations.empty());
}

TEST_CASE("evidence: JSON that is not SARIF 2.1.0 names the first wrong thing") {
  const Read level("made/bad-level.sarif");
  CHECK_FALSE(level.ok);
  CHECK(level.error.pointer == "/runs/0/results/1/level");
  CHECK(level.scans.results.empty());
  CHECK(level.scans.files.empty());
  const Read version("made/wrong-version.sarif");
  CHECK(version.error.pointer == "/version");
  const Read trivy_json("samples/trivy/trivy-secrets.json");
  CHECK_FALSE(trivy_json.ok);
  CHECK(trivy_json.error.pointer == "/version");
  CHECK(from_text("[]").error.message == "expected an object (a SARIF log)");
  CHECK(from_text(R"({"version": "2.1.0", "runs": {}})").error.pointer == "/runs");
  CHECK(from_text(R"({"version": "2.1.0", "runs": [1]})").error.pointer == "/runs/0");
  CHECK(
      from_text(R"({"version": "2.1.0", "runs": [{"results": [{"ruleId": 5}]}]})").error.pointer ==
      "/runs/0/results/0/ruleId");
  CHECK(from_text(R"({"version": "2.1.0"})").error.pointer == "/runs");
  CHECK(from_text(R"({"version": "2.1.0", "runs": [{"tool": {"driver": {"rules": [{"id": 1}]}}}]})")
            .error.pointer == "/runs/0/tool/driver/rules/0/id");
}

TEST_CASE("evidence: a file that is not JSON is a syntax error at a byte offset") {
  const Read r("made/not-json.sarif");
  CHECK_FALSE(r.ok);
  CHECK(r.error.syntax);
  CHECK(r.error.byte == 36);  // the first byte of "oops", on line 3
  CHECK(r.error.message.find("not JSON") == 0);
  CHECK(r.error.message.find("oops") == std::string::npos);  // no text from the file
}

TEST_CASE("evidence: CWE tags and security-severity bands") {
  CHECK(cwe_of_tag("CWE-89") == 89);
  CHECK(cwe_of_tag("CWE-89: Improper Neutralization") == 89);
  CHECK(cwe_of_tag("external/cwe/cwe-079") == 79);
  CHECK(cwe_of_tag("OWASP-A03:2021") == 0);
  CHECK(cwe_of_tag("CWE-") == 0);
  CHECK(severity_band("9.0") == 4);
  CHECK(severity_band("8.9") == 3);
  CHECK(severity_band("4.0") == 2);
  CHECK(severity_band("0.1") == 1);
  CHECK(severity_band("0") == 0);
  CHECK(severity_band("HIGH") == 3);
  CHECK(severity_band("moderate") == 2);
  CHECK(severity_band("11") == -1);
  CHECK(severity_band("") == -1);
}
