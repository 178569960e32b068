#pragma once
// Source annotations: comments in the repository's code that point back at the model, such as
// `// @moat mitigation verify_webhook`, `# @moat element api` or
// `-- @moat threat api.missing_authorization`. A scan of the repository collects them; the
// analyzer attaches each file:line as evidence to the named mitigation, element or threat.
#include <string>
#include <vector>

#include "analyzer/file_tree.hpp"
#include "compiler/source.hpp"

namespace moat {

struct Annotation {
  enum class Kind : std::uint8_t { Mitigation, Element, Threat };
  Kind kind = Kind::Element;
  std::string id;
  std::string file;  ///< relative to the scanned root, with forward slashes
  std::uint32_t line = 0;
  Span span;  ///< the id, in the annotated file (added to the SourceManager)
};

const char* annotation_kind_name(Annotation::Kind kind);

struct ScanResult {
  std::vector<Annotation> annotations;  ///< in path order, then line order
  std::size_t files_scanned = 0;
};

/// Walks `root` (not following directory symlinks; skipping .git, build output, files the root
/// .gitignore ignores, binary and very large files) and collects the annotations. Each file
/// that has one is added to `sources`, so diagnostics can show the annotated line. `tree` is
/// where the files are read: the disk unless a test gives another.
ScanResult scan_annotations(const std::string& root, SourceManager& sources,
                            const FileTree& tree = {});

/// Files larger than this are data, not code: the scan passes over them.
inline constexpr std::uintmax_t kMaxAnnotatedFileBytes = 4u << 20;

/// Finds the annotations in one file's text (exposed for tests).
std::vector<Annotation> annotations_in(const std::string& text, const std::string& file);

}  // namespace moat
