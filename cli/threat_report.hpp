#pragma once
// The text summary `moat check` prints: threat counts by status and severity, the top open
// threats, and the SOC 2 readiness line per category.
#include <string>

#include "analyzer/analysis.hpp"

namespace moat::cli {

std::string threat_report(const SourceManager& sources, const ModelGraph& g, const Analysis& a,
                          std::size_t top);

/// "Security 7/8 passing (1 warning, 0 failing, 25 not assessed)" for each category in scope.
std::string readiness_line(const Analysis& a);

}  // namespace moat::cli
