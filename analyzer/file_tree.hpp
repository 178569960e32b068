#pragma once
// How the analyzer reaches a repository's files (the annotation scan, the code-location checks,
// the evidence pack): the disk by default, or any other source (the unit tests give a tree in
// memory, as they give the loader its files through compiler/loader.hpp's FileReader).
#include <cstdint>
#include <functional>
#include <string>

#include "compiler/loader.hpp"

namespace moat {

/// One entry met while walking a folder.
struct TreeEntry {
  std::string path;         ///< relative to the walked folder, with forward slashes
  bool directory = false;   ///< a directory, or a symbolic link to one (never entered)
  bool regular = false;     ///< a regular file, or a symbolic link to one
  bool symlink = false;     ///< the entry itself is a symbolic link
  std::uintmax_t size = 0;  ///< for a regular file that is not a link: its size in bytes
};

/// Called for each entry of a walk; returns false to leave a directory's contents out.
using TreeVisitor = std::function<bool(const TreeEntry&)>;

/// Walks everything below `root`, each directory before its contents, in no particular order.
using TreeWalker = std::function<void(const std::string& root, const TreeVisitor& visit)>;

/// What a path is, links followed.
struct FileStatus {
  bool exists = false;
  bool directory = false;
  bool regular = false;     ///< a regular file (not a FIFO, device or socket)
  std::string real;         ///< the canonical path, every link resolved; empty when none
  std::uintmax_t size = 0;  ///< of a regular file
};

/// Looks a path up (the disk's: std::filesystem::canonical and status).
using TreeStat = std::function<FileStatus(const std::string& path)>;

/// A repository's files as the analyzer reads them.
class FileTree {
 public:
  /// The disk.
  FileTree() = default;
  /// Another source; an empty walker or reader stands for the disk's.
  FileTree(TreeWalker walker, FileReader reader, TreeStat stat = {})
      : walk_(std::move(walker)), read_(std::move(reader)), stat_(std::move(stat)) {}

  /// Visits every entry below `root` (not following directory links, skipping what it may not
  /// read).
  void walk(const std::string& root, const TreeVisitor& visit) const;
  /// Reads the file at `path` (the root joined with an entry's path).
  bool read(const std::string& path, std::string& text, std::string& error) const;
  /// What `path` is; `exists` is false when it cannot be examined.
  FileStatus status(const std::string& path) const;

 private:
  TreeWalker walk_;
  FileReader read_;
  TreeStat stat_;
};

}  // namespace moat
