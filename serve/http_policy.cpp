#include "serve/http_policy.hpp"

#include <algorithm>
#include <cctype>

#include <unistd.h>

namespace moat::serve {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool is_wildcard(const std::string& host) {
  return host == "0.0.0.0" || host == "::" || host == "[::]";
}

/// An address as it appears in a Host header: IPv6 in brackets.
std::string host_form(const std::string& address) {
  if (address.find(':') != std::string::npos && address.front() != '[') return "[" + address + "]";
  return lower(address);
}

/// Splits "name:port" (or "[v6]:port") into name and port text; the port is empty when absent.
std::pair<std::string, std::string> split_host(std::string_view host) {
  const std::size_t bracket = host.rfind(']');
  const std::size_t colon = host.rfind(':');
  if (colon == std::string_view::npos || (bracket != std::string_view::npos && colon < bracket))
    return {lower(host), ""};
  return {lower(host.substr(0, colon)), std::string(host.substr(colon + 1))};
}

/// A dotted IPv4 address or a bracketed IPv6 one: what a browser sends when the URL names an
/// address; a rebinding attack needs a DNS name it controls.
bool is_ip_literal(const std::string& name) {
  if (name.size() > 2 && name.front() == '[' && name.back() == ']') {
    return name.find_first_not_of("0123456789abcdef:.", 1) == name.size() - 1;
  }
  int parts = 0, digits = 0;
  for (char c : name) {
    if (c == '.') {
      if (digits == 0) return false;
      ++parts;
      digits = 0;
    } else if (c >= '0' && c <= '9' && digits < 3) {
      ++digits;
    } else {
      return false;
    }
  }
  return parts == 3 && digits > 0;
}

/// This machine's host name, alone or as NAME.local (mDNS), as the meeting room's screen types it.
bool is_this_machine(const std::string& name) {
  char buffer[256] = {};
  if (::gethostname(buffer, sizeof buffer - 1) != 0 || buffer[0] == '\0') return false;
  const std::string own = lower(buffer);
  return name == own || name == own + ".local";
}

}  // namespace

bool host_allowed(std::string_view host, const Listen& listen) {
  if (host.empty() || host.size() > 255) return false;
  for (unsigned char c : host) {
    if (c <= ' ' || c >= 0x7f) return false;
  }
  const auto [name, port] = split_host(host);
  if (port.empty() ? listen.port != 80 : port != std::to_string(listen.port)) return false;
  if (name == "localhost" || name == "127.0.0.1" || name == "[::1]") return true;
  if (!listen.host_given) return false;
  if (name == host_form(listen.host)) return true;
  // Bound to every address: a DNS name chosen by a web page (rebinding) must not pass, so only
  // an address written as such, or this machine's own name, is accepted.
  return is_wildcard(listen.host) && (is_ip_literal(name) || is_this_machine(name));
}

bool from_another_site(std::string_view path, std::string_view sec_fetch_site) {
  if (!path.starts_with("/api/") || sec_fetch_site.empty()) return false;
  return sec_fetch_site != "same-origin" && sec_fetch_site != "none";
}

const char* content_security_policy() {
  return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
         "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
}

std::vector<std::pair<std::string, std::string>> security_headers() {
  return {{"Content-Security-Policy", content_security_policy()},
          {"X-Content-Type-Options", "nosniff"},
          {"Referrer-Policy", "no-referrer"},
          {"X-Frame-Options", "DENY"},
          {"Cross-Origin-Resource-Policy", "same-origin"},
          {"Cache-Control", "no-store"}};
}

std::string page_url(const Listen& listen) {
  const std::string host = is_wildcard(listen.host) ? "127.0.0.1" : host_form(listen.host);
  return "http://" + host + ":" + std::to_string(listen.port) + "/";
}

}  // namespace moat::serve
