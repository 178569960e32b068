// How the SARIF reader keeps large logs small (docs/performance.md, "Scanner evidence"): each
// result is read from SAX events into a reused JsonTree that means what nlohmann's DOM meant,
// goes straight into the evidence, and shares the texts results repeat instead of copying them.
#include <doctest/doctest.h>

#include <sstream>

#include "evidence/json_tree.hpp"
#include "evidence/sarif_reader.hpp"
#include "fixture.hpp"

namespace {

using namespace moat;

struct Read {
  std::unique_ptr<Compilation> c = moat_test::compile_source_file("tests/evidence/evidence.moat");
  ScanEvidence scans;
  SarifError error;
  bool ok = false;

  explicit Read(const std::string& text) {
    std::istringstream in(text);
    ok = read_sarif(in, "text", Classifier(c->graph), {"/repo"}, scans, error);
  }
};

std::string log_with(const std::string& results, const std::string& run_extra = "") {
  return R"({"version": "2.1.0", "runs": [{)" + run_extra +
         R"("tool": {"driver": {"name": "Semgrep OSS", "rules": [
           {"id": "py.sqli", "shortDescription": {"text": "SQL built from input"},
            "properties": {"tags": ["CWE-89: SQL Injection"], "security-severity": "8.1"}}]}},
         "results": [)" +
         results + "]}]}";
}

}  // namespace

TEST_CASE("sarif streaming: the JSON tree answers as nlohmann's DOM does") {
  sarif::JsonTree t;
  // {"a": 1, "b": {"c": "x"}, "a": [true, null, 2.5], "d": 18446744073709551615}
  t.open_object();
  t.key("a");
  t.add_integer(1);
  t.key("b");
  t.open_object();
  t.key("c");
  t.add_string("x");
  t.close();
  t.key("a");
  t.open_array();
  t.add_boolean(true);
  t.add_null();
  t.add_float(2.5);
  t.close();
  t.key("d");
  t.add_unsigned(18446744073709551615ull);
  t.close();
  REQUIRE(t.depth() == 0);
  const sarif::JsonNode& root = t.root();
  CHECK(root.is_object());
  CHECK(root.size() == 3);  // "a" counted once: its last value wins
  const sarif::JsonNode* a = root.find("a");
  REQUIRE(a);
  CHECK(a->is_array());
  CHECK(a->size() == 3);
  CHECK(a->first()->is_boolean());
  CHECK(a->first()->next()->is_null());
  CHECK(a->first()->next()->next()->dump() == "2.5");
  CHECK(root.find("b")->find("c")->text() == "x");
  CHECK(root.find("b")->find("a") == nullptr);
  CHECK(root.find("d")->is_number_integer());
  CHECK(root.find("d")->integer() == -1);  // as nlohmann's get<std::int64_t>() converts it
  std::string keys;
  for (const sarif::JsonNode* m = root.first(); m; m = m->next()) keys += m->key();
  CHECK(keys == "bad");  // the first "a" is passed over, its last value visited in its place
  CHECK(a->find("a") == nullptr);  // an array has no members
  t.clear();
  t.add_string("again");
  CHECK(t.root().text() == "again");
}

TEST_CASE("sarif streaming: a result's key given twice counts its last value") {
  const Read r(log_with(R"({"ruleId": 5, "ruleId": "py.sqli", "level": "bogus", "level": "error",
                            "message": {"text": "first"}, "message": {"text": "second"},
                            "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a.py"}}}]})"));
  REQUIRE(r.ok);
  REQUIRE(r.scans.results.size() == 1);
  const SarifResult& s = r.scans.results[0];
  CHECK(*s.rule_id == "py.sqli");
  CHECK(s.level == SarifLevel::Error);
  CHECK(*s.message == "second");
  const Read wrong(log_with(R"({"ruleId": "py.sqli", "ruleId": 5})"));
  CHECK_FALSE(wrong.ok);
  CHECK(wrong.error.pointer == "/runs/0/results/0/ruleId");
}

TEST_CASE("sarif streaming: results of one rule share its texts instead of copying them") {
  const std::string one =
      R"({"ruleId": "py.sqli", "message": {"text": "Query built from input"},
          "locations": [{"physicalLocation": {"artifactLocation": {"uri": "src/db.py"},
                                              "region": {"startLine": 4}}}]})";
  const Read r(log_with(one + "," + one + "," + one));
  REQUIRE(r.ok);
  REQUIRE(r.scans.results.size() == 3);
  const SarifResult& a = r.scans.results[0];
  const SarifResult& b = r.scans.results[2];
  CHECK(*a.rule_name == "SQL built from input");
  CHECK(a.tags->size() == 1);
  CHECK(*a.cwes == std::vector<std::uint32_t>{89});
  CHECK(*a.security_severity == "8.1");
  // One copy each, however many results carry it.
  CHECK(&*a.rule_id == &*b.rule_id);
  CHECK(&*a.rule_name == &*b.rule_name);
  CHECK(&*a.tags == &*b.tags);
  CHECK(&*a.cwes == &*b.cwes);
  CHECK(&*a.message == &*b.message);
  CHECK(&*a.locations[0].path == &*b.locations[0].path);
}

TEST_CASE("sarif streaming: a run's tool after its results, and a base on one location of two") {
  const std::string result =
      R"({"ruleIndex": 0, "properties": {"tags": ["external/cwe/cwe-079"]},
          "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a.py"}}},
                        {"physicalLocation": {"artifactLocation": {"uri": "b.py",
                                                                   "uriBaseId": "SRC"}}}]})";
  const Read r(R"({"version": "2.1.0", "runs": [{"results": [)" + result + R"(],
      "originalUriBaseIds": {"SRC": {"uri": "lib/"}},
      "tool": {"driver": {"name": "Semgrep OSS", "rules": [
        {"id": "py.sqli", "shortDescription": {"text": "SQL built from input"},
         "properties": {"tags": ["CWE-89"]}}]}}}]})");
  REQUIRE(r.ok);
  REQUIRE(r.scans.results.size() == 1);
  const SarifResult& s = r.scans.results[0];
  CHECK(*s.rule_id == "py.sqli");  // from the rule the index names, known at the run's end
  CHECK(*s.rule_name == "SQL built from input");
  CHECK(*s.tags == std::vector<std::string>{"CWE-89", "external/cwe/cwe-079"});
  CHECK(*s.cwes == std::vector<std::uint32_t>{89, 79});
  REQUIRE(s.locations.size() == 2);
  CHECK(*s.locations[0].path == "a.py");
  CHECK(*s.locations[1].path == "lib/b.py");
}
