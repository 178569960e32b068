#pragma once
// The workshop server of `moat serve`: answers GET requests for the page's own files and the
// model's derived data, and streams Server-Sent Events that tell every open page of a new
// snapshot. cpp-httplib does the HTTP; this file decides what is answered (serve/routes.cpp).
#include <memory>
#include <string>

#include "serve/event_hub.hpp"
#include "serve/http_policy.hpp"

namespace moat::serve {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 0;  ///< 0: any free port
  bool host_given = false;
  std::size_t max_streams = 32;  ///< open pages (event streams) at once
};

class Server {
 public:
  explicit Server(const ServerOptions& options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Binds the address; false with `error` saying why (the port is taken, say).
  bool bind(std::string& error);
  /// Where it listens, once bound.
  const Listen& listen() const;
  /// Serves on a thread of its own until stop().
  void start();
  /// Makes `s` what every page shows, and tells the open pages.
  void publish(std::shared_ptr<const Snapshot> s);
  /// Ends the event streams and the listener, and waits for both.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace moat::serve
