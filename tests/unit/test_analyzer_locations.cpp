// Code locations (analyzer/locations.hpp): how "path", "path:line" and "path:from-to" are read,
// which paths stay inside the repository root, and what `check_locations` tells the user about
// a location that is missing, past the end of its file or outside the root.
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
