#include "compiler/builtins.hpp"

#include <span>

#include "compiler/schema.hpp"

namespace moat {

namespace {

/// Finds stdlib enums by name and records what is missing or different.
class Resolver {
 public:
  Resolver(const Schema& schema, std::vector<std::string>& problems)
      : schema_(schema), problems_(problems) {}

  /// The id of enum `name`, or 0 (and a problem) when the schema has none.
  EnumId find(std::string_view name) {
    const auto it = schema_.enum_ids.find(std::string(name));
    if (it != schema_.enum_ids.end()) return it->second;
    problems_.push_back("the standard library has no enum '" + std::string(name) + "'");
    return 0;
  }

  /// Enum `name` must have exactly `members`, in this order.
  EnumId mirrored(std::string_view name, std::span<const std::string_view> members) {
    const auto it = schema_.enum_ids.find(std::string(name));
    if (it == schema_.enum_ids.end()) return find(name);
    const std::vector<std::string>& have = schema_.enums[it->second].members;
    if (!std::equal(have.begin(), have.end(), members.begin(), members.end())) {
      problems_.push_back("enum '" + std::string(name) + "' has members " + join(have) +
                          ", the C++ expects " + join(members));
    }
    return it->second;
  }

  /// `m.member` must be member number `m.ordinal` of its enum.
  void member(const BuiltinMember& m) {
    const auto it = schema_.enum_ids.find(std::string(m.enum_name));
    if (it == schema_.enum_ids.end()) return;  // reported by find()
    const int at = schema_.enums[it->second].member_index(m.member);
    if (at == m.ordinal) return;
    problems_.push_back("enum '" + std::string(m.enum_name) + "': the C++ expects member '" +
                        std::string(m.member) + "' at position " + std::to_string(m.ordinal) +
                        (at < 0 ? ", it has none" : ", it is at " + std::to_string(at)));
  }

  /// The bits of the members of enum `id` named in `names`; a missing name is a problem.
  std::uint64_t bits(EnumId id, std::span<const std::string_view> names) {
    std::uint64_t out = 0;
    for (std::string_view n : names) {
      const int at = schema_.enums[id].member_index(n);
      if (at >= 0 && at < 64) {
        out |= std::uint64_t{1} << at;
      } else {
        problems_.push_back("enum '" + schema_.enums[id].name + "' has no member '" +
                            std::string(n) + "'");
      }
    }
    return out;
  }

 private:
  template <class Names>
  static std::string join(const Names& names) {
    std::string s = "{";
    for (const auto& n : names) s += (s.size() > 1 ? ", " : "") + std::string(n);
    return s + "}";
  }

  const Schema& schema_;
  std::vector<std::string>& problems_;
};

}  // namespace

Builtins resolve_builtins(const Schema& schema, std::vector<std::string>& problems) {
  Resolver r(schema, problems);
  Builtins b;
  b.element_kind = r.mirrored("element_kind", builtin::kElementKinds);
  b.severity = r.mirrored("severity", builtin::kSeverities);
  b.stride = r.mirrored("stride", builtin::kStride);
  b.soc2_category = r.mirrored("soc2_category", builtin::kSoc2Categories);
  b.control_status = r.mirrored("control_status", builtin::kControlStatuses);
  b.trust = r.find("trust");
  b.classification = r.find("classification");
  b.auth = r.find("auth");
  b.protocol = r.find("protocol");
  b.mitigation_status = r.find("mitigation_status");
  b.assumption_status = r.find("assumption_status");
  b.dismissal = r.find("dismissal");
  b.scan_kind = r.find("scan_kind");
  b.scan_type = r.find("scan_type");
  for (const BuiltinMember* m :
       {&builtin::kTrustUntrusted, &builtin::kTrustPartner, &builtin::kTrustInternal,
        &builtin::kImplemented, &builtin::kAssumptionVerified, &builtin::kControlLegacyFirst,
        &builtin::kClassificationConfidential, &builtin::kClassificationSecret, &builtin::kAuthNone,
        &builtin::kScanKindSecret, &builtin::kScanKindOther}) {
    r.member(*m);
  }
  if (schema.enum_ids.count("protocol")) {
    b.encrypting_protocols = r.bits(b.protocol, builtin::kEncryptingProtocols);
  }
  return b;
}

Builtins resolve_builtins_or_throw(const Schema& schema) {
  std::vector<std::string> problems;
  Builtins b = resolve_builtins(schema, problems);
  if (problems.empty()) return b;
  std::string msg = "internal error: the standard library and moat's C++ disagree";
  for (const std::string& p : problems) msg += "\n  " + p;
  throw InternalError(msg);
}

}  // namespace moat
