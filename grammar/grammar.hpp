#pragma once
// The PEGTL grammar of the moat language. Included by exactly one translation unit
// (compiler/parser.cpp): PEGTL headers stay out of every public header.
//
// Conventions: `if_must<keyword, ...>` commits once a construct's keyword is seen, so errors are
// reported where the construct goes wrong; every rule that can fail inside a `must` has an
// error message in grammar/errors.hpp, worded for users, never a rule name.
#include <tao/pegtl.hpp>

#include <type_traits>
#include <utility>

#include "grammar/keywords.hpp"

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

/// Statement keyword K (grammar/keywords.hpp) as a rule: its text, then the end of the word.
template <Keyword K, typename = std::make_index_sequence<keyword_text(K).size()>>
struct keyword_chars;
template <Keyword K, std::size_t... I>
struct keyword_chars<K, std::index_sequence<I...>> : string<keyword_text(K)[I]...> {};
template <Keyword K>
struct kw_of : kw<keyword_chars<K>> {};

using kw_model = kw_of<Keyword::Model>;
using kw_use = kw_of<Keyword::Use>;
using kw_import = kw_of<Keyword::Import>;
using kw_repositories = kw_of<Keyword::Repositories>;
using kw_boundary = kw_of<Keyword::Boundary>;
using kw_flow = kw_of<Keyword::Flow>;
using kw_enum = kw_of<Keyword::Enum>;
using kw_attributes = kw_of<Keyword::Attributes>;
using kw_rule = kw_of<Keyword::Rule>;
using kw_threat = kw_of<Keyword::Threat>;
using kw_mitigation = kw_of<Keyword::Mitigation>;
using kw_accept = kw_of<Keyword::Accept>;
using kw_dismiss = kw_of<Keyword::Dismiss>;
using kw_assumption = kw_of<Keyword::Assumption>;
using kw_criterion = kw_of<Keyword::Criterion>;
using kw_attest = kw_of<Keyword::Attest>;
using kw_test = kw_of<Keyword::Test>;
using kw_expect = kw_of<Keyword::Expect>;
using kw_classify = kw_of<Keyword::Classify>;
using kw_scan = kw_of<Keyword::Scan>;

/// `sor<R<K>...>` over the statement keywords K that have any of `Flags`, in table order.
template <std::uint8_t Flags, template <Keyword> class R,
          typename = std::make_index_sequence<count_keywords(Flags)>>
struct any_keyword;
template <std::uint8_t Flags, template <Keyword> class R, std::size_t... I>
struct any_keyword<Flags, R, std::index_sequence<I...>> : sor<R<keywords_with<Flags>()[I]>...> {};

// Keywords that do not start a statement.
#define MOAT_KW(name, text) \
  struct kw_##name : kw<TAO_PEGTL_STRING(text)> {}
MOAT_KW(ordered, "ordered");
MOAT_KW(list, "list");
MOAT_KW(when, "when");
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
/// `mo` (months) before `m` (minutes); `y` years.
struct duration_unit : sor<string<'m', 'o'>, one<'d', 'h', 'm', 's', 'w', 'y'>> {};
struct duration_lit : seq<plus<digit>, duration_unit, word_end> {};
struct number_lit : seq<opt<one<'-'>>, plus<digit>, opt<one<'.'>, plus<digit>>, word_end> {};
struct control_lit : seq<plus<upper>, plus<digit>, plus<one<'.'>, plus<digit>>, word_end> {};
struct true_lit : kw_true {};
struct false_lit : kw_false {};
/// A name or a dotted reference: `database`, `api`, `webhook.spoofing`.
struct ref_value : seq<ident, star<one<'.'>, ident>> {};

/// `guarded<G, R>` tries R only where G matches: the parser records selected rules on its tape
/// (compiler/parse_tape.hpp) at every attempt, so cheap look-ahead in front of them keeps failed
/// attempts from recording and dropping.
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

// ---------------------------------------------------------------- statements by keyword
struct model_decl;
struct use_decl;
struct import_decl;
struct repositories_decl;
struct element_decl;
struct boundary_decl;
struct flow_decl;
struct enum_decl;
struct schema_decl;
struct rule_decl;
struct threat_decl;
struct mitigation_decl;
struct accept_decl;
struct dismiss_decl;
struct assumption_decl;
struct criterion_decl;
struct attest_decl;
struct test_decl;
struct expect_stmt;
struct classify_decl;
struct scan_decl;

/// The rule that reads the statement keyword K starts: one for each row of kKeywords.
template <Keyword K>
struct statement_of;
#define MOAT_STATEMENT(keyword, rule)     \
  template <>                             \
  struct statement_of<Keyword::keyword> { \
    using type = rule;                    \
  }
MOAT_STATEMENT(Model, model_decl);
MOAT_STATEMENT(Use, use_decl);
MOAT_STATEMENT(Import, import_decl);
MOAT_STATEMENT(Repositories, repositories_decl);
MOAT_STATEMENT(Data, element_decl);
MOAT_STATEMENT(Actor, element_decl);
MOAT_STATEMENT(External, element_decl);
MOAT_STATEMENT(Process, element_decl);
MOAT_STATEMENT(Store, element_decl);
MOAT_STATEMENT(Boundary, boundary_decl);
MOAT_STATEMENT(Flow, flow_decl);
MOAT_STATEMENT(Enum, enum_decl);
MOAT_STATEMENT(Attributes, schema_decl);
MOAT_STATEMENT(Rule, rule_decl);
MOAT_STATEMENT(Threat, threat_decl);
MOAT_STATEMENT(Mitigation, mitigation_decl);
MOAT_STATEMENT(Accept, accept_decl);
MOAT_STATEMENT(Dismiss, dismiss_decl);
MOAT_STATEMENT(Assumption, assumption_decl);
MOAT_STATEMENT(Criterion, criterion_decl);
MOAT_STATEMENT(Attest, attest_decl);
MOAT_STATEMENT(Test, test_decl);
MOAT_STATEMENT(Expect, expect_stmt);
MOAT_STATEMENT(Classify, classify_decl);
MOAT_STATEMENT(Scan, scan_decl);
#undef MOAT_STATEMENT

/// Every keyword has a statement (else statement_of is incomplete), and exactly the keywords
/// flagged kElement are read by element_decl.
template <Keyword K>
inline constexpr bool read_by_element_decl =
    std::is_same_v<typename statement_of<K>::type, element_decl>;
template <std::size_t... I>
constexpr bool statements_match_keywords(std::index_sequence<I...>) {
  constexpr bool agree[] = {has_flag(Keyword(I), kElement) == read_by_element_decl<Keyword(I)>...};
  for (const bool a : agree) {
    if (!a) return false;
  }
  return true;
}
static_assert(statements_match_keywords(std::make_index_sequence<kKeywords.size()>()));

/// The statement keyword K starts, tried only where K is written.
template <Keyword K>
struct keyword_statement : guarded<kw_of<K>, typename statement_of<K>::type> {};

// ---------------------------------------------------------------- element declarations
struct element_kw : any_keyword<kElement, kw_of> {};
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
template <typename Kw>
struct declares : seq<Kw, ws, ident_first> {};
/// A declaration inside a boundary, tried only where its keyword and a name are written.
template <Keyword K>
struct boundary_declaration : guarded<declares<kw_of<K>>, typename statement_of<K>::type> {};
struct boundary_item
    : sor<any_keyword<kInBoundary, boundary_declaration>, seq<attribute, must<attr_sep>>> {};
struct boundary_block : if_must<one<'{'>, ws, star<boundary_item, ws>, block_close> {};
struct boundary_decl : if_must<kw_boundary, ws, decl_id, opt<ws, title>, ws, boundary_block> {};

// ---------------------------------------------------------------- model, use, import
struct model_title : string_lit {};
struct model_decl : if_must<kw_model, ws, model_title, opt<ws, block>> {};
// `use stride.cicd`: a pack of a module is named with dots.
struct module_name : seq<ident, star<one<'.'>, ident>> {};
struct use_decl : if_must<kw_use, ws, module_name> {};
struct import_path : string_lit {};
struct import_decl : if_must<kw_import, ws, import_path> {};
/// `repositories { gitaly = "../gitaly" }`: the other repositories code locations may name.
struct repositories_block : block {};
struct repositories_decl : if_must<kw_repositories, ws, repositories_block> {};

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

/// `threat ID "Title" { on = ELEMENT, category = ..., severity = ... }`: a threat the workshop
/// found that no rule raises.
struct threat_decl : if_must<kw_threat, ws, decl_id, opt<ws, title>, opt<ws, block>> {};
struct mitigation_decl : if_must<kw_mitigation, ws, decl_id, opt<ws, title>, opt<ws, block>> {};
struct assumption_decl : if_must<kw_assumption, ws, decl_id, opt<ws, title>, opt<ws, block>> {};
struct accept_target : ref_value {};
/// `accept risk1: api.spoofing`: an acceptance has no name, so a ':' after the target is the
/// mistake of naming it, reported as such rather than as a stray ':' after the statement.
struct accept_named : one<':'> {};
struct accept_decl : if_must<kw_accept, ws, accept_target,
                             opt<ws_line, at<accept_named>, raise<accept_named>>, opt<ws, block>> {
};
/// `dismiss api.spoofing { reason = "...", by = "...", as = not_applicable }`: a threat the
/// team considered and found not to apply, or a false positive.
struct dismiss_target : ref_value {};
struct dismiss_decl : if_must<kw_dismiss, ws, dismiss_target, opt<ws, block>> {};
struct control_id : control_lit {};
struct criterion_decl : if_must<kw_criterion, ws, control_id, opt<ws, title>, opt<ws, block>> {};
struct attest_decl : if_must<kw_attest, ws, control_id, opt<ws, block>> {};
/// `classify ID "title" { ... }`: a row of the scanner-result classification table.
struct classify_decl : if_must<kw_classify, ws, decl_id, opt<ws, title>, opt<ws, block>> {};
/// `scan ID "title" { path = "...", kind = dependency, max_age = 7d }`: a scan the model expects.
struct scan_decl : if_must<kw_scan, ws, decl_id, opt<ws, title>, opt<ws, block>> {};

struct expect_negated : kw_not {};
struct expect_rule : ident {};
struct expect_element : ident {};
struct expect_stmt : if_must<kw_expect, ws, opt<expect_negated, ws>, expect_rule,
                             opt<ws, kw_on, ws, expect_element>> {};
struct test_item : any_keyword<kInTest, keyword_statement> {};
struct test_title : string_lit {};
struct test_block : if_must<one<'{'>, ws, star<test_item, ws>, block_close> {};
struct test_decl : if_must<kw_test, ws, test_title, ws, test_block> {};

/// One top-level declaration. The parser reads a file one statement at a time, so that a
/// syntax error in one declaration does not hide the errors in the next.
struct statement : any_keyword<kTopLevel, keyword_statement> {};
struct any_statement : must<statement> {};
}  // namespace moat::grammar
