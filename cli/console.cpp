#include "cli/console.hpp"

#include <algorithm>

#include "analyzer/locations.hpp"
#include "cli/commands.hpp"

namespace moat::cli {

int require_readable(const Compilation& c, const std::string& name) {
  if (c.load != LoadStatus::RootUnreadable) return kOk;
  print_error("cannot read '{}': {}", name, c.io_error);
  return kUsage;
}

namespace {

/// Every line of `text` after `prefix`: excerpt and caret lines alike, so a caret stays under
/// its column.
std::string prefixed(const std::string& text, std::string_view prefix) {
  if (prefix.empty()) return text;
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    out.append(prefix).append(text, start, end - start).append("\n");
    start = end + 1;
  }
  return out;
}

}  // namespace

int report_diagnostics(const Compilation& c, std::string_view prefix) {
  std::cerr << prefixed(
      render_text(c.program.sources, fold_stale_locations(c.program.sources, c.diags.sorted())),
      prefix);
  return c.ok() ? kOk : kModelErrors;
}

int require_compiled(const Compilation& c, const std::string& name) {
  if (const int exit = require_readable(c, name); exit != kOk) return exit;
  return c.ok() ? kOk : report_diagnostics(c);
}

}  // namespace moat::cli
