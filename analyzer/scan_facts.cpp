#include "analyzer/scan_facts.hpp"

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

#include "compiler/attrs.hpp"

namespace moat {

namespace {

/// Which kind of result shows which type of scan ran (the stdlib's enums scan_kind, scan_type).
constexpr std::array<std::pair<std::string_view, std::string_view>, 4> kTypeOfKind = {{
    {"vulnerable_dependency", "dependency"},
    {"secret", "secrets"},
    {"misconfiguration", "iac"},
    {"code_weakness", "sast"},
}};

bool passes(ast::CompareOp cmp, int severity, int floor) {
  switch (cmp) {
    case ast::CompareOp::Eq:
      return severity == floor;
    case ast::CompareOp::Ne:
      return severity != floor;
    case ast::CompareOp::Lt:
      return severity < floor;
    case ast::CompareOp::Le:
      return severity <= floor;
    case ast::CompareOp::Gt:
      return severity > floor;
    case ast::CompareOp::Ge:
      return severity >= floor;
  }
  return false;
}

}  // namespace

bool has_code(const ModelGraph& g, ElementId e) {
  const Val code = attrs_of(g, e).get("code");
  return code.is_set() && code.list_size() > 0;
}

bool result_open(const SarifResult& r) {
  return !r.suppressed() && *r.baseline_state != "absent";
}

std::uint32_t ScanFacts::count(ElementId e, std::uint8_t kind, ast::CompareOp cmp,
                               int floor) const {
  if (counts.empty() || kind >= kinds) return 0;
  const std::uint32_t* row = counts.data() + (e.index() * kinds + kind) * kScanSeverities;
  std::uint32_t n = 0;
  for (std::size_t s = 0; s < kScanSeverities; ++s) {
    if (floor < 0 || passes(cmp, static_cast<int>(s), floor)) n += row[s];
  }
  return n;
}

std::uint8_t scan_types_of_kind(const ModelGraph& g, std::uint8_t kind) {
  const EnumDef& kinds = g.schema.enums[g.builtins.scan_kind];
  const EnumDef& types = g.schema.enums[g.builtins.scan_type];
  if (kind >= kinds.members.size()) return 0;
  for (const auto& [k, t] : kTypeOfKind) {
    if (kinds.members[kind] != k) continue;
    const int type = types.member_index(t);
    return type < 0 ? 0 : static_cast<std::uint8_t>(1u << type);
  }
  return 0;
}

std::vector<std::uint8_t> log_scan_types(const ModelGraph& g, const ScanEvidence& evidence) {
  std::vector<std::uint8_t> types(evidence.files.size(), 0);
  std::vector<bool> declared(evidence.files.size(), false);
  for (const DeclaredScan& d : evidence.declared) {
    const auto file = std::find(evidence.files.begin(), evidence.files.end(), d.path);
    if (file == evidence.files.end()) continue;
    const auto f = static_cast<std::size_t>(file - evidence.files.begin());
    declared[f] = true;
    if (d.state == ScanState::Present)
      types[f] |= static_cast<std::uint8_t>(1u << g.scans[d.decl].kind);
  }
  for (const SarifResult& r : evidence.results) {
    if (r.file < declared.size() && !declared[r.file])
      types[r.file] |= scan_types_of_kind(g, r.kind);
  }
  return types;
}

ScanFacts compute_scan_facts(const ModelGraph& g, const ScanEvidence* evidence) {
  ScanFacts f;
  if (!evidence || evidence->empty()) return f;
  f.evidence = evidence;
  f.kinds = g.schema.enums[g.builtins.scan_kind].members.size();
  f.counts.assign(g.elements.size() * f.kinds * kScanSeverities, 0);
  for (const auto& [e, i] : evidence->attached) {
    const SarifResult& r = evidence->results[i];
    if (!result_open(r) || r.kind >= f.kinds || r.severity >= kScanSeverities) continue;
    ++f.counts[(e.index() * f.kinds + r.kind) * kScanSeverities + r.severity];
  }
  // An element is scanned by a type of scan when a log of that type that shows a fresh,
  // successful scan covered its code (analyzer/scan_attach.hpp).
  const std::vector<std::uint8_t> types = log_scan_types(g, *evidence);
  f.scanned.assign(g.elements.size(), 0);
  for (std::size_t file = 0; file < types.size() && file < evidence->covered.size(); ++file) {
    for (const ElementId e : evidence->covered[file]) f.scanned[e] |= types[file];
  }
  return f;
}

}  // namespace moat
