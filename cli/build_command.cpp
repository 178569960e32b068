// `moat build MODEL... -o DIR`: compile and analyze each model, render every requested format in
// memory, then write the files atomically. Nothing is written for a model with errors, and a
// format that fails to render leaves all files of that model untouched.
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "backends/registry.hpp"
#include "cli/atomic_write.hpp"
#include "cli/commands.hpp"
#include "cli/repository.hpp"
#include "cli/watch.hpp"
#include "compiler/compile.hpp"

namespace moat::cli {

namespace fs = std::filesystem;

void add_build_command(CLI::App& app, BuildOptions& options) {
  CLI::App* build = app.add_subcommand("build", "Write diagrams, reports, SARIF, JSON and CSV for models");
  build->add_option("files", options.files, "Model files (*.moat)")->required();
  build->add_option("-o,--output", options.output, "Directory to write into (created if missing)")->required();
  std::string names;
  for (const Backend& b : backends()) names += (names.empty() ? "" : ", ") + b.format;
  build->add_option("--formats", options.formats, "Comma-separated formats (default: all): " + names)
      ->delimiter(',');
  add_repository_flags(build, options.repository, true);
  build->add_option("--boundary", options.diagram.boundary, "Diagram only this boundary and what touches it");
  build->add_flag("--no-threats", options.no_threats, "Diagram without the threat overlay");
  build->add_flag("--show-data", options.diagram.show_data, "List the data each flow carries on the diagram");
  build->add_flag("--top-down", options.top_down, "Lay the diagram out top-down instead of left-to-right");
  build->add_option("--collapse-depth", options.diagram.collapse_depth,
                    "Draw boundaries nested deeper than this as single boxes (0: never)");
  build->add_option("--today", options.analysis.today, "Judge expiry and due dates as of this date (YYYY-MM-DD)");
  build->add_flag("--watch", options.watch, "Build again whenever a source file of the model changes");
}

namespace {

/// The backends to run: all by default, else those named (an unknown name is a usage error).
bool select_backends(const BuildOptions& options, std::vector<Backend>& out) {
  const std::vector<Backend> all = backends();
  if (options.formats.empty()) {
    out = all;
    return true;
  }
  for (const std::string& name : options.formats) {
    auto it = std::find_if(all.begin(), all.end(), [&](const Backend& b) { return b.format == name; });
    if (it == all.end()) {
      std::string known;
      for (const Backend& b : all) known += (known.empty() ? "" : ", ") + b.format;
      std::cerr << fmt::format("moat: error: unknown format '{}'; known formats: {}\n", name, known);
      return false;
    }
    if (std::find_if(out.begin(), out.end(), [&](const Backend& b) { return b.format == name; }) == out.end()) {
      out.push_back(*it);
    }
  }
  return true;
}

std::string human_size(std::size_t bytes) {
  if (bytes < 1024) return fmt::format("{} B", bytes);
  if (bytes < 1024 * 1024) return fmt::format("{:.1f} KiB", bytes / 1024.0);
  return fmt::format("{:.1f} MiB", bytes / (1024.0 * 1024.0));
}

int build_one(const BuildOptions& options, const std::vector<Backend>& selected,
              const std::string& file, std::int64_t today, bool progress, std::vector<std::string>* watched) {
  auto c = compile_file(file);
  if (c->load == LoadStatus::RootUnreadable) {
    std::cerr << fmt::format("moat: error: cannot read '{}': {}\n", file, c->io_error);
    return kUsage;
  }
  if (watched) {
    for (const std::string& f : model_files(*c)) watched->push_back(f);
  }
  Analysis analysis;
  if (c->ok()) analysis = analyze_in_repository(*c, file, options.repository, today);
  std::cerr << render_text(c->program.sources, c->diags.sorted());
  if (!c->ok()) {
    std::cerr << fmt::format("moat: {} has errors; nothing was written\n", file);
    return kModelErrors;
  }
  RenderContext ctx{c->program.sources, c->graph, analysis, file, repository_root(options.repository, file),
                    options.diagram};
  ctx.diagram.threats = !options.no_threats;
  ctx.diagram.left_to_right = !options.top_down;
  // Render everything first: a failure leaves every earlier output of this model in place.
  std::vector<std::pair<std::string, std::string>> outputs;
  const std::string stem = fs::path(file).stem().string();
  for (const Backend& b : selected) {
    RenderResult r = b.render(ctx);
    if (!r.error.empty()) {
      std::cerr << fmt::format("moat: error: cannot render {} for {}: {}\nmoat: nothing was written for {}\n",
                               b.format, file, r.error, file);
      return kUsage;
    }
    outputs.push_back({(fs::path(options.output) / (stem + "." + b.extension)).string(), std::move(r.bytes)});
  }
  for (const auto& [path, bytes] : outputs) {
    std::string error;
    if (!write_file_atomically(path, bytes, error)) {
      std::cerr << fmt::format("moat: error: cannot write '{}': {}\n", path, error);
      return kUsage;
    }
    if (progress) std::cerr << fmt::format("  wrote {} ({})\n", path, human_size(bytes.size()));
  }
  std::cerr << fmt::format("{}: wrote {} file{} to {}\n", file, outputs.size(),
                           outputs.size() == 1 ? "" : "s", options.output);
  return kOk;
}

}  // namespace

int run_build(const BuildOptions& options) {
  const std::optional<std::int64_t> today = parse_today(options.analysis);
  if (!today) return kUsage;
  std::vector<Backend> selected;
  if (!select_backends(options, selected)) return kUsage;
  std::error_code ec;
  fs::create_directories(options.output, ec);
  if (ec || !fs::is_directory(options.output, ec)) {
    std::cerr << fmt::format("moat: error: cannot create output directory '{}'\n", options.output);
    return kUsage;
  }
  const bool progress = ::isatty(STDERR_FILENO) != 0;
  auto once = [&](std::vector<std::string>* watched) {
    int exit = kOk;
    for (const std::string& file : options.files) {
      const int code = build_one(options, selected, file, *today, progress, watched);
      if (code != kOk && (exit == kOk || code == kUsage)) exit = code;
    }
    return exit;
  };
  if (!options.watch) return once(nullptr);
  return watch([&](std::vector<std::string>& sources) { return once(&sources); });
}

}  // namespace moat::cli
