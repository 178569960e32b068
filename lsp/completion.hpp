#pragma once
// textDocument/completion: what may be written at the cursor, from the cursor's context in the
// text as it is now (lsp/cursor_context.hpp) and the names and schema of the last compilation
// without errors (the text being typed rarely compiles).
#include <cstdint>
#include <optional>
#include <string_view>

#include <nlohmann/json.hpp>

#include "compiler/compile.hpp"

namespace moat::lsp {

/// The CompletionItem[] at byte `offset` of `text`, using the names and schema of `basis`.
nlohmann::json completion_items(const Compilation& basis, std::string_view text,
                                std::uint32_t offset);

/// The declaration kind a statement keyword declares (`process`, `flow`, `accept`...), if any.
std::optional<DeclKind> decl_kind_of(std::string_view keyword);

}  // namespace moat::lsp
