#pragma once
// Code locations: `code` and `evidence` values name "path", "path:line" or "path:from-to",
// relative to the repository root, or a glob. Each is checked against the files: a missing path
// or a line past the end is stale (a warning, an error with --strict-locations); an absolute
// path, a `..` that leaves the root or a symlink pointing out of it is an error.
#include <string>

#include "compiler/graph.hpp"

namespace moat {

struct ParsedLocation {
  std::string path;
  std::uint32_t first = 0, last = 0;  ///< 0: no line given
};

/// Splits "path:12" / "path:3-9"; a suffix that is not a line range stays part of the path.
ParsedLocation parse_location(const std::string& text);

/// True when `path` is relative and stays inside the root lexically (no escaping `..`).
bool stays_inside(const std::string& path);

struct LocationOptions {
  std::string root;     ///< the repository root
  bool strict = false;  ///< stale locations are errors
};

void check_locations(const ModelGraph& g, const LocationOptions& options, DiagnosticSink& diags);

}  // namespace moat
