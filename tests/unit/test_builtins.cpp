// The stdlib contract (compiler/builtins.hpp): the embedded prelude satisfies it, and a stdlib
// whose enum is reordered or lacks a member the C++ relies on stops compilation with an
// internal error naming the difference, instead of giving wrong answers.
#include <doctest/doctest.h>

#include <algorithm>

#include "analyzer/assurance.hpp"
#include "analyzer/summary.hpp"
#include "tests/unit/fixture.hpp"

using namespace moat;

namespace {

/// The schema of a model with nothing but the standard library.
const Schema& prelude_schema() {
  static const std::unique_ptr<Compilation> c = moat_test::compile_ok("m.moat", "model \"M\" {}\n");
  return c->graph.schema;
}

std::vector<std::string>& members(Schema& s, const char* name) {
  return s.enums[s.enum_id(name)].members;
}

/// The problems resolve_builtins finds in `s`.
std::vector<std::string> problems_of(const Schema& s) {
  std::vector<std::string> problems;
  resolve_builtins(s, problems);
  return problems;
}

bool mentions(const std::vector<std::string>& problems, std::string_view text) {
  return std::any_of(problems.begin(), problems.end(),
                     [&](const std::string& p) { return p.find(text) != std::string::npos; });
}

}  // namespace

TEST_CASE("the embedded standard library satisfies the builtins contract") {
  const Schema& s = prelude_schema();
  CHECK(problems_of(s).empty());
  const Builtins b = resolve_builtins_or_throw(s);
  CHECK(s.enums[b.trust].name == "trust");
  CHECK(s.enums[b.severity].name == "severity");
  CHECK(s.enums[b.stride].name == "stride");
  CHECK(s.enums[b.protocol].name == "protocol");
  CHECK(s.enums[b.scan_type].name == "scan_type");
  const EnumDef& protocols = s.enums[b.protocol];
  CHECK(b.encrypts(protocols.member_index("https")));
  CHECK(b.encrypts(protocols.member_index("tls")));
  CHECK(b.encrypts(protocols.member_index("ssh")));
  CHECK_FALSE(b.encrypts(protocols.member_index("http")));
  CHECK_FALSE(b.encrypts(-1));
}

TEST_CASE("the contract pins the ordinals the C++ uses") {
  const Schema& s = prelude_schema();
  CHECK(s.enums[s.enum_id("mitigation_status")].members[kImplemented] == "implemented");
  CHECK(s.enums[s.enum_id("assumption_status")].members[kAssumptionVerified] == "verified");
  CHECK(s.enums[s.enum_id("trust")].members[builtin::kTrustInternal.ordinal] == "internal");
  const std::vector<std::string>& kinds = s.enums[s.enum_id("element_kind")].members;
  REQUIRE(kinds.size() == static_cast<std::size_t>(kKindCount));
  for (int k = 0; k < kKindCount; ++k) CHECK(kinds[k] == kind_name(static_cast<Kind>(k)));
  CHECK(kSeverityNames.size() == s.enums[s.enum_id("severity")].members.size());
}

TEST_CASE("a reordered mirrored enum is an internal error naming the enum") {
  Schema s = prelude_schema();
  std::vector<std::string>& severity = members(s, "severity");
  std::swap(severity[1], severity[2]);  // info, medium, low, ...
  const std::vector<std::string> problems = problems_of(s);
  REQUIRE(problems.size() == 1);
  CHECK(mentions(problems, "enum 'severity' has members {info, medium, low, high, critical}"));
  CHECK_THROWS_AS(resolve_builtins_or_throw(s), InternalError);
}

TEST_CASE("a member moved or missing is an internal error naming it") {
  Schema s = prelude_schema();
  std::vector<std::string>& statuses = members(s, "mitigation_status");
  statuses.erase(statuses.begin());  // implemented moves to 1
  std::vector<std::string>& auth = members(s, "auth");
  auth.erase(std::find(auth.begin(), auth.end(), "none"));
  std::vector<std::string>& protocols = members(s, "protocol");
  protocols.erase(std::find(protocols.begin(), protocols.end(), "ssh"));
  const std::vector<std::string> problems = problems_of(s);
  CHECK(problems.size() == 3);
  CHECK(mentions(problems, "member 'implemented' at position 2, it is at 1"));
  CHECK(mentions(problems, "member 'none' at position 0, it has none"));
  CHECK(mentions(problems, "enum 'protocol' has no member 'ssh'"));
  try {
    resolve_builtins_or_throw(s);
    FAIL("no internal error");
  } catch (const InternalError& e) {
    const std::string what = e.what();
    CHECK(what.rfind("internal error: the standard library and moat's C++ disagree", 0) == 0);
    CHECK(what.find("'implemented'") != std::string::npos);
  }
}

TEST_CASE("a missing stdlib enum is an internal error") {
  Schema s = prelude_schema();
  s.enum_ids.erase("trust");
  s.enum_ids.erase("element_kind");
  const std::vector<std::string> problems = problems_of(s);
  CHECK(mentions(problems, "the standard library has no enum 'trust'"));
  CHECK(mentions(problems, "the standard library has no enum 'element_kind'"));
}
