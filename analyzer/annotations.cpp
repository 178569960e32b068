#include "analyzer/annotations.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <sstream>

namespace moat {

namespace fs = std::filesystem;

const char* annotation_kind_name(Annotation::Kind kind) {
  switch (kind) {
    case Annotation::Kind::Mitigation:
      return "mitigation";
    case Annotation::Kind::Element:
      return "element";
    case Annotation::Kind::Threat:
      return "threat";
  }
  return "element";
}

namespace {

bool id_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
}

/// True when `@moat` at `at` sits in a comment: `//`, `#`, `--`, `/*` or a `*` block line.
bool in_comment(const std::string& line, std::size_t at) {
  const std::string before = line.substr(0, at);
  if (before.find("//") != std::string::npos || before.find('#') != std::string::npos ||
      before.find("--") != std::string::npos || before.find("/*") != std::string::npos) {
    return true;
  }
  const std::size_t first = before.find_first_not_of(" \t");
  return first != std::string::npos && before[first] == '*';
}

}  // namespace

std::vector<Annotation> annotations_in(const std::string& text, const std::string& file) {
  std::vector<Annotation> out;
  std::size_t start = 0;
  std::uint32_t line_no = 1;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(start, end - start);
    for (std::size_t at = line.find("@moat"); at != std::string::npos;
         at = line.find("@moat", at + 5)) {
      if (!in_comment(line, at)) continue;
      std::size_t p = at + 5;
      while (p < line.size() && (line[p] == ' ' || line[p] == '\t')) ++p;
      if (p == at + 5) continue;  // "@moatelement api" is a word of its own, not an annotation
      static const std::pair<const char*, Annotation::Kind> kKinds[] = {
          {"mitigation", Annotation::Kind::Mitigation},
          {"element", Annotation::Kind::Element},
          {"threat", Annotation::Kind::Threat}};
      for (const auto& [word, kind] : kKinds) {
        const std::size_t n = std::strlen(word);
        if (line.compare(p, n, word) != 0 || p + n >= line.size() ||
            (line[p + n] != ' ' && line[p + n] != '\t'))
          continue;
        std::size_t q = p + n;
        while (q < line.size() && (line[q] == ' ' || line[q] == '\t')) ++q;
        std::size_t r = q;
        while (r < line.size() && id_char(line[r])) ++r;
        while (r > q && line[r - 1] == '.') --r;  // a sentence's full stop is not part of the id
        if (r == q) continue;
        Annotation a;
        a.kind = kind;
        a.id = line.substr(q, r - q);
        a.file = file;
        a.line = line_no;
        a.span = {kNoFile, static_cast<std::uint32_t>(start + q),
                  static_cast<std::uint32_t>(start + r)};
        out.push_back(std::move(a));
      }
    }
    if (end == text.size()) break;
    start = end + 1;
    ++line_no;
  }
  return out;
}

namespace {

/// The root .gitignore's patterns, in a simplified form: `name`, `*.ext`, `dir/`, `/anchored`.
struct IgnoreRules {
  std::vector<std::pair<std::string, bool>> patterns;  ///< pattern, directory-only

  IgnoreRules(const FileTree& tree, const fs::path& root) {
    std::string text, error;
    if (!tree.read((root / ".gitignore").string(), text, error)) return;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
      while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
      if (line.empty() || line[0] == '#' || line[0] == '!') continue;
      const bool dir = line.back() == '/';
      if (dir) line.pop_back();
      patterns.push_back({line, dir});
    }
  }

  bool ignored(const std::string& relative, bool is_dir) const {
    const std::string name = relative.substr(relative.rfind('/') + 1);
    for (const auto& [p, dir_only] : patterns) {
      if (dir_only && !is_dir) continue;
      const bool anchored = p[0] == '/' || p.find('/') != std::string::npos;
      const std::string pattern = p[0] == '/' ? p.substr(1) : p;
      if (::fnmatch(pattern.c_str(), anchored ? relative.c_str() : name.c_str(), 0) == 0)
        return true;
    }
    return false;
  }
};

bool skipped_directory(const std::string& name) {
  static const char* kSkip[] = {".git", ".hg", ".svn", "node_modules", ".tools", ".cache"};
  for (const char* s : kSkip) {
    if (name == s) return true;
  }
  return name.rfind("build", 0) == 0;  // build/, build-asan/, ...: build output
}

bool looks_binary(const std::string& text) {
  return std::memchr(text.data(), 0, std::min<std::size_t>(text.size(), 8192)) != nullptr;
}

}  // namespace

ScanResult scan_annotations(const std::string& root, SourceManager& sources, const FileTree& tree) {
  ScanResult result;
  const fs::path base = root.empty() ? fs::path(".") : fs::path(root);
  const IgnoreRules ignore(tree, base);
  std::vector<fs::path> files;
  tree.walk(root, [&](const TreeEntry& e) {
    if (e.directory) {
      const std::string name = e.path.substr(e.path.rfind('/') + 1);
      return !skipped_directory(name) && !ignore.ignored(e.path, true);
    }
    if (e.regular && !e.symlink && !ignore.ignored(e.path, false) &&
        e.size <= kMaxAnnotatedFileBytes)
      files.push_back(e.path);
    return true;
  });
  std::sort(files.begin(), files.end());  // directory order is not stable across file systems
  for (const fs::path& f : files) {
    std::string text, error;
    if (!tree.read((base / f).string(), text, error) || looks_binary(text)) continue;
    ++result.files_scanned;
    if (text.find("@moat") == std::string::npos) continue;
    const std::string rel = f.generic_string();
    std::vector<Annotation> found = annotations_in(text, rel);
    if (found.empty()) continue;
    const FileId id = sources.add(rel, std::move(text));
    for (Annotation& a : found) {
      a.span.file = id;
      result.annotations.push_back(std::move(a));
    }
  }
  return result;
}

}  // namespace moat
