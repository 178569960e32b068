#pragma once
// The standard-library modules (stdlib/*.moat), embedded into the binary at build time.
#include <string_view>
#include <vector>

namespace moat {

struct StdlibModule {
  std::string_view name;  ///< `use NAME`; "prelude" is loaded into every model
  std::string_view text;
};

/// All embedded modules, sorted by name.
const std::vector<StdlibModule>& stdlib_modules();

}  // namespace moat
