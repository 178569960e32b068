#pragma once
// Diagnostics: what the compiler tells the user. Phases never print; they report here, and
// renderers (text in diagnostic_render.cpp, JSON in the CLI) turn the collection into output.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/source.hpp"

namespace moat {

enum class Severity : std::uint8_t { Error, Warning, Note };

enum class DiagKind : std::uint16_t {
#define MOAT_DIAG(name, severity, description) name,
#include "compiler/diagnostic_kinds.def"
#undef MOAT_DIAG
  Count
};

const char* diag_kind_name(DiagKind kind);
const char* diag_kind_description(DiagKind kind);
Severity diag_kind_severity(DiagKind kind);
const char* severity_name(Severity severity);

/// A secondary location: "first declared here", "did you mean", an import chain step.
struct DiagNote {
  Span span;  ///< may be invalid for a note without a location
  std::string message;
};

struct Diagnostic {
  DiagKind kind = DiagKind::SyntaxError;
  Severity severity = Severity::Error;
  Span span;
  std::string message;
  std::string suggestion;  ///< the name proposed in a "did you mean" note, or empty
  std::vector<DiagNote> notes;
  /// Diagnostics of one kind with the same group may be folded into one line on a terminal
  /// (StaleLocation: the folder of the location); never part of the JSON.
  std::string group;
};

/// Collects diagnostics from every phase; caps errors so a broken file cannot flood the user.
class DiagnosticSink {
 public:
  explicit DiagnosticSink(std::size_t max_errors = 100) : max_errors_(max_errors) {}

  /// Reports a diagnostic with the kind's default severity; returns it so notes can be added.
  Diagnostic& report(DiagKind kind, Span span, std::string message);
  Diagnostic& report(DiagKind kind, Severity severity, Span span, std::string message);
  /// Reports DuplicateId "WHAT 'ID' is already declared" at `span`, with a note at `first`.
  Diagnostic& report_duplicate(Span span, std::string_view what, std::string_view id, Span first);
  /// Adds "did you mean 'x'?" to `d`, pointing at `where` if it is a valid span.
  static void suggest(Diagnostic& d, const std::string& name, Span where = {});

  std::size_t error_count() const { return errors_; }
  std::size_t warning_count() const { return warnings_; }
  bool has_errors() const { return errors_ > 0; }

  /// Sorted by file and position, duplicates removed; call once all phases ran.
  std::vector<Diagnostic> sorted() const;
  const std::vector<Diagnostic>& all() const { return diags_; }

 private:
  std::vector<Diagnostic> diags_;
  Diagnostic overflow_;  ///< target of reports made after the cap; never shown
  std::size_t max_errors_;
  std::size_t errors_ = 0;
  std::size_t warnings_ = 0;
};

/// Renders diagnostics as compiler text: location, message, source line, caret, notes.
std::string render_text(const SourceManager& sources, const std::vector<Diagnostic>& diags);

}  // namespace moat
