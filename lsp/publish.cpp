// Diagnostics -> LSP: ranges in UTF-16 positions of each file's own text.
#include "lsp/publish.hpp"

#include "lsp/text.hpp"

namespace moat::lsp {

namespace {

int lsp_severity(Severity s) {
  switch (s) {
    case Severity::Error:
      return 1;
    case Severity::Warning:
      return 2;
    case Severity::Note:
      return 3;
  }
  return 1;
}

/// A file's text with its line table, computed once per file per publication.
class Texts {
 public:
  explicit Texts(const SourceManager& sources) : sources_(sources), starts_(sources.size()) {}

  nlohmann::json range(Span span) {
    const std::string& text = sources_.file(span.file).text;
    auto& starts = starts_[span.file];
    if (starts.empty()) starts = line_starts(text);
    return range_json(text, starts, span.begin, std::max(span.begin, span.end));
  }

 private:
  const SourceManager& sources_;
  std::vector<std::vector<std::uint32_t>> starts_;
};

bool shown_in_place(const SourceManager& sources, Span span) {
  return span.valid() && span.file < sources.size() && !sources.file(span.file).is_stdlib;
}

nlohmann::json related(const SourceManager& sources, Texts& texts, const Diagnostic& d) {
  nlohmann::json notes = nlohmann::json::array();
  for (const DiagNote& n : d.notes) {
    if (!shown_in_place(sources, n.span)) continue;
    notes.push_back({{"location",
                      {{"uri", path_to_uri(normal_path(sources.file(n.span.file).path))},
                       {"range", texts.range(n.span)}}},
                     {"message", n.message}});
  }
  return notes;
}

/// The message with the notes that have no place in the model's files, and the suggestion.
std::string full_message(const SourceManager& sources, const Diagnostic& d) {
  std::string message = d.message;
  for (const DiagNote& n : d.notes) {
    if (!shown_in_place(sources, n.span)) message += "\nnote: " + n.message;
  }
  return message;
}

}  // namespace

std::map<std::string, nlohmann::json> diagnostics_by_file(const Model& model) {
  std::map<std::string, nlohmann::json> out;
  for (const std::string& f : model.files) out[f] = nlohmann::json::array();
  const Compilation& c = *model.compilation;
  const SourceManager& sources = c.program.sources;
  Texts texts(sources);
  if (c.load == LoadStatus::RootUnreadable) {
    out[model.root].push_back({{"range", {{"start", to_json({})}, {"end", to_json({})}}},
                               {"severity", 1},
                               {"source", "moat"},
                               {"message", "cannot read the model: " + c.io_error}});
  }
  for (const Diagnostic& d : c.diags.sorted()) {
    nlohmann::json item = {{"severity", lsp_severity(d.severity)},
                           {"code", diag_kind_name(d.kind)},
                           {"source", "moat"},
                           {"message", full_message(sources, d)}};
    std::string file = model.root;
    if (shown_in_place(sources, d.span)) {
      file = normal_path(sources.file(d.span.file).path);
      item["range"] = texts.range(d.span);
    } else {
      item["range"] = {{"start", to_json({})}, {"end", to_json({})}};
    }
    if (nlohmann::json notes = related(sources, texts, d); !notes.empty()) {
      item["relatedInformation"] = std::move(notes);
    }
    out[file].push_back(std::move(item));
  }
  return out;
}

}  // namespace moat::lsp
