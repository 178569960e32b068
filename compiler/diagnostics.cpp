#include "compiler/diagnostics.hpp"

#include <algorithm>
#include <tuple>

namespace moat {

namespace {
struct KindInfo {
  const char* name;
  Severity severity;
  const char* description;
};
constexpr KindInfo kKinds[] = {
#define MOAT_DIAG(name, severity, description) {#name, Severity::severity, description},
#include "compiler/diagnostic_kinds.def"
#undef MOAT_DIAG
};
}  // namespace

const char* diag_kind_name(DiagKind kind) {
  return kKinds[static_cast<int>(kind)].name;
}
const char* diag_kind_description(DiagKind kind) {
  return kKinds[static_cast<int>(kind)].description;
}
Severity diag_kind_severity(DiagKind kind) {
  return kKinds[static_cast<int>(kind)].severity;
}

const char* severity_name(Severity severity) {
  switch (severity) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Note:
      return "note";
  }
  return "error";
}

Diagnostic& DiagnosticSink::report(DiagKind kind, Span span, std::string message) {
  return report(kind, diag_kind_severity(kind), span, std::move(message));
}

Diagnostic& DiagnosticSink::report_duplicate(Span span, std::string_view what, std::string_view id,
                                             Span first) {
  Diagnostic& d = report(DiagKind::DuplicateId, span,
                         std::string(what) + " '" + std::string(id) + "' is already declared");
  d.notes.push_back({first, "first declared here"});
  return d;
}

Diagnostic& DiagnosticSink::report(DiagKind kind, Severity severity, Span span,
                                   std::string message) {
  if (severity == Severity::Error) {
    if (errors_ == max_errors_) {
      ++errors_;
      diags_.push_back(
          {DiagKind::TooManyErrors,
           Severity::Error,
           span,
           "too many errors; only the first " + std::to_string(max_errors_) + " are shown",
           "",
           {},
           ""});
      overflow_ = Diagnostic{};
      return overflow_;
    }
    ++errors_;  // counted even past the cap, so the summary tells the real number
    if (errors_ > max_errors_ + 1) {
      overflow_ = Diagnostic{};
      return overflow_;
    }
  } else if (severity == Severity::Warning) {
    ++warnings_;
  }
  diags_.push_back({kind, severity, span, std::move(message), "", {}, ""});
  return diags_.back();
}

void DiagnosticSink::suggest(Diagnostic& d, const std::string& name, Span where) {
  if (name.empty()) return;
  d.suggestion = name;
  d.notes.push_back({where, "did you mean '" + name + "'?"});
}

std::vector<Diagnostic> DiagnosticSink::sorted() const {
  std::vector<Diagnostic> out = diags_;
  auto key = [](const Diagnostic& d) {
    // The overflow notice always comes last, whatever position it was reported at.
    const bool last = d.kind == DiagKind::TooManyErrors;
    return std::make_tuple(last, d.span.file, d.span.begin, d.span.end, static_cast<int>(d.kind),
                           std::cref(d.message));
  };
  std::stable_sort(out.begin(), out.end(),
                   [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
  auto same = [&](const Diagnostic& a, const Diagnostic& b) { return key(a) == key(b); };
  out.erase(std::unique(out.begin(), out.end(), same), out.end());
  return out;
}

}  // namespace moat
