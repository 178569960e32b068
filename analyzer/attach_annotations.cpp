#include "analyzer/attach_annotations.hpp"

#include <algorithm>
#include <unordered_map>

#include "compiler/suggest.hpp"

namespace moat {

namespace {

void unknown(const Annotation& an, std::vector<std::string_view> names, DiagnosticSink& diags) {
  auto& d = diags.report(DiagKind::UnknownAnnotation, an.span,
                         std::string("the annotation names ") + annotation_kind_name(an.kind) +
                             " '" + an.id + "', which the model does not have");
  DiagnosticSink::suggest(d, closest_match(an.id, names));
}

}  // namespace

void attach_annotations(const ModelGraph& g, const std::vector<Annotation>& found, Analysis& a,
                        DiagnosticSink& diags) {
  std::unordered_map<std::string, ThreatId> threat_index;
  for (ThreatId t : a.threats.ids()) threat_index.emplace(threat_id(g, a.threats[t]), t);
  for (const Annotation& an : found) {
    const auto index = static_cast<std::uint32_t>(a.annotations.size());
    switch (an.kind) {
      case Annotation::Kind::Mitigation: {
        MitigationId m;
        for (MitigationId x : g.mitigations.ids()) {
          if (g.mitigations[x].id == an.id) {
            m = x;
            break;
          }
        }
        if (m.is_none()) {
          std::vector<std::string_view> names;
          for (const MitigationRec& r : g.mitigations) names.push_back(r.id);
          unknown(an, names, diags);
          continue;
        }
        a.mitigation_annotations[m].push_back(index);
        break;
      }
      case Annotation::Kind::Element: {
        const ElementId e = g.find(an.id);
        if (e == kNoElement) {
          std::vector<std::string_view> names;
          for (ElementId i : g.elements.ids_from(1)) names.push_back(g.elements[i].id);
          unknown(an, names, diags);
          continue;
        }
        a.element_annotations.push_back({e, index});
        break;
      }
      case Annotation::Kind::Threat: {
        auto it = threat_index.find(an.id);
        if (it == threat_index.end()) {
          std::vector<std::string_view> names;
          for (const auto& [id, t] : threat_index) names.push_back(id);
          std::sort(names.begin(), names.end());  // ties in closest_match go to the first
          unknown(an, names, diags);
          continue;
        }
        a.threats[it->second].annotations.push_back(index);
        break;
      }
    }
    a.annotations.push_back(an);
  }
}

}  // namespace moat
