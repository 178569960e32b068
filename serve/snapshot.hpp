#pragma once
// One state of a `moat serve` session: the last model that compiled (kept while the latest
// save has errors), the latest diagnostics, and the progress since the baseline, serialized once
// into the body of GET /api/state. The page is told of a new snapshot by its version number.
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "serve/live_model.hpp"
#include "serve/session.hpp"

namespace moat::serve {

class Snapshot {
 public:
  Snapshot(std::uint64_t version, std::shared_ptr<const LiveModel> good, std::string state)
      : version_(version), good_(std::move(good)), state_(std::move(state)) {}

  std::uint64_t version() const { return version_; }
  /// The JSON document of GET /api/state.
  const std::string& state() const { return state_; }
  /// The last good model; null while the model never compiled.
  const std::shared_ptr<const LiveModel>& good() const { return good_; }

  /// `{"svg", "error"}` of the `--boundary` view of `boundary` (a boundary's id; anything else
  /// is an error), laid out once per snapshot and boundary.
  std::string boundary_diagram(const std::string& boundary) const;

  /// The `moat explain` trace of threat `id` (ELEMENT.RULE), or why there is none.
  std::string explain_threat(const std::string& id) const;

 private:
  std::uint64_t version_;
  std::shared_ptr<const LiveModel> good_;
  std::string state_;
  mutable std::mutex mutex_;
  mutable std::map<std::string, std::string> diagrams_;  ///< at most one per boundary
};

/// The snapshot after a compilation. `latest` gives the diagnostics; `good` is the model the page
/// shows (the latest one when it compiled); `baseline` what the session compares with.
std::shared_ptr<const Snapshot> make_snapshot(std::uint64_t version, const Compilation& latest,
                                              std::shared_ptr<const LiveModel> good,
                                              const Baseline& baseline);

}  // namespace moat::serve
