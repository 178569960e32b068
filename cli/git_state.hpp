#pragma once
// The revision evidence is cited at: the commit checked out in a repository's folder, and which
// cited files differ from it (`git status`), so a report never claims a hash "at" a revision
// the working file is not.
#include <string>
#include <vector>

#include "analyzer/evidence_pack.hpp"

namespace moat::cli {

/// The state of the git work tree around `dir` for `files` (relative to `dir`): the revision
/// (HEAD), and the files that are modified, or untracked or ignored (not in the revision).
/// Without git, outside a work tree or before the first commit: no revision, and why.
RepositoryState git_state(const std::string& dir, const std::vector<std::string>& files);

}  // namespace moat::cli
