#pragma once
// The text summary `moat check` prints: threat counts by status and severity, the top open
// threats, and the SOC 2 readiness line per category.
#include <string>

#include "analyzer/analysis.hpp"

namespace moat::cli {

/// Which open findings the text summary lists.
struct TopList {
  std::size_t top = 10;           ///< at most this many
  std::uint8_t min_severity = 0;  ///< an ordinal of enum severity
  std::string hygiene = "show";   ///< show, hide or only: findings of hygiene rules
};

std::string threat_report(const SourceManager& sources, const ModelGraph& g, const Analysis& a,
                          const TopList& list);

/// "Security 7/8 met (6 evidenced, 1 claimed, 1 partially met, 0 not met, 25 not assessed)" for
/// each category in scope.
std::string readiness_line(const Analysis& a);

/// One line per criterion not met, then per criterion partially met (catalog order within
/// each): its status, id and reason, which names the threats blocking it.
std::string criteria_gaps(const ModelGraph& g, const Analysis& a);

/// The open threats of severity `severity` (a member of enum severity) or higher, most severe
/// first, in id order within a severity.
std::vector<const Threat*> open_at_or_above(const ModelGraph& g, const Analysis& a,
                                            const std::string& severity);

/// Why `--fail-on SEVERITY` fails: the threshold, then each threat that crossed it with its
/// severity and where its element is declared.
std::string fail_on_report(const SourceManager& sources, const ModelGraph& g,
                           const std::vector<const Threat*>& threats, const std::string& severity);

}  // namespace moat::cli
