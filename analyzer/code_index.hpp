#pragma once
// The elements' `code` locations indexed by the file or folder they name, so that finding the
// elements whose code covers a scanner result costs the depth of the result's path, not the
// number of locations: 100,000 results on a 10,000-element model compared every result with
// every location (docs/performance.md).
#include <string>
#include <unordered_map>
#include <vector>

#include "compiler/graph.hpp"

namespace moat {

class CodeIndex {
 public:
  explicit CodeIndex(const ModelGraph& g);

  /// An element whose `code` covers a place, and how closely: the covering location's path
  /// length (a line range counts one more), 0 for the whole repository.
  struct Cover {
    ElementId element;
    std::size_t specificity;
  };

  /// Appends to `out` every element whose `code` covers `line` of `file` (a path relative to
  /// the repository root; line 0: the file as a whole), exactly as `location_covers` decides;
  /// an element may appear more than once, once per covering location.
  void covering(const std::string& file, std::uint32_t line, std::vector<Cover>& out) const;

 private:
  struct Entry {
    ElementId element;
    std::string location;  ///< as written, for the exact test
    std::size_t specificity;
  };
  /// Locations naming one file or folder, by that path (normalised, no trailing slash).
  std::unordered_map<std::string, std::vector<Entry>> by_path_;
  /// Globs and the whole repository: they can match any file, so each is tested every time.
  std::vector<Entry> anywhere_;
};

}  // namespace moat
