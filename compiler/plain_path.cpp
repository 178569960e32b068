#include "compiler/plain_path.hpp"

namespace moat {

bool is_plain_relative(std::string_view path, bool folder_slash) {
  if (folder_slash && path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  if (path.empty() || path.front() == '/') return false;
  for (std::size_t from = 0; from <= path.size();) {
    std::size_t to = path.find('/', from);
    if (to == std::string_view::npos) to = path.size();
    const std::string_view part = path.substr(from, to - from);
    if (part.empty() || part == "." || part == "..") return false;
    from = to + 1;
  }
  return true;
}

}  // namespace moat
