#pragma once
// `moat diff`: what changed between two analyzed versions of a model — threats added, removed
// or changed in status, SOC 2 criteria whose status changed, the readiness per category before
// and after, and elements and flows added or removed. Threats match by their stable ids.
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
  std::uint8_t severity_rank = 0;
  ThreatStatus before = ThreatStatus::Open, after = ThreatStatus::Open;
};

struct ControlChange {
  std::string id, title;
  std::uint8_t category = 0;
  ControlStatus before = ControlStatus::NotAssessed, after = ControlStatus::NotAssessed;
  bool fixed() const { return before == ControlStatus::Failing && after != ControlStatus::Failing; }
  bool regressed() const {
    return after == ControlStatus::Failing && before != ControlStatus::Failing;
  }
};

struct ReadinessChange {
  std::uint8_t category = 0;
  CategorySummary before, after;
};

struct ModelDiff {
  std::vector<ThreatChange> added, removed, changed;  ///< each sorted by threat id
  std::vector<ControlChange> controls;                ///< status changed, catalog order
  std::vector<ReadinessChange> readiness;             ///< categories in scope on either side
  std::vector<std::string> elements_added, elements_removed, flows_added, flows_removed;
  bool empty() const;
};

ModelDiff diff_models(const AnalyzedModel& before, const AnalyzedModel& after);

}  // namespace moat
