#include "compiler/flow_ids.hpp"

#include <cctype>

namespace moat {

std::string slug(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) && c < 0x80)
      out += static_cast<char>(std::tolower(c));
    else if (!out.empty() && out.back() != '_')
      out += '_';
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out;
}

std::string derived_flow_id(const std::string& source, const std::string& target,
                            const std::optional<std::string>& title) {
  std::string id = source + "_to_" + target;
  if (!title) return id;
  const std::string words = slug(*title);
  return words.empty() ? id : id + "__" + words;
}

std::string reverse_flow_id(std::string_view id) {
  return std::string(id) + "-reverse";
}

std::vector<FlowIdParts> read_flow_id(std::string_view text) {
  text = text.substr(0, text.find('.'));
  std::vector<FlowIdParts> out;
  for (std::string_view sep : {"_to_", "-to-"}) {
    // The slug follows the first double separator after the target ("__" or "--").
    const std::string_view slug_sep = sep[0] == '_' ? "__" : "--";
    for (std::size_t at = text.find(sep); at != std::string_view::npos;
         at = text.find(sep, at + 1)) {
      const std::string_view rest = text.substr(at + sep.size());
      const std::string_view target = rest.substr(0, rest.find(slug_sep));
      if (at > 0 && !target.empty())
        out.push_back({std::string(text.substr(0, at)), std::string(target)});
    }
  }
  return out;
}

std::string name_the_flow(const FlowIdParts& parts) {
  return "to refer to a flow, name it and write the name: flow NAME: " + parts.source + " -> " +
         parts.target + " ...";
}

std::string current_form(std::string_view text) {
  const std::size_t to = text.find("-to-");
  if (to == std::string_view::npos) return {};
  std::string out = std::string(text.substr(0, to)) + "_to_";
  std::string_view rest = text.substr(to + 4);
  const std::size_t slug = rest.find("--");
  if (slug == std::string_view::npos) return out + std::string(rest);
  out += std::string(rest.substr(0, slug)) + "__";
  for (char c : rest.substr(slug + 2)) out += c == '-' ? '_' : c;
  return out;
}

std::string old_flow_id_note(std::string_view text, std::size_t at) {
  if (at >= text.size() || text[at] != '-') return {};
  const auto in_word = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
  };
  std::size_t begin = at, end = at;
  while (begin > 0 && in_word(text[begin - 1])) --begin;
  while (end < text.size() && in_word(text[end])) ++end;
  std::string_view word = text.substr(begin, end - begin);
  word = word.substr(0, word.find('.'));  // a target's category or rule
  const std::string current = current_form(word);
  const std::size_t to = word.find("-to-");
  if (current.empty()) return {};
  const std::string_view rest = word.substr(to + 4);
  const FlowIdParts parts{std::string(word.substr(0, to)),
                          std::string(rest.substr(0, rest.find("--")))};
  return "'" + std::string(word) + "' is not an identifier: a derived flow id is written '" +
         current + "'; " + name_the_flow(parts);
}

}  // namespace moat
