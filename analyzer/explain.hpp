#pragma once
// `moat explain`: why a rule fired or did not on one element — the `when` expression with the
// value of each sub-expression, and the mitigations and acceptances considered.
#include <string>

#include "analyzer/analysis.hpp"

namespace moat {

std::string explain(const SourceManager& sources, const ModelGraph& g, const Analysis& a,
                    std::uint32_t rule, ElementId element);

/// A value as a user would write it: enum members by name, elements by id, dates as dates.
std::string format_value(const ModelGraph& g, const Type& type, Val v);

}  // namespace moat
