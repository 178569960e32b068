#pragma once
// Escaping user text for Markdown table cells: pipes, line breaks and HTML are neutralised so a
// model's strings cannot break the table or inject markup.
#include <string>
#include <string_view>

namespace moat {

std::string markdown_cell(std::string_view text);

}  // namespace moat
