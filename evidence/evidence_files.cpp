#include "evidence/evidence_files.hpp"

#include <glob.h>

#include <algorithm>
#include <fstream>

#include "evidence/sarif_reader.hpp"

namespace moat {

namespace {

/// The files a pattern names: itself when it has no glob character, else its sorted matches.
std::vector<std::string> expand(const std::string& pattern) {
  if (pattern.find_first_of("*?[") == std::string::npos) return {pattern};
  std::vector<std::string> out;
  glob_t found{};
  if (::glob(pattern.c_str(), 0, nullptr, &found) == 0) {
    for (std::size_t i = 0; i < found.gl_pathc; ++i) out.emplace_back(found.gl_pathv[i]);
  }
  ::globfree(&found);
  std::sort(out.begin(), out.end());
  return out;
}

/// The file's text up to the end of the line holding `byte` (the parser stopped there).
std::string text_through_line(const std::string& path, std::size_t byte) {
  std::ifstream in(path, std::ios::binary);
  std::string text(byte, '\0');
  in.read(text.data(), static_cast<std::streamsize>(byte));
  text.resize(static_cast<std::size_t>(in.gcount()));
  // The rest of the line, up to a bound: enough for the excerpt under the caret.
  for (char c; text.size() < byte + 200 && in.get(c) && c != '\n';) text += c;
  return text;
}

void report(const std::string& path, const SarifError& error, SourceManager& sources,
            DiagnosticSink& diags) {
  if (!error.syntax) {
    diags.report(DiagKind::BadEvidence, Span{},
                 "'" + path + "' is not a SARIF 2.1.0 log: at '" +
                     (error.pointer.empty() ? "/" : error.pointer) + "': " + error.message);
    return;
  }
  std::string text = text_through_line(path, error.byte);
  const auto at = static_cast<std::uint32_t>(std::min(error.byte, text.size()));
  const FileId file = sources.add(path, std::move(text));
  diags.report(DiagKind::BadEvidence, Span{file, at, at}, "'" + path + "' is " + error.message);
}

}  // namespace

ScanEvidence read_evidence(const ModelGraph& g, const EvidenceOptions& options,
                           SourceManager& sources, DiagnosticSink& diags) {
  ScanEvidence out;
  const Classifier classifier(g);
  const SarifReadOptions read_options{options.root};
  std::vector<std::string> seen;
  for (const std::string& pattern : options.patterns) {
    const std::vector<std::string> files = expand(pattern);
    if (files.empty())
      diags.report(DiagKind::BadEvidence, Span{}, "no file matches --evidence '" + pattern + "'");
    for (const std::string& path : files) {
      if (std::find(seen.begin(), seen.end(), path) != seen.end()) continue;
      seen.push_back(path);
      std::ifstream in(path, std::ios::binary);
      if (!in) {
        diags.report(DiagKind::BadEvidence, Span{}, "cannot read --evidence file '" + path + "'");
        continue;
      }
      SarifError error;
      if (!read_sarif(in, path, classifier, read_options, out, error))
        report(path, error, sources, diags);
    }
  }
  return out;
}

}  // namespace moat
