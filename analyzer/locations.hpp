#pragma once
// Code locations: `code` and `evidence` values name "path", "path:line" or "path:from-to",
// relative to the repository root, or a glob; "REPO:path" is relative to a repository the model
// declares (`repositories { REPO = "../REPO" }`); "https://..." is an external reference, never
// checked. Each is checked against the files: a missing path or a line past the end is stale (a
// warning, an error with --strict-locations); an absolute path, a `..` that leaves the root or a
// symlink pointing out of it is an error. docs/language.md and docs/security.md say why.
#include <map>
#include <string>

#include "analyzer/file_tree.hpp"
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
  /// No StaleLocation or MissingRepository warnings (--quiet-locations, `quiet_locations`);
  /// `strict` wins over it.
  bool quiet = false;
  /// --repository NAME=DIR: folders given on the command line, which replace the model's and
  /// are trusted as the command line is (no workspace rule).
  std::map<std::string, std::string> repository_folders = {};
  /// Where the files are read: the disk when null (the unit tests give a tree in memory).
  const FileTree* tree = nullptr;
};

/// Where a location that passed the check leads, for the evidence pack: only these paths are
/// ever read as evidence, so a location outside its root is never opened.
struct ResolvedLocation {
  bool checked = false;    ///< false: a URL, outside its root, unusable or missing
  std::string repository;  ///< "" for the repository root, else the declared name
  std::string dir;         ///< the root or repository folder, canonical
  std::string path;        ///< as written, without the repository prefix and line range
  std::string real;        ///< the file or folder, canonical (inside `dir`); "" for a glob
  bool folder = false;
  std::vector<std::string> matches;  ///< a glob: the files it matches, relative to `dir`, sorted
};

/// What the check found: which location strings name nothing (a missing path or line, a glob
/// that matches nothing). Evidence that does not exist is not evidence (docs/soc2.md).
struct LocationCheck {
  IdVector<StringId, char> stale;  ///< per ModelGraph::strings: true when it names nothing
  /// Per ModelGraph::strings: where it leads (unchecked for strings that are no location).
  IdVector<StringId, ResolvedLocation> resolved;
  /// False for a string that was not checked, and for none.
  bool is_stale(StringId string) const { return stale.contains(string) && stale[string]; }
};

/// Checks every `code` and `evidence` location; reports stale ones and those outside the root.
LocationCheck check_locations(const ModelGraph& g, const LocationOptions& options,
                              DiagnosticSink& diags);

/// True when the code location `location` (as `code` is written) covers line `line` of `file`
/// (a path relative to the repository root; line 0: the file as a whole): the file itself, a
/// file below the folder it names, or one its glob matches, on a line within its range when it
/// gives one. Locations in other repositories and URLs cover nothing of the root's files.
bool location_covers(const std::string& location, const std::string& file, std::uint32_t line);

/// For a terminal: every other diagnostic first, then the StaleLocation ones, of which the
/// first `keep` are shown in full and the rest as one line per folder (a folder with a single
/// remaining location shows it in full). JSON and SARIF keep them all.
std::vector<Diagnostic> fold_stale_locations(const SourceManager& sources,
                                             std::vector<Diagnostic> sorted, std::size_t keep = 5);

}  // namespace moat
