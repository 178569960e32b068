#pragma once
// The model's review cadence: `model { reviewed = DATE, review_every = DURATION }` says when
// the model was last reviewed and how often it must be; an assumption's `verified = DATE` goes
// stale after the same interval. Past either date, a warning (OverdueItem) says so.
#include <cstdint>
#include <optional>

#include "compiler/diagnostics.hpp"
#include "compiler/graph.hpp"

namespace moat {

struct ReviewCadence {
  std::optional<std::int64_t> reviewed;  ///< days since 1970-01-01
  std::optional<std::int64_t> every;     ///< seconds (`review_every`)
  /// `reviewed + review_every`, rounded up to whole days; nothing without both.
  std::optional<std::int64_t> next_due;
};

/// The model's review cadence.
ReviewCadence review_cadence(const ModelGraph& g);

/// When assumption `a` goes stale: its `verified` date plus the model's `review_every`; nothing
/// without both.
std::optional<std::int64_t> assumption_stale_from(const ModelGraph& g, AssumptionId a);

/// The assumption's `verified` date, if it has one.
std::optional<std::int64_t> assumption_verified(const ModelGraph& g, AssumptionId a);

/// Warns (OverdueItem) when `today` is past the model's next review, and for each assumption
/// whose verification is older than `review_every`.
void check_reviews(const ModelGraph& g, std::int64_t today, DiagnosticSink& diags);

}  // namespace moat
