#include "compiler/compile.hpp"

#include "compiler/classifications.hpp"
#include "compiler/decls.hpp"
#include "compiler/dismissals.hpp"
#include "compiler/expert_threats.hpp"
#include "compiler/graph_builder.hpp"
#include "compiler/repositories.hpp"
#include "compiler/scans.hpp"
#include "compiler/weaknesses.hpp"

namespace moat {

void analyze_modules(const std::vector<const ast::Module*>& modules, const SourceManager& sources,
                     ModelGraph& g, DiagnosticSink& diags, const CompileOptions& options) {
  g.schema = build_schema(modules, sources, diags);
  if (diags.has_errors()) return;  // every later pass reads the schema
  g.builtins = resolve_builtins_or_throw(g.schema);
  ValueConverter values(g, diags);
  declare_criteria(modules, g, values, diags);
  declare_elements(modules, g, diags);
  declare_repositories(modules, g, diags);
  declare_rules(modules, sources, g, values, diags);
  const std::size_t rule_count = g.rules.size();  // expert-written threats come after
  declare_expert_threats(modules, g, diags);
  build_elements(modules, g, values, diags);
  build_rules(modules, g, values, diags);
  build_expert_threats(modules, g, values);
  index_weaknesses(g, rule_count);  // targets below may name findings (ANCHOR.WEAKNESS)
  Span root_start;  // where a missing `model` is reported: the start of the first user file
  for (const ast::Module* m : modules) {
    if (!sources.file(m->file).is_stdlib) {
      root_start = {m->file, 0, 0};
      break;
    }
  }
  build_model_info(modules, g, values, diags, options.require_model, root_start);
  build_assurance(modules, g, values, diags);
  build_dismissals(modules, g, values, diags);
  build_classifications(modules, g, values, diags);
  build_scans(modules, g, values, diags);
}

namespace {
std::unique_ptr<Compilation> finish(std::unique_ptr<Compilation> c, const CompileOptions& options) {
  if (c->load != LoadStatus::Ok) return c;  // syntax errors: no semantic checks, no cascades
  analyze_modules(c->program.ordered(), c->program.sources, c->graph, c->diags, options);
  return c;
}
}  // namespace

std::unique_ptr<Compilation> compile_file(const std::string& path, const CompileOptions& options) {
  auto c = std::make_unique<Compilation>();
  c->load = load_program(path, c->program, c->diags, c->io_error, options.reader,
                         options.import_root, options.stdlib);
  return finish(std::move(c), options);
}

std::unique_ptr<Compilation> compile_text(const std::string& display_path, std::string text,
                                          const CompileOptions& options) {
  auto c = std::make_unique<Compilation>();
  c->load = load_program_text(display_path, std::move(text), c->program, c->diags, options.stdlib);
  return finish(std::move(c), options);
}

}  // namespace moat
