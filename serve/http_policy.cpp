#include "serve/http_policy.hpp"

#include <algorithm>
#include <cctype>

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
  return is_wildcard(listen.host) || name == host_form(listen.host);
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
