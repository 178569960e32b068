// Many stale code locations (a product over eight repositories, a big rename) would bury the
// warnings that matter: on a terminal they come last, and after the first few, one line per
// folder stands for the rest.
#include <map>
#include <optional>

#include <fmt/format.h>

#include "analyzer/locations.hpp"

namespace moat {

namespace {

/// "3 more stale code locations under 'web/' (the first at m.moat:12:9)"
Diagnostic folded(const SourceManager& sources, const std::vector<const Diagnostic*>& group) {
  const Diagnostic& first = *group.front();
  const std::string where =
      first.group.empty() ? "at the top of the repository root" : "under '" + first.group + "'";
  const LineCol lc = sources.line_col(first.span.file, first.span.begin);
  Diagnostic d;
  d.kind = first.kind;
  d.severity = first.severity;
  d.message = fmt::format(
      "{} more stale code locations {} (the first at {}:{}:{}; --format json lists all)",
      group.size(), where, sources.file(first.span.file).path, lc.line, lc.column);
  return d;
}

}  // namespace

std::vector<Diagnostic> fold_stale_locations(const SourceManager& sources,
                                             std::vector<Diagnostic> sorted, std::size_t keep) {
  std::vector<Diagnostic> out, stale;
  std::optional<Diagnostic> too_many;  // stays last, as everywhere
  for (Diagnostic& d : sorted) {
    if (d.kind == DiagKind::StaleLocation && d.span.valid())
      stale.push_back(std::move(d));
    else if (d.kind == DiagKind::TooManyErrors)
      too_many = std::move(d);
    else
      out.push_back(std::move(d));
  }
  std::vector<std::string> order;  // folders in order of their first remaining location
  std::map<std::string, std::vector<const Diagnostic*>> rest;
  for (std::size_t i = keep; i < stale.size(); ++i) {
    auto [it, fresh] = rest.try_emplace(stale[i].group);
    if (fresh) order.push_back(stale[i].group);
    it->second.push_back(&stale[i]);
  }
  for (std::size_t i = 0; i < stale.size() && i < keep; ++i) out.push_back(stale[i]);
  for (const std::string& folder : order) {
    const std::vector<const Diagnostic*>& group = rest[folder];
    out.push_back(group.size() == 1 ? *group.front() : folded(sources, group));
  }
  if (too_many) out.push_back(std::move(*too_many));
  return out;
}

}  // namespace moat
