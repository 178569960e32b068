// Several authentication methods and string tags in rules (docs/language.md "Comparisons and
// `in`"): `authn` is a list, `==` means "the only method", a list `in` a list means "every
// method is one of those", `m in authn` asks whether a method is accepted; string literals
// compare by their text.
#include "tests/unit/fixture.hpp"

using namespace moat;
using moat_test::Analyzed;

namespace {

const char* const kModel = R"moat(model "Methods" { version = "1" }
process open "Open"
process sso "SSO" { authn = oidc, tags = ["internet-facing"] }
process mixed "Mixed" { authn = [oidc, password, personal_token], tags = ["internet-facing", "git"] }
process machines "Machines" { authn = [hmac, mtls] }
process empty "Empty" { authn = [] }
)moat";

/// The processes `when` raises a threat on.
std::vector<std::string> fires(const std::string& when) {
  const Analyzed m(
      moat::compile_text("m.moat", std::string(kModel) +
                                       "rule q \"Q\" { applies = process, category = tampering, "
                                       "severity = low, when = " +
                                       when + " }\n"));
  std::vector<std::string> out;
  for (const Threat& t : m.analysis.threats) out.push_back(m.graph().elements[t.element].id);
  return out;
}

/// The diagnostics of a model with one rule, as "message | note" lines.
std::string errors(const std::string& when) {
  const auto c =
      moat::compile_text("m.moat", std::string(kModel) +
                                       "rule q \"Q\" { applies = process, category = tampering, "
                                       "severity = low, when = " +
                                       when + " }\n");
  std::string out;
  for (const Diagnostic& d : c->diags.sorted()) {
    out += d.message;
    for (const auto& n : d.notes) out += " | " + n.message;
    out += "\n";
  }
  return out;
}

using Ids = std::vector<std::string>;

}  // namespace

TEST_CASE("authn == m: the list holds only m; an empty list equals nothing") {
  CHECK(fires("authn == none") == Ids{"open"});
  CHECK(fires("authn == oidc") == Ids{"sso"});
  CHECK(fires("authn == password") == Ids{});
  CHECK(fires("authn != none") == Ids{"sso", "mixed", "machines", "empty"});
}

TEST_CASE("m in authn: the method is one of those accepted") {
  CHECK(fires("password in authn") == Ids{"mixed"});
  CHECK(fires("oidc in authn") == Ids{"sso", "mixed"});
  CHECK(fires("oidc in authn and not (authn == oidc)") == Ids{"mixed"});
}

TEST_CASE("authn in [..]: every method is in the list; never for an empty list") {
  CHECK(fires("authn in [hmac, mtls]") == Ids{"machines"});
  CHECK(fires("authn in [oidc, password, personal_token, none]") == Ids{"open", "sso", "mixed"});
  CHECK(fires("not (authn in [hmac, mtls])") == Ids{"open", "sso", "mixed", "empty"});
}

TEST_CASE("string literals compare by text: tags restrict a rule to tagged elements") {
  CHECK(fires("\"internet-facing\" in tags") == Ids{"sso", "mixed"});
  CHECK(fires("\"git\" in tags and password in authn") == Ids{"mixed"});
  CHECK(fires("\"missing\" in tags") == Ids{});
  CHECK(fires("any(inbound, true) or \"git\" in [\"git\", \"ci\"]") ==
        Ids{"open", "sso", "mixed", "machines", "empty"});
}

TEST_CASE("a quoted enum member is an error that says to drop the quotes") {
  CHECK(errors("authn == \"oidc\"") ==
        "cannot compare a value of type 'list<enum auth>' with a value of type 'string' | "
        "write oidc without quotes: it is a member of enum 'auth'\n");
  CHECK(errors("\"oidc\" in tags and type == \"process\"") ==
        "cannot compare a value of type 'enum element_kind' with a value of type 'string' | "
        "write process without quotes: it is a member of enum 'element_kind'\n");
  CHECK(errors("authn < oidc") ==
        "cannot compare a value of type 'list<enum auth>' with a value of type 'enum auth'\n");
}
