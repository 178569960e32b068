#pragma once
// The workshop page's own files (serve/page/*), embedded into the binary at build time by
// cmake/embed_assets.cmake: the server answers with these bytes and never opens a file by path.
#include <string_view>
#include <vector>

namespace moat::serve {

struct Asset {
  std::string_view name;   ///< the file name, which is also its URL path after '/'
  std::string_view bytes;  ///< the file as written in serve/page
};

/// Every embedded file, sorted by name.
const std::vector<Asset>& page_assets();

}  // namespace moat::serve
