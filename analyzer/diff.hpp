#pragma once
// `moat diff`: what changed between two analyzed versions of a model — threats added, removed
// or changed in status, SOC 2 criteria whose status changed, the readiness per category before
// and after, and elements and flows added or removed. Threats match by their stable ids, and
// across a rename through the new side's earlier ids (`was`): a rename is not a change.
#include <string>
#include <vector>

#include "analyzer/analysis.hpp"

namespace moat {

struct AnalyzedModel {
  const ModelGraph& graph;
  const Analysis& analysis;
};

struct ThreatChange {
  std::string id, rule, title, category, severity, element;
  std::string previous_id;  ///< renamed threats: the id before (its element had another id)
  std::uint8_t severity_rank = 0;
  ThreatStatus before = ThreatStatus::Open, after = ThreatStatus::Open;
  /// The controlling attributes that mitigate it (rule `mitigated_by`), on the side described.
  std::vector<std::string> mitigated_by;
};

struct ControlChange {
  std::string id, title;
  std::uint8_t category = 0;
  ControlStatus before = ControlStatus::NotAssessed, after = ControlStatus::NotAssessed;
  /// What a met criterion rests on, on each side: met (claimed) to met (evidenced) is a change.
  ControlBasis before_basis = ControlBasis::None, after_basis = ControlBasis::None;
  bool fixed() const { return before == ControlStatus::NotMet && after != ControlStatus::NotMet; }
  bool regressed() const {
    return after == ControlStatus::NotMet && before != ControlStatus::NotMet;
  }
};

struct ReadinessChange {
  std::uint8_t category = 0;
  CategorySummary before, after;
};

/// An element or flow whose id changed, matched through the new side's `was`.
struct Rename {
  std::string before, after;
};

struct ModelDiff {
  std::vector<ThreatChange> added, removed, changed;  ///< each sorted by threat id
  std::vector<ThreatChange> renamed;       ///< matched through `was`, by new id; status may differ
  std::vector<ControlChange> controls;     ///< status changed, catalog order
  std::vector<ReadinessChange> readiness;  ///< categories in scope on either side
  std::vector<std::string> elements_added, elements_removed, flows_added, flows_removed;
  std::vector<Rename> elements_renamed, flows_renamed;  ///< sorted by the old id
  bool empty() const;
};

ModelDiff diff_models(const AnalyzedModel& before, const AnalyzedModel& after);

}  // namespace moat
