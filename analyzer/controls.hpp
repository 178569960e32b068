#pragma once
// SOC 2 control status: each criterion of a category in scope gets passing, warning, failing or
// not assessed, computed from the threats linked to it and the mitigations naming it.
#include "analyzer/analysis.hpp"

namespace moat {

/// Ordinal of severity `medium` in enum severity (info, low, medium, high, critical).
inline constexpr std::uint8_t kMedium = 2;

void compute_controls(const ModelGraph& g, Analysis& analysis);

}  // namespace moat
