#include "analyzer/diff_scans.hpp"

#include <algorithm>
#include <functional>
#include <map>

#include "analyzer/scan_facts.hpp"
#include "analyzer/sha256.hpp"
#include "compiler/attrs.hpp"

namespace moat {

namespace {

struct Seen {
  std::string tool;
  std::uint8_t kind = 0, severity = 0;
};

/// What makes a result the same on both sides, whatever line it moved to: its fingerprints when
/// the scanner gives them, else its rule, file and a hash of its message (a secret's is empty).
std::string identity(const ScanEvidence& scans, const SarifResult& r) {
  std::string key = scans.tool_name(r) + "\n" + *r.rule_id + "\n";
  if (!r.fingerprints.empty()) {
    for (const auto& [name, value] : r.fingerprints) key += name + "=" + value + "\n";
    return key;
  }
  const std::string file = r.locations.empty() ? "" : *r.locations.front().path;
  return key + file + "\n" + sha256_hex(*r.message).substr(0, 16);
}

/// Open results by identity, each with how many times it occurs.
std::multimap<std::string, Seen> open_results(const ScanEvidence& scans) {
  std::multimap<std::string, Seen> out;
  for (const SarifResult& r : scans.results) {
    if (result_open(r))
      out.emplace(identity(scans, r), Seen{scans.tool_name(r), r.kind, r.severity});
  }
  return out;
}

/// "secret" -> "secrets", "vulnerable_dependency" -> "vulnerable dependencies", in words.
std::string kind_words(const ModelGraph& g, std::uint8_t kind, std::size_t n) {
  std::string w = member_name(g, "scan_kind", kind);
  std::replace(w.begin(), w.end(), '_', ' ');
  if (w == "other") w = "other result";
  if (n == 1) return w;
  if (!w.empty() && w.back() == 'y') return w.substr(0, w.size() - 1) + "ies";
  return w + (!w.empty() && w.back() == 's' ? "es" : "s");
}

/// Results in `from` that `to` lacks, by tool: what the change removed from (or added to) it.
std::map<std::string, std::vector<Seen>> missing(const std::multimap<std::string, Seen>& from,
                                                 const std::multimap<std::string, Seen>& to) {
  std::map<std::string, std::vector<Seen>> out;
  for (auto it = from.begin(); it != from.end();) {
    const auto range = from.equal_range(it->first);
    const auto have = static_cast<std::size_t>(std::distance(range.first, range.second));
    const std::size_t there = to.count(it->first);
    std::size_t extra = have > there ? have - there : 0;
    for (auto r = range.first; r != range.second && extra > 0; ++r, --extra)
      out[r->second.tool].push_back(r->second);
    it = range.second;
  }
  return out;
}

}  // namespace

std::string ScanToolChange::text() const {
  std::string out;
  for (const auto& [kind, n] : fixed)
    out += (out.empty() ? "" : ", ") + std::to_string(n) + " " + kind + " fixed";
  for (const auto& [severity, n] : added)
    out += (out.empty() ? "" : ", ") + std::to_string(n) + " new " + severity;
  return tool + ": " + out;
}

std::vector<ScanToolChange> diff_scan_results(const ModelGraph& before_graph,
                                              const ScanEvidence& before,
                                              const ModelGraph& after_graph,
                                              const ScanEvidence& after) {
  const auto old_open = open_results(before), new_open = open_results(after);
  const auto fixed = missing(old_open, new_open), added = missing(new_open, old_open);
  std::vector<std::string> tools = before.tools;
  for (const std::string& t : after.tools) {
    if (std::find(tools.begin(), tools.end(), t) == tools.end()) tools.push_back(t);
  }
  std::vector<ScanToolChange> out;
  for (const std::string& raw : tools) {
    const std::string tool = raw.empty() ? "unnamed tool" : raw;
    ScanToolChange c{tool, {}, {}};
    if (auto f = fixed.find(tool); f != fixed.end()) {
      std::map<std::uint8_t, std::size_t> by_kind;
      for (const Seen& s : f->second) ++by_kind[s.kind];
      for (const auto& [k, n] : by_kind) c.fixed.emplace_back(kind_words(before_graph, k, n), n);
    }
    if (auto a = added.find(tool); a != added.end()) {
      std::map<std::uint8_t, std::size_t, std::greater<>> by_severity;
      for (const Seen& s : a->second) ++by_severity[s.severity];
      for (const auto& [s, n] : by_severity) c.added.emplace_back(severity_name(after_graph, s), n);
    }
    if (!c.fixed.empty() || !c.added.empty()) out.push_back(std::move(c));
  }
  return out;
}

}  // namespace moat
