#pragma once
// How the fuzz targets compile an input: as the root model `fuzz/model.moat`, with imports
// answered from memory, never from disk (an imported `*.moat` is empty unless its path says
// "missing", anything else is missing), so that an input naming `/dev/zero` or a path outside
// the corpus cannot make a run depend on the machine; imports, diamonds and cycles of names still
// reach the loader's checks. The standard library is parsed once per process and shared by every
// input (moat::StdlibCache): parsing it was most of the time of each run.
#include <memory>
#include <string>

#include "compiler/compile.hpp"

namespace moat::fuzz {

/// 2025-01-01 in days since 1970-01-01, as `--today 2025-01-01` would give: expiry checks must
/// not depend on the day of the run.
inline constexpr std::int64_t kFixedToday = 20089;

/// Compiles `input` as the root model file.
inline std::unique_ptr<Compilation> compile_input(const std::string& input) {
  static StdlibCache stdlib;
  CompileOptions options;
  options.stdlib = &stdlib;
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
  return compile_file("fuzz/model.moat", options);
}

}  // namespace moat::fuzz
