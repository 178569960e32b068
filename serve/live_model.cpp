#include "serve/live_model.hpp"

#include "serve/page_data.hpp"

namespace moat::serve {

RenderContext LiveModel::context(const DiagramOptions& view) const {
  return RenderContext{
      compilation->program.sources, compilation->graph, analysis, model_path, repo_root, view};
}

std::shared_ptr<const LiveModel> make_live_model(std::unique_ptr<Compilation> compilation,
                                                 Analysis analysis, std::string model_path,
                                                 std::string repo_root, DiagramOptions diagram,
                                                 bool render_page) {
  auto m = std::make_shared<LiveModel>();
  m->compilation = std::move(compilation);
  m->analysis = std::move(analysis);
  m->model_path = std::move(model_path);
  m->repo_root = std::move(repo_root);
  m->diagram = diagram;
  if (render_page) m->page = page_data(m->context(m->diagram));
  return m;
}

}  // namespace moat::serve
