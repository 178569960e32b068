// Code locations across repositories (compiler/repositories.hpp) and their checks
// (analyzer/locations.hpp): the prefix syntax, the declarations, the workspace rule and the
// terminal folding of stale locations.
#include <doctest/doctest.h>

#include "analyzer/locations.hpp"
#include "compiler/repositories.hpp"
#include "tests/unit/fixture.hpp"
#include "tests/unit/test_files.hpp"

using namespace moat;
using moat_test::kinds;

namespace {

/// A workspace folder holding the model's repository `product` and a sibling checkout `gitaly`.
struct Workspace {
  moat_test::TempDir dir;
  Workspace() {
    dir.write("product/src/app.py", "one\ntwo\n");
    dir.write("gitaly/internal/x.go", "package internal\n");
  }
  std::string root() const { return (dir.path / "product").string(); }
  std::string gitaly() const { return (dir.path / "gitaly").string(); }
};

}  // namespace

TEST_CASE("split_repository: a name, ':' and something that is not a line range") {
  CHECK(split_repository("gitaly:internal/").repository == "gitaly");
  CHECK(split_repository("gitaly:internal/").path == "internal/");
  CHECK(split_repository("gitaly:cmd/main.go:12").path == "cmd/main.go:12");
  CHECK(split_repository("git-aly_2:x").repository == "git-aly_2");
  for (const char* plain :
       {"Makefile:12", "Makefile:3-9", "src/a.py:1", "a.py", "gitaly:", "https://x.example/a:b",
        "HTTP://x.example", "9lives:x", "-x:y", "x-:y", "src/gitaly:x", ""}) {
    CAPTURE(plain);
    CHECK(split_repository(plain).repository.empty());
    CHECK(split_repository(plain).path == plain);
  }
  CHECK(is_url("https://a.example"));
  CHECK(is_url("HtTp://a.example"));
  CHECK_FALSE(is_url("ftp://a.example"));
  CHECK_FALSE(is_url("https:/a.example"));
}

TEST_CASE("repositories: names declared once, folders given as strings, prefixes checked") {
  auto c = compile_text("m.moat", R"(model "M"
repositories { gitaly = "../gitaly", pages = "../pages" }
process api { code = ["gitaly:internal/", "gitly:x", "https://docs.example/x", "Makefile:3"] }
)");
  REQUIRE(c->diags.sorted().size() == 1);
  const Diagnostic d = c->diags.sorted()[0];
  CHECK(d.kind == DiagKind::UnknownRepository);
  CHECK(d.suggestion == "gitaly");
  CHECK(c->graph.repositories.size() == 2);
  CHECK(c->graph.repositories[1].id == "pages");
  CHECK(c->graph.repositories[1].path == "../pages");

  auto twice = compile_text("m.moat", R"(model "M"
repositories { a = "../a" }
repositories { a = "../b", b = b, c = "" }
)");
  CHECK(kinds(twice->diags) ==
        std::vector<std::string>{"DuplicateId", "TypeMismatch", "TypeMismatch"});
}

TEST_CASE("locations in repositories are checked in their folders, inside the workspace") {
  const Workspace ws;
  auto c = compile_text("m.moat", R"(model "M"
repositories { gitaly = "../gitaly", missing = "../nope", far = "../../..", abs = "/etc" }
process api { code = ["src/app.py:2", "gitaly:internal/x.go:1", "gitaly:internal/y.go",
                      "missing:a", "missing:b", "far:x", "abs:passwd", "https://x.example/y"] }
)");
  REQUIRE(c->ok());
  check_locations(c->graph, {ws.root(), false, false, {}}, c->diags);
  CHECK(kinds(c->diags) == std::vector<std::string>{"MissingRepository",
                                                    "RepositoryOutsideWorkspace",
                                                    "RepositoryOutsideWorkspace", "StaleLocation"});

  SUBCASE("quiet: no warnings, the errors stay") {
    auto q = compile_text("m.moat", R"(model "M"
repositories { missing = "../nope", abs = "/etc" }
process api { code = ["src/none.py", "missing:a", "abs:x"] }
)");
    check_locations(q->graph, {ws.root(), false, true, {}}, q->diags);
    CHECK(kinds(q->diags) == std::vector<std::string>{"RepositoryOutsideWorkspace"});
    // --strict-locations wins over quiet: the stale ones are errors again.
    auto s = compile_text("m.moat", R"(model "M"
process api { code = ["src/none.py"] }
)");
    check_locations(s->graph, {ws.root(), true, true, {}}, s->diags);
    CHECK(s->diags.error_count() == 1);
  }

  SUBCASE("a folder given on the command line is trusted and replaces the model's") {
    auto r = compile_text("m.moat", R"(model "M"
repositories { gitaly = "/elsewhere" }
process api { code = ["gitaly:internal/x.go:1"] }
)");
    check_locations(r->graph, {ws.root(), false, false, {{"gitaly", ws.gitaly()}}}, r->diags);
    CHECK(r->diags.sorted().empty());
  }
}

TEST_CASE("fold_stale_locations: others first, five in full, then one line per folder") {
  SourceManager sources;
  const FileId file = sources.add("m.moat", std::string(200, ' '));
  std::vector<Diagnostic> diags;
  auto stale = [&](std::uint32_t at, const char* group) {
    Diagnostic d;
    d.kind = DiagKind::StaleLocation;
    d.severity = Severity::Warning;
    d.span = {file, at, at + 1};
    d.message = "stale";
    d.group = group;
    diags.push_back(d);
  };
  for (std::uint32_t i = 0; i < 9; ++i) stale(i, i < 7 ? "web/" : "lib/");
  stale(20, "only/");
  Diagnostic other;
  other.kind = DiagKind::SelfFlow;
  other.severity = Severity::Warning;
  other.span = {file, 100, 101};
  diags.push_back(other);
  const std::vector<Diagnostic> out = fold_stale_locations(sources, diags);
  REQUIRE(out.size() == 9);
  CHECK(out[0].kind == DiagKind::SelfFlow);
  for (int i = 1; i <= 5; ++i) CHECK(out[i].message == "stale");
  CHECK(out[6].message ==
        "2 more stale code locations under 'web/' (the first at m.moat:1:6; --format json lists "
        "all)");
  CHECK_FALSE(out[6].span.valid());
  CHECK(out[7].message.starts_with("2 more stale code locations under 'lib/'"));
  CHECK(out[8].message == "stale");  // a folder with one remaining location shows it in full
  CHECK(fold_stale_locations(sources, {diags.begin(), diags.begin() + 5}).size() == 5);
}
