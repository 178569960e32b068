// `moat serve` without a network: the Host check against DNS rebinding, the URL it prints, the
// progress line of the session memory, and the snapshot the page reads.
#include <doctest/doctest.h>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "fixture.hpp"
#include "serve/http_policy.hpp"
#include "serve/session.hpp"
#include "serve/snapshot.hpp"

using moat_test::Analyzed;
using moat_test::compile_ok;
using namespace moat::serve;

TEST_CASE("serve: only localhost names with the bound port, unless --host says more") {
  const Listen local{"127.0.0.1", 8765, false};
  for (const char* ok : {"localhost:8765", "LocalHost:8765", "127.0.0.1:8765", "[::1]:8765"})
    CHECK_MESSAGE(host_allowed(ok, local), ok);
  for (const char* bad : {"", "localhost", "127.0.0.1", "localhost:8766", "evil.example:8765",
                          "localhost.evil.example:8765", "127.0.0.1.nip.io:8765", "[::2]:8765",
                          "localhost:8765 ", "local\thost:8765", "192.168.1.5:8765"})
    CHECK_MESSAGE(!host_allowed(bad, local), bad);
  CHECK(host_allowed("localhost", Listen{"127.0.0.1", 80, false}));

  const Listen lan{"192.168.1.5", 8765, true};
  CHECK(host_allowed("192.168.1.5:8765", lan));
  CHECK(host_allowed("localhost:8765", lan));
  CHECK(!host_allowed("evil.example:8765", lan));
  // Bound to every address: addresses and this machine's name only. A page on another origin
  // that rebinds its own DNS name to this machine sends that name.
  const Listen any{"0.0.0.0", 8765, true};
  CHECK(host_allowed("192.168.1.5:8765", any));
  CHECK(host_allowed("[fe80::1]:8765", any));
  CHECK(host_allowed("localhost:8765", any));
  CHECK(!host_allowed("192.168.1.5:9999", any));
  for (const char* bad :
       {"attacker.example:8765", "workshop-laptop.local:8765", "1.2.3:8765", "1.2.3.4.5:8765",
        "1234.1.1.1:8765", "[evil]:8765", "10.0.0.1.nip.io:8765"})
    CHECK_MESSAGE(!host_allowed(bad, any), bad);
  char own[256] = {};
  REQUIRE(::gethostname(own, sizeof own - 1) == 0);
  CHECK(host_allowed(std::string(own) + ":8765", any));
  CHECK(host_allowed(std::string(own) + ".local:8765", any));
  CHECK(host_allowed("[fe80::1]:8765", Listen{"fe80::1", 8765, true}));
}

TEST_CASE("serve: the data is for the server's own page") {
  CHECK(!from_another_site("/api/state", ""));  // not a browser, or an old one
  CHECK(!from_another_site("/api/events", "same-origin"));
  CHECK(!from_another_site("/api/state", "none"));  // typed into the address bar
  for (const char* site : {"cross-site", "same-site", "other"})
    CHECK_MESSAGE(from_another_site("/api/events", site), site);
  CHECK(!from_another_site("/", "cross-site"));  // a link from elsewhere opens the page
  CHECK(!from_another_site("/app.js", "cross-site"));
}

TEST_CASE("serve: the printed URL") {
  CHECK(page_url({"127.0.0.1", 8765, false}) == "http://127.0.0.1:8765/");
  CHECK(page_url({"0.0.0.0", 80, true}) == "http://127.0.0.1:80/");
  CHECK(page_url({"::1", 9000, true}) == "http://[::1]:9000/");
  CHECK(std::string(content_security_policy()).find("unsafe") == std::string::npos);
}

namespace {

const char* const kBefore = R"(model "W" { version = "1", soc2_scope = [security] }
use stride
use soc2
actor user "User"
process api "API"
flow user -> api "Call" { protocol = http }
)";

std::shared_ptr<const LiveModel> live(const char* text) {
  Analyzed a(compile_ok("w.moat", text));
  return make_live_model(std::move(a.c), std::move(a.analysis), "w.moat", "", {});
}

}  // namespace

TEST_CASE("serve: the progress line says what the workshop changed") {
  const auto before = live(kBefore);
  const std::string after_text = std::string(kBefore) +
                                 "external bank \"Bank\"\nexternal mail \"Mail\"\n"
                                 "accept api.unscanned_dependencies { owner = \"a\", reason = "
                                 "\"internal only\", expires = 2099-01-01 }\n";
  const auto after = live(after_text.c_str());
  const auto since = since_json({"the start of this session", before}, *after);
  const std::string line = since["summary"];
  CHECK(line.find("1 accepted") != std::string::npos);
  CHECK(line.find("2 new elements") != std::string::npos);
  CHECK(since["diff"]["elements_added"] ==
        nlohmann::json::array({"external bank", "external mail"}));
  CHECK(since_json({"x", before}, *before)["summary"] == "no changes");
  CHECK(since_json({"x", nullptr}, *before).is_null());
}

TEST_CASE("serve: a snapshot with errors keeps the last good page and shows the errors") {
  const auto good = live(kBefore);
  auto broken = moat::compile_text("w.moat", std::string(kBefore) + "flow api ->\n");
  REQUIRE(!broken->ok());
  const auto s = make_snapshot(7, *broken, good, {"start", good});
  const auto state = nlohmann::json::parse(s->state());
  CHECK(state["version"] == 7);
  CHECK(state["ok"] == false);
  CHECK(state["diagnostics"][0]["line"] == 7);
  CHECK(state["page"]["document"]["model"]["name"] == "W");
  CHECK(state["page"]["elements"]["api"]["stride"] == "STRIDE");
  CHECK(state["page"]["elements"]["user"]["stride"] == "SR");
  CHECK(s->boundary_diagram("api").find("no such boundary") != std::string::npos);
  CHECK(s->explain_threat("nope.nope").find("no threat") != std::string::npos);
}
