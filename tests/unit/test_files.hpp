#pragma once
// Files for the unit tests: a tree in memory (a FileReader for the loader, a FileTree for the
// analyzer's scans), so a test states its files in a few lines and can see which paths were
// read; and a temporary folder on disk, for what only the disk can show.
#include <doctest/doctest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>

#include "analyzer/file_tree.hpp"

namespace moat_test {

/// A folder tree in memory. Paths are written with forward slashes, relative to where the
/// test runs ("repo/src/a.c"); folders exist where a file or a link lies below them.
struct MemoryTree {
  std::map<std::string, std::string> files;  ///< path -> contents
  std::map<std::string, std::string> links;  ///< path -> the path it points to
  mutable std::set<std::string> asked;       ///< every path a reader asked for

  /// Reads a file (through links); records the path asked for.
  moat::FileReader reader() const {
    return [this](const std::string& path, std::string& out, std::string& error) {
      const std::string p = normal(path);
      asked.insert(p);
      const auto it = files.find(resolve(p));
      if (it == files.end()) {
        error = is_folder(resolve(p)) ? "is a directory" : "no such file";
        return false;
      }
      out = it->second;
      return true;
    };
  }

  /// What a path is: a link resolves to its target (which may lie anywhere: it is never read
  /// here), a folder exists where something lies below it.
  moat::FileStatus stat(const std::string& path) const {
    std::string p = normal(path);
    while (p.size() > 1 && p.back() == '/') p.pop_back();
    asked.insert(p);
    const std::string target = resolve(p);
    moat::FileStatus st;
    st.directory = is_folder(target);
    st.regular = files.count(target) > 0;
    st.exists = st.directory || st.regular || links.count(p) > 0;
    if (st.exists) st.real = target;
    if (st.regular) st.size = files.at(target).size();
    return st;
  }

  /// The tree as the analyzer's scans see it.
  moat::FileTree tree() const {
    return moat::FileTree(
        [this](const std::string& root, const moat::TreeVisitor& visit) { walk(root, visit); },
        reader(), [this](const std::string& path) { return stat(path); });
  }

 private:
  static std::string normal(const std::string& path) {
    std::string p = path;
    while (p.rfind("./", 0) == 0) p.erase(0, 2);
    return p == "." ? "" : p;
  }

  std::string resolve(const std::string& path) const {
    const auto it = links.find(path);
    return it == links.end() ? path : it->second;
  }

  bool is_folder(const std::string& path) const {
    auto below = [&](const auto& map) {
      const auto it = map.lower_bound(path + "/");
      return it != map.end() && it->first.rfind(path + "/", 0) == 0;
    };
    return below(files) || below(links);
  }

  /// Every file, link and implied folder below `root`, parents first; a folder `visit` refuses
  /// is not entered.
  void walk(const std::string& root, const moat::TreeVisitor& visit) const {
    const std::string base = normal(root);
    const std::string prefix = base.empty() ? "" : base + "/";
    std::map<std::string, moat::TreeEntry> entries;
    auto add = [&](const std::string& path, bool link) {
      if (path.rfind(prefix, 0) != 0) return;
      const std::string rel = path.substr(prefix.size());
      for (std::size_t slash = rel.find('/'); slash != std::string::npos;
           slash = rel.find('/', slash + 1))
        entries[rel.substr(0, slash)].directory = true;
      moat::TreeEntry& e = entries[rel];
      e.path = rel;
      e.symlink = link;
      const std::string target = resolve(path);
      e.directory = is_folder(target);
      e.regular = files.count(target) > 0;
      if (e.regular && !link) e.size = files.at(target).size();
    };
    for (const auto& [path, text] : files) add(path, false);
    for (const auto& [path, target] : links) add(path, true);
    std::set<std::string> refused;
    for (auto& [rel, e] : entries) {
      e.path = rel;
      bool inside_refused = false;
      for (std::size_t slash = rel.find('/'); slash != std::string::npos;
           slash = rel.find('/', slash + 1))
        inside_refused = inside_refused || refused.count(rel.substr(0, slash)) > 0;
      if (inside_refused) continue;
      // A link to a folder is reported and never entered, like the disk's walk.
      if (!visit(e) && e.directory) refused.insert(rel);
      if (e.symlink && e.directory) refused.insert(rel);
    }
  }
};

/// A temporary folder, removed at the end of the test.
struct TempDir {
  std::filesystem::path path;

  TempDir() {
    char name[] = "/tmp/moat-unit-XXXXXX";
    REQUIRE(::mkdtemp(name) != nullptr);
    path = name;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  /// Writes `text` to `name` below the folder, making its folders; returns its path.
  std::filesystem::path write(const std::string& name, const std::string& text) const {
    const std::filesystem::path p = path / name;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }
};

}  // namespace moat_test
