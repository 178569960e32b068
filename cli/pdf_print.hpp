#pragma once
// Printing the PDF report: the print-ready HTML of the `pdf` backend goes through headless
// Chromium (Debian's `chromium` package) in a private temporary folder, under a time limit, and
// the PDF comes back as bytes for `moat build` to write atomically like every other output.
#include <cstdint>
#include <optional>
#include <string>

namespace moat::cli {

/// What the error and the summary line name when no engine is installed.
inline constexpr const char* kPdfEnginePackage = "chromium";

/// The browser that prints PDFs: $MOAT_PDF_ENGINE when set (a path), else the first of chromium,
/// chromium-browser, google-chrome, google-chrome-stable on PATH; nothing when none is there.
std::optional<std::string> find_pdf_engine();

/// Seconds the browser may take for one report: $MOAT_PDF_TIMEOUT when it is a positive whole
/// number, else 120.
int pdf_timeout_seconds();

struct PrintedPdf {
  std::string bytes;
  std::string error;  ///< non-empty: no PDF (and why)
};

/// Prints `html` to PDF with `engine`. The PDF's creation and modification dates are set to
/// `today` (days since 1970-01-01) and the ids of its structure tree (DOM node numbers)
/// renumbered in order, so the same model prints to the same bytes.
PrintedPdf print_pdf(const std::string& engine, const std::string& html, std::int64_t today);

}  // namespace moat::cli
