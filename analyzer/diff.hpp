#pragma once
// `moat diff`: what changed between two analyzed versions of a model — threats added, removed
// or changed in status, SOC 2 criteria whose status changed, the readiness per category before
// and after, and elements and flows added or removed. Threats match by their stable ids, and
// across a rename through the new side's earlier ids (`was`): a rename is not a change.
#include <map>
#include <string>
#include <vector>

#include "analyzer/analysis.hpp"
#include "analyzer/diff_scans.hpp"

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

/// A finding (threats of one root cause) that appeared, went, changed status or was renamed.
struct FindingChange {
  std::string id, weakness, anchor, severity, title;  ///< title: its lead threat's rule's
  std::string previous_id;  ///< renamed findings: the id before (the anchor had another id)
  std::uint8_t severity_rank = 0;
  ThreatStatus before = ThreatStatus::Open, after = ThreatStatus::Open;
  std::vector<std::string> threats;  ///< its members' ids, on the side described
};

/// An element or flow whose id changed, matched through the new side's `was`.
struct Rename {
  std::string before, after;
};

struct ModelDiff {
  std::vector<ThreatChange> added, removed, changed;  ///< each sorted by threat id
  std::vector<ThreatChange> renamed;  ///< matched through `was`, by new id; status may differ
  /// Findings, matched like threats: by id, then through the anchor's `was`. A regrouped
  /// finding is reported, but `--fail-on-new` judges threats (docs/cli.md).
  std::vector<FindingChange> findings_added, findings_removed, findings_changed, findings_renamed;
  std::vector<ControlChange> controls;     ///< status changed, catalog order
  std::vector<ReadinessChange> readiness;  ///< categories in scope on either side
  std::vector<std::string> elements_added, elements_removed, flows_added, flows_removed;
  std::vector<Rename> elements_renamed, flows_renamed;  ///< sorted by the old id
  std::vector<ScanToolChange> scans;  ///< scanner results new and fixed, per tool (diff_scans.hpp)
  bool empty() const;
};

ModelDiff diff_models(const AnalyzedModel& before, const AnalyzedModel& after);

/// The element of the new side that an element of the old side became through `was` (same
/// kind, another id), or kNoElement. A flow without a name follows its endpoints' renames: its
/// derived id changes with theirs.
ElementId renamed_to(const ModelGraph& before, ElementId old, const ModelGraph& after);

/// Takes what has the same id on both sides out of `old_side` and `new_side`; of those, the ones
/// whose status changed go to `changed` (the new side's entry, with the old status as `before`).
/// What is left is renamed, added or removed. For ThreatChange and FindingChange.
template <typename Change>
void match_same_ids(std::map<std::string, Change>& old_side,
                    std::map<std::string, Change>& new_side, std::vector<Change>& changed) {
  for (auto it = new_side.begin(); it != new_side.end();) {
    auto old = old_side.find(it->first);
    if (old == old_side.end()) {
      ++it;
      continue;
    }
    if (old->second.before != it->second.after) {
      Change c = it->second;
      c.before = old->second.before;
      changed.push_back(std::move(c));
    }
    old_side.erase(old);
    it = new_side.erase(it);
  }
}

/// Fills the findings_* lists of `d` (analyzer/diff_findings.cpp).
void diff_findings(const AnalyzedModel& before, const AnalyzedModel& after, ModelDiff& d);

}  // namespace moat
