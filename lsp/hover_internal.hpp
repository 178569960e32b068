#pragma once
// The parts of hover (lsp/hover.hpp), one per translation unit.
#include <optional>

#include "lsp/hover.hpp"
#include "lsp/names.hpp"

namespace moat::lsp {

/// Hover on an attribute name or an enum member in `module`'s attributes.
std::optional<HoverText> hover_attribute(const Model& model, const ast::Module& module,
                                         std::uint32_t offset);
/// Hover on an element, rule, mitigation, assumption or control id.
std::string hover_name(const Model& model, const Named& named);

}  // namespace moat::lsp
