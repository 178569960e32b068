#pragma once
// The embedded standard library as files an editor can open: a definition in `stride` or `soc2`
// points into a read-only copy written to the user's cache folder
// ($XDG_CACHE_HOME/moat/stdlib-VERSION/, else ~/.cache/...), since not every client can show a
// document of a custom URI scheme.
#include <string>

#include "compiler/source.hpp"

namespace moat::lsp {

/// The path of the cached copy of standard-library module `source` (written, read-only, when
/// missing or different); empty when no cache folder can be written.
std::string stdlib_copy(const SourceFile& source);

/// True when `path` is such a copy: it is shown, never checked as a model of its own.
bool is_stdlib_copy(const std::string& path);

}  // namespace moat::lsp
