#pragma once
// What a name in a model file refers to. The text is scanned for words (runs of identifier
// characters and dots, outside strings and comments); a word such as `api.tampering` has one
// segment per dotted part, and each segment is resolved against the compiled model: elements
// (and their earlier ids), rules, mitigations, assumptions and SOC 2 criteria. This answers
// definition, references and highlights without a second parser: the names themselves come from
// the compiler's graph.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lsp/workspace.hpp"

namespace moat::lsp {

/// A word of the source: bytes [begin, end).
struct Word {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

/// Every word of `text` outside strings and comments, in order.
std::vector<Word> scan_words(std::string_view text);

enum class NameKind : std::uint8_t { None, Element, Rule, Mitigation, Assumption, Criterion };

/// What one segment of a word names.
struct Named {
  NameKind kind = NameKind::None;
  // The one matching `kind` is set; the others are none.
  ElementId element;
  RuleId rule;
  MitigationId mitigation;
  AssumptionId assumption;
  CriterionId criterion;
  std::uint32_t begin = 0;  ///< the segment's bytes in the file
  std::uint32_t end = 0;
  /// What names element `e`, rule `r`, ...: its kind and id set, its bytes not yet.
  static Named of(ElementId e);
  static Named of(RuleId r);
  static Named of(MitigationId m);
  static Named of(AssumptionId a);
  static Named of(CriterionId c);
  bool operator==(const Named& o) const {
    return kind == o.kind && element == o.element && rule == o.rule && mitigation == o.mitigation &&
           assumption == o.assumption && criterion == o.criterion;
  }
};

/// The name under byte `offset` of `text`, resolved in `model`; kind None when there is none.
Named name_at(const Model& model, std::string_view text, std::uint32_t offset);

/// Where `named` is declared, standard library included; false when it has no declaration.
bool declaration_anywhere(const Model& model, const Named& named, Span& where);
/// The same, only in the model's own files (not a standard-library rule or criterion).
bool declaration_of(const Model& model, const Named& named, Span& where);

/// Every occurrence of `named` in file `file` of the model (declaration included).
std::vector<Named> occurrences(const Model& model, FileId file, const Named& named);

/// "element", "rule", ...: for messages.
const char* name_kind_text(NameKind kind);

}  // namespace moat::lsp
