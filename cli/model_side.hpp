#pragma once
// A model read for comparison: `moat diff`'s two sides and `moat build --baseline`. Either a
// file or the file at a git revision (cli/git_source.hpp), compiled and analyzed on its own
// (no repository checks: its code may no longer be there).
#include <memory>
#include <string>

#include "analyzer/analysis.hpp"
#include "cli/git_source.hpp"
#include "compiler/compile.hpp"

namespace moat::cli {

struct ModelSide {
  std::unique_ptr<Compilation> compilation;
  Analysis analysis;
};

/// Compiles and analyzes `source`; prints its diagnostics, each line prefixed with `label`
/// ("old: ", "baseline: "). The exit code: 0 when it compiled, 1 for errors in the model, 2 when
/// it cannot be read.
/// With `evidence` (SARIF files or globs), the side is analyzed with those logs' results
/// (docs/evidence.md; `moat diff --evidence`). With `declared_scans`, a side read from the work
/// tree also reads the logs its model declares. A caller sets it only when both sides of a
/// comparison come from the work tree: a side read from git has no logs, and reading them on
/// one side only would show every open result as new.
int load_side(const ModelSource& source, const char* label, std::int64_t today, ModelSide& side,
              const std::vector<std::string>& evidence = {}, bool declared_scans = false);

/// What `--baseline ARG` names for the model `model_path`: an existing file; `REV:path`; or
/// else a git revision, at which the model is read from the same path.
ModelSource baseline_source(const std::string& arg, const std::string& model_path);

}  // namespace moat::cli
