// Code locations (analyzer/locations.hpp): how "path", "path:line" and "path:from-to" are read,
// which paths stay inside the repository root, and what `check_locations` tells the user about
// a location that is missing, past the end of its file or outside the root, on a folder on disk
// (test_analyzer_evidence_pack.cpp checks the same through a tree in memory).
#include "analyzer/locations.hpp"
#include "tests/unit/fixture.hpp"
#include "tests/unit/test_files.hpp"

using namespace moat;
using moat_test::TempDir;

namespace {

/// "path" or "path@first-last", as parse_location reads `text`.
std::string parsed(const std::string& text) {
  const ParsedLocation loc = parse_location(text);
  if (loc.first == 0) {
    CHECK(loc.last == 0);
    return loc.path;
  }
  return loc.path + "@" + std::to_string(loc.first) + "-" + std::to_string(loc.last);
}

}  // namespace

TEST_CASE("a location is a path, a path and a line, or a path and a range of lines") {
  CHECK(parsed("src/api/main.ts") == "src/api/main.ts");
  CHECK(parsed("src/api/main.ts:12") == "src/api/main.ts@12-12");
  CHECK(parsed("src/api/main.ts:10-20") == "src/api/main.ts@10-20");
  CHECK(parsed("src/api/main.ts:7-7") == "src/api/main.ts@7-7");
  CHECK(parsed("src/") == "src/");
  CHECK(parsed("src/**/*.ts") == "src/**/*.ts");
  // Only the last colon starts a line: a colon earlier is part of the path.
  CHECK(parsed("a:b/c.ts:3") == "a:b/c.ts@3-3");
}

TEST_CASE("a suffix that is not a line or a range stays part of the path") {
  for (const char* text :
       {"main.ts:", "main.ts:0", "main.ts:0-4", "main.ts:9-3", "main.ts:x", "main.ts:1-",
        "main.ts:-3", "main.ts:+3", "main.ts: 3", "main.ts:3 ", "main.ts:1-2-3", "main.ts:1.5",
        "main.ts:4294967296", "main.ts:1-4294967296"}) {
    CAPTURE(text);
    CHECK(parsed(text) == text);
  }
  CHECK(parsed("main.ts:4294967295") == "main.ts@4294967295-4294967295");
  CHECK(parsed("") == "");
}

TEST_CASE("a path stays inside the root unless absolute or led out by '..'") {
  for (const char* inside : {"src/a.ts", "./src/a.ts", "src/../lib/b.ts", "a/b/../../c", ".", ""})
    CHECK_MESSAGE(stays_inside(inside), inside);
  for (const char* outside :
       {"/etc/passwd", "../x.ts", "src/../../x.ts", "a/../..", "./../x", "src/a/../../../x"})
    CHECK_FALSE_MESSAGE(stays_inside(outside), outside);
}

namespace {

/// A repository on disk with three source files, a folder and a link out of it.
struct Repository {
  TempDir dir;
  std::filesystem::path root = dir.path / "repo";

  Repository() {
    dir.write("repo/src/api/main.ts", "one\ntwo\nthree\n");
    dir.write("repo/src/lib/util.ts", "no final newline");
    dir.write("repo/docs/runbook.md", "");
    dir.write("secret.txt", "outside\n");
    std::filesystem::create_symlink(dir.path / "secret.txt", root / "src/leak.ts");
    std::filesystem::create_symlink(root / "src/api/main.ts", root / "src/alias.ts");
  }

  /// The diagnostics of checking `locations`, written as a `code` list, against the root.
  std::vector<Diagnostic> check(const std::string& locations, bool strict = false) const {
    const auto c = moat_test::compile_ok(
        "locations.moat",
        "model \"L\" { version = \"1\" }\nprocess api \"API\" { code = [" + locations + "] }\n");
    DiagnosticSink diags;
    check_locations(c->graph, {root.string(), strict}, diags);
    return diags.sorted();
  }
};

/// "Kind: message" of each diagnostic.
std::vector<std::string> said(const std::vector<Diagnostic>& diags) {
  std::vector<std::string> out;
  for (const Diagnostic& d : diags)
    out.push_back(std::string(diag_kind_name(d.kind)) + ": " + d.message);
  return out;
}

}  // namespace

TEST_CASE("locations that name existing files, lines, folders and globs are fine") {
  const Repository repo;
  CHECK(repo.check("\"src/api/main.ts\", \"src/api/main.ts:3\", \"src/api/main.ts:1-3\", "
                   "\"src/lib/util.ts:1\", \"src/\", \"docs\", \"src/**.ts\", \"src/*/util.ts\", "
                   "\"./src/api/../api/main.ts:2\", \"src/alias.ts:2\"")
            .empty());
}

TEST_CASE("a missing path, a line past the end or a glob matching nothing is stale") {
  const Repository repo;
  const std::vector<Diagnostic> d = repo.check(
      "\"src/missing.ts\", \"src/api/main.ts:4\", \"src/api/main.ts:2-9\", "
      "\"src/lib/util.ts:2\", \"docs/runbook.md:1\", \"lib/*.go\"");
  const std::vector<std::string> messages = said(d);
  REQUIRE(messages.size() == 6);
  CHECK(messages[0].rfind("StaleLocation: code location 'src/missing.ts' does not exist under the "
                          "repository root (",
                          0) == 0);
  CHECK(messages[1] == "StaleLocation: line 4 is past the end of 'src/api/main.ts' (3 lines)");
  CHECK(messages[2] == "StaleLocation: line 9 is past the end of 'src/api/main.ts' (3 lines)");
  // Found by this test: a one-line file was "(1 lines)".
  CHECK(messages[3] == "StaleLocation: line 2 is past the end of 'src/lib/util.ts' (1 line)");
  CHECK(messages[4] == "StaleLocation: line 1 is past the end of 'docs/runbook.md' (0 lines)");
  CHECK(messages[5] == "StaleLocation: no file under the repository root matches 'lib/*.go'");
  for (const Diagnostic& x : d) CHECK(x.severity == Severity::Warning);
  // --strict-locations makes them errors.
  for (const Diagnostic& x : repo.check("\"src/missing.ts\"", true))
    CHECK(x.severity == Severity::Error);
}

TEST_CASE("a location outside the root is an error, also through a symbolic link") {
  const Repository repo;
  const std::vector<Diagnostic> d = repo.check(
      "\"/etc/passwd\", \"../secret.txt\", \"src/../../secret.txt:1\", \"src/leak.ts:1\"");
  CHECK(said(d) == std::vector<std::string>{
                       "LocationOutsideRoot: code location '/etc/passwd' is not inside the "
                       "repository root",
                       "LocationOutsideRoot: code location '../secret.txt' is not inside the "
                       "repository root",
                       "LocationOutsideRoot: code location 'src/../../secret.txt' is not inside "
                       "the repository root",
                       "LocationOutsideRoot: code location 'src/leak.ts' resolves outside the "
                       "repository root"});
  for (const Diagnostic& x : d) CHECK(x.severity == Severity::Error);
  REQUIRE(d[0].notes.size() == 1);
  CHECK(d[0].notes[0].message.rfind("write it relative to the repository root (", 0) == 0);
}
