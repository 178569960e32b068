#include "analyzer/code_index.hpp"

#include <filesystem>

#include "analyzer/locations.hpp"
#include "compiler/attrs.hpp"
#include "compiler/plain_path.hpp"
#include "compiler/repositories.hpp"

namespace moat {

namespace fs = std::filesystem;

namespace {

/// The path a plain location names, as `location_covers` compares it: normalised, and a folder
/// written with a trailing slash as the folder itself. Empty for the whole repository.
std::string key_of(const std::string& path) {
  const fs::path written = fs::path(path).lexically_normal();
  if (written.empty() || written == ".") return {};
  return (written.has_filename() ? written : written.parent_path()).generic_string();
}

/// How closely a location names a place: its path's length without a trailing slash, plus one
/// for a line range; the whole repository 0.
std::size_t specificity_of(const ParsedLocation& loc, const std::string& key, bool glob) {
  const std::size_t length = glob ? loc.path.size() : key.size();
  return length == 0 ? 0 : length + (loc.first == 0 ? 0 : 1);
}

}  // namespace

CodeIndex::CodeIndex(const ModelGraph& g) {
  for (ElementId e : g.elements.ids_from(1)) {
    for (std::string& location : attrs_of(g, e).strings("code")) {
      // URLs and other repositories' locations cover none of the root's files.
      if (is_url(location) || !split_repository(location).repository.empty()) continue;
      const ParsedLocation parsed = parse_location(location);
      const bool glob = parsed.path.find_first_of("*?[") != std::string::npos;
      const std::string key = glob ? std::string() : key_of(parsed.path);
      const std::size_t specificity = specificity_of(parsed, key, glob);
      if (key.empty())
        anywhere_.push_back({e, std::move(location), specificity});
      else
        by_path_[key].push_back({e, std::move(location), specificity});
    }
  }
}

void CodeIndex::covering(const std::string& file, std::uint32_t line,
                         std::vector<Cover>& out) const {
  auto test = [&](const std::vector<Entry>& entries) {
    for (const Entry& entry : entries) {
      if (location_covers(entry.location, file, line))
        out.push_back({entry.element, entry.specificity});
    }
  };
  test(anywhere_);
  if (by_path_.empty()) return;
  // A location covers the file when it names the file or one of its folders: look up each.
  if (is_plain_relative(file)) {
    // Its own normal form: its folders are the text before each '/'.
    std::string key = file;
    for (std::size_t end = key.size(); end != std::string::npos; end = key.rfind('/', end - 1)) {
      key.resize(end);
      if (const auto it = by_path_.find(key); it != by_path_.end()) test(it->second);
    }
    return;
  }
  for (fs::path p = fs::path(file).lexically_normal(); !p.empty(); p = p.parent_path()) {
    if (const auto it = by_path_.find(p.generic_string()); it != by_path_.end()) test(it->second);
    if (p == p.parent_path()) break;  // "/" is its own parent
  }
}

}  // namespace moat
