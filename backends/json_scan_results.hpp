#pragma once
// The `scan_results` member of a model's JSON document (docs/json-output.md): every result read
// from the --evidence files, the elements each landed on, and those outside the model.
#include <nlohmann/json.hpp>

#include "analyzer/analysis.hpp"

namespace moat {

nlohmann::ordered_json scan_results_json(const ModelGraph& g, const Analysis& analysis);

}  // namespace moat
