#include "serve/snapshot.hpp"

#include "analyzer/explain.hpp"
#include "backends/json_document.hpp"
#include "serve/page_data.hpp"

namespace moat::serve {

using json = nlohmann::ordered_json;

namespace {

/// The diagnostics of the latest compilation, as in the JSON document; a root file that could
/// not be read (an editor between deleting and writing it) is one error without a position.
json latest_diagnostics(const Compilation& latest) {
  if (latest.load == LoadStatus::RootUnreadable) {
    json d = {{"severity", "error"},
              {"kind", "Unreadable"},
              {"message", "cannot read the model file: " + latest.io_error},
              {"file", nullptr},
              {"line", nullptr},
              {"column", nullptr},
              {"notes", json::array()}};
    return json::array({std::move(d)});
  }
  return diagnostics_json(latest.program.sources, latest.diags.sorted());
}

}  // namespace

std::shared_ptr<const Snapshot> make_snapshot(std::uint64_t version, const Compilation& latest,
                                              std::shared_ptr<const LiveModel> good,
                                              const Baseline& baseline) {
  json j;
  j["version"] = version;
  j["ok"] = latest.ok();
  j["diagnostics"] = latest_diagnostics(latest);
  j["page"] = good ? good->page : json(nullptr);
  j["since"] = good ? since_json(baseline, *good) : json(nullptr);
  // Bytes that are not UTF-8 (a file name, a string in a damaged file) are replaced, not thrown.
  std::string state = j.dump(-1, ' ', false, json::error_handler_t::replace);
  return std::make_shared<const Snapshot>(version, std::move(good), std::move(state));
}

std::string Snapshot::boundary_diagram(const std::string& boundary) const {
  if (!good_) return json({{"svg", nullptr}, {"error", "the model has not compiled yet"}}).dump();
  const ModelGraph& g = good_->compilation->graph;
  const ElementId e = g.find(boundary);
  if (e == kNoElement || g.elements[e].kind != Kind::Boundary)
    return json({{"svg", nullptr}, {"error", "no such boundary"}}).dump();
  std::lock_guard<std::mutex> lock(mutex_);
  auto [it, added] = diagrams_.try_emplace(boundary);
  if (added) {
    DiagramOptions view = good_->diagram;
    view.boundary = boundary;
    it->second =
        diagram_json(good_->context(view)).dump(-1, ' ', false, json::error_handler_t::replace);
  }
  return it->second;
}

std::string Snapshot::explain_threat(const std::string& id) const {
  if (!good_) return "the model has not compiled yet";
  const ModelGraph& g = good_->compilation->graph;
  const Analysis& a = good_->analysis;
  for (const Threat& t : a.threats) {
    if (threat_id(g, t) == id)
      return explain(good_->compilation->program.sources, g, a, t.rule, t.element);
  }
  return "no threat '" + id + "' in the current model";
}

}  // namespace moat::serve
