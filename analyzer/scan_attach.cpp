#include "analyzer/scan_attach.hpp"

#include <algorithm>

#include "analyzer/code_index.hpp"

namespace moat {

void attach_scan_results(const ModelGraph& g, ScanEvidence& evidence) {
  evidence.attached.clear();
  evidence.outside.clear();
  const CodeIndex code(g);
  std::vector<ElementId> hits;
  for (std::uint32_t r = 0; r < evidence.results.size(); ++r) {
    hits.clear();
    for (const ScanLocation& where : evidence.results[r].locations)
      code.covering(where.path, where.line, hits);
    std::sort(hits.begin(), hits.end());
    hits.erase(std::unique(hits.begin(), hits.end()), hits.end());
    if (hits.empty()) evidence.outside.push_back(r);
    for (ElementId e : hits) evidence.attached.emplace_back(e, r);
  }
  std::sort(evidence.attached.begin(), evidence.attached.end());
}

}  // namespace moat
