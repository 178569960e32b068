#pragma once
// The evidence pack: every piece of evidence behind the SOC 2 criteria in scope, in the shape an
// auditor expects (docs/soc2.md, "Evidence for the auditor"). Code locations and annotations
// name files, and each file is read once: its SHA-256, the revision of the repository it belongs
// to and whether the working file differs from that revision, and a capped excerpt of the lines
// cited. Attestations carry who and when; scanner runs carry the results that bear on the
// criterion. Only files that passed the location checks (analyzer/locations.hpp) are read, and
// only through the FileTree, so a location that leaves its root is never opened.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/analysis.hpp"
#include "analyzer/file_tree.hpp"
#include "analyzer/locations.hpp"

namespace moat {

/// A repository's state as version control sees it (the CLI asks git, cli/git_state.hpp).
struct RepositoryState {
  std::string revision;  ///< the commit checked out; "" when none
  std::string why_none;  ///< when `revision` is empty: "not a git work tree", ...
  /// Files that differ from `revision`, relative to the folder: "modified" or "untracked".
  std::map<std::string, std::string> changed;
};

/// Looks up the state of the repository in folder `dir`, for the files given (relative to it).
using RevisionLookup =
    std::function<RepositoryState(const std::string& dir, const std::vector<std::string>& files)>;

/// Files larger than this are not read: their size is given, not their hash.
inline constexpr std::uintmax_t kMaxEvidenceFileBytes = std::uintmax_t{64} << 20;
/// Text kept for quoting across the whole pack; files past it are hashed, not quoted.
inline constexpr std::uintmax_t kMaxKeptTextBytes = std::uintmax_t{128} << 20;
/// An excerpt quotes at most this many lines of a location, each cut at kMaxExcerptLineBytes.
inline constexpr std::uint32_t kMaxExcerptLines = 12;
inline constexpr std::size_t kMaxExcerptLineBytes = 160;
/// A folder or a glob is evidence of the files in it; at most this many are listed and hashed.
inline constexpr std::size_t kMaxFilesPerLocation = 20;

/// One file cited as evidence.
struct EvidenceFile {
  std::string repository;  ///< "" for the repository root, else the declared repository's name
  std::string path;        ///< relative to its repository's folder, '/'-separated
  std::string sha256;      ///< lower-case hex; "" when not read (see `unread`)
  std::string unread;      ///< why it was not hashed: "larger than 64 MiB", ...
  std::uintmax_t size = 0;
  std::uint32_t lines = 0;
  bool binary = false;   ///< NUL bytes or not UTF-8: never quoted
  std::string revision;  ///< of its repository; "" when none (see EvidencePack::revisions)
  /// "clean" (the file as committed at `revision`), "modified", "untracked" (not in the
  /// revision), or "no_revision" (no version control).
  std::string state = "no_revision";
  std::string shown() const { return repository.empty() ? path : repository + ":" + path; }
};

/// Lines quoted from a file.
struct Excerpt {
  std::uint32_t first = 0;         ///< line number of lines[0]
  std::vector<std::string> lines;  ///< cut and cleaned (no control characters but tabs)
  std::uint32_t omitted = 0;       ///< lines of the location past the cap
};

enum class EvidenceKind : std::uint8_t { Location, Annotation, Attestation, Scan };
/// "location", "annotation", "attestation", "scan".
const char* evidence_kind_name(EvidenceKind k);

/// One piece of evidence, and the criteria it supports.
struct EvidenceItem {
  EvidenceKind kind = EvidenceKind::Location;
  std::string id;           ///< "E1", "E2", ... in order of first citation
  std::string text;         ///< as written: the location, "file:line", the log's path
  std::string via;          ///< what cites it: "mitigation", "annotation", "attestation", "scan"
  std::string via_id;       ///< the mitigation, criterion or scan id; "" for an undeclared log
  std::uint32_t first = 0;  ///< cited lines; 0: the whole file
  std::uint32_t last = 0;
  std::vector<std::uint32_t> files;  ///< indices into EvidencePack::files
  std::size_t more_files = 0;        ///< files of a folder or glob past kMaxFilesPerLocation
  std::string problem;  ///< why nothing is read: "does not exist", "external reference", ...
  std::vector<Excerpt> excerpts;  ///< one per quoted file (locations and annotations)
  // Attestations.
  std::string who, status, note;
  std::optional<std::int64_t> when;   ///< reviewed, days since 1970-01-01
  std::vector<std::string> attested;  ///< the attestation's evidence, as written
  // Scans.
  std::string scan_state;               ///< declared scans: present, missing, stale, unreadable
  std::vector<std::uint32_t> results;   ///< results bearing on the criteria, reading order
  std::vector<std::uint32_t> criteria;  ///< indices into Analysis::controls, in catalog order
};

struct EvidencePack {
  bool collected = false;
  std::vector<EvidenceFile> files;  ///< in order of first citation
  std::vector<EvidenceItem> items;  ///< in order of first citation (criteria in catalog order)
  std::vector<std::vector<std::uint32_t>> by_control;  ///< per Analysis::controls: item indices
  /// Per repository ("" the root): its revision, or why there is none.
  std::vector<std::pair<std::string, RepositoryState>> revisions;
};

struct PackOptions {
  std::string root;                          ///< the repository root (annotations, scan logs)
  const LocationCheck* locations = nullptr;  ///< from check_locations; null: nothing is read
  const FileTree* tree = nullptr;            ///< where files are read; null: the disk
  RevisionLookup revisions;                  ///< null: no version control is asked
};

/// Collects the evidence of every criterion in scope of `a` (controls computed).
EvidencePack collect_evidence(const ModelGraph& g, const Analysis& a, const PackOptions& options);

// evidence_read.cpp: one file read for the pack.

/// Reads `real` (a path that passed the checks) through `tree`: its hash, size, lines, whether
/// it is binary; `text` keeps its bytes for excerpts (empty when not read).
EvidenceFile read_evidence_file(const FileTree& tree, const std::string& real, std::string& text);

/// Lines `first`..`last` of `text` (the whole file from its start when `first` is 0), capped
/// at kMaxExcerptLines lines of kMaxExcerptLineBytes bytes.
Excerpt excerpt_of(const std::string& text, std::uint32_t first, std::uint32_t last);

}  // namespace moat
