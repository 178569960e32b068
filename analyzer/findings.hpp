#pragma once
// Findings: threats with one root cause, grouped. Two threats share a root cause when their
// rules name the same weakness (the rule's `weakness`, or the rule itself when it names none)
// and they are anchored to the same element: a flow threat to the flow's target, source or the
// flow itself (the rule's `root_cause_at`), any other threat to its own element. Grouping is
// deterministic: findings in the order of their first member, members in threat order.
#include <functional>
#include <string>
#include <vector>

#include "analyzer/analysis.hpp"

namespace moat {

/// The element a threat's finding is anchored to.
ElementId finding_anchor(const ModelGraph& g, const Threat& t);
/// The same for the threat rule `rule` raises (or would raise) on `e`.
ElementId finding_anchor(const ModelGraph& g, RuleId rule, ElementId e);

/// Groups `a.threats` into `a.findings` and sets each threat's `finding`. Run once the threats
/// have their severity and status.
void group_findings(const ModelGraph& g, Analysis& a);

/// The open findings in the order `moat check` lists them: system-specific before hygiene, then
/// most severe, then most members, then id.
std::vector<const Finding*> ranked_open_findings(const Analysis& a);
/// The first `limit` of those for which `keep(finding)` holds, in the same order: a summary that
/// lists ten findings of a large model does not sort all of them.
std::vector<const Finding*> ranked_open_findings(const Analysis& a,
                                                 const std::function<bool(const Finding&)>& keep,
                                                 std::size_t limit);

/// `moat explain`'s line about the finding the threat (rule on `e`) belongs to; "" if not raised.
std::string explain_finding(const ModelGraph& g, const Analysis& a, RuleId rule, ElementId e);

}  // namespace moat
