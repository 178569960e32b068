// `moat fmt`'s formatter (compiler/formatter.hpp): the canonical layout rules one by one, and, on
// every model file of the repository, that formatting is idempotent, keeps every comment in
// order and never changes meaning (the compiled graph, threats, controls, rules and rule-test
// results are the same before and after).
#include <doctest/doctest.h>

#include <filesystem>
#include <set>

#include "analyzer/analysis.hpp"
#include "analyzer/rule_tests.hpp"
#include "backends/json_document.hpp"
#include "compiler/compile.hpp"
#include "compiler/formatter.hpp"

using namespace moat;
namespace fs = std::filesystem;

namespace {

std::string fmt_ok(const std::string& text) {
  const FormatResult r = format_checked(text);
  INFO(r.error);
  REQUIRE(r.ok);
  CHECK(format_source(r.text) == r.text);  // idempotent
  return r.text;
}

}  // namespace

TEST_CASE("fmt: indentation, spacing and one-line blocks") {
  CHECK(fmt_ok("model   \"M\"{version=\"1\" ,owner = \"o\"}\n") ==
        "model \"M\" { version = \"1\", owner = \"o\" }\n");
  CHECK(fmt_ok("boundary lab \"Lab\" {  }") == "boundary lab \"Lab\" {}\n");
  CHECK(fmt_ok("boundary b \"B\" {\n\t\ttrust=internal\nprocess p \"P\" { authn=jwt }\n     }\n") ==
        "boundary b \"B\" {\n  trust = internal\n  process p \"P\" { authn = jwt }\n}\n");
  CHECK(fmt_ok("flow n :a->b \"N\"\nflow a<->b\nprocess a\nprocess b\n") ==
        "flow n: a -> b \"N\"\nflow a <-> b\nprocess a\nprocess b\n");
  CHECK(fmt_ok("process a { tags = [ \"x\" ,\"y\" ], code = [] }") ==
        "process a { tags = [\"x\", \"y\"], code = [] }\n");
}

TEST_CASE("fmt: a byte-order mark is kept in front, and is not a token") {
  CHECK(fmt_ok("\xEF\xBB\xBFprocess   a \"A\"\n") == "\xEF\xBB\xBFprocess a \"A\"\n");
  CHECK(fmt_ok("\xEF\xBB\xBF") == "\xEF\xBB\xBF");
}

TEST_CASE("fmt: a multi-line block puts its items on lines of their own") {
  CHECK(fmt_ok("process w \"W\" { authn = mtls,\n  rate_limited = true }") ==
        "process w \"W\" {\n  authn        = mtls,\n  rate_limited = true\n}\n");
  // `{` under its declaration joins it; blank lines after `{` and before `}` go.
  CHECK(fmt_ok("model \"M\"\n{\n\n  version = \"1\"\n\n}\n") ==
        "model \"M\" {\n  version = \"1\"\n}\n");
}

TEST_CASE("fmt: one statement per line at the top level, blank lines collapse to one") {
  CHECK(fmt_ok("\n\nuse stride use soc2\n\n\n\nprocess a \"A\" process b\n") ==
        "use stride\nuse soc2\n\nprocess a \"A\"\nprocess b\n");
  // A keyword in the position of a name is not a statement: `attributes store`, `actor data`.
  CHECK(fmt_ok("attributes store { x: bool = false }\nactor data") ==
        "attributes store { x: bool = false }\nactor data\n");
}

TEST_CASE("fmt: the = of consecutive one-attribute lines is aligned") {
  const std::string in =
      "mitigation m \"M\" {\n"
      "  mitigates = [api]\n"
      "  status = implemented\n"
      "  owner = \"x\", ticket = \"T-1\"\n"
      "  due = 2027-01-01\n"
      "  evidence = []\n"
      "\n"
      "  controls = []\n"
      "}\n";
  const std::string out =
      "mitigation m \"M\" {\n"
      "  mitigates = [api]\n"
      "  status    = implemented\n"
      "  owner = \"x\", ticket = \"T-1\"\n"
      "  due      = 2027-01-01\n"
      "  evidence = []\n"
      "\n"
      "  controls = []\n"
      "}\n";
  CHECK(fmt_ok(in) == out);
}

TEST_CASE("fmt: comments stay on their line; end-of-line comments are aligned") {
  const std::string in =
      "/* head\n   comment */\n"
      "use stride // rules\n"
      "use soc2 // catalog\n"
      "         // (continued)\n"
      "\n"
      "process p \"P\" { // the process\n"
      "  authn = jwt /* inline */ , authz = rbac\n"
      "  // before the end\n"
      "}   // done\n"
      "// eof";
  const std::string out =
      "/* head\n   comment */\n"
      "use stride  // rules\n"
      "use soc2    // catalog\n"
      "            // (continued)\n"
      "\n"
      "process p \"P\" {  // the process\n"
      "  authn = jwt /* inline */, authz = rbac\n"
      "  // before the end\n"
      "}  // done\n"
      "// eof\n";
  CHECK(fmt_ok(in) == out);
}

TEST_CASE("fmt: multi-line expressions and lists keep their line breaks") {
  const std::string in =
      "rule r \"R\" {\n"
      "applies = process, category = spoofing, severity = low\n"
      "when = authn==none and not(rate_limited)\n"
      "               or count( inbound ,source.trust<partner )>=1\n"
      "   and any(inbound,\n"
      "   protocol in[http,tcp])\n"
      "}\n"
      "mitigation m { mitigates = [\n"
      "      r,\n"
      "  ], status = planned }\n";
  const std::string out =
      "rule r \"R\" {\n"
      "  applies = process, category = spoofing, severity = low\n"
      "  when = authn == none and not (rate_limited)\n"
      "    or count(inbound, source.trust < partner) >= 1\n"
      "    and any(inbound,\n"
      "      protocol in [http, tcp])\n"
      "}\n"
      "mitigation m {\n"
      "  mitigates = [\n"
      "    r,\n"
      "  ], status = planned\n"
      "}\n";
  CHECK(fmt_ok(in) == out);
}

TEST_CASE("fmt: schema types, enums and tests") {
  CHECK(fmt_ok("attributes store { xs : list < string >= [], o: string?, k: enum{a,b}=a }") ==
        "attributes store { xs: list<string> = [], o: string?, k: enum { a, b } = a }\n");
  CHECK(fmt_ok("enum tier ordered{ x y\n z }") == "enum tier ordered {\n  x y\n  z\n}\n");
  CHECK(fmt_ok("test \"t\" { process a \"A\"\n expect not r on a\n  expect r }") ==
        "test \"t\" {\n  process a \"A\"\n  expect not r on a\n  expect r\n}\n");
}

TEST_CASE("fmt: literals are copied verbatim; line endings and the last newline are normalised") {
  const std::string s =
      "data d \"Tok \\\"x\\\" \\t \\u{1F512} \\\\\" { retention = 90d, score = -1.5, due = "
      "2027-03-01 }\n";
  CHECK(fmt_ok(s) == s);
  CHECK(fmt_ok("model \"M\" {\r\n  version = \"1\"  /* a\r\n b */\r\n}\r\nuse soc2\t// c \r\n") ==
        "model \"M\" {\n  version = \"1\"  /* a\n b */\n}\nuse soc2  // c\n");
  CHECK(fmt_ok("use soc2") == "use soc2\n");
  CHECK(fmt_ok("use soc2\n\n\n") == "use soc2\n");
  CHECK(format_source("") == "");
  CHECK(format_source(" \n\n") == "");
}

TEST_CASE("fmt: text with syntax errors is refused") {
  const FormatResult r = format_checked("process api \"API\" { authn jwt }");
  CHECK_FALSE(r.ok);
  CHECK(r.error.find("syntax") != std::string::npos);
}

// ---------------------------------------------------------------- every model in the repository

namespace {

std::vector<std::string> corpus() {
  const fs::path root = MOAT_SOURCE_DIR;
  std::vector<std::string> files;
  auto add_dir = [&](const fs::path& dir) {
    if (!fs::is_directory(dir)) return;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
      if (e.is_regular_file() && e.path().extension() == ".moat")
        files.push_back(e.path().string());
    }
  };
  for (const char* d : {"samples", "stdlib", "tests/examples", "tests/models"}) add_dir(root / d);
  add_dir("/work/shared/examples");
  for (const auto& e : fs::directory_iterator(root / "tests/golden")) {
    const std::string name = e.path().filename().string();
    if (name.starts_with("ok_") && e.path().extension() == ".moat")
      files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string read(const std::string& path) {
  std::string text, error;
  REQUIRE_MESSAGE(read_file(path, text, error), path);
  return text;
}

/// The comments of a moat text, in order (an independent scan: strings are skipped).
std::vector<std::string> comments(const std::string& s) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] == '"') {
      for (++i; i < s.size() && s[i] != '"' && s[i] != '\n'; i += s[i] == '\\' ? 2 : 1) {
      }
      ++i;
    } else if (s.compare(i, 2, "//") == 0) {
      std::size_t end = std::min(s.find('\n', i), s.size());
      std::string c = s.substr(i, end - i);
      while (!c.empty() && (c.back() == ' ' || c.back() == '\t' || c.back() == '\r')) c.pop_back();
      out.push_back(c);
      i = end;
    } else if (s.compare(i, 2, "/*") == 0) {
      const std::size_t end = std::min(s.find("*/", i + 2), s.size() - 2) + 2;
      std::string c;
      for (std::size_t k = i; k < end; ++k) {
        if (!(s[k] == '\r' && k + 1 < end && s[k + 1] == '\n')) c += s[k];
      }
      out.push_back(c);
      i = end;
    } else {
      ++i;
    }
  }
  return out;
}

/// Drops source positions from a JSON document (formatting moves lines, by design).
nlohmann::ordered_json without_positions(nlohmann::ordered_json j) {
  if (j.is_object()) {
    for (const char* key : {"line", "column", "end_line", "end_column"}) j.erase(key);
    for (auto& [k, v] : j.items()) v = without_positions(v);
  } else if (j.is_array()) {
    for (auto& v : j) v = without_positions(v);
  }
  return j;
}

/// What a compiled model means: its graph, threats, controls, rules and rule-test results.
std::string meaning(const Compilation& c) {
  DiagnosticSink diags;
  const Analysis a = analyze(c.graph, {20000, nullptr}, diags);
  nlohmann::ordered_json j;
  j["elements"] = elements_json(c.graph);
  j["flows"] = flows_json(c.graph);
  j["threats"] = threats_json(c.program.sources, c.graph, a);
  j["controls"] = controls_json(c.graph, a);
  j["rules"] = rules_json(c.graph);
  RuleCoverage coverage;
  for (const RuleTestResult& t : run_rule_tests(c.program, coverage))
    j["tests"].push_back({t.title, t.passed});
  for (const auto& [rule, counts] : coverage.counts)
    j["coverage"][rule] = {counts.first, counts.second};
  return without_positions(j).dump(1);
}

}  // namespace

TEST_CASE("fmt: every model file formats idempotently and keeps its comments in order") {
  const std::vector<std::string> files = corpus();
  REQUIRE(files.size() >= 15);
  for (const std::string& f : files) {
    INFO(f);
    const std::string text = read(f);
    const FormatResult r = format_checked(text);
    INFO(r.error);
    REQUIRE(r.ok);
    CHECK(format_source(r.text) == r.text);
    CHECK(comments(r.text) == comments(text));
    CHECK(r.text.ends_with("\n"));
    CHECK_FALSE(r.text.ends_with("\n\n"));
  }
}

TEST_CASE("fmt: formatting never changes what a model means") {
  CompileOptions plain;
  plain.require_model = false;
  CompileOptions formatted = plain;
  std::set<std::string> covered;  // files compiled formatted, as a root or as an import
  formatted.reader = [&](const std::string& path, std::string& text, std::string& error) {
    if (!read_file(path, text, error)) return false;
    text = format_source(text);
    covered.insert(fs::weakly_canonical(path).string());
    return true;
  };
  const std::vector<std::string> files = corpus();
  for (const std::string& f : files) {
    INFO(f);
    const auto before = compile_file(f, plain);
    if (!before->ok()) continue;  // a fragment (imported by another file) or the prelude
    const auto after = compile_file(f, formatted);
    INFO(render_text(after->program.sources, after->diags.sorted()));
    REQUIRE(after->ok());
    CHECK(meaning(*after) == meaning(*before));
  }
  // Every file took part, except the prelude, which cannot compile beside the built-in one
  // (format_checked still proves it parses to the same tokens and comments).
  for (const std::string& f : files) {
    if (fs::path(f).filename() == "prelude.moat") continue;
    CHECK_MESSAGE(covered.count(fs::weakly_canonical(f).string()), f);
  }
}
