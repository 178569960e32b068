#pragma once
// Code locations across repositories. A product spread over several repositories names them in
// `repositories { gitaly = "../gitaly" }`; a location then reads `gitaly:internal/service/`.
// A location may also be a URL (`https://...`): an external reference, kept but never checked.
// The compiler checks the names; analyzer/locations.cpp checks the folders and the files.
#include <string>
#include <string_view>

#include "compiler/ast.hpp"
#include "compiler/graph.hpp"

namespace moat {

/// True for `http://...` and `https://...` (any letter case in the scheme).
bool is_url(std::string_view location);

/// A location split at its repository prefix: `gitaly:internal/x.go:12` is {"gitaly",
/// "internal/x.go:12"}. The prefix is a name (as identifiers are written) followed by ':' and
/// something that is not a line range, so `Makefile:12` stays a path with a line. URLs and
/// locations without a prefix have an empty `repository` and the whole text as `path`.
struct RepositoryPart {
  std::string repository;
  std::string path;
};
RepositoryPart split_repository(const std::string& location);

/// The `repositories` declarations of every module: each name once, each folder a string.
void declare_repositories(const std::vector<const ast::Module*>& modules, ModelGraph& g,
                          DiagnosticSink& diags);

/// Reports a location whose repository prefix names no declared repository (with a
/// suggestion); false when it does.
bool check_location_repository(const std::string& location, Span span, const ModelGraph& g,
                               DiagnosticSink& diags);

}  // namespace moat
