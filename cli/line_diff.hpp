#pragma once
// A small line diff for `moat fmt --diff`: a longest common subsequence of the two texts' lines
// (Hirschberg's algorithm, in linear memory; large inputs are first cut into pieces at lines that
// occur once in each text, as patience diff does), printed in the unified format of `diff -u`.
#include <cstddef>
#include <string>
#include <string_view>

namespace moat::cli {

/// The unified diff that turns `before` into `after`: headers `--- a/NAME` and `+++ b/NAME`, then
/// `@@ -l,n +l,n @@` hunks with `context` lines of context around each change, and
/// `\ No newline at end of file` where a text's last line has no line break. Empty when the texts
/// are equal. `patch -p1` applies it.
std::string unified_diff(std::string_view before, std::string_view after, const std::string& name,
                         std::size_t context = 3);

}  // namespace moat::cli
