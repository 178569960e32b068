#pragma once
// A model that compiled and was analyzed, as `moat serve` keeps it: the compilation and the
// analysis stay alive while a page may still ask about them (a boundary's diagram, an explain
// trace), and the page's data is rendered once, when the model is made.
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "analyzer/analysis.hpp"
#include "backends/render_context.hpp"
#include "compiler/compile.hpp"

namespace moat::serve {

struct LiveModel {
  std::unique_ptr<Compilation> compilation;
  Analysis analysis;
  std::string model_path;  ///< the root file as given on the command line
  std::string repo_root;   ///< code locations are relative to this
  DiagramOptions diagram;  ///< the whole-model view; a page's boundary filter changes `boundary`
  /// What the page shows of this model (page_data.hpp), rendered once; null for a baseline.
  nlohmann::ordered_json page;

  /// The render context of the backends, for `diagram`.
  RenderContext context(const DiagramOptions& view) const;
};

/// Takes a compilation without errors and its analysis, and renders the page's data unless
/// `render_page` is false (a baseline, only ever compared with).
std::shared_ptr<const LiveModel> make_live_model(std::unique_ptr<Compilation> compilation,
                                                 Analysis analysis, std::string model_path,
                                                 std::string repo_root, DiagramOptions diagram,
                                                 bool render_page = true);

}  // namespace moat::serve
