#include "analyzer/file_tree.hpp"

#include <filesystem>

namespace moat {

namespace fs = std::filesystem;

namespace {

void walk_disk(const std::string& root, const TreeVisitor& visit) {
  const fs::path base = root.empty() ? fs::path(".") : fs::path(root);
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(
           base, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    // An entry that cannot be examined is neither a directory nor a file: it is passed over.
    std::error_code entry_ec;
    TreeEntry e;
    e.path = it->path().lexically_relative(base).generic_string();
    e.directory = it->is_directory(entry_ec);
    e.regular = !e.directory && it->is_regular_file(entry_ec);
    e.symlink = it->is_symlink(entry_ec);
    if (e.regular && !e.symlink) e.size = it->file_size(entry_ec);
    if (!visit(e) && e.directory) it.disable_recursion_pending();
  }
}

FileStatus stat_disk(const std::string& path) {
  FileStatus out;
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  if (ec || !fs::exists(st)) return out;
  const fs::path real = fs::canonical(path, ec);
  if (ec) return out;
  out.exists = true;
  out.real = real.string();
  out.directory = fs::is_directory(st);
  out.regular = fs::is_regular_file(st);
  if (out.regular) out.size = fs::file_size(real, ec);
  return out;
}

}  // namespace

FileStatus FileTree::status(const std::string& path) const {
  return stat_ ? stat_(path) : stat_disk(path);
}

void FileTree::walk(const std::string& root, const TreeVisitor& visit) const {
  if (walk_)
    walk_(root, visit);
  else
    walk_disk(root, visit);
}

bool FileTree::read(const std::string& path, std::string& text, std::string& error) const {
  return read_ ? read_(path, text, error) : read_file(path, text, error);
}

}  // namespace moat
