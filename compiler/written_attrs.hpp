#pragma once
// Where an element's attribute is written in the source: the graph keeps values, not spans, so
// a check that points at a claim (evidence contradicting `encrypted_at_rest = true`) finds the
// declaration again in the syntax tree.
#include <optional>
#include <string_view>

#include "compiler/graph.hpp"
#include "compiler/loader.hpp"

namespace moat {

/// The span of the value of attribute `name` as written on element or flow `e`; std::nullopt
/// when the model leaves it to its default.
std::optional<Span> written_attribute(const Program& program, const ModelGraph& g, ElementId e,
                                      std::string_view name);

}  // namespace moat
