// `moat check FILE...`: compile each model, print its diagnostics and a summary.
#include <cstdio>
#include <iostream>

#include <fmt/format.h>

#include "backends/json_document.hpp"
#include "cli/commands.hpp"
#include "compiler/compile.hpp"

namespace moat::cli {

void add_check_command(CLI::App& app, CheckOptions& options) {
  CLI::App* check = app.add_subcommand("check", "Compile models and report their diagnostics");
  check->add_option("files", options.files, "Model files (*.moat)")->required();
  check->add_option("--format", options.format, "Output format: text or json")
      ->check(CLI::IsMember({"text", "json"}));
  check->add_flag("-q,--quiet", options.quiet, "Print only diagnostics, no summary line");
}

namespace {

std::string plural(std::size_t n, const char* one, const char* many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

/// "model.moat: 12 elements, 9 flows, 3 boundaries; 0 errors, 2 warnings"
std::string summary(const std::string& file, const Compilation& c) {
  const ModelGraph& g = c.graph;
  std::size_t boundaries = 0, elements = 0;
  if (c.ok()) {
    boundaries = g.count(Kind::Boundary);
    elements = g.elements.size() - 1 - boundaries - g.flows.size();
  }
  return fmt::format("{}: {}, {}, {}; {}, {}\n", file, plural(elements, "element", "elements"),
                     plural(c.ok() ? g.flows.size() : 0, "flow", "flows"),
                     plural(boundaries, "boundary", "boundaries"),
                     plural(c.diags.error_count(), "error", "errors"),
                     plural(c.diags.warning_count(), "warning", "warnings"));
}

}  // namespace

int run_check(const CheckOptions& options) {
  int exit = kOk;
  nlohmann::ordered_json models = nlohmann::ordered_json::array();
  for (const std::string& file : options.files) {
    auto c = compile_file(file);
    if (c->load == LoadStatus::RootUnreadable) {
      std::cerr << fmt::format("moat: error: cannot read '{}': {}\n", file, c->io_error);
      exit = kUsage;
      continue;
    }
    const std::vector<Diagnostic> diags = c->diags.sorted();
    if (!c->ok() && exit == kOk) exit = kModelErrors;
    if (options.format == "json") {
      nlohmann::ordered_json doc;
      doc["format_version"] = kJsonFormatVersion;
      doc["file"] = file;
      doc["ok"] = c->ok();
      doc["diagnostics"] = diagnostics_json(c->program.sources, diags);
      doc["elements"] = c->ok() ? elements_json(c->graph) : nlohmann::ordered_json::array();
      doc["flows"] = c->ok() ? flows_json(c->graph) : nlohmann::ordered_json::array();
      models.push_back(std::move(doc));
      continue;
    }
    std::cerr << render_text(c->program.sources, diags);
    if (!options.quiet) std::cerr << summary(file, *c);
  }
  if (options.format == "json") {
    std::cout << (models.size() == 1 ? models[0] : models).dump(2) << "\n";
  }
  return exit;
}

}  // namespace moat::cli
