#pragma once
// Model sources from git: `REV:path` names a model as it was at a revision. Files are read with
// `git show REV:./path` (run without a shell, so revisions and paths are never interpreted).
#include <string>
#include <vector>

#include "compiler/loader.hpp"

namespace moat::cli {

struct ModelSource {
  std::string display;  ///< as the user wrote it
  std::string path;     ///< the model file's path (relative to the current directory)
  std::string rev;      ///< empty: the working tree
};

/// `a.moat` is a file; `REV:a.moat` (when no file of that name exists) a file at a revision.
ModelSource parse_model_source(const std::string& arg);

/// A FileReader for the source: the disk, or `git show` at the revision.
FileReader reader_for(const ModelSource& source);

/// Runs git with `args` (no shell: nothing in them is interpreted); `out` is its standard output.
/// False with git's message (or why it could not run) on failure.
bool run_git(std::vector<std::string> args, std::string& out, std::string& error);

/// Runs `git show REV:./PATH`; false with git's message on failure.
bool git_show(const std::string& rev, const std::string& path, std::string& out,
              std::string& error);

}  // namespace moat::cli
