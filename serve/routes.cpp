#include "serve/routes.hpp"

#include <string_view>

#include "backends/html_render.hpp"
#include "serve/assets.hpp"

namespace moat::serve {

using httplib::Request;
using httplib::Response;

namespace {

/// How often an idle event stream says it is alive: a page that went away is noticed then.
constexpr std::chrono::milliseconds kKeepAlive{5000};
/// Longer query values are refused: ids are short.
constexpr std::size_t kMaxParam = 256;

const char* content_type(std::string_view name) {
  if (name.ends_with(".html")) return "text/html; charset=utf-8";
  if (name.ends_with(".js")) return "text/javascript; charset=utf-8";
  if (name.ends_with(".css")) return "text/css; charset=utf-8";
  if (name.ends_with(".svg")) return "image/svg+xml";
  return "application/octet-stream";
}

void refuse(Response& res, int status, const char* text) {
  res.status = status;
  res.set_content(text, "text/plain; charset=utf-8");
}

/// A route pattern (cpp-httplib takes a regular expression) that matches `path` exactly.
std::string literal(std::string_view path) {
  std::string out;
  for (char c : path) {
    if (std::string_view(".+*?^$()[]{}|\\").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

/// GET only, and only for a Host this server answers to (DNS rebinding).
httplib::Server::HandlerResponse check_request(const Request& req, Response& res,
                                               const Listen& listen) {
  if (req.method != "GET") {
    res.set_header("Allow", "GET");
    refuse(res, 405, "moat serve answers GET requests only\n");
    return httplib::Server::HandlerResponse::Handled;
  }
  if (!host_allowed(req.get_header_value("Host"), listen)) {
    refuse(res, 403, "moat serve does not answer to this Host\n");
    return httplib::Server::HandlerResponse::Handled;
  }
  if (from_another_site(req.path, req.get_header_value("Sec-Fetch-Site"))) {
    refuse(res, 403, "moat serve answers its own page only\n");
    return httplib::Server::HandlerResponse::Handled;
  }
  return httplib::Server::HandlerResponse::Unhandled;
}

/// One step of a page's event stream: an `event: state` with the version when it changed, a
/// comment line when nothing happened for kKeepAlive, the end when the server stops.
bool stream_step(EventHub& hub, std::uint64_t& seen, httplib::DataSink& sink) {
  const std::uint64_t version = hub.wait_newer(seen, kKeepAlive);
  if (hub.stopping()) {
    sink.done();
    return true;
  }
  std::string message = ": alive\n\n";
  if (version != seen) {
    message = (seen == 0 ? "retry: 1000\n" : "") +
              std::string("event: state\ndata: {\"version\":") + std::to_string(version) + "}\n\n";
    seen = version;
  }
  return sink.write(message.data(), message.size());
}

void install_assets(httplib::Server& server) {
  for (const Asset& a : page_assets()) {
    auto answer = [a](const Request&, Response& res) {
      res.set_content(a.bytes.data(), a.bytes.size(), content_type(a.name));
    };
    server.Get(literal("/" + std::string(a.name)), answer);
    if (a.name == "index.html") server.Get("/", answer);
  }
  server.Get(literal("/report.css"), [](const Request&, Response& res) {
    res.set_content(report_css(), content_type(".css"));
  });
}

void install_events(httplib::Server& server, EventHub& hub) {
  server.Get(literal("/api/events"), [&hub](const Request& req, Response& res) {
    // cpp-httplib 0.11 compresses any text/* answer when the client accepts gzip or br, and its
    // compressor holds small writes back: an event would reach the page only much later. So the
    // stream is never compressed. (The request is the server's own non-const object.)
    const_cast<Request&>(req).headers.erase("Accept-Encoding");
    if (!hub.open_stream()) {
      res.set_header("Retry-After", "5");
      refuse(res, 503, "too many pages are open\n");
      return;
    }
    auto seen = std::make_shared<std::uint64_t>(0);
    res.set_chunked_content_provider(
        "text/event-stream; charset=utf-8",
        [&hub, seen](std::size_t, httplib::DataSink& sink) {
          return stream_step(hub, *seen, sink);
        },
        [&hub](bool) { hub.close_stream(); });
  });
}

/// The handlers that answer from the current snapshot.
void install_data(httplib::Server& server, EventHub& hub) {
  server.Get(literal("/api/state"), [&hub](const Request&, Response& res) {
    const auto s = hub.current();
    if (!s) return refuse(res, 503, "the model is being compiled\n");
    res.set_content(s->state(), "application/json");
  });
  server.Get(literal("/api/diagram"), [&hub](const Request& req, Response& res) {
    const auto s = hub.current();
    const std::string boundary = req.get_param_value("boundary");
    if (!s || boundary.size() > kMaxParam) return refuse(res, 400, "bad request\n");
    res.set_content(s->boundary_diagram(boundary), "application/json");
  });
  server.Get(literal("/api/explain"), [&hub](const Request& req, Response& res) {
    const auto s = hub.current();
    const std::string threat = req.get_param_value("threat");
    if (!s || threat.size() > kMaxParam) return refuse(res, 400, "bad request\n");
    res.set_content(s->explain_threat(threat), "text/plain; charset=utf-8");
  });
}

}  // namespace

void install_routes(httplib::Server& server, EventHub& hub, const Listen& listen) {
  server.set_pre_routing_handler(
      [&listen](const Request& req, Response& res) { return check_request(req, res, listen); });
  // Errors this file answers already carry their text; the library's own (404, 400) get one.
  server.set_error_handler(httplib::Server::HandlerWithResponse([](const Request&, Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    refuse(res, res.status, res.status == 404 ? "not found\n" : "refused\n");
    return httplib::Server::HandlerResponse::Handled;
  }));
  httplib::Headers headers;
  for (auto& [name, value] : security_headers()) headers.emplace(name, value);
  server.set_default_headers(std::move(headers));
  install_assets(server);
  install_events(server, hub);
  install_data(server, hub);
}

}  // namespace moat::serve
