#pragma once
// The severity by risk of every threat of an analysis at once (analyzer/risk.hpp): the rules'
// bounds are read once per rule and the elements' exposure once per element.
#include <vector>

#include "analyzer/analysis.hpp"

namespace moat {

/// Sets each threat's severity to assess_risk(g, rule, element).severity, except a threat raised
/// from scanner results, which keeps the severity the scanner gave it.
void assign_risk_severities(const ModelGraph& g, IdVector<ThreatId, Threat>& threats);

}  // namespace moat
