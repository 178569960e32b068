#pragma once
// The JSON document of `moat paths --format json` (docs/json-output.md, "Attack paths";
// schema docs/paths.schema.json): the attack paths of analyzer/attack_paths.hpp, most at risk
// first, with the open threats on each hop, and the blast radius of each credential holder.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analyzer/attack_paths.hpp"

namespace moat {

/// What a `moat paths` run asked for, as the document echoes it.
struct PathsRequest {
  std::string file;                ///< the model file as given
  std::string from;                ///< the trust level or element paths start from
  bool from_element = false;       ///< `from` names an element, not a trust level
  std::string to;                  ///< the data element or node paths end at; empty: any
  std::vector<AttackPath> paths;   ///< as attack_paths() returned them
  std::vector<BlastRadius> radii;  ///< as blast_radii() returned them (empty with `to`)
};

/// The document: format_version, file, from, to, paths, blast_radius.
nlohmann::ordered_json paths_json(const ModelGraph& g, const Analysis& a, const PathsRequest& r);

}  // namespace moat
