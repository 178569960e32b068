// The statement keywords (grammar/keywords.hpp) and what is derived from them: the syntax error
// that lists the declarations, the names of declaration kinds, and where each keyword may start
// a statement, seen through the parser and the formatter.
#include <doctest/doctest.h>

#include "compiler/compile.hpp"
#include "compiler/formatter.hpp"
#include "compiler/schema.hpp"
#include "grammar/keywords.hpp"

using namespace moat;
namespace g = moat::grammar;

TEST_CASE("the keyword table is searched by text and by where a keyword may stand") {
  REQUIRE(g::find_keyword("flow") != nullptr);
  CHECK(g::find_keyword("flow")->keyword == g::Keyword::Flow);
  CHECK(g::find_keyword("flows") == nullptr);
  CHECK(g::find_keyword("expect", g::kTopLevel) == nullptr);
  CHECK(g::find_keyword("expect", g::kInTest) != nullptr);
  CHECK(g::find_keyword("rule", g::kInBoundary) == nullptr);
  CHECK(g::find_keyword("store", g::kInBoundary) != nullptr);
  CHECK(g::count_keywords(g::kTopLevel) == 24);
  CHECK(g::find_keyword("dismiss", g::kInTest) != nullptr);
  CHECK(g::find_keyword("threat", g::kInTest) == nullptr);  // tests inherit rules, not threats
  CHECK(g::find_keyword("repositories", g::kTopLevel) != nullptr);
  CHECK(g::find_keyword("repositories", g::kInBoundary) == nullptr);
  CHECK(g::count_keywords(g::kElement) == 5);
  const auto boundary = g::keywords_with<g::kInBoundary>();
  CHECK(std::vector<g::Keyword>(boundary.begin(), boundary.end()) ==
        std::vector<g::Keyword>{g::Keyword::Data, g::Keyword::Actor, g::Keyword::External,
                                g::Keyword::Process, g::Keyword::Store, g::Keyword::Boundary,
                                g::Keyword::Flow});
}

TEST_CASE("declaration kinds are named by their keywords") {
  CHECK(std::string(decl_kind_name(DeclKind::Actor)) == "actor");
  CHECK(std::string(decl_kind_name(DeclKind::Data)) == "data");
  CHECK(std::string(decl_kind_name(DeclKind::Flow)) == "flow");
  CHECK(std::string(decl_kind_name(DeclKind::Criterion)) == "criterion");
  CHECK(std::string(decl_kind_name(DeclKind::Attest)) == "attest");
  for (int k = 0; k < kKindCount; ++k) {
    CHECK(std::string(kind_name(static_cast<Kind>(k))) ==
          decl_kind_name(decl_kind(static_cast<Kind>(k))));
  }
}

TEST_CASE("a syntax error outside any declaration lists the top-level keywords, and only them") {
  // test_parser.cpp checks the message word for word; here, that it follows the table.
  const auto c = compile_text("k.moat", "model \"M\" {}\n= 1\n");
  const std::vector<Diagnostic> diags = c->diags.sorted();
  REQUIRE(diags.size() == 1);
  // "expected a declaration (a, b, ... or z)" -> {a, b, ..., z}
  const std::string& message = diags[0].message;
  const std::size_t open = message.find('(');
  REQUIRE(open != std::string::npos);
  std::string list = message.substr(open + 1, message.size() - open - 2) + ", ";
  list.replace(list.rfind(" or "), 4, ", ");
  std::vector<std::string_view> listed;
  for (std::size_t at = 0, comma; (comma = list.find(", ", at)) != std::string::npos;
       at = comma + 2)
    listed.push_back(std::string_view(list).substr(at, comma - at));
  std::vector<std::string_view> top;
  for (const g::KeywordInfo& k : g::kKeywords) {
    if ((k.flags & g::kTopLevel) != 0) top.push_back(k.text);
  }
  CHECK(listed == top);
}

TEST_CASE("after a syntax error the parser resumes at every top-level keyword") {
  // A broken attribute, then a line that starts with the keyword: the keyword's own (broken)
  // statement must be reported too, so the parser resumed there.
  for (const g::KeywordInfo& k : g::kKeywords) {
    if ((k.flags & g::kTopLevel) == 0) continue;
    INFO(k.text);
    const auto c = compile_text("k.moat", "model \"M\" { a = }\n" + std::string(k.text) + " \"\n");
    CHECK(c->diags.error_count() == 2);
  }
}

TEST_CASE("the formatter takes each keyword for the start of an item where it may start one") {
  const FormatResult top = format_checked(
      "model \"M\" {} use stride actor a process p flow a -> p enum e { x } rule r { when = true "
      "}");
  REQUIRE(top.ok);
  CHECK(top.text ==
        "model \"M\" {}\nuse stride\nactor a\nprocess p\nflow a -> p\nenum e { x }\n"
        "rule r { when = true }\n");
  // In a test block, a line that starts with a keyword is an item; any other line continues one.
  const FormatResult test = format_checked(
      "test \"t\" {\nactor a\n\"A\"\nprocess p\nflow a -> p\nexpect r on p\nmodel \"X\" {}\n}\n");
  REQUIRE(test.ok);
  CHECK(test.text ==
        "test \"t\" {\n  actor a\n    \"A\"\n  process p\n  flow a -> p\n  expect r on p\n"
        "  model \"X\" {}\n}\n");
}
