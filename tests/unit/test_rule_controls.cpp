// A rule split into exposure (`when`) and controlling attributes (`mitigated_by`,
// compiler/rule_controls.hpp): the threat is raised whenever the exposure holds, mitigated by
// the attribute when it is set, and every output cites the attribute as a claim.
#include "analyzer/diff.hpp"
#include "analyzer/explain.hpp"
#include "backends/diff_report.hpp"
#include "backends/json_document.hpp"
#include "tests/report/report_fixture.hpp"

using namespace moat;
using moat_test::analyze_text;

namespace {

const char* const kModel = R"moat(model "Controlled" { version = "1" }
rule xss "XSS" {
  applies = process, category = tampering, severity = high
  when = web and any(inbound, source.type == actor)
  mitigated_by = [encodes_output, sandboxed]
}
rule slow "Slow" {
  applies = flow, category = denial_of_service, severity = low
  when = source.type == actor
  mitigated_by = [rate_limited, target.rate_limited]
}
actor user "User"
process shop "Shop" { web = true, encodes_output = true }
process admin "Admin" { web = true }
process both "Both" { web = true, encodes_output = true, sandboxed = true }
process batch "Batch" { encodes_output = true }
flow user -> shop { protocol = https }
flow user -> admin { protocol = https, rate_limited = true }
flow user -> both { protocol = https }
flow user -> batch { protocol = https }
)moat";

/// The cover texts of threat `id`, as "kind:text".
std::vector<std::string> covers(const moat_test::Analyzed& m, std::string_view id) {
  std::vector<std::string> out;
  for (const Cover& c : m.threat(id).covered_by)
    out.push_back(std::string(cover_kind_name(c)) + ":" + cover_text(m.graph(), c));
  return out;
}

using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("a controlling attribute mitigates the threat instead of hiding it") {
  const auto m = analyze_text(kModel);
  CHECK(m.status("shop.xss") == "mitigated");
  CHECK(covers(m, "shop.xss") == Strings{"attribute:encodes_output"});
  CHECK(m.status("admin.xss") == "open");
  CHECK(m.threat("admin.xss").covered_by.empty());
  // No browser UI: the exposure does not hold, so there is nothing to consider.
  CHECK(m.find_threat("batch.xss") == nullptr);
}

TEST_CASE("every controlling attribute that is set is cited, in the order written") {
  const auto m = analyze_text(kModel);
  CHECK(covers(m, "both.xss") == Strings{"attribute:encodes_output", "attribute:sandboxed"});
  // On a flow, the attribute may be the flow's own or its target's.
  CHECK(covers(m, "user_to_admin.slow") == Strings{"attribute:rate_limited"});
  CHECK(m.status("user_to_shop.slow") == "open");
}

TEST_CASE("an acceptance of a threat mitigated by an attribute leaves it mitigated") {
  const auto m = analyze_text(std::string(kModel) +
                              "accept shop.xss { reason = \"r\", owner = \"sec\" }\n"
                              "accept admin.xss { reason = \"r\", owner = \"sec\" }\n");
  CHECK(m.status("shop.xss") == "mitigated");
  CHECK(covers(m, "shop.xss") == Strings{"attribute:encodes_output", "acceptance:shop.xss"});
  CHECK(m.status("admin.xss") == "accepted");
}

TEST_CASE("moat explain says which attribute mitigates the threat and that it is a claim") {
  const auto m = analyze_text(kModel);
  const RuleRec* xss = nullptr;
  RuleId rule;
  for (const RuleId r : m.graph().rules.ids()) {
    if (m.graph().rules[r].id == "xss") xss = &m.graph().rules[rule = r];
  }
  REQUIRE(xss != nullptr);
  const std::string text =
      explain(m.c->program.sources, m.graph(), m.analysis, rule, m.threat("shop.xss").element);
  INFO(text);
  CHECK(text.find("mitigated_by encodes_output (set: the threat is mitigated by this attribute, "
                  "a claim of the model rather than evidence)") != std::string::npos);
  CHECK(text.find("mitigated_by sandboxed (not set)") != std::string::npos);
  CHECK(text.find("status: mitigated") != std::string::npos);
}

TEST_CASE("the worksheet, the report and the JSON cite the attribute") {
  const std::string text = kModel;
  const report_test::Analyzed m("controlled.moat", &text);
  const std::string sheet = m.worksheet();
  CHECK(
      sheet.find("mitigated</span><span class=\"muted\"> by </span><code>encodes_output</code>") !=
      std::string::npos);
  CHECK(m.markdown().find("<code>encodes\\_output</code> 🟢 attribute set in the model (a claim, "
                          "not evidence)") != std::string::npos);
  const nlohmann::ordered_json threats = threats_json(m.c->program.sources, m.graph(), m.analysis);
  bool found = false;
  for (const nlohmann::ordered_json& t : threats) {
    if (t["id"] != "shop.xss") continue;
    found = true;
    CHECK(t["status"] == "mitigated");
    REQUIRE(t["covered_by"].size() == 1);
    CHECK(t["covered_by"][0]["kind"] == "attribute");
    CHECK(t["covered_by"][0]["target"] == "encodes_output");
    CHECK(t["covered_by"][0]["status"] == "claimed");
    CHECK(t["covered_by"][0]["id"].is_null());
  }
  CHECK(found);
}

TEST_CASE("mitigated_by entries must name boolean attributes") {
  const auto bad = [](const std::string& entries) {
    return moat_test::kinds(
        moat::compile_text("bad.moat",
                           "model \"B\" { version = \"1\" }\n"
                           "rule r \"R\" { applies = process, category = tampering, "
                           "severity = low, when = true, mitigated_by = [" +
                               entries + "] }\n")
            ->diags);
  };
  CHECK(bad("\"hardened\"") == Strings{"TypeMismatch"});
  CHECK(bad("hardend") == Strings{"UnknownName"});
  CHECK_FALSE(bad("authn").empty());
  CHECK(bad("hardened, monitored").empty());
}

TEST_CASE("standard rule: cross-site scripting is considered and mitigated by encodes_output") {
  const auto m = analyze_text(R"moat(model "Std" { version = "1" }
use stride
actor user "User"
process ui "UI" { web = true, encodes_output = true }
flow user -> ui { protocol = https }
)moat");
  CHECK(m.status("ui.cross_site_scripting") == "mitigated");
  CHECK(covers(m, "ui.cross_site_scripting") == Strings{"attribute:encodes_output"});
  CHECK(m.status("ui.cross_site_request_forgery") == "open");
}

TEST_CASE("moat diff says which attribute now mitigates a threat") {
  std::string before = kModel;
  const std::string set = "process admin \"Admin\" { web = true }";
  const auto at = before.find(set);
  REQUIRE(at != std::string::npos);
  std::string after = before;
  after.replace(at, set.size(), "process admin \"Admin\" { web = true, encodes_output = true }");
  const auto b = analyze_text(before);
  const auto a = analyze_text(after);
  const ModelDiff d = diff_models({b.graph(), b.analysis}, {a.graph(), a.analysis});
  REQUIRE(d.changed.size() == 1);
  CHECK(d.changed[0].mitigated_by == Strings{"encodes_output"});
  const std::string text = diff_text(d, {"old", "new"});
  CHECK(text.find("open -> mitigated by encodes_output admin.xss") != std::string::npos);
  CHECK(diff_json(d, {"old", "new"}).find("\"mitigated_by\"") != std::string::npos);
}
