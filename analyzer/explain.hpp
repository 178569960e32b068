#pragma once
// `moat explain`: why a rule fired or did not on one element — the `when` expression with the
// value of each sub-expression, and the mitigations and acceptances considered.
#include <string>

#include "analyzer/analysis.hpp"

namespace moat {

std::string explain(const SourceManager& sources, const ModelGraph& g, const Analysis& a,
                    RuleId rule, ElementId element);

/// The finding with id `id` (ANCHOR.WEAKNESS), or null.
const Finding* find_finding(const Analysis& a, std::string_view id);

/// `moat explain` of a finding: its members, each with its status and covers, and how to close
/// the finding as a whole (analyzer/explain_finding.cpp).
std::string explain_finding_members(const ModelGraph& g, const Analysis& a, const Finding& f);

/// A value as a user would write it: enum members by name, elements by id, dates as dates.
std::string format_value(const ModelGraph& g, const Type& type, Val v);

}  // namespace moat
