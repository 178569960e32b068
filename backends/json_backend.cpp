// The JSON backend: the `moat check --format json` document as a file of `moat build`.
#include "backends/json_document.hpp"
#include "backends/registry.hpp"

namespace moat {

namespace {

RenderResult render_json(const RenderContext& ctx) {
  nlohmann::ordered_json models = nlohmann::ordered_json::array();
  models.push_back(
      model_document(ctx.sources, ctx.graph, ctx.analysis, ctx.model_path, {}, true, ctx.evidence));
  return {models_document(std::move(models))
                  .dump(2, ' ', false, nlohmann::json::error_handler_t::replace) +
              "\n",
          {}};
}

const BackendRegistration registration(
    {"json", "json", "the model, threats and controls as JSON (docs/json-output.md)", &render_json,
     80});

}  // namespace

}  // namespace moat
