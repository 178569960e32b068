#include "compiler/import_root.hpp"

namespace moat {

namespace fs = std::filesystem;

namespace {

/// `path` is `folder` or below it. Both must be normalized (lexically or canonically).
bool is_within(const fs::path& path, const fs::path& folder) {
  const fs::path rel = path.lexically_relative(folder);
  return !rel.empty() && *rel.begin() != "..";
}

/// `p`, absolute, with symbolic links resolved as far as it exists; empty when that fails.
/// (Absolute first: weakly_canonical leaves a relative path relative when none of it exists.)
fs::path resolved_links(const fs::path& p) {
  std::error_code ec;
  const fs::path absolute = fs::absolute(p.empty() ? fs::path(".") : p, ec);
  if (ec) return {};
  fs::path out = fs::weakly_canonical(absolute, ec);
  return ec ? fs::path() : out;
}

}  // namespace

ImportRoot::ImportRoot(const std::string& folder) : lexical_(fs::path(folder).lexically_normal()) {
  if (lexical_.empty()) lexical_ = ".";
  canonical_ = resolved_links(lexical_);
}

std::string ImportRoot::shown() const {
  std::error_code ec;
  const fs::path here = fs::current_path(ec);
  if (!ec && !canonical_.empty()) {
    const fs::path rel = canonical_.lexically_relative(resolved_links(here));
    if (!rel.empty()) return rel.generic_string();
  }
  return lexical_.generic_string();
}

ImportPlace ImportRoot::place(const std::string& written, const fs::path& resolved) const {
  const fs::path as_written(written);
  if (as_written.has_root_directory() || as_written.has_root_name()) return ImportPlace::Absolute;
  const fs::path real = resolved_links(resolved);
  // Where links can be resolved, they decide: `../models/x.moat` from inside `models` stays in,
  // and a link inside the folder that points out of it does not.
  if (!real.empty() && !canonical_.empty()) {
    if (is_within(real, canonical_)) return ImportPlace::Inside;
    return is_within(resolved.lexically_normal(), lexical_) ? ImportPlace::EscapesThroughLink
                                                            : ImportPlace::Escapes;
  }
  return is_within(resolved.lexically_normal(), lexical_) ? ImportPlace::Inside
                                                          : ImportPlace::Escapes;
}

}  // namespace moat
