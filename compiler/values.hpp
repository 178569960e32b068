#pragma once
// Typed attribute values: checks each written value against its schema type and packs it into
// the model graph's pools. Used for elements and for every other declaration alike.
#include <vector>

#include "compiler/graph.hpp"

namespace moat {

class ValueConverter {
 public:
  ValueConverter(ModelGraph& graph, DiagnosticSink& diags) : g_(graph), diags_(diags) {}

  /// Appends one value per schema field of `kind` to the graph, filled from `attrs` and the
  /// defaults, and returns the offset. `owner` names the declaration in messages.
  std::uint32_t fill(DeclKind kind, const std::vector<ast::Attribute>& attrs,
                     const std::string& owner, Span owner_span);

  /// Converts one value to `type`; reports and returns an unset value when it does not fit.
  Val convert(const ast::Value& v, const Type& type, const std::string& attr);

  /// Decodes a Target value packed by convert().
  static TargetRef unpack_target(Val v);

 private:
  Val scalar(const ast::Value& v, const Type& type, const std::string& attr);
  Val element_ref(const ast::Value& v, const Type& type);
  Val enum_member(const ast::Value& v, const Type& type, const std::string& attr);
  Val target(const ast::Value& v);
  Val control(const ast::Value& v);
  Val default_value(DeclKind kind, int slot);
  void mismatch(const ast::Value& v, const Type& type, const std::string& attr);

  /// The defaults of one kind's fields, each converted once, when first needed (a default's
  /// conversion adds to the graph's pools, so it happens when it did before this cache).
  struct KindDefaults {
    bool ready = false;
    std::vector<Val> row;                  ///< by slot: the default, once resolved; else unset
    std::vector<std::uint8_t> resolved;    ///< by slot
    std::vector<std::uint32_t> attention;  ///< slots not resolved yet, or required: in slot order
  };
  KindDefaults& defaults_of(DeclKind kind);
  static bool required(const Field& f);

  ModelGraph& g_;
  DiagnosticSink& diags_;
  std::vector<KindDefaults> defaults_;        ///< per kind
  std::vector<const ast::Attribute*> given_;  ///< scratch for fill()
};

/// "a string", "true or false", ... for messages about a written value.
const char* describe_value(const ast::Value& v);

}  // namespace moat
