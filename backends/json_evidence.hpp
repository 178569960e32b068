#pragma once
// The evidence pack as JSON: `evidence.json` (`moat build --formats evidence`, shape in
// docs/evidence.schema.json) and each criterion's `evidence_items` in the model document.
#include <nlohmann/json.hpp>

#include "analyzer/evidence_pack.hpp"

namespace moat {

/// A cited file: where it is, its SHA-256, revision and state.
nlohmann::ordered_json evidence_file_json(const EvidenceFile& f);

/// One piece of evidence; `full` adds the excerpts, the scan results and the criteria.
nlohmann::ordered_json evidence_item_json(const ModelGraph& g, const Analysis& a,
                                          const EvidencePack& pack, const EvidenceItem& item,
                                          bool full);

}  // namespace moat
