// `moat build MODEL... -o DIR`: compile and analyze each model, render every requested format in
// memory, then write the files atomically. Nothing is written for a model with errors, and a
// format that fails to render leaves all files of that model untouched.
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <sstream>

#include <fmt/format.h>

#include "analyzer/locations.hpp"
#include "backends/registry.hpp"
#include "cli/atomic_write.hpp"
#include "cli/commands.hpp"
#include "cli/console.hpp"
#include "cli/model_side.hpp"
#include "cli/pdf_print.hpp"
#include "cli/render_jobs.hpp"
#include "cli/repository.hpp"
#include "cli/watch.hpp"
#include "compiler/compile.hpp"

namespace moat::cli {

namespace fs = std::filesystem;

void add_build_options(CLI::App* build, BuildOptions& options) {
  build->add_option("files", options.files, "Model files (*.moat)")->required();
  build->add_option("-o,--output", options.output, "Directory to write into (created if missing)")
      ->required();
  std::string names;
  for (const Backend& b : backends()) names += (names.empty() ? "" : ", ") + b.format;
  build
      ->add_option("--formats", options.formats, "Comma-separated formats (default: all): " + names)
      ->delimiter(',')
      ->allow_extra_args(false);  // `--formats svg model.moat`: the model is not a format
  add_repository_flags(build, options.repository, true);
  build->add_option("--boundary", options.diagram.boundary,
                    "Diagram only this boundary and what touches it");
  build->add_flag("--no-threats", options.no_threats, "Diagram without the threat overlay");
  build->add_flag("--show-data", options.diagram.show_data,
                  "List the data each flow carries on the diagram");
  build->add_flag("--top-down", options.top_down,
                  "Lay the diagram out top-down instead of left-to-right");
  build->add_flag("--no-legend", options.no_legend,
                  "Draw the diagrams and sheets without a legend");
  build->add_option("--collapse-depth", options.diagram.collapse_depth,
                    "Draw boundaries nested deeper than this as single boxes (0: never)");
  build->add_option("--today", options.analysis.today,
                    "Judge expiry and due dates as of this date (YYYY-MM-DD)");
  build->add_option("--paper", options.paper, "Paper of the PDF report: a4 (default) or letter")
      ->check(CLI::IsMember({"a4", "letter"}));
  build->add_option("--baseline", options.baseline,
                    "Compare readiness with the model at this git revision, or in this file");
  build->add_flag("--watch", options.watch,
                  "Build again whenever a source file of the model changes");
  add_threads_option(build);
}

namespace {

/// The backends a build runs, and the browser that prints the PDF report when it is one.
struct Selection {
  std::vector<Backend> backends;
  std::string engine;   ///< the PDF printer; empty when no printed format is selected
  std::string skipped;  ///< what the default set left out, for the summary line
};

/// Finds the browser for the printed formats in `out`. Without one, a format asked for by
/// name is a usage error (false), and the default set drops it and says so.
bool select_engine(bool named, Selection& out) {
  const auto printed = [](const Backend& b) { return b.printed; };
  if (std::none_of(out.backends.begin(), out.backends.end(), printed)) return true;
  if (const auto engine = find_pdf_engine()) {
    out.engine = *engine;
    return true;
  }
  if (named) {
    print_error(
        "cannot write pdf: no PDF engine found; install Debian's '{}' package (or set "
        "MOAT_PDF_ENGINE to a Chromium binary)",
        kPdfEnginePackage);
    return false;
  }
  std::erase_if(out.backends, printed);
  out.skipped = fmt::format("pdf skipped: no PDF engine (Debian package '{}')", kPdfEnginePackage);
  return true;
}

/// The backends to run: all by default, else those named (an unknown name is a usage error).
bool select_backends(const BuildOptions& options, Selection& selection) {
  const std::vector<Backend> all = backends();
  std::vector<Backend>& out = selection.backends;
  if (options.formats.empty()) {
    out = all;
    return select_engine(false, selection);
  }
  for (const std::string& name : options.formats) {
    auto it =
        std::find_if(all.begin(), all.end(), [&](const Backend& b) { return b.format == name; });
    if (it == all.end()) {
      std::string known;
      for (const Backend& b : all) known += (known.empty() ? "" : ", ") + b.format;
      print_error("unknown format '{}'; known formats: {}", name, known);
      return false;
    }
    if (std::find_if(out.begin(), out.end(), [&](const Backend& b) { return b.format == name; }) ==
        out.end()) {
      out.push_back(*it);
    }
  }
  return select_engine(true, selection);
}

std::string human_size(std::size_t bytes) {
  if (bytes < 1024) return fmt::format("{} B", bytes);
  if (bytes < 1024 * 1024) return fmt::format("{:.1f} KiB", bytes / 1024.0);
  return fmt::format("{:.1f} MiB", bytes / (1024.0 * 1024.0));
}

struct StagedFile {
  std::string path;  ///< where it goes
  std::string tmp;   ///< where it is staged
  std::size_t size = 0;
};

struct Staged {
  std::vector<StagedFile> files;  ///< in the order of the selected formats
  std::string error;              ///< non-empty: nothing is staged any more
};

/// The paths one run of the build writes, each as compared (lexically normal, in lower case: on a
/// case-insensitive file system names that differ in case are one file) with the model whose
/// output it is.
using Claimed = std::map<std::string, std::string>;

/// Claims the paths of `files` for `model`: an error naming the first one that another output of
/// this model or of an earlier model of the build already goes to, else "" (and all claimed).
/// Two outputs to one path would lose one without a word (a boundary named like a sheet's part
/// did); the names moat makes are distinct, and this check keeps any slip from losing a file.
std::string claim_paths(const std::vector<StagedFile>& files, const std::string& model,
                        Claimed& claimed) {
  Claimed mine;
  for (const StagedFile& f : files) {
    std::string key = fs::path(f.path).lexically_normal().string();
    for (char& c : key) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    if (mine.contains(key)) {
      return fmt::format(
          "two outputs of {} would be written to '{}' (a moat bug: please report it)", model,
          f.path);
    }
    if (const auto earlier = claimed.find(key); earlier != claimed.end()) {
      return fmt::format(
          "'{}' is an output of both {} and {}: build them into different folders, or rename one",
          f.path, earlier->second, model);
    }
    mine.emplace(std::move(key), model);
  }
  claimed.merge(mine);
  return {};
}

/// `files` without a repeat of a model named before (`m.moat ./m.moat`, or a link to it): a
/// model given twice is built once, where its second build would claim its own outputs again.
std::vector<std::string> distinct_files(const std::vector<std::string>& files) {
  std::vector<std::string> out;
  std::vector<fs::path> seen;
  for (const std::string& f : files) {
    std::error_code ec;
    fs::path canonical = fs::weakly_canonical(f, ec);
    if (ec) canonical = fs::path(f).lexically_normal();
    if (std::find(seen.begin(), seen.end(), canonical) != seen.end()) continue;
    seen.push_back(std::move(canonical));
    out.push_back(f);
  }
  return out;
}

/// Renders the selected formats and stages each file as soon as it is rendered (writing one
/// overlaps rendering the next). On any failure every staged file is removed again, so the
/// renames that follow are all that can still touch the earlier outputs.
Staged render_and_stage(const RenderContext& ctx, const Selection& selection,
                        const std::string& dir, const std::string& stem, Claimed& claimed) {
  const std::vector<Backend>& selected = selection.backends;
  Staged out;
  // Per format: its own file, then its parts (the sheets); written from the rendering threads.
  std::vector<std::vector<StagedFile>> files(selected.size());
  std::vector<std::string> errors(selected.size());
  render_formats(ctx, selected, [&](std::size_t i, RenderResult& r) {
    const Backend& b = selected[i];
    if (b.printed && r.error.empty()) {
      PrintedPdf pdf = print_pdf(selection.engine, r.bytes, ctx.analysis.today);
      r.bytes = std::move(pdf.bytes);
      r.error = std::move(pdf.error);
    }
    if (!r.error.empty()) {
      errors[i] = fmt::format("cannot render {} for {}: {}", b.format, ctx.model_path, r.error);
      return;
    }
    r.parts.insert(r.parts.begin(), RenderPart{b.extension, std::move(r.bytes)});
    for (RenderPart& part : r.parts) {
      StagedFile& f = files[i].emplace_back();
      f.path = (fs::path(dir) / (stem + "." + part.name)).string();
      std::string error;
      if (f.tmp = stage_file(f.path, part.bytes, error); f.tmp.empty() && errors[i].empty())
        errors[i] = fmt::format("cannot write '{}': {}", f.path, error);
      f.size = part.bytes.size();
      part.bytes = {};  // free it now: the outputs of a large model are hundreds of megabytes
    }
  });
  for (std::vector<StagedFile>& of_format : files)
    out.files.insert(out.files.end(), of_format.begin(), of_format.end());
  for (const std::string& e : errors) {
    if (!e.empty() && out.error.empty()) out.error = e;
  }
  if (out.error.empty()) out.error = claim_paths(out.files, ctx.model_path, claimed);
  // A rename can still fail where a folder stands in a file's place: find that before any
  // rename, so either every file is replaced or none is.
  for (const StagedFile& f : out.files) {
    std::error_code ec;
    if (out.error.empty() && fs::is_directory(f.path, ec))
      out.error = fmt::format("cannot write '{}': it is a folder", f.path);
  }
  if (!out.error.empty()) {
    for (const StagedFile& f : out.files) {
      if (!f.tmp.empty()) discard_staged(f.tmp);
    }
  }
  return out;
}

int build_one(const BuildOptions& options, const Selection& selected, const std::string& file,
              std::int64_t today, bool progress, std::vector<std::string>* watched,
              Claimed& claimed) {
  auto c = compile_file(file, compile_options(options.repository, file));
  if (const int exit = require_readable(*c, file); exit != kOk) return exit;
  if (watched) {
    for (const std::string& f : model_files(*c)) watched->push_back(f);
  }
  Analysis analysis;
  EvidencePack pack;
  if (c->ok()) analysis = analyze_in_repository(*c, file, options.repository, today, &pack);
  if (report_diagnostics(*c) != kOk) {
    std::cerr << fmt::format("moat: {} has errors; nothing was written\n", file);
    return kModelErrors;
  }
  ModelSide base;
  std::optional<BaselineModel> baseline;
  if (!options.baseline.empty()) {
    const ModelSource source = baseline_source(options.baseline, file);
    if (const int exit = load_side(source, "baseline: ", today, base); exit != kOk) {
      std::cerr << fmt::format("moat: the baseline {} cannot be used; nothing was written\n",
                               source.display);
      return exit;
    }
    baseline.emplace(BaselineModel{source.display, base.compilation->graph, base.analysis});
  }
  RenderContext ctx{
      c->program.sources, c->graph, analysis, file, repository_root(options.repository, file),
      options.diagram};
  if (baseline) ctx.baseline = &*baseline;
  ctx.evidence = &pack;
  ctx.diagram.threats = !options.no_threats;
  ctx.diagram.left_to_right = !options.top_down;
  ctx.diagram.legend = !options.no_legend;
  ctx.paper = options.paper;
  const Staged staged =
      render_and_stage(ctx, selected, options.output, fs::path(file).stem().string(), claimed);
  if (!staged.error.empty()) {
    print_error("{}", staged.error);
    std::cerr << fmt::format("moat: nothing was written for {}\n", file);
    return kUsage;
  }
  for (std::size_t i = 0; i < staged.files.size(); ++i) {
    const StagedFile& f = staged.files[i];
    std::string error;
    if (!commit_staged(f.tmp, f.path, error)) {
      print_error("cannot write '{}': {}", f.path, error);
      for (std::size_t k = i + 1; k < staged.files.size(); ++k) discard_staged(staged.files[k].tmp);
      return kUsage;
    }
    if (progress) std::cerr << fmt::format("  wrote {} ({})\n", f.path, human_size(f.size));
  }
  std::cerr << fmt::format("{}: wrote {} file{} to {}{}{}\n", file, staged.files.size(),
                           staged.files.size() == 1 ? "" : "s", options.output,
                           selected.skipped.empty() ? "" : "; ", selected.skipped);
  if (!analysis.scans.empty()) std::cerr << analysis.scans.summary_line();
  return kOk;
}

}  // namespace

int run_build(const BuildOptions& options) {
  const std::optional<std::int64_t> today = parse_today(options.analysis);
  if (!today) return kUsage;
  Selection selected;
  if (!select_backends(options, selected)) return kUsage;
  std::error_code ec;
  fs::create_directories(options.output, ec);
  if (ec || !fs::is_directory(options.output, ec)) {
    print_error("cannot create output directory '{}'", options.output);
    return kUsage;
  }
  const bool progress = ::isatty(STDERR_FILENO) != 0;
  auto once = [&](std::vector<std::string>* watched) {
    int exit = kOk;
    Claimed claimed;
    for (const std::string& file : distinct_files(options.files)) {
      const int code = build_one(options, selected, file, *today, progress, watched, claimed);
      if (code != kOk && (exit == kOk || code == kUsage)) exit = code;
    }
    return exit;
  };
  if (!options.watch) return once(nullptr);
  return watch([&](std::vector<std::string>& sources) { return once(&sources); });
}

}  // namespace moat::cli
