#pragma once
// What every report says about an analysis, defined once for the CLI and the backends: the
// severity names, the titles of the SOC 2 categories, and the threat counts by status and
// severity.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "analyzer/analysis.hpp"

namespace moat {

/// The members of the prelude's `enum severity`, lowest first, so a severity ordinal indexes
/// it (the builtins contract holds it to stdlib/prelude.moat). The CLI checks `--fail-on`
/// against it before any model is compiled.
inline constexpr const auto& kSeverityNames = builtin::kSeverities;
inline constexpr std::size_t kSeverityCount = kSeverityNames.size();
/// The ordinal of severity `name`, or std::nullopt when it is none.
std::optional<std::uint8_t> severity_rank(std::string_view name);

/// The titles of the prelude's `enum soc2_category` members, by ordinal.
inline constexpr std::array<const char*, 5> kSoc2CategoryTitles = {
    "Security", "Availability", "Confidentiality", "Processing integrity", "Privacy"};
inline constexpr std::size_t kSoc2CategoryCount = kSoc2CategoryTitles.size();
static_assert(kSoc2CategoryCount == builtin::kSoc2Categories.size(), "a title per category");
/// "Security", ..., "Privacy" by soc2_category ordinal; "Other" for any other ordinal.
const char* soc2_category_title(std::uint8_t category);
/// "7/8 met": the criteria of a category that are met, of those assessed; "not assessed
/// (2 criteria)" when none is assessed, since "0/0 met" reads as a failure.
std::string readiness_text(const CategorySummary& s);
/// A criterion's status as people read it: "not met", "partially met", "not assessed", and
/// "met (evidenced)", "met (claimed)" or "met (attested)" with what a met criterion rests on.
std::string control_label(ControlStatus s, ControlBasis b = ControlBasis::None);

/// How many threats have each status, and how many of the open ones each severity.
struct ThreatCounts {
  std::size_t total = 0;
  std::array<std::size_t, 4> by_status{};  ///< indexed by ThreatStatus
  std::array<std::size_t, kSeverityCount> open_by_severity{};

  std::size_t of(ThreatStatus s) const { return by_status[static_cast<std::size_t>(s)]; }
  /// Open threats of severity `rank` or higher.
  std::size_t open_at_or_above(std::uint8_t rank) const;
};
ThreatCounts count_threats(const ModelGraph& g, const Analysis& a);

}  // namespace moat
