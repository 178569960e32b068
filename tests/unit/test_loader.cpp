// Loading: which files a model may read (compiler/read_file.hpp, compiler/import_root.hpp) and
// the import limits (compiler/loader.hpp). Imports are answered from memory where the disk does
// not matter, so the tests can count which paths the loader asked for.
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <set>
#include <string>

#include "compiler/compile.hpp"
#include "tests/unit/fixture.hpp"
#include "tests/unit/test_files.hpp"

using namespace moat;
using moat_test::kinds;
using moat_test::MemoryTree;
using moat_test::TempDir;
namespace fs = std::filesystem;

namespace {

std::unique_ptr<Compilation> compile(const MemoryTree& files, const std::string& root) {
  CompileOptions options;
  options.require_model = false;
  options.reader = files.reader();
  return compile_file(root, options);
}

}  // namespace

TEST_CASE("read_file reads a regular file and refuses directories, FIFOs and devices") {
  TempDir dir;
  std::string text, error;
  CHECK(read_file(dir.write("a.moat", "process a \"A\"\n").string(), text, error));
  CHECK(text == "process a \"A\"\n");

  CHECK_FALSE(read_file(dir.path.string(), text, error));
  CHECK(error == "is a directory");
  CHECK(text.empty());

  const fs::path fifo = dir.path / "pipe.moat";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const auto start = std::chrono::steady_clock::now();
  CHECK_FALSE(read_file(fifo.string(), text, error));  // without a writer: must not block
  CHECK(error == "is not a regular file (a device, FIFO or socket)");
  if (fs::exists("/dev/zero")) {
    CHECK_FALSE(read_file("/dev/zero", text, error));  // would never end
    CHECK(error == "is not a regular file (a device, FIFO or socket)");
  }
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));

  CHECK_FALSE(read_file((dir.path / "missing.moat").string(), text, error));
  CHECK(error == "No such file or directory");
}

TEST_CASE("read_file refuses a file above the size limit without reading it") {
  TempDir dir;
  const fs::path big = dir.write("big.moat", "");
  fs::resize_file(big, kMaxModelFileBytes + 1);  // sparse: no disk space used
  std::string text, error;
  CHECK_FALSE(read_file(big.string(), text, error));
  CHECK(error == "the file is larger than 256 MiB, the limit for a model file");
  CHECK(text.empty());
}

TEST_CASE(
    "imports outside the root folder (by default the root file's) are errors, and never read") {
  MemoryTree files;
  files.files["m/root.moat"] =
      "import \"/etc/passwd\"\nimport \"../x.moat\"\nimport \"sub/../../y.moat\"\n"
      "import \"sub/a.moat\"\n";
  files.files["m/sub/a.moat"] = "import \"../b.moat\"\nimport \"../../z.moat\"\n";
  files.files["m/b.moat"] = "process b \"B\"\n";
  const auto c = compile(files, "m/root.moat");
  CHECK(kinds(c->diags) == std::vector<std::string>(4, "ImportOutsideRoot"));
  CHECK(files.asked == std::set<std::string>{"m/root.moat", "m/sub/a.moat", "m/b.moat"});
  const std::string text = render_text(c->program.sources, c->diags.sorted());
  CHECK(text.find("m/root.moat:1:8: error: import '/etc/passwd' is an absolute path "
                  "[ImportOutsideRoot]\n") != std::string::npos);
  CHECK(text.find("m/root.moat:2:8: error: import '../x.moat' leads out of the root folder "
                  "[ImportOutsideRoot]\n") != std::string::npos);
  CHECK(text.find("m/sub/a.moat:2:8: error: import '../../z.moat' leads out") != std::string::npos);
  CHECK(
      text.find("    note: imports must stay inside 'm' (--root; by default the repository's work "
                "tree, else the root file's folder); write the path relative to the importing "
                "file\n") != std::string::npos);
}

TEST_CASE("a root file in the current folder may import below it, not above it") {
  MemoryTree files;
  files.files["root.moat"] = "import \"a/b.moat\"\nimport \"./c.moat\"\nimport \"../d.moat\"\n";
  files.files["a/b.moat"] = "";
  files.files["c.moat"] = "";
  const auto c = compile(files, "root.moat");
  CHECK(kinds(c->diags) == std::vector<std::string>{"ImportOutsideRoot"});
  CHECK(files.asked == std::set<std::string>{"root.moat", "a/b.moat", "c.moat"});
}

TEST_CASE("an import through a symbolic link that leads out of the folder is refused") {
  TempDir dir;
  const fs::path outside = dir.write("outside/secret.moat", "process s \"S\"\n");
  const fs::path root = dir.write("model/root.moat", "import \"link.moat\"\nimport \"in.moat\"\n");
  dir.write("model/real.moat", "process r \"R\"\n");
  fs::create_symlink(outside, dir.path / "model" / "link.moat");
  fs::create_symlink(dir.path / "model" / "real.moat", dir.path / "model" / "in.moat");
  CompileOptions options;
  options.require_model = false;
  const auto c = compile_file(root.string(), options);
  CHECK(kinds(c->diags) == std::vector<std::string>{"ImportOutsideRoot"});
  const std::string text = render_text(c->program.sources, c->diags.sorted());
  CHECK(text.find("import 'link.moat' leads out of the root folder through a symbolic link") !=
        std::string::npos);
  CHECK(text.find("secret") == std::string::npos);
}

TEST_CASE("the import depth limit: 64 levels counting the root, reported once") {
  MemoryTree files;
  for (int i = 0; i < 100; ++i) {
    files.files["c" + std::to_string(i) + ".moat"] =
        i < 99 ? "import \"c" + std::to_string(i + 1) + ".moat\"\n" : "";
  }
  files.files["c30.moat"] += "import \"d0.moat\"\n";  // a second chain that also gets too deep
  for (int i = 0; i < 100; ++i) {
    files.files["d" + std::to_string(i) + ".moat"] =
        i < 99 ? "import \"d" + std::to_string(i + 1) + ".moat\"\n" : "";
  }
  const auto c = compile(files, "c0.moat");
  CHECK(kinds(c->diags) == std::vector<std::string>{"ImportLimit"});
  CHECK(files.asked.count("c63.moat"));
  CHECK_FALSE(files.asked.count("c64.moat"));
  const std::string text = render_text(c->program.sources, c->diags.sorted());
  CHECK(text.rfind("c63.moat:1:8: error: imports are nested deeper than 64 levels [ImportLimit]\n",
                   0) == 0);
}

TEST_CASE("the imported-files limit: 4096 files besides the root, reported once") {
  MemoryTree files;
  std::string root;
  for (int i = 0; i < 5000; ++i) {
    const std::string name = "f" + std::to_string(i) + ".moat";
    root += "import \"" + name + "\"\n";
    files.files[name] = "";
  }
  files.files["root.moat"] = root;
  const auto c = compile(files, "root.moat");
  CHECK(kinds(c->diags) == std::vector<std::string>{"ImportLimit"});
  CHECK(files.asked.size() == 1 + kMaxImportedFiles);
  const std::string text = render_text(c->program.sources, c->diags.sorted());
  CHECK(text.rfind("root.moat:4097:8: error: too many imported files: a model can import at most "
                   "4096 files [ImportLimit]\n",
                   0) == 0);
}
