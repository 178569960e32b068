#pragma once
// Renaming an element: its id everywhere in the model's own files, and so every threat id that
// starts with it (`api.tampering`). Earlier ids written in `was = [...]` are left alone: they
// name what the element was called before, and rename.cpp's caller may offer to add the old id
// there (lsp/code_actions.hpp) so threat ids recorded elsewhere keep resolving.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "lsp/names.hpp"

namespace moat::lsp {

/// The element id under byte `offset` of file `file`, as written there (not an earlier id);
/// nullopt when there is none.
std::optional<Named> renamable_at(const Model& model, FileId file, std::uint32_t offset);

/// Why `name` cannot be the new id of an element of `model`; empty when it can.
std::string rename_refusal(const Model& model, const std::string& name);

/// The WorkspaceEdit renaming element `named` of `model` to `name` (checked first).
nlohmann::json rename_edit(const Model& model, const Named& named, const std::string& name);

/// The spans of the attribute values in file `file` of the model that never name an element
/// (`was` lists, enum members, strings...): a rename leaves them alone.
std::vector<Span> kept_values(const Model& model, FileId file);

}  // namespace moat::lsp
