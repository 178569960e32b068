// libFuzzer target: the whole front end and the analyzer on arbitrary bytes, as `moat check`
// runs them, with a fixed date so that expiry checks do not depend on the day of the run.
// Imports are answered from memory, never from disk: an input naming `/dev/zero` or a path
// outside the corpus must not make the run depend on the machine.
#include <cstddef>
#include <cstdint>
#include <string>

#include "analyzer/analysis.hpp"
#include "compiler/compile.hpp"

namespace {

/// 2025-01-01 in days since 1970-01-01, as `--today 2025-01-01` would give.
constexpr std::int64_t kFixedToday = 20089;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  moat::CompileOptions options;
  // The root is the input; an imported file is empty, so imports, diamonds and cycles of
  // names still reach the loader's checks without touching the file system.
  options.reader = [&input](const std::string& path, std::string& text, std::string& error) {
    if (path == "fuzz/model.moat") {
      text = input;
      return true;
    }
    if (path.size() > 5 && path.compare(path.size() - 5, 5, ".moat") == 0 &&
        path.find("missing") == std::string::npos) {
      text.clear();
      return true;
    }
    error = "no such file";
    return false;
  };
  auto c = moat::compile_file("fuzz/model.moat", options);
  if (c->load == moat::LoadStatus::RootUnreadable) __builtin_trap();
  if (c->ok()) {
    const moat::Analysis a = moat::analyze(c->graph, {kFixedToday}, c->diags);
    for (const moat::Threat& t : a.threats) {
      if (moat::threat_id(c->graph, t).empty()) __builtin_trap();
    }
  }
  const std::string text = moat::render_text(c->program.sources, c->diags.sorted());
  // A model that does not compile must say why.
  if (!c->ok() && text.empty()) __builtin_trap();
  return 0;
}
