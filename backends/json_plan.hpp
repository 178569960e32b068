#pragma once
// The `plan` member of a model's JSON document (docs/json-output.md#plan): the remediation plan
// of analyzer/plan.hpp, present when some mitigation is not yet implemented.
#include <nlohmann/json.hpp>

#include "analyzer/analysis.hpp"

namespace moat {

/// The plan, or null when no mitigation is planned.
nlohmann::ordered_json plan_json(const ModelGraph& g, const Analysis& a);

}  // namespace moat
