#pragma once
// Hover: what the name under the cursor is, in Markdown. Attribute names and enum members are
// found in the file's syntax tree (the kind of the enclosing declaration gives the schema);
// other names through lsp/names.hpp, with the analysis of the model (open threats, control
// status).
#include <optional>
#include <string>

#include "lsp/workspace.hpp"

namespace moat::lsp {

/// The hover text at byte `offset` of file `file` of `model`, with the bytes it covers; nullopt
/// when nothing there is known.
struct HoverText {
  std::string markdown;
  std::uint32_t begin = 0, end = 0;
};
std::optional<HoverText> hover_at(const Model& model, FileId file, std::uint32_t offset);

}  // namespace moat::lsp
