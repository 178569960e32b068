#include "analyzer/unbacked_claims.hpp"

#include <array>
#include <string_view>
#include <utility>

#include "compiler/written_attrs.hpp"

namespace moat {

namespace {

/// Which process attribute claims what a type of declared scan shows.
constexpr std::array<std::pair<std::string_view, std::string_view>, 1> kClaimOfScan = {{
    {"dependency", "dependency_scanning"},
}};

/// The first declared scan of `type` whose log counts for nothing, when none of that type is
/// present; null otherwise (no such scan declared, or one is present).
const DeclaredScan* failed_scan(const ModelGraph& g, const ScanEvidence& evidence, int type) {
  const DeclaredScan* failed = nullptr;
  for (const DeclaredScan& d : evidence.declared) {
    if (g.scans[d.decl].kind != type) continue;
    if (d.state == ScanState::Present) return nullptr;
    if (!failed) failed = &d;
  }
  return failed;
}

}  // namespace

std::size_t withdraw_unbacked_claims(const Program& program, ModelGraph& g,
                                     const ScanEvidence& evidence, bool strict,
                                     DiagnosticSink& diags) {
  std::size_t withdrawn = 0;
  const EnumDef& types = g.schema.enums[g.builtins.scan_type];
  const KindSchema& process = g.schema.of(decl_kind(Kind::Process));
  for (const auto& [type_name, attribute] : kClaimOfScan) {
    const int type = types.member_index(type_name);
    const int slot = process.slot(attribute);
    const DeclaredScan* scan = type < 0 || slot < 0 ? nullptr : failed_scan(g, evidence, type);
    if (!scan) continue;
    const ScanDeclRec& rec = g.scans[scan->decl];
    for (ElementId e : g.elements.ids_from(1)) {
      if (g.elements[e].kind != Kind::Process) continue;
      const Val v = g.attr(e, slot);
      const std::optional<Span> at = written_attribute(program, g, e, attribute);
      if (!v.is_set() || v.bits == 0 || !at) continue;
      Diagnostic& d = diags.report(
          DiagKind::ContradictedClaim, strict ? Severity::Error : Severity::Warning, *at,
          "no scan backs this claim: scan '" + rec.id + "' is " + scan_state_name(scan->state));
      d.notes.push_back({rec.id_span, "the analysis takes " + std::string(attribute) +
                                          " = false on '" + g.elements[e].id +
                                          "' until the scan's log is present and fresh"});
      g.values[g.elements[e].attrs + static_cast<std::uint32_t>(slot)] = Val::of(0);
      ++withdrawn;
    }
  }
  return withdrawn;
}

}  // namespace moat
