#include "cli/console.hpp"

#include "analyzer/locations.hpp"

#include "cli/commands.hpp"

namespace moat::cli {

int require_readable(const Compilation& c, const std::string& name) {
  if (c.load != LoadStatus::RootUnreadable) return kOk;
  print_error("cannot read '{}': {}", name, c.io_error);
  return kUsage;
}

int report_diagnostics(const Compilation& c) {
  std::cerr << render_text(c.program.sources,
                           fold_stale_locations(c.program.sources, c.diags.sorted()));
  return c.ok() ? kOk : kModelErrors;
}

int require_compiled(const Compilation& c, const std::string& name) {
  if (const int exit = require_readable(c, name); exit != kOk) return exit;
  return c.ok() ? kOk : report_diagnostics(c);
}

}  // namespace moat::cli
