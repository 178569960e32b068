// The SARIF backend (backends/sarif_log.hpp, backends/sarif_paths.hpp): log structure, levels
// and scores by severity, relative URIs, code locations, fingerprints, and hostile strings.
#include <doctest/doctest.h>

#include <filesystem>

#include "backends/sarif_log.hpp"
#include "backends/sarif_paths.hpp"
#include "compiler/compile.hpp"
#include "tests/unit/fixture.hpp"

using namespace moat;
using json = nlohmann::ordered_json;

namespace {

const char* const kModel = R"moat(model "Unit" { version = "1", soc2_scope = [security] }
use soc2
process api "Booking API" {
  code = ["src/api/", "src/x.ts:12", "a.ts:3-9", "lib/util.ts", "src/**/*.ts", "https://example.com/x", "../outside.ts", "src/<odd> name.ts:4"]
}
process worker "worker"
rule r_critical "Critical thing" { applies = process, category = elevation_of_privilege, severity = critical, controls = [CC6.1, CC6.2, CC6.3, CC6.4, CC6.5, CC6.6, CC6.7, CC6.8, CC7.1, CC7.2], cwe = 269, when = true, fixed_severity = true }
rule r_high "High thing" { applies = process, category = information_disclosure, severity = high, when = true, fixed_severity = true }
rule r_medium "Medium thing" { applies = process, category = tampering, severity = medium, when = true, fixed_severity = true }
rule r_low "Low thing" { applies = process, category = repudiation, severity = low, when = true, fixed_severity = true }
rule r_info "Info thing" { applies = process, category = spoofing, severity = info, when = true, fixed_severity = true }
rule oneword "One word" { applies = process, category = spoofing, severity = info, when = true, fixed_severity = true }
mitigation plan "Planned fix" { mitigates = [api.r_high], status = planned, evidence = ["docs/runbook.md:4", "https://wiki.example/x"], owner = "team-a" }
mitigation done "Done fix" { mitigates = [api.r_medium], status = implemented, owner = "team-b" }
accept api.r_low { reason = "fine", owner = "=boss", expires = 2099-01-01 }
accept worker.r_low { reason = "old", owner = "ops", expires = 2020-01-01 }
)moat";

/// A compiled and analyzed model, rendered with the working directory as repository root.
struct Rendered : moat_test::Analyzed {
  std::string model_path;

  Rendered(std::unique_ptr<Compilation> compiled, std::string path,
           const std::vector<Annotation>* annotations = nullptr)
      : Analyzed(std::move(compiled), moat_test::day(moat_test::kToday), annotations),
        model_path(std::move(path)) {}
  RenderContext context(std::string root = std::filesystem::current_path().string()) const {
    return Analyzed::context(model_path, std::move(root));
  }
  json log() const { return sarif_log(context()); }
};

Rendered unit_model() {
  return Rendered(compile_text("sarif_unit.moat", kModel), "sarif_unit.moat");
}

const json& result_for(const json& log, const std::string& threat) {
  for (const json& r : log["runs"][0]["results"]) {
    if (r["properties"]["threatId"] == threat) return r;
  }
  FAIL("no result for " << threat);
  static const json none;
  return none;
}

bool has_result(const json& log, const std::string& threat) {
  for (const json& r : log["runs"][0]["results"]) {
    if (r["properties"]["threatId"] == threat) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("sarif: log, run and driver") {
  const Rendered m = unit_model();
  const json log = m.log();
  CHECK(log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json");
  CHECK(log["version"] == "2.1.0");
  REQUIRE(log["runs"].size() == 1);
  const json& driver = log["runs"][0]["tool"]["driver"];
  CHECK(driver["name"] == "moat");
  CHECK(driver["semanticVersion"] == "0.1.0");
  CHECK(driver["informationUri"].get<std::string>().starts_with("https://"));
  CHECK(driver["rules"].size() == m.c->graph.rules.size());
  CHECK(log["runs"][0]["automationDetails"]["id"] == "moat/sarif_unit.moat/");
  CHECK(log["runs"][0]["columnKind"] == "unicodeCodePoints");
}

TEST_CASE("sarif: rule descriptors") {
  const json log = unit_model().log();
  const json& rules = log["runs"][0]["tool"]["driver"]["rules"];
  const json& critical = rules[0];
  CHECK(critical["id"] == "r_critical");
  CHECK(critical["name"] == "RCritical");
  CHECK(critical["shortDescription"]["text"] == "Critical thing");
  CHECK(critical["fullDescription"]["text"] == "Critical thing");
  CHECK(critical["help"]["text"].get<std::string>().find(
            "https://cwe.mitre.org/data/definitions/269.html") != std::string::npos);
  CHECK(critical["help"]["markdown"].get<std::string>().find(
            "[CWE-269](https://cwe.mitre.org/data/definitions/269.html)") != std::string::npos);
  CHECK(critical["defaultConfiguration"]["level"] == "error");
  CHECK(critical["properties"]["security-severity"] == "9.5");
  CHECK(critical["properties"]["precision"] == "high");
  // Ten tags at most: security, the STRIDE category, as many controls as fit, then the CWE.
  const json& tags = critical["properties"]["tags"];
  REQUIRE(tags.size() == 10);
  CHECK(tags[0] == "security");
  CHECK(tags[1] == "stride/elevation-of-privilege");
  CHECK(tags[2] == "soc2/CC6.1");
  CHECK(tags[9] == "external/cwe/cwe-269");
  CHECK(critical["properties"]["soc2"].size() == 10);

  const char* levels[] = {"error", "error", "warning", "note", "note"};
  const char* scores[] = {"9.5", "7.5", "5.0", "2.5", "0.5"};
  for (int i = 0; i < 5; ++i) {
    CHECK(rules[i]["defaultConfiguration"]["level"] == levels[i]);
    CHECK(rules[i]["properties"]["security-severity"] == scores[i]);
  }
  CHECK(rules[1]["properties"]["tags"] ==
        json::array({"security", "stride/information-disclosure"}));
  // SARIF1001: a name equal to the id but for case is left out.
  CHECK_FALSE(rules[5].contains("name"));
}

TEST_CASE("sarif: one result per open threat, with the rule's level") {
  const Rendered m = unit_model();
  const json log = m.log();
  std::size_t open = 0;
  for (const Threat& t : m.analysis.threats) open += t.status == ThreatStatus::Open;
  CHECK(log["runs"][0]["results"].size() == open);
  CHECK_FALSE(has_result(log, "api.r_medium"));  // mitigated
  CHECK_FALSE(has_result(log, "api.r_low"));     // accepted
  CHECK(has_result(log, "worker.r_low"));        // its acceptance expired
  for (const json& r : log["runs"][0]["results"]) {
    const json& rule = log["runs"][0]["tool"]["driver"]["rules"][r["ruleIndex"].get<std::size_t>()];
    CHECK(rule["id"] == r["ruleId"]);
    CHECK(r["level"] == rule["defaultConfiguration"]["level"]);
    CHECK(r["properties"]["status"] == "open");
  }
}

TEST_CASE("sarif: messages name the element and link the mitigations") {
  const json log = unit_model().log();
  CHECK(result_for(log, "api.r_critical")["message"]["text"] ==
        "Critical thing: process 'Booking API' (api).");
  CHECK(result_for(log, "worker.r_info")["message"]["text"] == "Info thing: process 'worker'.");
  CHECK(result_for(log, "api.r_high")["message"]["text"] ==
        "High thing: process 'Booking API' (api). Mitigation [plan](1) is planned.");
  CHECK(result_for(log, "worker.r_low")["message"]["text"] ==
        "Low thing: process 'worker'. Its acceptance by 'ops' expired on 2020-01-01.");

  const json& related = result_for(log, "api.r_high")["relatedLocations"];
  REQUIRE(related.size() == 2);  // the mitigation, its evidence file; not the URL
  CHECK(related[0]["id"] == 1);
  CHECK(related[0]["physicalLocation"]["artifactLocation"]["uri"] == "sarif_unit.moat");
  CHECK(related[0]["physicalLocation"]["region"]["startLine"] == 13);
  CHECK(related[1]["id"] == 2);
  CHECK(related[1]["physicalLocation"]["artifactLocation"]["uri"] == "docs/runbook.md");
  CHECK(related[1]["physicalLocation"]["region"]["startLine"] == 4);
  CHECK_FALSE(result_for(log, "api.r_critical").contains("relatedLocations"));
}

TEST_CASE("sarif: the declaration first, then the element's code") {
  const json log = unit_model().log();
  const json& locations = result_for(log, "api.r_critical")["locations"];
  REQUIRE(locations.size() == 6);  // the glob, the URL and the path outside the root are left out
  const json& decl = locations[0]["physicalLocation"];
  CHECK(decl["artifactLocation"]["uri"] == "sarif_unit.moat");
  CHECK(decl["region"] ==
        json({{"startLine", 3}, {"startColumn", 9}, {"endLine", 3}, {"endColumn", 12}}));
  CHECK(locations[1]["physicalLocation"] == json({{"artifactLocation", {{"uri", "src/api/"}}}}));
  CHECK(locations[2]["physicalLocation"]["artifactLocation"]["uri"] == "src/x.ts");
  CHECK(locations[2]["physicalLocation"]["region"] == json({{"startLine", 12}, {"endLine", 12}}));
  CHECK(locations[3]["physicalLocation"]["region"] == json({{"startLine", 3}, {"endLine", 9}}));
  CHECK(locations[4]["physicalLocation"]["region"] == json({{"startLine", 1}}));
  CHECK(locations[5]["physicalLocation"]["artifactLocation"]["uri"] == "src/%3Codd%3E%20name.ts");
  CHECK(result_for(log, "worker.r_info")["locations"].size() == 1);
}

TEST_CASE("sarif: URLs travel as references; other repositories' files are left out") {
  const json log = unit_model().log();
  // The element's URL, then its mitigations' evidence URLs, each once.
  CHECK(result_for(log, "api.r_high")["properties"]["references"] ==
        json({"https://example.com/x", "https://wiki.example/x"}));
  CHECK(result_for(log, "api.r_critical")["properties"]["references"] ==
        json({"https://example.com/x"}));
  CHECK_FALSE(result_for(log, "worker.r_info")["properties"].contains("references"));

  const Rendered repos(compile_text("repos.moat", R"moat(model "Repos"
repositories { gitaly = "../gitaly" }
process api "API" { code = ["gitaly:internal/x.go:3", "src/x.ts"] }
rule r "R" { applies = process, category = spoofing, severity = low, when = true }
)moat"),
                       "repos.moat");
  const json repos_log = repos.log();  // result_for returns a reference into the log
  const json& locations = result_for(repos_log, "api.r")["locations"];
  REQUIRE(locations.size() == 2);
  CHECK(locations[1]["physicalLocation"]["artifactLocation"]["uri"] == "src/x.ts");
}

TEST_CASE("sarif: @moat annotations are code locations and mitigation evidence") {
  const std::vector<Annotation> annotations = {
      {Annotation::Kind::Threat, "api.r_critical", "src/threat.ts", 7, {}},
      {Annotation::Kind::Element, "api", "src/element.ts", 3, {}},
      {Annotation::Kind::Mitigation, "plan", "src/plan.ts", 5, {}},
  };
  const Rendered m(compile_text("sarif_unit.moat", kModel), "sarif_unit.moat", &annotations);
  const json log = m.log();
  const json& locations = result_for(log, "api.r_critical")["locations"];
  REQUIRE(locations.size() == 8);
  CHECK(locations[1]["physicalLocation"] == json({{"artifactLocation", {{"uri", "src/threat.ts"}}},
                                                  {"region", {{"startLine", 7}, {"endLine", 7}}}}));
  CHECK(locations[2]["physicalLocation"]["artifactLocation"]["uri"] == "src/api/");
  CHECK(locations[7]["physicalLocation"]["artifactLocation"]["uri"] == "src/element.ts");
  const json& related = result_for(log, "api.r_high")["relatedLocations"];
  REQUIRE(related.size() == 3);
  CHECK(related[2]["physicalLocation"]["artifactLocation"]["uri"] == "src/plan.ts");
  CHECK(related[2]["message"]["text"] == "Evidence for mitigation 'plan'.");
}

TEST_CASE("sarif: URIs are relative to the repository root, whatever the spelling") {
  const Rendered m = unit_model();
  const std::string cwd = std::filesystem::current_path().string();
  const json a = sarif_log(m.context(cwd));
  const json b = sarif_log(m.context(cwd + "/."));
  CHECK(a.dump() == b.dump());
  // A model outside the root still gets a relative reference, never an absolute path.
  const std::filesystem::path sub = std::filesystem::current_path() / "sarif-unit-subdir";
  const json c = sarif_log(m.context(sub.string()));
  CHECK(c["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
        "../sarif_unit.moat");
}

TEST_CASE("sarif: fingerprints are stable and derived from the threat id") {
  const Rendered m = unit_model();
  const std::string first = m.log().dump(2);
  const std::string second = m.log().dump(2);
  CHECK(first == second);
  const json log = m.log();
  const json& r = result_for(log, "api.r_critical");
  CHECK(r["partialFingerprints"]["primaryLocationLineHash"] ==
        fnv1a64_hex("api.r_critical") + ":1");
  CHECK(r["partialFingerprints"]["moatThreatId/v1"] == "api.r_critical");
  // The same threat in an edited model (the element moved down a line) keeps its fingerprint.
  const Rendered moved(
      compile_text("sarif_unit.moat", std::string("// a new first line\n") + kModel),
      "sarif_unit.moat");
  const json moved_log = moved.log();
  const json& again = result_for(moved_log, "api.r_critical");
  CHECK(again["partialFingerprints"] == r["partialFingerprints"]);
  CHECK(again["locations"][0]["physicalLocation"]["region"]["startLine"] == 4);
}

TEST_CASE("sarif: hostile strings survive a JSON round trip") {
  const Rendered m(compile_file(MOAT_SOURCE_DIR "/tests/models/hostile-strings.moat"),
                   MOAT_SOURCE_DIR "/tests/models/hostile-strings.moat");
  const std::string bytes = sarif_log(m.context(MOAT_SOURCE_DIR)).dump(2);
  const json parsed = json::parse(bytes);
  CHECK(parsed.dump(2) == bytes);
  const json& results = parsed["runs"][0]["results"];
  REQUIRE_FALSE(results.empty());
  for (const json& r : results) {
    CHECK(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
          "tests/models/hostile-strings.moat");
    const std::string text = r["message"]["text"];
    for (char c : text) CHECK(static_cast<unsigned char>(c) >= 0x20);
  }
  const json& attack = result_for(parsed, "attack.unencrypted_crossing");
  CHECK(attack["message"]["text"].get<std::string>().find("\\[x\\] (y) {z} <a href='x'>") !=
        std::string::npos);
  const json& mallory = result_for(parsed, "mallory.unattributable_caller");
  CHECK(mallory["message"]["text"] ==
        "A caller uses a process anonymously: actor 'Mallory \"the\" <b>attacker</b> second line' "
        "(mallory).");
}

TEST_CASE("sarif: small mappings") {
  CHECK(std::string(sarif_level("critical")) == "error");
  CHECK(std::string(sarif_level("medium")) == "warning");
  CHECK(std::string(sarif_level("info")) == "note");
  CHECK(std::string(sarif_security_severity("low")) == "2.5");
  CHECK(sarif_rule_name("unencrypted_crossing") == "UnencryptedCrossing");
  CHECK(sarif_rule_name("STRIDE.I.flow-unencrypted") == "STRIDEIFlowUnencrypted");
  CHECK(sarif_message_text("a [b](1) \\ c\nd\te") == "a \\[b\\](1) \\\\ c d e");
}

TEST_CASE("sarif paths: code locations") {
  CodeLocation l = parse_code_location("src/api/");
  CHECK(l.path == "src/api");
  CHECK(l.directory);
  CHECK(l.first_line == 0);
  l = parse_code_location("src/x.ts:12");
  CHECK(l.path == "src/x.ts");
  CHECK((l.first_line == 12 && l.last_line == 12));
  l = parse_code_location("a.ts:3-9");
  CHECK((l.path == "a.ts" && l.first_line == 3 && l.last_line == 9));
  // As the analyzer reads them: a reversed range is no range, a backslash is no separator.
  CHECK(parse_code_location("a.ts:9-3").path == "a.ts:9-3");
  l = parse_code_location("src\\win\\file.cs:7");
  CHECK((l.path == "src\\win\\file.cs" && l.first_line == 7));
  CHECK(parse_code_location("src/**/*.ts").glob);
  CHECK_FALSE(parse_code_location("src/x.ts").glob);
  l = parse_code_location("odd:name:x");
  CHECK((l.path == "odd:name:x" && l.first_line == 0));
  CHECK(parse_code_location("a.ts:0").first_line == 0);
  CHECK(parse_code_location("a.ts:99999999999").first_line == 0);
  CHECK(parse_code_location("https://wiki.example/page:3").external);
  CHECK(parse_code_location("gitaly:internal/x.go:3").other_repository);
  CHECK_FALSE(parse_code_location("Makefile:3").other_repository);
  CHECK_FALSE(parse_code_location("https://wiki.example/page").other_repository);
}

TEST_CASE("sarif paths: inside the repository or not") {
  CHECK(code_path_in_repo("src/x.ts", "/repo") == "src/x.ts");
  CHECK(code_path_in_repo("./src/../lib/y.ts", "/repo") == "lib/y.ts");
  CHECK(code_path_in_repo("/repo/lib/z.ts", "/repo") == "lib/z.ts");
  CHECK_FALSE(code_path_in_repo("../elsewhere.ts", "/repo"));
  CHECK_FALSE(code_path_in_repo("/etc/passwd", "/repo"));
  CHECK_FALSE(code_path_in_repo(".", "/repo"));
  CHECK_FALSE(code_path_in_repo("", "/repo"));
}

TEST_CASE("sarif paths: URI references and hashes") {
  CHECK(uri_reference("src/a-b_c.d~e/f.ts") == "src/a-b_c.d~e/f.ts");
  CHECK(uri_reference("a b/%/#?:[x]") == "a%20b/%25/%23%3F%3A%5Bx%5D");
  CHECK(uri_reference("\xC3\xA9.ts") == "%C3%A9.ts");
  CHECK(fnv1a64_hex("") == "cbf29ce484222325");
  CHECK(fnv1a64_hex("a") == "af63dc4c8601ec8c");
  CHECK(fnv1a64_hex("foobar") == "85944171f73967e8");
}
