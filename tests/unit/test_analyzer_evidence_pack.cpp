// The evidence pack (analyzer/evidence_pack.hpp) and the code-location checks it rests on, over a
// repository in memory (tests/unit/test_files.hpp): which files are read and hashed, at which
// revision, what the excerpts quote, and that nothing outside the root is ever read.
#include "analyzer/evidence_pack.hpp"
#include "analyzer/sha256.hpp"
#include "tests/unit/fixture.hpp"
#include "tests/unit/test_files.hpp"

using namespace moat;
using moat_test::MemoryTree;

namespace {

/// A repository in memory at /mem/repo: a source file, a folder of two, a link out of the root,
/// a binary file, and a secret outside it.
MemoryTree repository() {
  MemoryTree t;
  t.files["/mem/repo/src/auth.ts"] = "one\ntwo\nthree\nfour\n";
  t.files["/mem/repo/src/lib/a.ts"] = "a\n";
  t.files["/mem/repo/src/lib/b.ts"] = "b\n";
  t.files["/mem/repo/bin/logo.png"] = std::string("\x89PNG\0\x01", 6);
  t.files["/mem/secret.txt"] = "outside\n";
  t.links["/mem/repo/src/leak.ts"] = "/mem/secret.txt";
  return t;
}

/// A model whose mitigation `fix`, implemented, names CC6.1 with `evidence`.
std::string model(const std::string& evidence, const std::string& more = "") {
  return "model \"Pack\" { version = \"1\" }\nuse soc2\nprocess api \"API\"\n"
         "rule r \"R\" { applies = process, category = tampering, severity = high, "
         "controls = [CC6.1], when = true, fixed_severity = true }\n"
         "mitigation fix \"Fix\" { mitigates = [api.r], controls = [CC6.1], "
         "status = implemented, evidence = [" +
         evidence + "] }\n" + more;
}

struct Packed {
  moat_test::Analyzed m;
  LocationCheck checked;
  EvidencePack pack;

  Packed(const MemoryTree& tree, const std::string& text, RevisionLookup revisions = {})
      : m(moat::compile_text("model.moat", text)) {
    const FileTree files = tree.tree();
    LocationOptions o{"/mem/repo"};
    o.tree = &files;
    checked = check_locations(m.graph(), o, m.c->diags);
    pack = collect_evidence(m.graph(), m.analysis, {"/mem/repo", &checked, &files, revisions});
  }

  const EvidenceItem& item(const std::string& text) const {
    for (const EvidenceItem& i : pack.items) {
      if (i.text == text) return i;
    }
    FAIL("no evidence item " << text);
    return pack.items.front();
  }
  const EvidenceFile& file(const std::string& text, std::size_t n = 0) const {
    const EvidenceItem& i = item(text);
    REQUIRE(i.files.size() > n);
    return pack.files[i.files[n]];
  }
};

}  // namespace

TEST_CASE("code locations are checked through the file tree, never outside the root") {
  const MemoryTree tree = repository();
  const Packed p(tree, model("\"src/auth.ts:2-9\", \"src/missing.ts\", \"src/leak.ts\""));
  const std::vector<std::string> stale = p.m.messages(DiagKind::StaleLocation);
  REQUIRE(stale.size() == 2);
  CHECK(stale[0] == "line 9 is past the end of 'src/auth.ts' (4 lines)");
  CHECK(stale[1].rfind("code location 'src/missing.ts' does not exist under the repository root",
                       0) == 0);
  CHECK(p.m.messages(DiagKind::LocationOutsideRoot) ==
        std::vector<std::string>{"code location 'src/leak.ts' resolves outside the repository "
                                 "root"});
  CHECK(tree.asked.count("/mem/secret.txt") == 0);  // looked up through the link, never read
  CHECK(p.item("src/leak.ts").files.empty());
  CHECK(p.item("src/leak.ts").problem.find("not checked") == 0);
  CHECK(p.item("src/missing.ts").problem == "does not exist");
}

TEST_CASE("a cited file is hashed once, with its lines quoted and capped") {
  MemoryTree tree = repository();
  std::string big;
  for (int i = 1; i <= 30; ++i) big += "line " + std::to_string(i) + "\n";
  tree.files["/mem/repo/src/big.ts"] = big;
  const Packed p(tree, model("\"src/auth.ts:2-3\", \"src/auth.ts\", \"src/big.ts:5-29\""));
  const EvidenceFile& auth = p.file("src/auth.ts:2-3");
  CHECK(auth.path == "src/auth.ts");
  CHECK(auth.sha256 == sha256_hex("one\ntwo\nthree\nfour\n"));
  CHECK(auth.lines == 4);
  CHECK(auth.state == "no_revision");
  CHECK(&p.file("src/auth.ts") == &auth);  // one file, cited twice
  const Excerpt& two = p.item("src/auth.ts:2-3").excerpts.at(0);
  CHECK(two.first == 2);
  CHECK(two.lines == std::vector<std::string>{"two", "three"});
  const Excerpt& capped = p.item("src/big.ts:5-29").excerpts.at(0);
  CHECK(capped.lines.size() == kMaxExcerptLines);
  CHECK(capped.lines.front() == "line 5");
  CHECK(capped.omitted == 25 - kMaxExcerptLines);
  // Each item supports CC6.1, and CC6.1 lists each once.
  REQUIRE(p.pack.items.size() == 3);
  for (const EvidenceItem& i : p.pack.items) CHECK(i.criteria.size() == 1);
}

TEST_CASE("a folder or a glob lists its files with their hashes, quoting none") {
  const MemoryTree tree = repository();
  const Packed p(tree, model("\"src/lib/\", \"src/lib/*.ts\""));
  for (const char* text : {"src/lib/", "src/lib/*.ts"}) {
    const EvidenceItem& i = p.item(text);
    REQUIRE(i.files.size() == 2);
    CHECK(p.pack.files[i.files[0]].path == "src/lib/a.ts");
    CHECK(p.pack.files[i.files[1]].sha256 == sha256_hex("b\n"));
    CHECK(i.excerpts.empty());
  }
}

TEST_CASE("binary content is hashed, never quoted; control characters are replaced") {
  MemoryTree tree = repository();
  tree.files["/mem/repo/src/odd.ts"] = "a\x1b[31mred\r\n" + std::string(300, 'x') + "\n";
  const Packed p(tree, model("\"bin/logo.png\", \"src/odd.ts\""));
  CHECK(p.file("bin/logo.png").binary);
  CHECK(p.file("bin/logo.png").sha256 == sha256_hex(std::string("\x89PNG\0\x01", 6)));
  CHECK(p.item("bin/logo.png").excerpts.empty());
  const Excerpt& odd = p.item("src/odd.ts").excerpts.at(0);
  CHECK(odd.lines[0] == "a\xEF\xBF\xBD[31mred");
  CHECK(odd.lines[1].size() == kMaxExcerptLineBytes + 3);  // cut, then an ellipsis
}

TEST_CASE("each file carries its repository's revision, and says when it differs from it") {
  const MemoryTree tree = repository();
  std::vector<std::string> asked_for;
  const RevisionLookup git = [&](const std::string& dir, const std::vector<std::string>& files) {
    CHECK(dir == "/mem/repo");
    asked_for = files;
    RepositoryState s;
    s.revision = "0123456789abcdef0123456789abcdef01234567";
    s.changed["src/lib/b.ts"] = "modified";
    return s;
  };
  const Packed p(tree, model("\"src/auth.ts:1\", \"src/lib/\""), git);
  CHECK(asked_for == std::vector<std::string>{"src/auth.ts", "src/lib/a.ts", "src/lib/b.ts"});
  CHECK(p.file("src/auth.ts:1").revision == "0123456789abcdef0123456789abcdef01234567");
  CHECK(p.file("src/auth.ts:1").state == "clean");
  CHECK(p.file("src/lib/", 1).state == "modified");
  REQUIRE(p.pack.revisions.size() == 1);
  // Without version control: no revision, and why.
  const RevisionLookup none = [](const std::string&, const std::vector<std::string>&) {
    RepositoryState s;
    s.why_none = "not a git work tree";
    return s;
  };
  const Packed q(tree, model("\"src/auth.ts\""), none);
  CHECK(q.file("src/auth.ts").revision.empty());
  CHECK(q.file("src/auth.ts").state == "no_revision");
  CHECK(q.pack.revisions[0].second.why_none == "not a git work tree");
}

TEST_CASE("an attestation is evidence with who and when") {
  const MemoryTree tree = repository();
  const Packed p(tree, model("",
                             "attest CC1.1 { status = met, owner = \"ciso@example.com\", "
                             "reviewed = 2026-10-01, evidence = [\"Code of conduct\"] }\n"));
  const EvidenceItem& at = p.item("attest CC1.1");
  CHECK(at.kind == EvidenceKind::Attestation);
  CHECK(at.who == "ciso@example.com");
  REQUIRE(at.when);
  CHECK(*at.when == moat_test::day("2026-10-01"));
  CHECK(at.attested == std::vector<std::string>{"Code of conduct"});
  CHECK(at.files.empty());
}

TEST_CASE("an excerpt quotes the lines of its range") {
  const std::string text = "a\nb\nc\nd\n";
  const Excerpt e = excerpt_of(text, 2, 3);
  CHECK(e.first == 2);
  CHECK(e.lines == std::vector<std::string>{"b", "c"});
  // The whole file from its start, when no line is given.
  CHECK(excerpt_of(text, 0, 0).lines.size() == 4);
}

TEST_CASE("a FIFO, a device or a huge file is never read") {
  MemoryTree tree;
  const FileTree files(
      {},
      [](const std::string&, std::string&, std::string& error) {
        FAIL("read");
        error = "read";
        return false;
      },
      [](const std::string& path) {
        FileStatus st;
        st.exists = true;
        st.real = path;
        st.regular = path == "/huge";
        st.size = kMaxEvidenceFileBytes + 1;
        return st;
      });
  std::string text;
  CHECK(read_evidence_file(files, "/fifo", text).unread == "not a regular file");
  CHECK(read_evidence_file(files, "/huge", text).unread == "larger than 64 MiB, not read");
  CHECK(read_evidence_file(files, "/huge", text).sha256.empty());
}
