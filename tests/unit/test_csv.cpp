// The CSV risk register (backends/csv_escape.hpp and the "csv" backend): RFC 4180 quoting,
// formula neutralisation, and the register of a model.
#include <doctest/doctest.h>

#include <filesystem>

#include "backends/csv_escape.hpp"
#include "backends/registry.hpp"
#include "compiler/compile.hpp"
#include "tests/unit/fixture.hpp"

using namespace moat;

namespace {

/// Parses RFC 4180 text (CRLF records, quoted fields) back into records, strictly.
std::vector<std::vector<std::string>> parse_csv(std::string_view text) {
  std::vector<std::vector<std::string>> records(1);
  std::string field;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '"') {
      for (++i; i < text.size(); ++i) {
        if (text[i] == '"' && i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else if (text[i] == '"') {
          ++i;
          break;
        } else {
          field += text[i];
        }
      }
      REQUIRE((i == text.size() || text[i] == ',' || text[i] == '\r'));
    }
    if (i == text.size()) break;
    if (text[i] == ',') {
      records.back().push_back(std::move(field));
      field.clear();
      ++i;
    } else if (text[i] == '\r') {
      REQUIRE(i + 1 < text.size());
      REQUIRE(text[i + 1] == '\n');
      records.back().push_back(std::move(field));
      field.clear();
      records.emplace_back();
      i += 2;
    } else {
      REQUIRE(text[i] != '\n');
      REQUIRE(text[i] != '"');
      field += text[i++];
    }
  }
  REQUIRE(records.back().empty());  // the text ends with CRLF
  REQUIRE(field.empty());
  records.pop_back();
  return records;
}

Backend csv_backend() {
  for (const Backend& b : backends()) {
    if (b.format == "csv") return b;
  }
  FAIL("no csv backend");
  return {};
}

std::string render(const moat_test::Analyzed& m, const std::string& model_path,
                   const std::string& root) {
  const RenderResult r = csv_backend().render(m.context(model_path, root));
  REQUIRE(r.error.empty());
  return r.bytes;
}

const std::vector<std::string> kHeader = {"threat_id",
                                          "rule",
                                          "title",
                                          "category",
                                          "severity",
                                          "status",
                                          "element",
                                          "element_kind",
                                          "controls",
                                          "mitigations",
                                          "mitigation_status",
                                          "owner",
                                          "acceptance_expires",
                                          "cwe",
                                          "advice",
                                          "file",
                                          "line",
                                          "dismissed_as",
                                          "dismissal_reason",
                                          "finding",
                                          "supports",
                                          "scanner_evidence"};

}  // namespace

TEST_CASE("csv: plain fields are written as they are") {
  CHECK(csv_field("") == "");
  CHECK(csv_field("plain text") == "plain text");
  CHECK(csv_field("CC6.1;CC7.2") == "CC6.1;CC7.2");
  CHECK(csv_field("émoji 🚀") == "émoji 🚀");
  CHECK(csv_field("a'b") == "a'b");
}

TEST_CASE("csv: RFC 4180 quoting") {
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_field("two\nlines") == "\"two\nlines\"");
  CHECK(csv_field("cr\rhere") == "\"cr\rhere\"");
  CHECK(csv_field("\"") == "\"\"\"\"");
  CHECK(csv_record({"a", "b,c", ""}) == "a,\"b,c\",\r\n");
  CHECK(csv_record({}) == "\r\n");
}

TEST_CASE("csv: cells a spreadsheet would run as formulas get an apostrophe") {
  CHECK(csv_field("=1+1") == "'=1+1");
  CHECK(csv_field("+SUM(A1:A9)") == "'+SUM(A1:A9)");
  CHECK(csv_field("-2+3") == "'-2+3");
  CHECK(csv_field("@SUM(1)") == "'@SUM(1)");
  CHECK(csv_field("\tx") == "'\tx");
  CHECK(csv_field("\rx") == "\"'\rx\"");
  CHECK(csv_field("=HYPERLINK(\"http://evil.example\")") ==
        "\"'=HYPERLINK(\"\"http://evil.example\"\")\"");
  CHECK(csv_field("=cmd|' /C calc'!A0,x") == "\"'=cmd|' /C calc'!A0,x\"");
  // Only the first character counts.
  CHECK(csv_field("a=b") == "a=b");
  CHECK(csv_field("2027-06-30") == "2027-06-30");
}

TEST_CASE("csv: fields survive a round trip through a strict parser") {
  const std::vector<std::string> fields = {"plain", "a,b", "\"quoted\"", "multi\r\nline",
                                           "=x",    "-",   "",           "🚀,\""};
  const auto records = parse_csv(csv_record(fields));
  REQUIRE(records.size() == 1);
  REQUIRE(records[0].size() == fields.size());
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const bool neutralised =
        !fields[i].empty() &&
        std::string_view("=+-@\t\r").find(fields[i][0]) != std::string_view::npos;
    CHECK(records[0][i] == (neutralised ? "'" : "") + fields[i]);
  }
}

TEST_CASE("csv: the register of a model") {
  const moat_test::Analyzed m(
      compile_text("register.moat",
                   R"moat(model "Register" { version = "1", soc2_scope = [security] }
use soc2
process api "API"
process worker "Worker"
rule r_open "Open, thing" { applies = process, category = tampering, severity = high, controls = [CC8.1, CC7.1], cwe = 20, advice = "Do \"this\"", when = true, fixed_severity = true }
rule r_low "Low thing" { applies = process, category = repudiation, severity = low, supports = [CC7.2], when = true, fixed_severity = true }
mitigation fix "Fix" { mitigates = [api.r_open], status = implemented, owner = "-team" }
mitigation later "Later" { mitigates = [api.r_open], status = planned, owner = "team-b" }
accept api.r_low { reason = "fine", owner = "@boss", expires = 2099-01-01 }
accept worker.r_low { reason = "old", owner = "ops", expires = 2020-01-01 }
)moat"));
  const std::string bytes = render(m, "register.moat", std::filesystem::current_path().string());
  REQUIRE(bytes.starts_with("\xEF\xBB\xBF"));
  const auto records = parse_csv(std::string_view(bytes).substr(3));
  REQUIRE(records.size() == 5);
  CHECK(records[0] == kHeader);
  CHECK(records[1] == std::vector<std::string>{"api.r_open",
                                               "r_open",
                                               "Open, thing",
                                               "tampering",
                                               "high",
                                               "mitigated",
                                               "api",
                                               "process",
                                               "CC8.1;CC7.1",
                                               "fix;later",
                                               "implemented;planned",
                                               "'-team;team-b",
                                               "",
                                               "CWE-20",
                                               "Do \"this\"",
                                               "register.moat",
                                               "3",
                                               "",
                                               "",
                                               "api.r_open",
                                               "",
                                               ""});
  CHECK(records[2] ==
        std::vector<std::string>{"api.r_low",  "r_low",    "Low thing", "repudiation",
                                 "low",        "accepted", "api",       "process",
                                 "",           "",         "",          "'@boss",
                                 "2099-01-01", "",         "",          "register.moat",
                                 "3",          "",         "",          "api.r_low",
                                 "CC7.2",      ""});
  CHECK(records[3][0] == "worker.r_open");
  CHECK(records[3][5] == "open");
  CHECK(records[3][11] == "");
  CHECK(records[4][0] == "worker.r_low");
  CHECK(records[4][5] == "open");  // its acceptance expired
  CHECK(records[4][11] == "ops");
  CHECK(records[4][12] == "2020-01-01");
  // Deterministic.
  CHECK(render(m, "register.moat", std::filesystem::current_path().string()) == bytes);
}

TEST_CASE("csv: the hostile-strings model") {
  const std::string path = MOAT_SOURCE_DIR "/tests/models/hostile-strings.moat";
  const moat_test::Analyzed m(compile_file(path));
  const std::string bytes = render(m, path, MOAT_SOURCE_DIR);
  const auto records = parse_csv(std::string_view(bytes).substr(3));
  REQUIRE(records.size() > 1);
  bool saw_owner = false;
  for (const auto& record : records) {
    REQUIRE(record.size() == kHeader.size());
    for (const std::string& cell : record) {
      CHECK((cell.empty() || std::string_view("=+-@\t\r").find(cell[0]) == std::string_view::npos));
    }
    saw_owner |= record[11] == "'+owner";
    if (&record != &records[0]) CHECK(record[15] == "tests/models/hostile-strings.moat");
  }
  CHECK(saw_owner);
}
