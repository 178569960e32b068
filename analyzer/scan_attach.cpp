#include "analyzer/scan_attach.hpp"

#include <algorithm>

#include "analyzer/code_index.hpp"

namespace moat {

namespace {

/// True when boundary `b` encloses `e` (at any depth).
bool encloses(const ModelGraph& g, ElementId b, ElementId e) {
  for (ElementId up = g.elements[e].boundary; up != kNoElement; up = g.elements[up].boundary) {
    if (up == b) return true;
  }
  return false;
}

/// Keeps the most specific of the elements covering one result: a boundary only when no element
/// inside it covers the result, then those whose covering location is the most specific (ties
/// all stay). A result under a boundary's code and a process's is the process's alone.
void keep_most_specific(const ModelGraph& g, std::vector<CodeIndex::Cover>& covers) {
  const auto inner_covers = [&](const CodeIndex::Cover& c) {
    return g.elements[c.element].kind == Kind::Boundary &&
           std::any_of(covers.begin(), covers.end(), [&](const CodeIndex::Cover& o) {
             return encloses(g, c.element, o.element);
           });
  };
  std::vector<CodeIndex::Cover> kept;
  for (const CodeIndex::Cover& c : covers) {
    if (!inner_covers(c)) kept.push_back(c);
  }
  std::size_t best = 0;
  for (const CodeIndex::Cover& c : kept) best = std::max(best, c.specificity);
  covers.clear();
  for (const CodeIndex::Cover& c : kept) {
    if (c.specificity == best) covers.push_back(c);
  }
}

/// Per log: the elements whose code covers a file its runs not shown to have failed name (their
/// artifacts and their results' locations); none when the log shows no coverage (it has no run,
/// every run failed, or it is known to be stale: ScanLog::not_counted).
void compute_coverage(const CodeIndex& code, ScanEvidence& evidence) {
  const std::size_t logs = std::min(evidence.logs.size(), evidence.files.size());
  std::vector<std::vector<CodeIndex::Cover>> covers(logs);
  const auto counted = [&](std::size_t f) {
    return f < logs && evidence.logs[f].not_counted.empty();
  };
  for (std::size_t f = 0; f < logs; ++f) {
    if (!counted(f)) continue;
    for (const std::string& path : evidence.logs[f].artifacts) code.covering(path, 0, covers[f]);
  }
  for (const SarifResult& r : evidence.results) {
    if (!counted(r.file) || !r.shows_coverage) continue;
    for (const ScanLocation& where : r.locations)
      code.covering(where.path, where.line, covers[r.file]);
  }
  evidence.covered.assign(evidence.files.size(), {});
  for (std::size_t f = 0; f < logs; ++f) {
    std::vector<ElementId>& out = evidence.covered[f];
    for (const CodeIndex::Cover& c : covers[f]) out.push_back(c.element);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
  }
}

}  // namespace

void attach_scan_results(const ModelGraph& g, ScanEvidence& evidence) {
  evidence.attached.clear();
  evidence.outside.clear();
  const CodeIndex code(g);
  std::vector<CodeIndex::Cover> covers;
  std::vector<ElementId> hits;
  for (std::uint32_t r = 0; r < evidence.results.size(); ++r) {
    hits.clear();
    for (const ScanLocation& where : evidence.results[r].locations) {
      covers.clear();
      code.covering(where.path, where.line, covers);
      keep_most_specific(g, covers);
      for (const CodeIndex::Cover& c : covers) hits.push_back(c.element);
    }
    std::sort(hits.begin(), hits.end());
    hits.erase(std::unique(hits.begin(), hits.end()), hits.end());
    if (hits.empty()) evidence.outside.push_back(r);
    for (ElementId e : hits) evidence.attached.emplace_back(e, r);
  }
  std::sort(evidence.attached.begin(), evidence.attached.end());
  compute_coverage(code, evidence);
}

}  // namespace moat
