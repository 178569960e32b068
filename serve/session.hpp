#pragma once
// Session memory: what changed since the workshop began (the model when `moat serve` started, or
// at `--since REV`), from `moat diff`'s comparison (analyzer/diff.hpp), so the page can show the
// workshop's progress: "+3 threats mitigated, 1 accepted, 2 new elements, Security 2/8 → 4/8".
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "analyzer/diff.hpp"
#include "serve/live_model.hpp"

namespace moat::serve {

/// What the session compares with.
struct Baseline {
  std::string label;  ///< "the start of this session", or the revision of `--since`
  std::shared_ptr<const LiveModel> model;  ///< null until the model first compiles
};

/// The diff in one line, biggest news first; "no changes" when there are none.
std::string progress_line(const ModelDiff& d);

/// `{"label", "summary", "diff"}` (`diff`: what `moat diff --format json` prints), or null while
/// the baseline is unknown.
nlohmann::ordered_json since_json(const Baseline& baseline, const LiveModel& now);

}  // namespace moat::serve
