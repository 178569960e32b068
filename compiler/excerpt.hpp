#pragma once
// The parts of a text diagnostic that show text from the model: the excerpt (a source line and
// a caret under the span) and any other model text (messages quoting a path or a name). Both
// are untrusted: a model must not reach the terminal with control characters, nor flood a log.
#include <string>
#include <string_view>

#include "compiler/source.hpp"

namespace moat {

/// The widest excerpt, in code points: longer lines are clipped around the caret, with `…`
/// where text was left out, so a 1 MB line prints a few hundred bytes.
inline constexpr std::size_t kMaxExcerptColumns = 200;
/// The longest message or note, in bytes: messages quote names, and a name can be huge too.
inline constexpr std::size_t kMaxMessageBytes = 1000;

/// `text` with each control character (but tab) as its Unicode control picture, e.g. ESC as
/// U+241B: one code point each, so carets stay aligned, and the reader sees which it was.
std::string printable(std::string_view text);

/// `printable(text)`, cut after kMaxMessageBytes (on a character boundary) with `…`.
std::string printable_message(std::string_view text);

/// Appends the source line of `span` and an underline of the span's part on that line.
void render_excerpt(std::string& out, const SourceManager& sources, Span span);

}  // namespace moat
