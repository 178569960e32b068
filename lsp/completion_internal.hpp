#pragma once
// The parts of completion (lsp/completion.hpp), one concern per translation unit.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "compiler/compile.hpp"
#include "lsp/cursor_context.hpp"

namespace moat::lsp {

/// LSP CompletionItemKind values used here.
enum class ItemKind : int {
  Function = 3,
  Variable = 6,
  Property = 10,
  Keyword = 14,
  Snippet = 15,
  Reference = 18,
  EnumMember = 20,
  Constant = 21,
};

/// One candidate before it gets its text edit.
struct Candidate {
  std::string label;
  ItemKind kind = ItemKind::Variable;
  std::string detail;
  std::string snippet;  ///< non-empty: inserted as a snippet instead of the label
};

/// Statement keywords allowed in the block `ctx` is in, and the snippets among them.
void add_statements(const Compilation& basis, const CursorContext& ctx,
                    std::vector<Candidate>& out);

/// The ids of the elements whose kind is in `kinds`.
void add_elements(const ModelGraph& g, KindMask kinds, std::vector<Candidate>& out);

}  // namespace moat::lsp
