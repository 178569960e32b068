// The index of code locations answers exactly as testing every location with location_covers:
// every kind of location (file, line range, folder with and without a slash, glob, the whole
// repository, another repository, a URL) against files inside, beside and above them.
#include <doctest/doctest.h>

#include <algorithm>

#include "analyzer/code_index.hpp"
#include "analyzer/locations.hpp"
#include "compiler/attrs.hpp"
#include "fixture.hpp"

namespace {

using namespace moat;

const char* const kModel = R"(model "Index" { version = "1" }
repositories { other = "../other" }
process file "File" { code = ["src/app.py"] }
process lines "Lines" { code = ["src/app.py:10-20", "./src/util.py:5"] }
process folder "Folder" { code = ["src/api"] }
process slash "Slash" { code = ["src/api/"] }
process glob "Glob" { code = ["**/*.tf", "infra/*.yaml"] }
process everything "Everything" { code = ["."] }
process elsewhere "Elsewhere" { code = ["other:src/app.py", "https://example.com/src/app.py"] }
process dotted "Dotted" { code = ["src/../lib/x.go"] }
)";

std::vector<ElementId> by_index(const CodeIndex& index, const std::string& file,
                                std::uint32_t line) {
  std::vector<CodeIndex::Cover> covers;
  index.covering(file, line, covers);
  std::vector<ElementId> out;
  for (const CodeIndex::Cover& c : covers) out.push_back(c.element);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<ElementId> by_scan(const ModelGraph& g, const std::string& file, std::uint32_t line) {
  std::vector<ElementId> out;
  for (const ElementId e : g.elements.ids_from(1)) {
    for (const std::string& loc : attrs_of(g, e).strings("code")) {
      if (location_covers(loc, file, line)) {
        out.push_back(e);
        break;
      }
    }
  }
  return out;
}

}  // namespace

TEST_CASE("the code index finds exactly the elements that testing every location finds") {
  auto c = moat_test::compile_ok("index.moat", kModel);
  const CodeIndex index(c->graph);
  const char* const files[] = {
      "src/app.py",         "./src/app.py",       "src/util.py", "src/api",      "src/api/h.py",
      "src/api/v1/deep.py", "src/apix/h.py",      "src",         "main.tf",      "infra/net/vpc.tf",
      "infra/app.yaml",     "infra/sub/app.yaml", "lib/x.go",    "other/app.py", "/abs/src/app.py"};
  for (const char* file : files) {
    for (const std::uint32_t line : {0u, 1u, 5u, 10u, 20u, 21u}) {
      CAPTURE(file);
      CAPTURE(line);
      CHECK(by_index(index, file, line) == by_scan(c->graph, file, line));
    }
  }
}

TEST_CASE("a result in a folder lands on the folder's element and on the whole repository's") {
  auto c = moat_test::compile_ok("index.moat", kModel);
  const CodeIndex index(c->graph);
  const std::vector<ElementId> got = by_index(index, "src/api/v1/deep.py", 3);
  std::vector<std::string> ids;
  for (ElementId e : got) ids.push_back(c->graph.elements[e].id);
  CHECK(ids == std::vector<std::string>{"folder", "slash", "everything"});
}
