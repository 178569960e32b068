#pragma once
// The STRIDE worksheet a threat-modeling workshop walks: one row per element (actors, external
// systems, processes, stores, flows), one column per STRIDE category. A cell lists the threats
// found, with their status, or says "none found"; categories that STRIDE-per-element does not
// apply to the element's kind say "n/a", unless a rule raised a threat there anyway.
#include "backends/registry.hpp"
#include "backends/report_doc.hpp"

namespace moat::report {

/// STRIDE-per-element: process all six; store T, R, I, D; flow T, I, D; actor and external S, R.
bool stride_applies(Kind kind, std::uint8_t category);

/// The worksheet matrix. Each threat links to the anchor threat_anchor() gives it, which the
/// document must define (the threat register, or the threat list of the standalone page).
Section worksheet_section(const RenderContext& ctx);

/// The standalone printable worksheet: the matrix, then the threats it names.
Document worksheet_document(const RenderContext& ctx);

}  // namespace moat::report
