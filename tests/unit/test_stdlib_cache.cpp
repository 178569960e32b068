// StdlibCache (compiler/loader.hpp): standard-library modules parsed once and shared by later
// compilations. A compilation given the cache must be the compilation it would have been
// without it: same modules at the same file ids, same diagnostics, same graph, same threats.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "analyzer/analysis.hpp"
#include "compiler/compile.hpp"

using namespace moat;
namespace fs = std::filesystem;

namespace {

std::unique_ptr<Compilation> compile(const std::string& path, StdlibCache* cache) {
  CompileOptions options;
  options.stdlib = cache;
  return compile_file(path, options);
}

std::unique_ptr<Compilation> compile_model(const std::string& text, StdlibCache* cache) {
  CompileOptions options;
  options.stdlib = cache;
  options.reader = [&text](const std::string&, std::string& out, std::string&) {
    out = text;
    return true;
  };
  return compile_file("model.moat", options);
}

/// What a compilation produced, as text: diagnostics, then the threats of its analysis.
std::string outcome(const Compilation& c) {
  std::string out = render_text(c.program.sources, c.diags.sorted());
  if (!c.ok()) return out;
  DiagnosticSink diags;
  const Analysis a = analyze(c.graph, {20089}, diags);
  for (const Threat& t : a.threats) out += threat_id(c.graph, t) + "\n";
  out += render_text(c.program.sources, diags.sorted());
  return out;
}

const std::string kHeader = "model \"M\" { version = \"1.0\" }\n";

}  // namespace

TEST_CASE("stdlib cache: each module is parsed once per file id, then shared") {
  StdlibCache cache;
  const std::string stride = kHeader + "use stride\nprocess api \"API\"\n";
  auto first = compile_model(stride, &cache);
  REQUIRE(first->ok());
  // prelude (file 0) and the evidence table it uses (1), stride (3) and what it uses: soc2 (4),
  // stride.platform (5), multihop (6), stride.zerotrust (7), stride.resilience (8) and
  // stride.evidence (9); the model is file 2.
  CHECK(cache.size() == 9);
  auto second = compile_model(stride, &cache);
  CHECK(cache.size() == 9);
  REQUIRE(first->program.modules.size() == second->program.modules.size());
  for (std::size_t i = 0; i < first->program.modules.size(); ++i) {
    const bool stdlib = first->program.sources.file(first->program.modules[i]->file).is_stdlib;
    CHECK((first->program.modules[i] == second->program.modules[i]) == stdlib);
  }
  // `use soc2` alone loads soc2 as file 3: a span of the module parsed as file 4 would name the
  // wrong file, so soc2 is parsed once more and kept at its second id too.
  auto soc2 = compile_model(kHeader + "use soc2\n", &cache);
  CHECK(cache.size() == 10);
  for (const auto& m : soc2->program.modules) {
    CHECK(soc2->program.sources.file(m->file).path == (m->file == 0   ? "<stdlib>/prelude.moat"
                                                       : m->file == 1 ? "<stdlib>/evidence.moat"
                                                       : m->file == 2 ? "model.moat"
                                                                      : "<stdlib>/soc2.moat"));
  }
}

TEST_CASE("stdlib cache: compilations are the same with and without it") {
  // One cache for every model, warmed in a different order on each pass, against a fresh parse.
  std::vector<std::string> models = {MOAT_SOURCE_DIR "/samples/clinic-booking.moat",
                                     MOAT_SOURCE_DIR "/tests/models/hostile-strings.moat"};
  for (const auto& entry : fs::directory_iterator(MOAT_SOURCE_DIR "/tests/golden")) {
    if (entry.path().extension() == ".moat") models.push_back(entry.path().string());
  }
  StdlibCache cache;
  for (int pass = 0; pass < 2; ++pass) {
    for (std::size_t i = 0; i < models.size(); ++i) {
      const std::string& path = models[pass == 0 ? i : models.size() - 1 - i];
      CAPTURE(path);
      CHECK(outcome(*compile(path, &cache)) == outcome(*compile(path, nullptr)));
    }
  }
  CHECK(cache.size() >= 3);
}
