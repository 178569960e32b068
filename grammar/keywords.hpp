#pragma once
// The keywords that start a statement, once. The grammar builds its keyword rules, `statement`
// and the items of boundary and test blocks from this table (grammar.hpp); the syntax error that
// lists the declarations is spelled from it (errors.hpp); the parser's error recovery, the
// formatter and the names of declaration kinds read it (compiler/). Plain C++ without PEGTL, so
// that any file of the compiler may include it.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace moat::grammar {

/// The statement keywords, in the order the syntax error lists them.
enum class Keyword : std::uint8_t {
  Model,
  Use,
  Import,
  Repositories,
  Data,
  Actor,
  External,
  Process,
  Store,
  Boundary,
  Flow,
  Enum,
  Attributes,
  Rule,
  Threat,
  Mitigation,
  Accept,
  Dismiss,
  Assumption,
  Criterion,
  Attest,
  Test,
  Expect,
  Classify,
  Scan,
};

/// Where a keyword starts a statement, and what it declares (bits of KeywordInfo::flags).
enum KeywordFlag : std::uint8_t {
  kTopLevel = 1,    ///< a declaration at the top level of a file
  kInBoundary = 2,  ///< a declaration inside a boundary's block
  kInTest = 4,      ///< a statement inside a test's block
  kElement = 8,     ///< declares a node or data element (actor, external, process, store, data)
};

struct KeywordInfo {
  Keyword keyword;
  /// A string literal, so `text.data()` is NUL-terminated.
  std::string_view text;
  std::uint8_t flags;
};

inline constexpr std::uint8_t kAnywhere = kTopLevel | kInBoundary | kInTest;

inline constexpr std::array<KeywordInfo, 25> kKeywords = {{
    {Keyword::Model, "model", kTopLevel | kInTest},
    {Keyword::Use, "use", kTopLevel},
    {Keyword::Import, "import", kTopLevel},
    {Keyword::Repositories, "repositories", kTopLevel},
    {Keyword::Data, "data", kAnywhere | kElement},
    {Keyword::Actor, "actor", kAnywhere | kElement},
    {Keyword::External, "external", kAnywhere | kElement},
    {Keyword::Process, "process", kAnywhere | kElement},
    {Keyword::Store, "store", kAnywhere | kElement},
    {Keyword::Boundary, "boundary", kAnywhere},
    {Keyword::Flow, "flow", kAnywhere},
    {Keyword::Enum, "enum", kTopLevel},
    {Keyword::Attributes, "attributes", kTopLevel},
    {Keyword::Rule, "rule", kTopLevel},
    {Keyword::Threat, "threat", kTopLevel},
    {Keyword::Mitigation, "mitigation", kTopLevel | kInTest},
    {Keyword::Accept, "accept", kTopLevel | kInTest},
    {Keyword::Dismiss, "dismiss", kTopLevel | kInTest},
    {Keyword::Assumption, "assumption", kTopLevel | kInTest},
    {Keyword::Criterion, "criterion", kTopLevel},
    {Keyword::Attest, "attest", kTopLevel | kInTest},
    {Keyword::Test, "test", kTopLevel},
    {Keyword::Expect, "expect", kInTest},
    {Keyword::Classify, "classify", kTopLevel},
    {Keyword::Scan, "scan", kTopLevel},
}};

constexpr bool keywords_in_enum_order() {
  for (std::size_t i = 0; i < kKeywords.size(); ++i) {
    if (static_cast<std::size_t>(kKeywords[i].keyword) != i) return false;
  }
  return true;
}
static_assert(keywords_in_enum_order(), "kKeywords is indexed by Keyword");

constexpr const KeywordInfo& keyword_info(Keyword k) {
  return kKeywords[static_cast<std::size_t>(k)];
}
constexpr std::string_view keyword_text(Keyword k) {
  return keyword_info(k).text;
}
constexpr bool has_flag(Keyword k, std::uint8_t flag) {
  return (keyword_info(k).flags & flag) != 0;
}

/// The keyword `word` is, if it is one that has any of `flags`.
constexpr const KeywordInfo* find_keyword(std::string_view word, std::uint8_t flags = 0xff) {
  for (const KeywordInfo& k : kKeywords) {
    if (k.text == word && (k.flags & flags) != 0) return &k;
  }
  return nullptr;
}

/// How many keywords have any of `flags`.
constexpr std::size_t count_keywords(std::uint8_t flags) {
  std::size_t n = 0;
  for (const KeywordInfo& k : kKeywords) n += (k.flags & flags) != 0 ? 1 : 0;
  return n;
}

/// The keywords that have any of `flags`, in table order.
template <std::uint8_t Flags>
constexpr auto keywords_with() {
  std::array<Keyword, count_keywords(Flags)> out{};
  std::size_t n = 0;
  for (const KeywordInfo& k : kKeywords) {
    if ((k.flags & Flags) != 0) out[n++] = k.keyword;
  }
  return out;
}

}  // namespace moat::grammar
