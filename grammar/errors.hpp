#pragma once
// Error messages for the grammar: each names, in words, what was expected at the place where
// a committed construct failed. A rule without an entry gets the generic message. A failed
// parse throws a syntax_error: the message for users, and a fault the parser acts on.
#include <array>
#include <string_view>

#include "grammar/grammar.hpp"

namespace moat::grammar {

template <typename Rule>
inline constexpr const char* error_message = nullptr;
/// Whether `Rule` has its own message. A flag of its own, because comparing a message that
/// points into a constexpr array with nullptr is not a constant expression under gcc's UBSan.
template <typename Rule>
inline constexpr bool has_error_message = false;

/// Between the items of a list of `n` in prose: "a, b, c or d".
constexpr std::string_view list_separator(std::size_t i, std::size_t n) {
  return i + 1 == n ? "" : i + 2 == n ? " or " : ", ";
}

inline constexpr std::string_view kDeclarationHead = "expected a declaration (";
inline constexpr auto kTopLevelKeywords = keywords_with<kTopLevel>();

constexpr std::size_t declaration_expected_size() {
  std::size_t n = kDeclarationHead.size() + 1;  // and ')'
  for (std::size_t i = 0; i < kTopLevelKeywords.size(); ++i) {
    n += keyword_text(kTopLevelKeywords[i]).size() +
         list_separator(i, kTopLevelKeywords.size()).size();
  }
  return n;
}

/// "expected a declaration (model, use, ..., attest or test)", NUL-terminated.
constexpr auto declaration_expected() {
  std::array<char, declaration_expected_size() + 1> out{};
  std::size_t n = 0;
  auto put = [&](std::string_view s) {
    for (char c : s) out[n++] = c;
  };
  put(kDeclarationHead);
  for (std::size_t i = 0; i < kTopLevelKeywords.size(); ++i) {
    put(keyword_text(kTopLevelKeywords[i]));
    put(list_separator(i, kTopLevelKeywords.size()));
  }
  put(")");
  return out;
}
inline constexpr auto kDeclarationExpected = declaration_expected();

#define MOAT_ERR(rule, text)                            \
  template <>                                           \
  inline constexpr bool has_error_message<rule> = true; \
  template <>                                           \
  inline constexpr const char* error_message<rule> = text

MOAT_ERR(statement, kDeclarationExpected.data());
MOAT_ERR(block_comment_body, "unterminated block comment: expected '*/'");
MOAT_ERR(escape_code, "unknown escape sequence: use \\\", \\\\, \\n, \\t, \\r or \\u{XXXX}");
MOAT_ERR(hex4, "expected 1 to 6 hexadecimal digits in '\\u{...}'");
MOAT_ERR(
    string_body,
    "unterminated string: expected '\"' before the end of the line (write \\n for a line break)");
MOAT_ERR(value,
         "expected a value: a string, number, date, duration, true or false, a name, a control id "
         "or a [list]");
MOAT_ERR(list_close, "expected ',' or ']' in the list");
MOAT_ERR(equals, "expected '=' after the attribute name");
MOAT_ERR(attr_sep, "expected ',' or a line break after the attribute value");
MOAT_ERR(block_close, "expected an attribute ('name = value') or '}'");
MOAT_ERR(decl_id, "expected an identifier (a letter or '_', then letters, digits, '_' or '-')");
MOAT_ERR(flow_source, "expected the identifier of the flow's source element");
MOAT_ERR(flow_target, "expected the identifier of the flow's target element");
MOAT_ERR(arrow, "expected '->' or '<->' between the flow's endpoints");
MOAT_ERR(boundary_block, "expected '{' to open the boundary's block");
MOAT_ERR(model_title, "expected the model's name as a string, as in model \"Payments\" { ... }");
MOAT_ERR(module_name, "expected a standard-library module name, as in 'use stride'");
MOAT_ERR(import_path, "expected a file path string, as in import \"payments.moat\"");
MOAT_ERR(
    repositories_block,
    "expected '{' and the repositories' folders, as in repositories { gitaly = \"../gitaly\" }");
MOAT_ERR(enum_body, "expected '{' and the enum's members");
MOAT_ERR(enum_close, "expected an enum member or '}'");
MOAT_ERR(type_expr,
         "expected a type: string, number, bool, date, duration, location, control, an enum name, "
         "an element kind, list<T> or enum { ... }");
MOAT_ERR(list_type_close, "expected '>' to close 'list<'");
MOAT_ERR(colon, "expected ':' and a type after the attribute name");
MOAT_ERR(schema_kind,
         "expected an element kind after 'attributes', as in 'attributes store { ... }'");
MOAT_ERR(schema_body, "expected '{' and attribute declarations ('name: type = default')");
MOAT_ERR(expr, "expected an expression");
MOAT_ERR(paren_close, "expected ')'");
MOAT_ERR(compare_rhs, "expected a value to compare with");
MOAT_ERR(single_equals, "'=' is not a comparison: use '==' to compare");
MOAT_ERR(not_expr, "expected an expression after 'not'");
MOAT_ERR(and_rhs, "expected an expression after 'and'");
MOAT_ERR(or_rhs, "expected an expression after 'or'");
MOAT_ERR(rule_block, "expected '{' to open the rule's block");
MOAT_ERR(accept_target, "expected the threat to accept, as in 'accept api.spoofing'");
MOAT_ERR(accept_named,
         "an acceptance has no name: write the threat it accepts right after 'accept', as in "
         "'accept api.spoofing { reason = \"...\", owner = \"...\" }'");
MOAT_ERR(dismiss_target, "expected the threat to dismiss, as in 'dismiss api.spoofing'");
MOAT_ERR(control_id, "expected a control id such as CC6.1");
MOAT_ERR(expect_rule, "expected a rule identifier after 'expect'");
MOAT_ERR(expect_element, "expected an element identifier after 'on'");
MOAT_ERR(test_title, "expected the test's name as a string");
MOAT_ERR(test_block, "expected '{' to open the test's block");
MOAT_ERR(tao::pegtl::one<'{'>, "expected '{'");
MOAT_ERR(tao::pegtl::one<'<'>, "expected '<' after 'list'");
MOAT_ERR(tao::pegtl::one<'}'>, "expected '}'");
MOAT_ERR(tao::pegtl::one<'('>, "expected '('");

#undef MOAT_ERR

template <typename Rule>
inline constexpr const char* message_of =
    has_error_message<Rule> ? error_message<Rule> : "unexpected text here";

/// What a syntax error is, beyond its message: the parser places the caret and chooses the
/// diagnostic kind by it, never by the message's text.
enum class SyntaxFault : std::uint8_t {
  Expected,         ///< a committed construct did not go on as it must
  BadEscape,        ///< an unknown escape sequence: the caret covers the backslash too
  TooDeep,          ///< nesting deeper than the parser's limit
  NamedAcceptance,  ///< `accept NAME: TARGET`: the message shows the target without the name
};
template <typename Rule>
inline constexpr SyntaxFault fault_of = SyntaxFault::Expected;
template <>
inline constexpr SyntaxFault fault_of<escape_code> = SyntaxFault::BadEscape;
template <>
inline constexpr SyntaxFault fault_of<accept_named> = SyntaxFault::NamedAcceptance;

/// The exception the grammar raises: PEGTL's parse_error (message and position) and its fault.
class syntax_error : public tao::pegtl::parse_error {
 public:
  template <typename ParseInput>
  syntax_error(SyntaxFault fault, const char* message, const ParseInput& in)
      : parse_error(message, in), fault_(fault) {}
  SyntaxFault fault() const { return fault_; }

 private:
  SyntaxFault fault_;
};

/// The parse control: PEGTL's normal control, except that a failed `must` (and `raise`) throws
/// a syntax_error with the rule's message and fault. Other failures only backtrack.
template <typename Rule>
struct control : tao::pegtl::normal<Rule> {
  template <typename ParseInput, typename... States>
  [[noreturn]] static void raise(const ParseInput& in, States&&... /*unused*/) {
    throw syntax_error(fault_of<Rule>, message_of<Rule>, in);
  }
};

/// PEGTL's limit_depth (an action on a recursive rule), raising a TooDeep syntax_error.
template <std::size_t Maximum>
struct limit_depth : tao::pegtl::maybe_nothing {
  template <typename Rule, tao::pegtl::apply_mode A, tao::pegtl::rewind_mode M,
            template <typename...> class Action, template <typename...> class Control,
            typename ParseInput, typename... States>
  [[nodiscard]] static bool match(ParseInput& in, States&&... st) {
    struct Guard {
      std::size_t& depth;
      explicit Guard(std::size_t& d) : depth(++d) {}
      ~Guard() { --depth; }
      Guard(const Guard&) = delete;
      Guard& operator=(const Guard&) = delete;
    } guard(in.private_depth);
    if (in.private_depth > Maximum) {
      throw syntax_error(SyntaxFault::TooDeep, "maximum parser rule nesting depth exceeded", in);
    }
    return tao::pegtl::match<Rule, A, M, Action, Control>(in, st...);
  }
};

}  // namespace moat::grammar
