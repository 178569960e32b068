#include "analyzer/scan_attach.hpp"

#include <algorithm>

#include "analyzer/locations.hpp"
#include "compiler/attrs.hpp"

namespace moat {

namespace {

struct CodeLocation {
  ElementId element;
  std::string location;
};

std::vector<CodeLocation> code_locations(const ModelGraph& g) {
  std::vector<CodeLocation> out;
  for (ElementId e = 1; e < g.elements.size(); ++e) {
    for (std::string& loc : attrs_of(g, e).strings("code")) out.push_back({e, std::move(loc)});
  }
  return out;
}

}  // namespace

void attach_scan_results(const ModelGraph& g, ScanEvidence& evidence) {
  evidence.attached.clear();
  evidence.outside.clear();
  const std::vector<CodeLocation> code = code_locations(g);
  std::vector<ElementId> hits;
  for (std::uint32_t r = 0; r < evidence.results.size(); ++r) {
    hits.clear();
    for (const ScanLocation& where : evidence.results[r].locations) {
      for (const CodeLocation& c : code) {
        if (location_covers(c.location, where.path, where.line)) hits.push_back(c.element);
      }
    }
    std::sort(hits.begin(), hits.end());
    hits.erase(std::unique(hits.begin(), hits.end()), hits.end());
    if (hits.empty()) evidence.outside.push_back(r);
    for (ElementId e : hits) evidence.attached.emplace_back(e, r);
  }
  std::sort(evidence.attached.begin(), evidence.attached.end());
}

}  // namespace moat
