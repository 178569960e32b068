#include "backends/diagram_escape.hpp"

#include <fmt/format.h>

namespace moat::diagram {

namespace {

bool is_control(unsigned char c) {
  return c < 0x20 || c == 0x7f;
}

}  // namespace

std::string html_text(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 16);
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      // Graphviz expands \N, \G, \E... in the text of HTML labels too, after decoding
      // entities, and turns \\ into \: so a backslash is written doubled. As entities, so
      // that a DOT string can never end in a backslash that would escape its closing quote.
      case '\\':
        out += "&#92;&#92;";
        break;
      case '\n':
        out += "<br/>";
        break;
      default:
        out += is_control(c) ? ' ' : ch;
    }
  }
  return out;
}

std::string mermaid_text(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 16);
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out += "#quot;";
        break;
      // '#' starts Mermaid's own entity codes: escape it first so "#quot;" stays literal.
      case '#':
        out += "#35;";
        break;
      case '&':
        out += "#amp;";
        break;
      case '<':
        out += "#lt;";
        break;
      case '>':
        out += "#gt;";
        break;
      // A backtick right after the quote would make a Markdown string; '|' ends edge labels.
      case '`':
        out += "#96;";
        break;
      case '|':
        out += "#124;";
        break;
      case '\\':
        out += "#92;";
        break;
      case '\n':
        out += "<br/>";
        break;
      default:
        out += is_control(c) ? ' ' : ch;
    }
  }
  return out;
}

std::string mermaid_id(std::string_view prefix, std::string_view id) {
  std::string out(prefix);
  for (const char ch : id) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
      out += ch;
    else if (c == '_')
      out += "__";
    else if (c == '-')
      out += "_h";
    else
      out += fmt::format("_x{:02X}", c);
  }
  return out;
}

std::string comment_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    // Backticks could close a Markdown code fence the text is embedded in, and markup stays
    // inert even where the Mermaid source is pasted into HTML.
    if (c == '`')
      out += '\'';
    else if (c == '<')
      out += "#lt;";
    else if (c == '>')
      out += "#gt;";
    else
      out += is_control(c) ? ' ' : ch;
  }
  return out;
}

}  // namespace moat::diagram
