#pragma once
// Error messages for the grammar: each names, in words, what was expected at the place where
// a committed construct failed. A rule without an entry gets the generic message.
#include "grammar/grammar.hpp"

namespace moat::grammar {

template <typename Rule>
inline constexpr const char* error_message = nullptr;

#define MOAT_ERR(rule, text) \
  template <>                \
  inline constexpr const char* error_message<rule> = text

MOAT_ERR(
    statement,
    "expected a declaration (model, use, import, data, actor, external, process, store, boundary, "
    "flow, enum, attributes, rule, mitigation, accept, assumption, criterion, attest or test)");
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

/// Plugged into PEGTL's must_if: only `must` failures raise, with the message above.
struct errors {
  template <typename Rule>
  static constexpr bool raise_on_failure = false;
  template <typename Rule>
  static constexpr const char* message =
      error_message<Rule> != nullptr ? error_message<Rule> : "unexpected text here";
};

}  // namespace moat::grammar
