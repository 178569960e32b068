#pragma once
// The requests `moat serve` answers, installed on a cpp-httplib server: the pre-routing checks
// (GET only, the Host header), the page's embedded files, the state, the event stream, a
// boundary's diagram and an explain trace. Nothing maps a request path to a file on disk.
#include <httplib.h>

#include "serve/event_hub.hpp"
#include "serve/http_policy.hpp"

namespace moat::serve {

/// Installs every handler on `server`; `hub` and `listen` must outlive it.
void install_routes(httplib::Server& server, EventHub& hub, const Listen& listen);

}  // namespace moat::serve
