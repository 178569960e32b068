#pragma once
// The schema: every enum and, for every declaration kind, its attributes with their types and
// defaults. Built from the `enum` and `attributes` declarations of the prelude, the used
// modules and the model's own files, in that order.
#include <array>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "compiler/ast.hpp"
#include "compiler/diagnostics.hpp"
#include "compiler/types.hpp"
#include "grammar/keywords.hpp"

namespace moat {

/// What an attribute block belongs to: the seven element kinds, then the other declarations.
enum class DeclKind : std::uint8_t {
  Actor,
  External,
  Process,
  Store,
  Data,
  Boundary,
  Flow,
  Model,
  Rule,
  Mitigation,
  Accept,
  Assumption,
  Criterion,
  Attest,
  Dismiss,
  Threat,
  Classify,
  Scan,
  Count
};
inline constexpr int kDeclKindCount = static_cast<int>(DeclKind::Count);
/// The keyword that declares each kind, by DeclKind (and so by Kind and ast::ElementKind).
inline constexpr std::array<grammar::Keyword, kDeclKindCount> kDeclKeywords = {
    grammar::Keyword::Actor,      grammar::Keyword::External, grammar::Keyword::Process,
    grammar::Keyword::Store,      grammar::Keyword::Data,     grammar::Keyword::Boundary,
    grammar::Keyword::Flow,       grammar::Keyword::Model,    grammar::Keyword::Rule,
    grammar::Keyword::Mitigation, grammar::Keyword::Accept,   grammar::Keyword::Assumption,
    grammar::Keyword::Criterion,  grammar::Keyword::Attest,   grammar::Keyword::Dismiss,
    grammar::Keyword::Threat,     grammar::Keyword::Classify, grammar::Keyword::Scan};
/// The keyword of a declaration kind: "actor", ..., "attest".
const char* decl_kind_name(DeclKind k);
inline DeclKind decl_kind(Kind k) {
  return static_cast<DeclKind>(k);
}

struct Field {
  std::string name;
  Type type;
  /// A copy, not a pointer into the syntax tree: a command may free the trees once the model is
  /// compiled (Program::drop_syntax) while the schema lives on.
  std::optional<ast::Value> default_value;
  Span span;
};

/// Hashes std::string and std::string_view alike, so lookups need not build a string.
struct NameHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

struct KindSchema {
  std::vector<Field> fields;
  std::unordered_map<std::string, std::uint32_t, NameHash, std::equal_to<>> slots;
  int slot(std::string_view name) const {
    auto it = slots.find(name);
    return it == slots.end() ? -1 : it->second;
  }
};

struct Schema {
  std::vector<EnumDef> enums;
  std::unordered_map<std::string, EnumId> enum_ids;
  std::array<KindSchema, kDeclKindCount> kinds;

  const KindSchema& of(DeclKind k) const { return kinds[static_cast<int>(k)]; }
  EnumId enum_id(const std::string& name) const { return enum_ids.at(name); }
  /// A human description of a type, for messages: "list<data>", "enum trust".
  std::string describe(const Type& t) const;
};

class SourceManager;

/// Builds the schema from the `enum` and `attributes` declarations of all modules, in order.
/// A model's attribute may not take the name of a property moat computes for the same kind
/// (`called_by` on a process): rules would read the computed value and never the attribute.
/// The standard library's own `trust` and `encrypted` are the inputs of those properties.
Schema build_schema(const std::vector<const ast::Module*>& modules, const SourceManager& sources,
                    DiagnosticSink& diags);

}  // namespace moat
