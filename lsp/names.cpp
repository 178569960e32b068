// Words, and resolving their segments against the model graph.
#include "lsp/names.hpp"

namespace moat::lsp {

namespace {

bool word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.';
}

/// The end of a string literal starting at `i` (the opening quote), past its closing quote.
std::size_t skip_string(std::string_view text, std::size_t i) {
  for (++i; i < text.size() && text[i] != '"' && text[i] != '\n'; ++i) {
    if (text[i] == '\\') ++i;
  }
  return std::min(i + 1, text.size());
}

/// The end of a comment starting at `i`, or `i` when none starts there.
std::size_t skip_comment(std::string_view text, std::size_t i) {
  if (text.substr(i, 2) == "//") {
    const std::size_t eol = text.find('\n', i);
    return eol == std::string_view::npos ? text.size() : eol;
  }
  if (text.substr(i, 2) == "/*") {
    const std::size_t close = text.find("*/", i + 2);
    return close == std::string_view::npos ? text.size() : close + 2;
  }
  return i;
}

/// True when the word ends just before an `=` that is not `==`: an attribute name.
bool before_assignment(std::string_view text, std::size_t end) {
  while (end < text.size() && (text[end] == ' ' || text[end] == '\t')) ++end;
  return end < text.size() && text[end] == '=' && (end + 1 >= text.size() || text[end + 1] != '=');
}

/// The record of `records` whose id is `id`; none when there is none.
template <class IdT, class Rec>
IdT find_id(const IdVector<IdT, Rec>& records, std::string_view id) {
  for (const IdT i : records.ids()) {
    if (records[i].id == id) return i;
  }
  return IdT::none();
}

/// Resolves segment `segment` (0-based) of a word; `whole` is the whole word.
Named resolve(const ModelGraph& g, std::string_view whole, std::string_view name, int segment) {
  Named n;
  if (auto it = g.criterion_ids.find(std::string(whole)); it != g.criterion_ids.end()) {
    return Named::of(it->second);
  }
  if (segment == 0) {
    if (const ElementId e = g.find(name); e != kNoElement && e != ModelGraph::kOutside) {
      return Named::of(e);
    }
    if (const MitigationId m = find_id(g.mitigations, name); !m.is_none()) return Named::of(m);
    if (const AssumptionId a = find_id(g.assumptions, name); !a.is_none()) return Named::of(a);
  }
  if (const RuleId r = find_id(g.rules, name); !r.is_none() && !g.rules[r].expert()) {
    return Named::of(r);
  }
  return n;
}

/// Resolves every segment of `word` in `text`, calling `each` with each resolved one.
template <typename Each>
void resolve_word(const ModelGraph& g, std::string_view text, Word word, Each each) {
  if (before_assignment(text, word.end)) return;
  const std::string_view whole = text.substr(word.begin, word.end - word.begin);
  std::uint32_t start = word.begin;
  int segment = 0;
  for (std::uint32_t i = word.begin; i <= word.end; ++i) {
    if (i < word.end && text[i] != '.') continue;
    Named n = resolve(g, whole, text.substr(start, i - start), segment);
    n.begin = n.kind == NameKind::Criterion ? word.begin : start;
    n.end = n.kind == NameKind::Criterion ? word.end : i;
    if (n.kind != NameKind::None && !each(n)) return;
    if (n.kind == NameKind::Criterion) return;
    start = i + 1;
    ++segment;
  }
}

}  // namespace

namespace {

/// A name of kind `kind` whose `field` (the one id of that kind) is `id`; the others stay none.
template <class IdT>
Named named(NameKind kind, IdT Named::*field, IdT id) {
  Named n;
  n.kind = kind;
  n.*field = id;
  return n;
}

}  // namespace

Named Named::of(ElementId e) {
  return named(NameKind::Element, &Named::element, e);
}
Named Named::of(RuleId r) {
  return named(NameKind::Rule, &Named::rule, r);
}
Named Named::of(MitigationId m) {
  return named(NameKind::Mitigation, &Named::mitigation, m);
}
Named Named::of(AssumptionId a) {
  return named(NameKind::Assumption, &Named::assumption, a);
}
Named Named::of(CriterionId c) {
  return named(NameKind::Criterion, &Named::criterion, c);
}

std::vector<Word> scan_words(std::string_view text) {
  std::vector<Word> words;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '"') {
      i = skip_string(text, i);
    } else if (const std::size_t after = skip_comment(text, i); after != i) {
      i = after;
    } else if (word_char(text[i]) && text[i] != '.' && text[i] != '-') {
      std::size_t end = i;
      while (end < text.size() && word_char(text[end])) ++end;
      while (end > i && (text[end - 1] == '.' || text[end - 1] == '-')) --end;
      words.push_back({std::uint32_t(i), std::uint32_t(end)});
      i = end;
    } else {
      ++i;
    }
  }
  return words;
}

Named name_at(const Model& model, std::string_view text, std::uint32_t offset) {
  Named found;
  const ModelGraph& g = model.compilation->graph;
  for (const Word& w : scan_words(text)) {
    if (offset < w.begin || offset > w.end) continue;
    resolve_word(g, text, w, [&](const Named& n) {
      if (offset >= n.begin && offset <= n.end) found = n;
      return found.kind == NameKind::None;
    });
    if (found.kind != NameKind::None) break;
  }
  return found;
}

bool declaration_of(const Model& model, const Named& named, Span& where) {
  const SourceManager& sources = model.compilation->program.sources;
  return declaration_anywhere(model, named, where) && !sources.file(where.file).is_stdlib;
}

bool declaration_anywhere(const Model& model, const Named& named, Span& where) {
  const ModelGraph& g = model.compilation->graph;
  switch (named.kind) {
    case NameKind::Element:
      where = g.elements[named.element].id_span;
      break;
    case NameKind::Rule:
      where = g.rules[named.rule].id_span;
      break;
    case NameKind::Mitigation:
      where = g.mitigations[named.mitigation].id_span;
      break;
    case NameKind::Assumption:
      where = g.assumptions[named.assumption].id_span;
      break;
    case NameKind::Criterion:
      where = g.criteria[named.criterion].id_span;
      break;
    case NameKind::None:
      return false;
  }
  const SourceManager& sources = model.compilation->program.sources;
  return where.valid() && where.file < sources.size();
}

std::vector<Named> occurrences(const Model& model, FileId file, const Named& named) {
  std::vector<Named> found;
  const std::string_view text = model.compilation->program.sources.file(file).text;
  const ModelGraph& g = model.compilation->graph;
  for (const Word& w : scan_words(text)) {
    resolve_word(g, text, w, [&](const Named& n) {
      if (n == named) found.push_back(n);
      return true;
    });
  }
  return found;
}

const char* name_kind_text(NameKind kind) {
  switch (kind) {
    case NameKind::Element:
      return "element";
    case NameKind::Rule:
      return "rule";
    case NameKind::Mitigation:
      return "mitigation";
    case NameKind::Assumption:
      return "assumption";
    case NameKind::Criterion:
      return "control";
    case NameKind::None:
      break;
  }
  return "name";
}

}  // namespace moat::lsp
