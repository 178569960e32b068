#pragma once
// The abstract syntax tree of one moat source file, produced by the parser and consumed by the
// semantic passes. Declarations are kept in one vector per kind, in source order.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "compiler/source.hpp"

namespace moat::ast {

/// A name as written, with where it was written.
struct Ident {
  std::string name;
  Span span;
};

enum class ValueKind : std::uint8_t { String, Number, Bool, Date, Duration, Ref, Control, List };

/// An attribute value or a literal.
struct Value {
  ValueKind kind = ValueKind::String;
  Span span;
  std::string text;   ///< String: unescaped; Ref: dotted name ("webhook.spoofing"); Control: id
  double number = 0;  ///< Number
  std::int64_t integer = 0;  ///< Date: days since 1970-01-01; Duration: seconds
  bool boolean = false;      ///< Bool
  std::vector<Value> items;  ///< List
};

struct Attribute {
  Ident name;
  Value value;
};

enum class ExprKind : std::uint8_t { Literal, Name, Not, And, Or, Compare, In, Call };
enum class CompareOp : std::uint8_t { Eq, Ne, Lt, Le, Gt, Ge };

/// A `when` expression as written.
struct Expr {
  ExprKind kind = ExprKind::Literal;
  CompareOp op = CompareOp::Eq;  ///< Compare
  Span span;
  Value literal;               ///< Literal (may be a List of literals)
  std::vector<Ident> path;     ///< Name: `source.trust` is {source, trust}; Call: {callee}
  std::vector<Expr> operands;  ///< Not: 1; And/Or/Compare/In: 2; Call: the arguments
};

/// Element kinds that have an identifier in the element namespace.
enum class ElementKind : std::uint8_t { Actor, External, Process, Store, Data, Boundary, Flow };

/// actor / external / process / store / data / boundary.
struct ElementDecl {
  ElementKind kind = ElementKind::Actor;
  Ident id;
  std::optional<std::string> title;
  Span keyword;  ///< the declaring keyword, for "declared here" notes
  std::vector<Attribute> attrs;
  std::int32_t parent = -1;  ///< index of the enclosing boundary in Module::elements, or -1
};

struct FlowDecl {
  std::optional<Ident> name;  ///< the optional `NAME:` prefix
  Ident source;
  Ident target;
  bool bidirectional = false;
  std::optional<std::string> title;
  Span keyword;
  Span arrow;
  std::vector<Attribute> attrs;
  std::int32_t parent = -1;  ///< enclosing boundary, if declared inside one
};

struct ModelDecl {
  std::string title;
  Span keyword;
  std::vector<Attribute> attrs;
};

struct UseDecl {
  Ident module;
};

struct ImportDecl {
  std::string path;
  Span span;  ///< the path string
};

/// `repositories { NAME = "FOLDER", ... }`: other repositories that code locations may name.
struct RepositoriesDecl {
  Span keyword;
  std::vector<Attribute> entries;
};

struct EnumDecl {
  Ident name;
  bool ordered = false;
  std::vector<Ident> members;
};

/// A type in a schema declaration: `bool`, `list<data>`, `enum { a, b }`, `duration?`.
struct TypeExpr {
  enum class Form : std::uint8_t { Named, List, InlineEnum };
  Form form = Form::Named;
  Span span;
  Ident name;                     ///< Named
  std::vector<TypeExpr> element;  ///< List: exactly one
  bool ordered = false;           ///< InlineEnum
  std::vector<Ident> members;     ///< InlineEnum
  bool optional = false;          ///< written with a trailing `?`
};

struct FieldDecl {
  Ident name;
  TypeExpr type;
  std::optional<Value> default_value;
};

/// `attributes KIND { name: type = default, ... }`
struct SchemaDecl {
  Ident kind;
  std::vector<FieldDecl> fields;
};

struct RuleDecl {
  Ident id;
  std::optional<std::string> title;
  std::vector<Attribute> attrs;
  std::optional<Expr> when;
  Span when_keyword;
};

/// mitigation / assumption: an identifier, a title and attributes.
struct NamedDecl {
  Ident id;
  std::optional<std::string> title;
  Span keyword;
  std::vector<Attribute> attrs;
};

/// `accept TARGET {...}` and `dismiss TARGET {...}`: a target and attributes, no name.
struct AcceptDecl {
  Value target;  ///< a Ref
  Span keyword;
  std::vector<Attribute> attrs;
};

/// `criterion CC6.1 "title" {...}` (catalogs) and `attest CC1.1 {...}` (manual status).
struct ControlDecl {
  Value id;  ///< a Control
  std::optional<std::string> title;
  Span keyword;
  std::vector<Attribute> attrs;
};

/// `expect [not] RULE [on ELEMENT]` inside a test.
struct Expectation {
  bool negated = false;
  Ident rule;
  std::optional<Ident> element;
  Span span;
};

struct Module;

/// `test "title" { declarations... expect ... }`: a small model checked against the rules.
struct TestDecl {
  std::string title;
  Span keyword;
  std::unique_ptr<Module> body;
  std::vector<Expectation> expectations;
};

/// Everything declared in one file (or in one test block).
struct Module {
  FileId file = kNoFile;
  std::vector<ModelDecl> models;
  std::vector<UseDecl> uses;
  std::vector<ImportDecl> imports;
  std::vector<RepositoriesDecl> repositories;
  std::vector<ElementDecl> elements;
  std::vector<FlowDecl> flows;
  std::vector<EnumDecl> enums;
  std::vector<SchemaDecl> schemas;
  std::vector<RuleDecl> rules;
  std::vector<NamedDecl> mitigations;
  std::vector<NamedDecl> threats;  ///< expert-written `threat` declarations
  std::vector<NamedDecl> assumptions;
  std::vector<AcceptDecl> accepts;
  std::vector<AcceptDecl> dismissals;
  std::vector<ControlDecl> criteria;
  std::vector<ControlDecl> attestations;
  std::vector<NamedDecl> classifications;  ///< `classify` rows, in order
  std::vector<NamedDecl> scans;            ///< `scan` declarations, in order
  std::vector<TestDecl> tests;
};

}  // namespace moat::ast
