#include "analyzer/review.hpp"

#include "compiler/attrs.hpp"
#include "compiler/literals.hpp"

namespace moat {

namespace {

constexpr std::int64_t kSecondsPerDay = 86400;

/// `date` plus `seconds`, in whole days (a part of a day counts as a day).
std::int64_t after(std::int64_t date, std::int64_t seconds) {
  return date + (seconds + kSecondsPerDay - 1) / kSecondsPerDay;
}

}  // namespace

ReviewCadence review_cadence(const ModelGraph& g) {
  const Attrs a = model_attrs(g);
  ReviewCadence out{a.opt_int("reviewed"), a.opt_int("review_every"), std::nullopt};
  if (out.reviewed && out.every) out.next_due = after(*out.reviewed, *out.every);
  return out;
}

std::optional<std::int64_t> assumption_verified(const ModelGraph& g, AssumptionId a) {
  return Attrs{g, DeclKind::Assumption, g.assumptions[a].attrs}.opt_int("verified");
}

std::optional<std::int64_t> assumption_stale_from(const ModelGraph& g, AssumptionId a) {
  const std::optional<std::int64_t> verified = assumption_verified(g, a);
  const std::optional<std::int64_t> every = review_cadence(g).every;
  if (!verified || !every) return std::nullopt;
  return after(*verified, *every);
}

void check_reviews(const ModelGraph& g, std::int64_t today, DiagnosticSink& diags) {
  const ReviewCadence cadence = review_cadence(g);
  if (cadence.next_due && *cadence.next_due < today) {
    diags.report(DiagKind::OverdueItem, g.model.keyword,
                 "the model was last reviewed on " + format_date(*cadence.reviewed) +
                     " and is reviewed every " + format_duration(*cadence.every) +
                     ": the next review was due on " + format_date(*cadence.next_due));
  }
  for (AssumptionId a : g.assumptions.ids()) {
    const std::optional<std::int64_t> stale = assumption_stale_from(g, a);
    if (!stale || *stale >= today) continue;
    diags.report(DiagKind::OverdueItem, g.assumptions[a].id_span,
                 "assumption '" + g.assumptions[a].id + "' was last verified on " +
                     format_date(*assumption_verified(g, a)) + " and is stale since " +
                     format_date(*stale) + " (the model is reviewed every " +
                     format_duration(*cadence.every) + ")");
  }
}

}  // namespace moat
