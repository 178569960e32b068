#pragma once
// Shared by the unit tests: compile a model from a string or a file of the source tree with the
// embedded standard library, analyze it as of a fixed date, and find its threats, controls and
// diagnostics by what a user reads (ids and kinds).
#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/analysis.hpp"
#include "backends/render_context.hpp"
#include "compiler/compile.hpp"
#include "compiler/literals.hpp"

namespace moat_test {

/// The date `date` (YYYY-MM-DD) in days since 1970-01-01.
inline std::int64_t day(std::string_view date) {
  std::int64_t days = 0;
  moat::LiteralError error;
  REQUIRE_MESSAGE(moat::decode_date(date, days, error), error.message);
  return days;
}

/// The analysis date of most tests, so that their expiries and due dates read the same each day.
inline constexpr std::string_view kToday = "2026-11-23";

/// The diagnostics of `c` as compiler text, for INFO() when a REQUIRE fails.
inline std::string diagnostics_text(const moat::Compilation& c) {
  return moat::render_text(c.program.sources, c.diags.sorted());
}

/// Fails the test, showing the diagnostics, when `c` has errors; returns `c`.
inline std::unique_ptr<moat::Compilation> require_ok(std::unique_ptr<moat::Compilation> c) {
  INFO(diagnostics_text(*c));
  REQUIRE(c->ok());
  return c;
}

/// `text` compiled as the file `name`; the test fails when it has errors.
inline std::unique_ptr<moat::Compilation> compile_ok(const std::string& name, std::string text,
                                                     const moat::CompileOptions& options = {}) {
  return require_ok(moat::compile_text(name, std::move(text), options));
}

/// `relative_path` of the source tree, compiled; the test fails when it has errors.
inline std::unique_ptr<moat::Compilation> compile_source_file(const std::string& relative_path) {
  return require_ok(moat::compile_file(std::string(MOAT_SOURCE_DIR) + "/" + relative_path));
}

/// The kind names of the diagnostics in `diags`, sorted by position.
inline std::vector<std::string> kinds(const moat::DiagnosticSink& diags) {
  std::vector<std::string> out;
  for (const moat::Diagnostic& d : diags.sorted()) out.push_back(moat::diag_kind_name(d.kind));
  return out;
}

/// A compiled model and its analysis; the analysis reports to the compilation's diagnostics.
struct Analyzed {
  std::unique_ptr<moat::Compilation> c;
  moat::Analysis analysis;

  /// Analyzes `compiled` (which must have no errors) as of `today`, with `annotations` if given.
  explicit Analyzed(std::unique_ptr<moat::Compilation> compiled, std::int64_t today = day(kToday),
                    const std::vector<moat::Annotation>* annotations = nullptr)
      : c(require_ok(std::move(compiled))) {
    analysis = moat::analyze(c->graph, {today, annotations}, c->diags);
  }

  const moat::ModelGraph& graph() const { return c->graph; }

  /// The threat with id ELEMENT.RULE, or null when the rules did not raise it.
  const moat::Threat* find_threat(std::string_view id) const {
    for (const moat::Threat& t : analysis.threats) {
      if (moat::threat_id(c->graph, t) == id) return &t;
    }
    return nullptr;
  }

  /// The finding with id ANCHOR.WEAKNESS, or null when there is none.
  const moat::Finding* find_finding(std::string_view id) const {
    for (const moat::Finding& f : analysis.findings) {
      if (f.id == id) return &f;
    }
    return nullptr;
  }

  /// The threat with id ELEMENT.RULE; the test stops when there is none.
  const moat::Threat& threat(std::string_view id) const {
    const moat::Threat* t = find_threat(id);
    REQUIRE_MESSAGE(t != nullptr, "no threat " << id);
    return *t;
  }

  /// The status name ("open", "mitigated", "accepted") of threat `id`.
  std::string status(std::string_view id) const {
    return moat::threat_status_name(threat(id).status);
  }

  /// The result of the criterion in scope with id `criterion` (such as "CC6.1").
  const moat::ControlResult& control(std::string_view criterion) const {
    const auto it = std::find_if(analysis.controls.begin(), analysis.controls.end(),
                                 [&](const moat::ControlResult& r) {
                                   return c->graph.criteria[r.criterion].id == criterion;
                                 });
    REQUIRE_MESSAGE(it != analysis.controls.end(), "no control " << criterion << " in scope");
    return *it;
  }

  /// The readiness name ("met", "partially_met", ...) of criterion `criterion`.
  std::string verdict(std::string_view criterion) const {
    return moat::control_status_name(control(criterion).status);
  }

  /// The diagnostics of kind `kind`, sorted by position.
  std::vector<moat::Diagnostic> diagnostics(moat::DiagKind kind) const {
    std::vector<moat::Diagnostic> out;
    for (moat::Diagnostic& d : c->diags.sorted()) {
      if (d.kind == kind) out.push_back(std::move(d));
    }
    return out;
  }

  /// The messages of the diagnostics of kind `kind`, sorted by position.
  std::vector<std::string> messages(moat::DiagKind kind) const {
    std::vector<std::string> out;
    for (const moat::Diagnostic& d : diagnostics(kind)) out.push_back(d.message);
    return out;
  }

  /// What a backend renders from, for the model file `model_path` in repository `root`.
  moat::RenderContext context(std::string model_path, std::string root = ".",
                              moat::DiagramOptions diagram = {}) const {
    return {c->program.sources,    c->graph,        analysis,
            std::move(model_path), std::move(root), std::move(diagram)};
  }
};

/// A model to draw, analyzed as of day 20000 (2024-10-04), with the diagram options a test sets.
struct Drawn : Analyzed {
  std::string model_path;
  moat::DiagramOptions options;

  Drawn(std::unique_ptr<moat::Compilation> compiled, std::string path)
      : Analyzed(std::move(compiled), 20000), model_path(std::move(path)) {}
  moat::RenderContext ctx() const { return context(model_path, ".", options); }
};

/// `text` compiled as "model.moat" and analyzed as of `today`.
inline Analyzed analyze_text(std::string text, std::int64_t today = day(kToday)) {
  return Analyzed(moat::compile_text("model.moat", std::move(text)), today);
}

}  // namespace moat_test
