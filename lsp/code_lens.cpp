// Counting open threats per element, by severity, for the lens above its declaration.
#include "lsp/code_lens.hpp"

#include <fmt/format.h>

#include "lsp/text.hpp"

namespace moat::lsp {

namespace {

/// "3 open threats (1 critical, 1 high)": the count, then the counts of the severities from
/// `high` up, most severe first.
std::string lens_title(const std::vector<std::uint32_t>& by_severity,
                       const std::vector<std::string>& names, int high) {
  std::uint32_t total = 0;
  for (const std::uint32_t n : by_severity) total += n;
  if (total == 0) return "no open threats";
  std::string detail;
  for (int s = static_cast<int>(by_severity.size()) - 1; s >= high && s >= 0; --s) {
    if (by_severity[s] == 0) continue;
    detail += fmt::format("{}{} {}", detail.empty() ? "" : ", ", by_severity[s], names[s]);
  }
  return fmt::format("{} open threat{}{}", total, total == 1 ? "" : "s",
                     detail.empty() ? "" : " (" + detail + ")");
}

}  // namespace

nlohmann::json code_lenses(const Model& model, FileId file) {
  nlohmann::json lenses = nlohmann::json::array();
  if (!model.analyzed) return lenses;
  const ModelGraph& g = model.compilation->graph;
  auto it = g.schema.enum_ids.find("severity");
  if (it == g.schema.enum_ids.end()) return lenses;
  const std::vector<std::string>& names = g.schema.enums[it->second].members;
  const int high = g.schema.enums[it->second].member_index("high");
  // Open threats per element and severity; a two-way flow's reverse direction counts for the
  // declared one, whose id it shares.
  IdVector<ElementId, std::vector<std::uint32_t>> counts(g.elements.size(),
                                                         std::vector<std::uint32_t>(names.size()));
  for (const Threat& t : model.analysis.threats) {
    if (t.status != ThreatStatus::Open || t.severity >= names.size()) continue;
    ElementId e = t.element;
    if (g.elements[e].kind == Kind::Flow && g.flow(e).reverse) e = g.flow(e).partner;
    ++counts[e][t.severity];
  }
  const std::string& text = model.compilation->program.sources.file(file).text;
  const auto starts = line_starts(text);
  for (const ElementId e : g.elements.ids_from(1)) {
    const ElementRec& rec = g.elements[e];
    if (rec.id_span.file != file || !rec.id_span.valid()) continue;
    if (rec.kind == Kind::Flow && g.flow(e).reverse) continue;
    lenses.push_back(
        {{"range", range_json(text, starts, rec.id_span.begin, rec.id_span.end)},
         {"command", {{"title", lens_title(counts[e], names, high)}, {"command", ""}}}});
  }
  return lenses;
}

}  // namespace moat::lsp
