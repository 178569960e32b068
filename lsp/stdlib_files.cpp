// Writing the read-only copies of the standard-library modules.
#include "lsp/stdlib_files.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "compiler/read_file.hpp"

namespace moat::lsp {

namespace fs = std::filesystem;

namespace {

fs::path cache_folder() {
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return fs::path(xdg) / "moat";
  if (const char* home = std::getenv("HOME"); home && *home) return fs::path(home) / ".cache/moat";
  return {};
}

fs::path copies_folder() {
  const fs::path base = cache_folder();
  return base.empty() ? base : base / "stdlib-0.1.0";
}

}  // namespace

bool is_stdlib_copy(const std::string& path) {
  const fs::path folder = copies_folder();
  return !folder.empty() && fs::path(path).parent_path() == folder.lexically_normal();
}

std::string stdlib_copy(const SourceFile& source) {
  const fs::path folder = copies_folder();
  if (folder.empty() || !source.is_stdlib) return {};
  const fs::path path = folder / fs::path(source.path).filename();
  std::string existing, error;
  if (read_file(path.string(), existing, error) && existing == source.text) return path.string();
  std::error_code ec;
  fs::create_directories(folder, ec);
  // Written beside, then renamed over the old copy: a read-only file cannot be rewritten in place.
  const fs::path temp = path.string() + ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << source.text;
    if (!out) return {};
  }
  fs::permissions(temp, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read, ec);
  fs::rename(temp, path, ec);
  return ec ? std::string() : path.string();
}

}  // namespace moat::lsp
