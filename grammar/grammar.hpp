#pragma once
// The PEGTL grammar of the moat language. Included by exactly one translation unit
// (compiler/parser.cpp): PEGTL headers stay out of every public header.
//
// Conventions: `if_must<keyword, ...>` commits once a construct's keyword is seen, so errors are
// reported where the construct goes wrong; every rule that can fail inside a `must` has an
// error message in grammar/errors.hpp, worded for users, never a rule name.
#include <tao/pegtl.hpp>

namespace moat::grammar {

using namespace tao::pegtl;

// ---------------------------------------------------------------- whitespace and comments
struct line_comment : seq<two<'/'>, until<at<eolf>>> {};
struct block_comment_end : string<'*', '/'> {};
struct block_comment_body : until<block_comment_end> {};
struct block_comment : if_must<string<'/', '*'>, block_comment_body> {};
struct comment : sor<line_comment, block_comment> {};
/// Spaces, tabs and comments on the current line.
struct ws_line : star<sor<blank, comment>> {};
/// Any whitespace, newlines and comments.
struct ws : star<sor<space, comment>> {};

// ---------------------------------------------------------------- identifiers and keywords
struct ident_first : ranges<'a', 'z', 'A', 'Z', '_'> {};
struct ident_other : ranges<'a', 'z', 'A', 'Z', '0', '9', '_'> {};
/// `[A-Za-z_][A-Za-z0-9_-]*` where a `-` must be followed by a name character, so that
/// `api->db` reads as `api`, `->`, `db`.
struct ident : seq<ident_first, star<sor<ident_other, seq<one<'-'>, at<ident_other>>>>> {};
struct word_end : not_at<sor<ident_other, seq<one<'-'>, ident_other>>> {};
template <typename Str>
struct kw : seq<Str, word_end> {};

#define MOAT_KW(name, text) \
  struct kw_##name : kw<TAO_PEGTL_STRING(text)> {}
MOAT_KW(model, "model");
MOAT_KW(use, "use");
MOAT_KW(import, "import");
MOAT_KW(actor, "actor");
MOAT_KW(external, "external");
MOAT_KW(process, "process");
MOAT_KW(store, "store");
MOAT_KW(data, "data");
MOAT_KW(boundary, "boundary");
MOAT_KW(flow, "flow");
MOAT_KW(enum, "enum");
MOAT_KW(ordered, "ordered");
MOAT_KW(attributes, "attributes");
MOAT_KW(list, "list");
MOAT_KW(rule, "rule");
MOAT_KW(when, "when");
MOAT_KW(mitigation, "mitigation");
MOAT_KW(accept, "accept");
MOAT_KW(assumption, "assumption");
MOAT_KW(criterion, "criterion");
MOAT_KW(attest, "attest");
MOAT_KW(test, "test");
MOAT_KW(expect, "expect");
MOAT_KW(on, "on");
MOAT_KW(and, "and");
MOAT_KW(or, "or");
MOAT_KW(not, "not");
MOAT_KW(in, "in");
MOAT_KW(true, "true");
MOAT_KW(false, "false");
#undef MOAT_KW

// ---------------------------------------------------------------- literals
struct hex4 : rep_min_max<1, 6, xdigit> {};
struct unicode_escape : if_must<one<'u'>, one<'{'>, hex4, one<'}'>> {};
struct escape_code : sor<one<'"', '\\', 'n', 't', 'r'>, unicode_escape> {};
struct escape : if_must<one<'\\'>, escape_code> {};
struct string_char : sor<escape, not_one<'"', '\\', '\n', '\r'>> {};
struct string_close : one<'"'> {};
struct string_body : until<string_close, string_char> {};
struct string_lit : if_must<one<'"'>, string_body> {};

struct date_lit : seq<rep<4, digit>, one<'-'>, rep<2, digit>, one<'-'>, rep<2, digit>, word_end> {};
struct duration_lit : seq<plus<digit>, one<'d', 'h', 'm', 's', 'w'>, word_end> {};
struct number_lit : seq<opt<one<'-'>>, plus<digit>, opt<one<'.'>, plus<digit>>, word_end> {};
struct control_lit : seq<plus<upper>, plus<digit>, plus<one<'.'>, plus<digit>>, word_end> {};
struct true_lit : kw_true {};
struct false_lit : kw_false {};
/// A name or a dotted reference: `database`, `api`, `webhook.spoofing`.
struct ref_value : seq<ident, star<one<'.'>, ident>> {};

/// `guarded<G, R>` tries R only where G matches: selected rules allocate a parse-tree node on
/// every attempt, so cheap look-ahead in front of them keeps failed attempts from costing one.
template <typename G, typename R>
struct guarded : seq<at<G>, R> {};

struct value;
struct list_close : one<']'> {};
struct list_lit
    : if_must<one<'['>, ws, opt<value, star<ws, one<','>, ws, value>, opt<ws, one<','>>>, ws,
              list_close> {};
struct value : sor<guarded<one<'"'>, string_lit>, guarded<one<'['>, list_lit>,
                   guarded<sor<digit, one<'-'>>, sor<date_lit, duration_lit, number_lit>>,
                   guarded<upper, control_lit>, guarded<kw_true, true_lit>,
                   guarded<kw_false, false_lit>, ref_value> {};

// ---------------------------------------------------------------- attributes and blocks
struct equals : one<'='> {};
struct attr_name : ident {};
struct attribute : if_must<attr_name, ws_line, equals, ws, value> {};
/// Attributes are separated by a comma or a line break (or end at the closing brace).
struct attr_sep : seq<ws_line, sor<one<','>, eol, at<one<'}'>>, eof>> {};
struct block_close : one<'}'> {};
struct block : if_must<one<'{'>, ws, star<attribute, must<attr_sep>, ws>, block_close> {};

struct decl_id : ident {};
struct title : string_lit {};

// ---------------------------------------------------------------- element declarations
struct element_kw : sor<kw_actor, kw_external, kw_process, kw_store, kw_data> {};
struct element_decl : if_must<element_kw, ws, decl_id, opt<ws, title>, opt<ws, block>> {};

struct flow_name_id : ident {};
struct flow_name : seq<flow_name_id, ws_line, one<':'>> {};
struct flow_source : ident {};
struct flow_target : ident {};
struct bidi_arrow : string<'<', '-', '>'> {};
struct uni_arrow : string<'-', '>'> {};
struct arrow : sor<bidi_arrow, uni_arrow> {};
struct flow_decl : if_must<kw_flow, ws, opt<flow_name, ws>, flow_source, ws, arrow, ws, flow_target,
                           opt<ws, title>, opt<ws, block>> {};

struct boundary_decl;
/// Inside a boundary block, `boundary = b` is an attribute and `boundary b {` a nested
/// boundary: a declaration keyword only starts a declaration when a name follows it.
template <typename Keyword>
struct declares : seq<Keyword, ws, ident_first> {};
struct boundary_item : sor<guarded<declares<element_kw>, element_decl>,
                           guarded<declares<kw_boundary>, boundary_decl>,
                           guarded<declares<kw_flow>, flow_decl>, seq<attribute, must<attr_sep>>> {
};
struct boundary_block : if_must<one<'{'>, ws, star<boundary_item, ws>, block_close> {};
struct boundary_decl : if_must<kw_boundary, ws, decl_id, opt<ws, title>, ws, boundary_block> {};

// ---------------------------------------------------------------- model, use, import
struct model_title : string_lit {};
struct model_decl : if_must<kw_model, ws, model_title, opt<ws, block>> {};
struct module_name : ident {};
struct use_decl : if_must<kw_use, ws, module_name> {};
struct import_path : string_lit {};
struct import_decl : if_must<kw_import, ws, import_path> {};

// ---------------------------------------------------------------- enums and schema
struct enum_member : ident {};
struct enum_close : one<'}'> {};
struct enum_body : if_must<one<'{'>, ws, star<enum_member, ws, opt<one<','>>, ws>, enum_close> {};
struct enum_decl : if_must<kw_enum, ws, decl_id, ws, opt<kw_ordered, ws>, enum_body> {};

struct type_expr;
struct type_name : ident {};
struct list_type_close : one<'>'> {};
struct list_type : if_must<kw_list, ws, one<'<'>, ws, type_expr, ws, list_type_close> {};
struct inline_enum : if_must<kw_enum, ws, opt<kw_ordered, ws>, enum_body> {};
struct optional_mark : one<'?'> {};
struct type_expr : seq<sor<inline_enum, list_type, type_name>, opt<optional_mark>> {};
struct field_name : ident {};
struct colon : one<':'> {};
struct field_default : seq<ws_line, if_must<equals, ws, value>> {};
struct field : if_must<field_name, ws_line, colon, ws, type_expr, opt<field_default>> {};
struct schema_kind : ident {};
struct schema_body : if_must<one<'{'>, ws, star<field, must<attr_sep>, ws>, block_close> {};
struct schema_decl : if_must<kw_attributes, ws, schema_kind, ws, schema_body> {};

// ---------------------------------------------------------------- rule expressions
struct expr;
struct paren_close : one<')'> {};
struct paren_expr : if_must<one<'('>, ws, expr, ws, paren_close> {};
struct func_name : ident {};
struct call_expr : if_must<seq<func_name, ws_line, one<'('>>, ws,
                           opt<expr, star<ws, one<','>, ws, expr>>, ws, paren_close> {};
struct literal_expr : sor<string_lit, date_lit, duration_lit, number_lit, true_lit, false_lit,
                          control_lit, list_lit> {};
struct reserved_word : sor<kw_and, kw_or, kw_not, kw_in> {};
struct path_expr : seq<not_at<reserved_word>, ident, star<one<'.'>, ident>> {};
struct operand : sor<paren_expr, call_expr, literal_expr, path_expr> {};

struct op_eq : string<'=', '='> {};
struct op_ne : string<'!', '='> {};
struct op_le : string<'<', '='> {};
struct op_ge : string<'>', '='> {};
struct op_lt : one<'<'> {};
struct op_gt : one<'>'> {};
struct op_in : kw_in {};
struct compare_op : sor<op_eq, op_ne, op_le, op_ge, op_lt, op_gt, op_in> {};
/// A lone `=` in an expression is almost always a mistyped `==`.
struct single_equals : seq<one<'='>, not_at<one<'='>>> {};
struct compare_rhs : operand {};
struct compare_expr : seq<operand, opt<ws, sor<if_must<compare_op, ws, compare_rhs>,
                                               seq<at<single_equals>, raise<single_equals>>>>> {};
struct not_expr;
struct negation : if_must<kw_not, ws, not_expr> {};
struct not_expr : sor<negation, compare_expr> {};
struct and_rhs : not_expr {};
struct and_expr : seq<not_expr, star<ws, if_must<kw_and, ws, and_rhs>>> {};
struct or_rhs : and_expr {};
struct or_expr : seq<and_expr, star<ws, if_must<kw_or, ws, or_rhs>>> {};
struct expr : or_expr {};

// ---------------------------------------------------------------- rules and the rest
struct when_attr : if_must<kw_when, ws_line, equals, ws, expr> {};
struct rule_block
    : if_must<one<'{'>, ws, star<sor<when_attr, attribute>, must<attr_sep>, ws>, block_close> {};
struct rule_decl : if_must<kw_rule, ws, decl_id, opt<ws, title>, ws, rule_block> {};

struct mitigation_decl : if_must<kw_mitigation, ws, decl_id, opt<ws, title>, opt<ws, block>> {};
struct assumption_decl : if_must<kw_assumption, ws, decl_id, opt<ws, title>, opt<ws, block>> {};
struct accept_target : ref_value {};
struct accept_decl : if_must<kw_accept, ws, accept_target, opt<ws, block>> {};
struct control_id : control_lit {};
struct criterion_decl : if_must<kw_criterion, ws, control_id, opt<ws, title>, opt<ws, block>> {};
struct attest_decl : if_must<kw_attest, ws, control_id, opt<ws, block>> {};

struct expect_negated : kw_not {};
struct expect_rule : ident {};
struct expect_element : ident {};
struct expect_stmt : if_must<kw_expect, ws, opt<expect_negated, ws>, expect_rule,
                             opt<ws, kw_on, ws, expect_element>> {};
struct test_item : sor<expect_stmt, model_decl, element_decl, boundary_decl, flow_decl,
                       mitigation_decl, assumption_decl, accept_decl, attest_decl> {};
struct test_title : string_lit {};
struct test_block : if_must<one<'{'>, ws, star<test_item, ws>, block_close> {};
struct test_decl : if_must<kw_test, ws, test_title, ws, test_block> {};

/// One top-level declaration. The parser reads a file one statement at a time, so that a
/// syntax error in one declaration does not hide the errors in the next.
struct statement
    : sor<guarded<kw_flow, flow_decl>, guarded<element_kw, element_decl>,
          guarded<kw_boundary, boundary_decl>, guarded<kw_model, model_decl>,
          guarded<kw_use, use_decl>, guarded<kw_import, import_decl>, guarded<kw_enum, enum_decl>,
          guarded<kw_attributes, schema_decl>, guarded<kw_rule, rule_decl>,
          guarded<kw_mitigation, mitigation_decl>, guarded<kw_accept, accept_decl>,
          guarded<kw_assumption, assumption_decl>, guarded<kw_criterion, criterion_decl>,
          guarded<kw_attest, attest_decl>, guarded<kw_test, test_decl>> {};
struct any_statement : must<statement> {};
/// The keywords a statement can start with: where the parser resumes after an error.
struct statement_start
    : sor<kw_model, kw_use, kw_import, element_kw, kw_boundary, kw_flow, kw_enum, kw_attributes,
          kw_rule, kw_mitigation, kw_accept, kw_assumption, kw_criterion, kw_attest, kw_test> {};

}  // namespace moat::grammar
