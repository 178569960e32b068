#pragma once
// Escaping of user strings (titles, ids, data names) for the diagram formats. A model is
// untrusted input: no string may close a label, start markup or inject a statement.
#include <string>
#include <string_view>

namespace moat::diagram {

/// Text for a Graphviz HTML-like label: & < > " ' as entities, `\` doubled (so no label
/// escape such as \N can form), a newline as <br/>, other control characters as spaces.
std::string html_text(std::string_view s);

/// Text for a Mermaid `"..."` label: quotes, markup and Mermaid's own syntax characters as
/// #code; entities, a newline as <br/>, other control characters as spaces.
std::string mermaid_text(std::string_view s);

/// A Mermaid identifier: `prefix` then `id` with '_' as "__", '-' as "_h" and any other
/// character outside [A-Za-z0-9] as "_xHH", so distinct ids stay distinct and no id is a keyword.
std::string mermaid_id(std::string_view prefix, std::string_view id);

/// One line of a comment (Mermaid `%%`): control characters, newlines included, as spaces;
/// backticks as apostrophes, < and > as Mermaid's #lt; and #gt;.
std::string comment_text(std::string_view s);

}  // namespace moat::diagram
