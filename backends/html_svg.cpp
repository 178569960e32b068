// Inlining Graphviz's SVG into the HTML report. The diagram's labels are user text, escaped by
// the SVG backend; this is the second line of defence: every tag is parsed and must be a drawing
// element with no event handler and no script URL, or the diagram is left out with a note.
#include <algorithm>
#include <array>
#include <cctype>

#include "backends/html_render.hpp"

namespace moat {

namespace {

constexpr std::array<std::string_view, 21> kAllowedTags = {
    "svg",    "g",        "title",   "desc",           "polygon",        "polyline",
    "path",   "ellipse",  "circle",  "rect",           "line",           "text",
    "tspan",  "a",        "defs",    "lineargradient", "radialgradient", "stop",
    "marker", "clippath", "metadata"};

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return out;
}

bool name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == ':' ||
         c == '.';
}

/// Checks one attribute; false with a reason when it could run code or fetch something.
bool attribute_ok(std::string_view name, std::string_view value, std::string& why) {
  const std::string n = lower(name);
  if (n.rfind("on", 0) == 0) {
    why = "an event-handler attribute (" + n + ")";
    return false;
  }
  std::string compact;
  for (char c : value) {
    if (!std::isspace(static_cast<unsigned char>(c)) && static_cast<unsigned char>(c) >= 0x20)
      compact += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (compact.find("javascript:") != std::string::npos) {
    why = "a script URL in attribute " + n;
    return false;
  }
  // Links may only point into the report itself (an encoded "javascript:" starts with '&').
  if ((n == "href" || n == "xlink:href") && !compact.empty() && compact.front() != '#') {
    why = "a link out of the document (" + n + ")";
    return false;
  }
  return true;
}

/// `value` of attribute `name` with the ids it names prefixed by `prefix`: an id itself, a link
/// into the document (`#id`) and a paint reference (`url(#id)`).
std::string prefixed(std::string_view name, std::string_view value, std::string_view prefix) {
  const std::string n = lower(name);
  std::string out(value);
  if (n == "id") return std::string(prefix) + out;
  if ((n == "href" || n == "xlink:href") && out.starts_with('#'))
    return "#" + std::string(prefix) + out.substr(1);
  for (std::size_t at = out.find("url(#"); at != std::string::npos; at = out.find("url(#", at)) {
    out.insert(at + 5, prefix);
    at += 5 + prefix.size();
  }
  return out;
}

/// Parses the tag starting at `s[i] == '<'` and appends it to `out`, its ids prefixed by
/// `prefix` (prefixed()); returns the index after its '>' or npos.
std::size_t scan_tag(std::string_view s, std::size_t i, std::string& why, std::string_view prefix,
                     std::string& out) {
  std::size_t copied = i;  // s[i, copied) is in `out` already
  auto copy_to = [&](std::size_t end) {
    out.append(s.substr(copied, end - copied));
    copied = end;
  };
  std::size_t p = i + 1;
  if (p < s.size() && s[p] == '/') ++p;
  const std::size_t name_begin = p;
  while (p < s.size() && name_char(s[p])) ++p;
  const std::string tag = lower(s.substr(name_begin, p - name_begin));
  if (std::find(kAllowedTags.begin(), kAllowedTags.end(), tag) == kAllowedTags.end()) {
    why = "a <" + tag + "> element";
    return std::string_view::npos;
  }
  while (p < s.size()) {
    while (p < s.size() && std::isspace(static_cast<unsigned char>(s[p]))) ++p;
    if (p < s.size() && s[p] == '>') {
      copy_to(p + 1);
      return p + 1;
    }
    if (p + 1 < s.size() && s[p] == '/' && s[p + 1] == '>') {
      copy_to(p + 2);
      return p + 2;
    }
    const std::size_t attr_begin = p;
    while (p < s.size() && name_char(s[p])) ++p;
    if (p == attr_begin) break;
    const std::string_view attr = s.substr(attr_begin, p - attr_begin);
    std::string_view value;
    if (p < s.size() && s[p] == '=') {
      const char quote = ++p < s.size() ? s[p] : '\0';
      if (quote != '"' && quote != '\'') break;
      const std::size_t close = s.find(quote, p + 1);
      if (close == std::string_view::npos) break;
      value = s.substr(p + 1, close - p - 1);
      if (!prefix.empty()) {
        copy_to(p + 1);
        out += prefixed(attr, value, prefix);
        copied = close;
      }
      p = close + 1;
    }
    if (!attribute_ok(attr, value, why)) return std::string_view::npos;
  }
  if (why.empty()) why = "a malformed tag";
  return std::string_view::npos;
}

}  // namespace

std::optional<std::string> inline_svg(std::string_view svg, std::string& why,
                                      std::string_view id_prefix) {
  const std::size_t start = svg.find("<svg");
  if (start == std::string_view::npos) {
    why = "no <svg> element";
    return std::nullopt;
  }
  std::string out;
  out.reserve(svg.size() - start);
  for (std::size_t i = start; i < svg.size();) {
    if (svg.compare(i, 4, "<!--") == 0) {
      const std::size_t end = svg.find("-->", i + 4);
      if (end == std::string_view::npos) break;
      i = end + 3;
      continue;
    }
    if (svg[i] != '<') {
      const std::size_t next = std::min(svg.find('<', i), svg.size());
      out.append(svg.substr(i, next - i));
      i = next;
      continue;
    }
    const std::size_t end = scan_tag(svg, i, why, id_prefix, out);
    if (end == std::string_view::npos) return std::nullopt;
    i = end;
  }
  // Drop what follows the root element (trailing whitespace, a newline).
  while (!out.empty() && std::isspace(static_cast<unsigned char>(out.back()))) out.pop_back();
  return out;
}

}  // namespace moat
