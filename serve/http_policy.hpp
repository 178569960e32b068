#pragma once
// What `moat serve` accepts and what every answer carries, as plain functions the unit tests
// call: the Host header check (so a web page elsewhere cannot reach the server through a DNS
// name that it rebinds to 127.0.0.1), and the security headers.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace moat::serve {

/// Where the server listens, as the Host check needs it.
struct Listen {
  std::string host;         ///< the address bound, e.g. "127.0.0.1"
  int port = 0;             ///< the port bound (never 0 once bound)
  bool host_given = false;  ///< the user chose the address with --host
};

/// Whether a request with Host header `host` may be answered: `localhost`, `127.0.0.1` or
/// `[::1]` with the bound port; with --host also that address, and when it is a wildcard address
/// (0.0.0.0, ::) any IP address written as such and this machine's own name (a page elsewhere
/// that rebinds its DNS name to this machine sends that name). A Host without the port is
/// accepted only on port 80.
bool host_allowed(std::string_view host, const Listen& listen);

/// Whether a request for `path` comes from another origin's page, as the browser says in
/// `Sec-Fetch-Site`: the data (`/api/...`) is for the server's own page only. A page elsewhere
/// cannot read the answers (no CORS), but it could hold the open-page places of the event stream.
bool from_another_site(std::string_view path, std::string_view sec_fetch_site);

/// The Content-Security-Policy of every answer: nothing but the server's own script, style and
/// connections; no inline script, no plugins, no framing, no form posts.
const char* content_security_policy();

/// The headers every answer carries (the CSP, nosniff, no referrer, no framing, no caching).
std::vector<std::pair<std::string, std::string>> security_headers();

/// The URL to print and open: http://HOST:PORT/ (an IPv6 address in brackets; a wildcard
/// address as 127.0.0.1, where this machine's browser reaches it).
std::string page_url(const Listen& listen);

}  // namespace moat::serve
