#pragma once
// The date of a declared scan's log when the log records none (Trivy, Checkov and Gitleaks
// write no invocation end time): the day of the last commit that touched the file, when git
// tracks it and the work tree holds it unmodified. A commit's date is in the repository's
// history, where an auditor can check it; the file's modification time is only the checkout's.
#include <cstdint>
#include <string>

namespace moat::cli {

/// Days since 1970-01-01 of the committer date of the last commit (reachable from HEAD) that
/// touched `path`; -1 when there is none, and `why` says why, in words that end a sentence
/// ("it is not committed to git", "it differs from its last commit", "it is not in a git work
/// tree"). Matches evidence/evidence_files.hpp's CommitDay.
std::int64_t git_commit_day(const std::string& path, std::string& why);

}  // namespace moat::cli
