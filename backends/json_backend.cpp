// The JSON backend: the `moat check --format json` document as a file of `moat build`.
#include "backends/json_document.hpp"
#include "backends/registry.hpp"

namespace moat {

namespace {

RenderResult render_json(const RenderContext& ctx) {
  std::string bytes;
  {
    JsonWriter w(bytes);
    begin_models_document(w);
    write_model_document(w, ctx.sources, ctx.graph, ctx.analysis, ctx.model_path, {}, true,
                         ctx.evidence);
    end_models_document(w);
  }
  bytes += '\n';
  return {std::move(bytes), {}};
}

const BackendRegistration registration(
    {"json", "json", "the model, threats and controls as JSON (docs/json-output.md)", &render_json,
     80});

}  // namespace

}  // namespace moat
