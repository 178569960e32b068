// `@moat` annotations in a repository's code (analyzer/annotations.hpp,
// analyzer/attach_annotations.hpp): the comment styles they are found in, malformed ones that
// are not annotations, the files a scan passes over, and what an annotation naming nothing
// tells the user. The repositories are trees in memory.
#include <map>

#include "tests/unit/fixture.hpp"
#include "tests/unit/test_files.hpp"

using namespace moat;
using moat_test::Analyzed;
using moat_test::MemoryTree;
using moat_test::TempDir;

namespace {

/// "file:line kind id" for each annotation, as `moat scan` lists them.
std::vector<std::string> listed(const std::vector<Annotation>& found) {
  std::vector<std::string> out;
  for (const Annotation& a : found) {
    out.push_back(a.file + ":" + std::to_string(a.line) + " " + annotation_kind_name(a.kind) + " " +
                  a.id);
  }
  return out;
}

std::vector<std::string> in_text(const std::string& text) {
  return listed(annotations_in(text, "f"));
}

/// The annotations a scan of `tree` rooted at "repo" finds.
ScanResult scan(const MemoryTree& tree, SourceManager& sources) {
  return scan_annotations("repo", sources, tree.tree());
}

std::vector<std::string> scanned(const MemoryTree& tree) {
  SourceManager sources;
  return listed(scan(tree, sources).annotations);
}

const char* const kModel = R"moat(model "Annotated" { version = "1", soc2_scope = [security] }
use soc2
process api "API"
rule no_tls "No TLS" { applies = process, category = information_disclosure, severity = medium, controls = [CC6.7], when = true }
mitigation tls "TLS everywhere" { mitigates = [api], controls = [CC6.7], status = implemented }
)moat";

}  // namespace

TEST_CASE("annotations are found in the comments of every common language") {
  CHECK(in_text("// @moat mitigation tls\n") == std::vector<std::string>{"f:1 mitigation tls"});
  CHECK(in_text("x = 1  # @moat element api\n") == std::vector<std::string>{"f:1 element api"});
  CHECK(in_text("SELECT 1; -- @moat threat api.no_tls\n") ==
        std::vector<std::string>{"f:1 threat api.no_tls"});
  CHECK(in_text("/* @moat element api */\n") == std::vector<std::string>{"f:1 element api"});
  CHECK(in_text("/**\n * Checks signatures.\n * @moat mitigation verify_webhook\n */\n") ==
        std::vector<std::string>{"f:3 mitigation verify_webhook"});
  CHECK(in_text("<!-- @moat element web -->\n") == std::vector<std::string>{"f:1 element web"});
  CHECK(in_text("\t//\t@moat\tthreat\tapi.no_tls\n") ==
        std::vector<std::string>{"f:1 threat api.no_tls"});
}

TEST_CASE("an annotation's id ends where an id cannot go on, and loses a sentence's full stop") {
  CHECK(in_text("// @moat threat api.no_tls.\n") ==
        std::vector<std::string>{"f:1 threat api.no_tls"});
  CHECK(in_text("// @moat element web-to-api--calls, see the wiki\n") ==
        std::vector<std::string>{"f:1 element web-to-api--calls"});
  CHECK(in_text("# @moat element api\r\n# @moat element db\r\n") ==
        std::vector<std::string>{"f:1 element api", "f:2 element db"});
  CHECK(in_text("// @moat element api and @moat mitigation tls\n") ==
        std::vector<std::string>{"f:1 element api", "f:1 mitigation tls"});
}

TEST_CASE("an annotation's span covers its id, so a warning's caret points at it") {
  const std::string text = "line one\n  // @moat mitigation tsl\n";
  const std::vector<Annotation> found = annotations_in(text, "src/a.ts");
  REQUIRE(found.size() == 1);
  CHECK(text.substr(found[0].span.begin, found[0].span.end - found[0].span.begin) == "tsl");
  CHECK(found[0].line == 2);
  CHECK(found[0].file == "src/a.ts");
}

TEST_CASE("malformed annotations and @moat outside comments are not annotations") {
  CHECK(in_text("// @moat\n").empty());
  CHECK(in_text("// @moat mitigation\n").empty());        // no id
  CHECK(in_text("// @moat mitigation \n").empty());       // no id, a trailing blank
  CHECK(in_text("// @moat mitigation ...\n").empty());    // only full stops
  CHECK(in_text("// @moat mitigations tls\n").empty());   // not a kind
  CHECK(in_text("// @moat Element api\n").empty());       // kinds are lower case
  CHECK(in_text("// @moat elementapi\n").empty());        // no blank after the kind
  CHECK(in_text("// @moat element\tapi").size() == 1);    // a tab is a blank; no final newline
  CHECK(in_text("s = \"@moat element api\"\n").empty());  // a string, not a comment
  CHECK(in_text("@moat element api\n").empty());          // not in a comment
  CHECK(in_text("").empty());
}

TEST_CASE("@moat must stand alone: '@moatelement api' is not an annotation") {
  // Found by this test: the kind was read right after "@moat" when no blank followed it, so
  // "@moatelement api" and "@moatmitigation tls" attached as annotations.
  CHECK(in_text("// @moatelement api\n").empty());
  CHECK(in_text("// @moatmitigation tls\n").empty());
  CHECK(in_text("// @moat element api\n").size() == 1);
}

TEST_CASE("a scan reads every text file below the root, in path order") {
  MemoryTree t;
  t.files["repo/src/b.py"] = "# @moat element api\n";
  t.files["repo/src/a/z.ts"] = "\n\n// @moat mitigation tls\n";
  t.files["repo/src/a-b.go"] = "// @moat threat api.no_tls\n";
  t.files["repo/README"] = "no annotation here\n";
  t.files["elsewhere/x.c"] = "// @moat element outside\n";  // not below the root
  SourceManager sources;
  const ScanResult r = scan(t, sources);
  // Path order compares folder by folder: src/a/z.ts before src/a-b.go.
  CHECK(listed(r.annotations) == std::vector<std::string>{"src/a/z.ts:3 mitigation tls",
                                                          "src/a-b.go:1 threat api.no_tls",
                                                          "src/b.py:1 element api"});
  CHECK(r.files_scanned == 4);
  // Each annotated file is added to the sources, so a diagnostic can show the line.
  REQUIRE(r.annotations[0].span.file != kNoFile);
  CHECK(sources.file(r.annotations[0].span.file).path == "src/a/z.ts");
  CHECK(sources.text(r.annotations[0].span) == "tls");
  CHECK(t.asked.count("elsewhere/x.c") == 0);
}

TEST_CASE("a scan passes over binary files, very large files and symbolic links") {
  MemoryTree t;
  t.files["repo/bin/tool"] = std::string(
                                 "\x7f"
                                 "ELF\0\0",
                                 6) +
                             "// @moat element api\n";
  // A NUL byte after the first 8 KiB does not make a file binary.
  t.files["repo/late.txt"] = std::string(9000, 'x') + '\0' + "\n// @moat element late\n";
  const std::string big_line = "// @moat element big\n";
  t.files["repo/big.log"] = big_line + std::string(kMaxAnnotatedFileBytes, 'x');
  t.files["repo/limit.log"] =
      big_line + std::string(kMaxAnnotatedFileBytes - big_line.size(), 'x');  // exactly the limit
  t.files["repo/real.c"] = "// @moat element real\n";
  t.links["repo/link.c"] = "repo/real.c";
  t.files["other/src/x.c"] = "// @moat element through_link\n";
  t.links["repo/vendor"] = "other/src";
  SourceManager sources;
  const ScanResult r = scan(t, sources);
  CHECK(listed(r.annotations) == std::vector<std::string>{"late.txt:2 element late",
                                                          "limit.log:1 element big",
                                                          "real.c:1 element real"});
  CHECK(r.files_scanned == 3);
  CHECK(t.asked.count("repo/big.log") == 0);  // not even read
}

TEST_CASE("a scan skips version control, dependencies, build output and .gitignore'd paths") {
  MemoryTree t;
  for (const char* dir : {".git", ".hg", ".svn", "node_modules", ".tools", ".cache", "build",
                          "build-asan", "src/node_modules", "generated", "src/gen", "docs/tmp"})
    t.files["repo/" + std::string(dir) + "/x.c"] = "// @moat element skipped\n";
  t.files["repo/notes.bak"] = "// @moat element skipped\n";
  t.files["repo/src/keep.c"] = "// @moat element kept\n";
  t.files["repo/src/tmp"] = "// @moat element kept_file_named_like_a_folder\n";
  t.files["repo/builder.c"] = "// @moat element builder\n";  // 'build*' skips folders only
  t.files["repo/.gitignore"] =
      "# comment\n*.bak\n/generated\nsrc/gen\ntmp/\n!important.bak\n\n  \nrebuilt \r\n";
  const std::vector<std::string> found = scanned(t);
  CHECK(found == std::vector<std::string>{"builder.c:1 element builder",
                                          "src/keep.c:1 element kept",
                                          "src/tmp:1 element kept_file_named_like_a_folder"});
}

TEST_CASE("annotations attach to what they name; one naming nothing warns with a suggestion") {
  MemoryTree t;
  t.files["repo/src/tls.py"] =
      "# @moat mitigation tls\n# @moat element api\n# @moat threat api.no_tls\n"
      "# @moat mitigation tsl\n# @moat element apii\n# @moat threat api.no_tsl\n";
  SourceManager sources;
  ScanResult r = scan(t, sources);
  REQUIRE(r.annotations.size() == 6);
  // The scan's files join the model's sources, as `moat check --scan` does.
  auto c = moat_test::compile_ok("annotated.moat", kModel);
  for (Annotation& a : r.annotations)
    a.span.file = c->program.sources.add(a.file, sources.file(a.span.file).text);
  const Analyzed m(std::move(c), moat_test::day(moat_test::kToday), &r.annotations);
  CHECK(m.analysis.annotations.size() == 3);
  CHECK(m.threat("api.no_tls").annotations.size() == 1);
  CHECK(m.analysis.element_annotations.size() == 1);
  const auto unknown = m.diagnostics(DiagKind::UnknownAnnotation);
  REQUIRE(unknown.size() == 3);
  CHECK(unknown[0].message ==
        "the annotation names mitigation 'tsl', which the model does not have");
  CHECK(unknown[0].suggestion == "tls");
  CHECK(unknown[0].severity == Severity::Warning);
  CHECK(unknown[1].message == "the annotation names element 'apii', which the model does not have");
  CHECK(unknown[1].suggestion == "api");
  CHECK(unknown[2].message ==
        "the annotation names threat 'api.no_tsl', which the model does not have");
  CHECK(unknown[2].suggestion == "api.no_tls");
  const std::string text = render_text(m.c->program.sources, unknown);
  CHECK(text.find("src/tls.py:4:20: warning: the annotation names mitigation 'tsl'") == 0);
}

TEST_CASE("a `@moat mitigation` annotation is evidence: the control it names is evidenced") {
  const Analyzed without(moat_test::compile_ok("annotated.moat", kModel));
  CHECK(without.verdict("CC6.7") == "met");
  CHECK(without.control("CC6.7").basis == ControlBasis::Claimed);
  const std::vector<Annotation> found = annotations_in("// @moat mitigation tls\n", "src/tls.ts");
  const Analyzed with(moat_test::compile_ok("annotated.moat", kModel),
                      moat_test::day(moat_test::kToday), &found);
  CHECK(with.verdict("CC6.7") == "met");
  CHECK(with.control("CC6.7").basis == ControlBasis::Evidenced);
}

TEST_CASE("a scan of a folder on disk finds what a scan of the same tree in memory finds") {
  const std::map<std::string, std::string> files = {
      {"src/a/z.ts", "// @moat mitigation tls\n"},
      {"src/a-b.go", "x := 1 // @moat element api\n"},
      {"src/real.c", "/* @moat threat api.no_tls */\n"},
      {"bin/tool", std::string("\0\0", 2) + "// @moat element binary\n"},
      {"build/out.c", "// @moat element built\n"},
      {"node_modules/m/i.js", "// @moat element dependency\n"},
      {"gen/x.c", "// @moat element ignored\n"},
      {"notes.bak", "// @moat element ignored\n"},
      {".gitignore", "gen/\n*.bak\n"},
      {"outside/o.c", "// @moat element outside\n"},
  };
  TempDir dir;
  MemoryTree tree;
  for (const auto& [path, text] : files) {
    dir.write("repo/" + path, text);
    tree.files["repo/" + path] = text;
  }
  std::filesystem::create_symlink(dir.path / "repo/src/real.c", dir.path / "repo/src/link.c");
  tree.links["repo/src/link.c"] = "repo/src/real.c";
  std::filesystem::create_directory_symlink(dir.path / "repo/outside", dir.path / "repo/through");
  tree.links["repo/through"] = "repo/outside";
  SourceManager sources;
  const ScanResult on_disk = scan_annotations((dir.path / "repo").string(), sources);
  const std::vector<std::string> expected = {
      "outside/o.c:1 element outside", "src/a/z.ts:1 mitigation tls", "src/a-b.go:1 element api",
      "src/real.c:1 threat api.no_tls"};
  CHECK(listed(on_disk.annotations) == expected);
  CHECK(scanned(tree) == expected);
  CHECK(on_disk.files_scanned == 5);  // the four annotated files and .gitignore
}
