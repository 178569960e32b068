#pragma once
// Renders a ModelDiff: plain text for terminals, GitHub Markdown for pull-request comments,
// JSON for tools.
#include <string>

#include "analyzer/diff.hpp"

namespace moat {

struct DiffLabels {
  std::string before, after;  ///< how the two sides are named (file paths or REV:path)
};

std::string diff_text(const ModelDiff& d, const DiffLabels& labels);
std::string diff_markdown(const ModelDiff& d, const DiffLabels& labels);
std::string diff_json(const ModelDiff& d, const DiffLabels& labels);

}  // namespace moat
