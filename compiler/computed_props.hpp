// The properties moat computes for elements (`trust`, `inbound`, `called_by`, ...): one table,
// read by the rule compiler to resolve names in `when`, and by the schema builder to refuse a
// model attribute that such a property would hide.
#pragma once

#include <string_view>

#include "compiler/expr.hpp"
#include "compiler/types.hpp"

namespace moat {

struct ComputedProp {
  const char* name;
  Computed prop;
  KindMask kinds;       ///< the element kinds that have it
  const char* meaning;  ///< what it is, for messages ("the distinct sources of its inbound flows")
};

/// The computed property `name` of elements of any kind in `kinds`, or null.
const ComputedProp* find_computed_prop(std::string_view name, KindMask kinds);

/// Every computed property, in the order rule-name suggestions list them.
const ComputedProp* computed_props_begin();
const ComputedProp* computed_props_end();

}  // namespace moat
