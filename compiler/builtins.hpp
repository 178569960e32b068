#pragma once
// The contract between the standard library (stdlib/prelude.moat) and the C++: every stdlib
// enum, and every member ordinal or name, that the compiler, analyzer, backends, CLI and
// evidence code rely on. resolve_builtins() checks them all once, right after the schema is
// built, and stores the ids found by name in ModelGraph::builtins; code elsewhere uses these
// constants and that table instead of spelling stdlib names or ordinals itself.
//
// - Mirrored enums (element_kind, severity, stride, soc2_category, control_status): the C++
//   indexes tables by their ordinals or casts them to its own enums, so the stdlib's members
//   must be exactly these, in this order.
// - Members (BuiltinMember): one member the C++ relies on, by name and ordinal.
// - Named members: protocols that encrypt by default; found by name, their ordinals resolved.
// A model cannot redeclare a stdlib enum, so a disagreement is a bug in moat (the stdlib edited
// without the C++): compilation stops with an InternalError naming every difference.
// tests/unit/test_builtins.cpp pins the contract.
#include <array>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/types.hpp"

namespace moat {

struct Schema;

/// One stdlib enum member whose name and ordinal the C++ relies on.
struct BuiltinMember {
  std::string_view enum_name;
  std::string_view member;
  std::uint8_t ordinal;
};

namespace builtin {
inline constexpr BuiltinMember kTrustUntrusted{"trust", "untrusted", 0};
inline constexpr BuiltinMember kTrustPartner{"trust", "partner", 1};
/// A boundary's trust when it does not say.
inline constexpr BuiltinMember kTrustInternal{"trust", "internal", 2};
/// The first mitigation_status at which a mitigation counts (ordered enum).
inline constexpr BuiltinMember kImplemented{"mitigation_status", "implemented", 2};
inline constexpr BuiltinMember kAssumptionVerified{"assumption_status", "verified", 1};
/// control_status members from here on are the former names (passing, warning, failing).
inline constexpr BuiltinMember kControlLegacyFirst{"control_status", "passing", 4};
inline constexpr BuiltinMember kClassificationConfidential{"classification", "confidential", 2};
inline constexpr BuiltinMember kClassificationSecret{"classification", "secret", 3};
inline constexpr BuiltinMember kAuthNone{"auth", "none", 0};
inline constexpr BuiltinMember kScanKindSecret{"scan_kind", "secret", 0};
inline constexpr BuiltinMember kScanKindOther{"scan_kind", "other", 4};

/// The stdlib's `enum element_kind`, by Kind.
inline constexpr std::array<std::string_view, kKindCount> kElementKinds = {
    "actor", "external", "process", "store", "data", "boundary", "flow"};
/// The stdlib's `enum severity`, lowest first.
inline constexpr std::array<std::string_view, 5> kSeverities = {"info", "low", "medium", "high",
                                                                "critical"};
/// The stdlib's `enum stride`.
inline constexpr std::array<std::string_view, 6> kStride = {
    "spoofing",          "tampering",
    "repudiation",       "information_disclosure",
    "denial_of_service", "elevation_of_privilege"};
/// The stdlib's `enum soc2_category` (ModelInfo::soc2_scope has a bit per member).
inline constexpr std::array<std::string_view, 5> kSoc2Categories = {
    "security", "availability", "confidentiality", "processing_integrity", "privacy"};
/// The stdlib's `enum control_status`: ControlStatus's members, then the former names.
inline constexpr std::array<std::string_view, 7> kControlStatuses = {
    "met", "partially_met", "not_met", "not_assessed", "passing", "warning", "failing"};
/// The protocols a flow is encrypted by when it does not say `encrypted`.
inline constexpr std::array<std::string_view, 3> kEncryptingProtocols = {"https", "tls", "ssh"};
}  // namespace builtin

/// The contract resolved against one schema: ModelGraph::builtins.
struct Builtins {
  EnumId trust = 0, classification = 0, auth = 0, protocol = 0, severity = 0, stride = 0,
         element_kind = 0, soc2_category = 0, mitigation_status = 0, assumption_status = 0,
         control_status = 0, dismissal = 0, scan_kind = 0, scan_type = 0;
  /// A bit per protocol ordinal: builtin::kEncryptingProtocols.
  std::uint64_t encrypting_protocols = 0;
  /// Does a flow of protocol ordinal `p` encrypt when it does not say?
  bool encrypts(std::int64_t p) const {
    return p >= 0 && p < 64 && ((encrypting_protocols >> p) & 1u);
  }
};

/// The stdlib and the C++ disagree: a bug in moat, never a fault of the model.
class InternalError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

/// Resolves the contract against `schema`; every disagreement is appended to `problems` as one
/// sentence naming the enum or member and what the C++ expects.
Builtins resolve_builtins(const Schema& schema, std::vector<std::string>& problems);

/// resolve_builtins, throwing InternalError with every problem when the schema breaks it.
Builtins resolve_builtins_or_throw(const Schema& schema);

}  // namespace moat
