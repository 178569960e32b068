#pragma once
// Attaches scanned source annotations to what they name: a mitigation (its evidence), an
// element (its code), or a threat. An annotation naming nothing is a warning with a suggestion.
#include "analyzer/analysis.hpp"

namespace moat {

void attach_annotations(const ModelGraph& g, const std::vector<Annotation>& found, Analysis& a,
                        DiagnosticSink& diags);

}  // namespace moat
