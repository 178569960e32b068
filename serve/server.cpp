#include "serve/server.hpp"

#include <cerrno>
#include <cstring>
#include <thread>

#include "serve/routes.hpp"

namespace moat::serve {

struct Server::Impl {
  explicit Impl(const ServerOptions& o) : options(o), hub(o.max_streams) {}
  ServerOptions options;
  Listen listen;
  EventHub hub;
  httplib::Server http;
  std::thread thread;
};

Server::Server(const ServerOptions& options) : impl_(std::make_unique<Impl>(options)) {
  Impl& i = *impl_;
  // Every open page holds a worker for its event stream: room for all of them, and for the
  // requests of the pages beside them.
  const std::size_t workers = options.max_streams + 8;
  i.http.new_task_queue = [workers] { return new httplib::ThreadPool(workers); };
  i.http.set_keep_alive_timeout(2);
  i.http.set_read_timeout(5);
  i.http.set_write_timeout(5);
  i.http.set_payload_max_length(64 * 1024);
  i.listen = {options.host, options.port, options.host_given};
  install_routes(i.http, i.hub, i.listen);
}

Server::~Server() {
  stop();
}

bool Server::bind(std::string& error) {
  Impl& i = *impl_;
  errno = 0;
  int port = i.options.port;
  bool bound = false;
  if (port == 0) {
    port = i.http.bind_to_any_port(i.options.host);
    bound = port > 0;
  } else {
    bound = i.http.bind_to_port(i.options.host, port);
  }
  if (!bound) {
    const int why = errno;
    error = why == EADDRINUSE ? "the port is taken (another program listens on it)"
            : why != 0        ? std::strerror(why)
                              : "the address cannot be bound";
    return false;
  }
  i.listen.port = port;
  return true;
}

const Listen& Server::listen() const {
  return impl_->listen;
}

void Server::start() {
  Impl& i = *impl_;
  i.thread = std::thread([&i] { i.http.listen_after_bind(); });
}

void Server::publish(std::shared_ptr<const Snapshot> s) {
  impl_->hub.publish(std::move(s));
}

void Server::stop() {
  Impl& i = *impl_;
  i.hub.stop();
  i.http.stop();
  if (i.thread.joinable()) i.thread.join();
}

}  // namespace moat::serve
