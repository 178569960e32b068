#pragma once
// Integer keys for sorting id strings: most comparisons of two ids become one integer compare,
// and only ids that share their first eight bytes are left to compare as strings.
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace moat {

/// The first eight bytes of `id + end`, zero-padded, as a big-endian number (`end` = '\0' adds
/// nothing). When neither id holds `end` or a NUL byte, two ids whose keys differ are ordered by
/// them as `x + end` and `y + end` are as strings.
inline std::uint64_t prefix_key(std::string_view id, char end = '\0') {
  std::uint64_t key = 0;
  for (std::size_t i = 0; i < 8; ++i) {
    const char c = i < id.size() ? id[i] : i == id.size() ? end : '\0';
    key = (key << 8) | static_cast<unsigned char>(c);
  }
  return key;
}

}  // namespace moat
