// `moat serve MODEL`: compile, analyze and publish a snapshot (serve/snapshot.hpp) to the
// workshop server, then again on every save (the --watch machinery), until Ctrl-C.
#include "cli/serve_command.hpp"

#include <signal.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <iostream>
#include <utility>

#include "cli/console.hpp"
#include "cli/model_side.hpp"
#include "cli/watch.hpp"
#include "serve/server.hpp"

namespace moat::cli {

void add_serve_options(CLI::App* serve, ServeOptions& options) {
  serve->add_option("file", options.file, "The model file")->required();
  serve->add_option("--host", options.host, "Address to listen on (default 127.0.0.1)");
  serve->add_option("--port", options.port, "Port to listen on (default 8765; 0: any free port)")
      ->check(CLI::Range(0, 65535));
  serve->add_option("--since", options.since,
                    "Show progress since this git revision (or model file) instead of since the "
                    "server started");
  serve->add_flag("--top-down", options.top_down,
                  "Lay the diagram out top-down instead of left-to-right");
  serve->add_option("--max-pages", options.max_pages, "Pages that may be open at once (default 32)")
      ->check(CLI::Range(1, 1000));
  serve->add_option("--today", options.analysis.today,
                    "Judge expiry and due dates as of this date (YYYY-MM-DD)");
  add_repository_flags(serve, options.repository, false);
}

namespace {

/// The session's state between saves.
struct Session {
  const ServeOptions& options;
  std::int64_t today = 0;
  serve::Server& server;
  serve::Baseline baseline;
  std::shared_ptr<const serve::LiveModel> good;
  std::uint64_t version = 0;
  std::vector<std::string> sources;  ///< the files to watch (kept when a save is unreadable)
};

/// Compiles and analyzes the model and publishes the snapshot. kUsage when the root file cannot
/// be read (the first time, that ends the command); else kOk or kModelErrors.
int compile_and_publish(Session& s) {
  const std::string& file = s.options.file;
  std::unique_ptr<Compilation> c = compile_file(file, compile_options(s.options.repository, file));
  if (c->load == LoadStatus::RootUnreadable && s.version == 0) return require_readable(*c, file);
  if (c->load != LoadStatus::RootUnreadable) s.sources = model_files(*c);
  Analysis analysis;
  if (c->ok()) analysis = analyze_in_repository(*c, file, s.options.repository, s.today);
  const int exit = c->load == LoadStatus::RootUnreadable ? kModelErrors : report_diagnostics(*c);
  const Compilation* latest = c.get();
  if (c->ok()) {
    DiagramOptions diagram;
    diagram.left_to_right = !s.options.top_down;
    s.good = serve::make_live_model(std::move(c), std::move(analysis), file,
                                    repository_root(s.options.repository, file), diagram);
    latest = s.good->compilation.get();
    if (!s.baseline.model) s.baseline = {"the start of this session", s.good};
  }
  s.server.publish(serve::make_snapshot(++s.version, *latest, s.good, s.baseline));
  return exit;
}

/// `--since`: the model at that revision (or in that file), analyzed on its own.
int load_since(Session& s) {
  const ModelSource source = baseline_source(s.options.since, s.options.file);
  ModelSide side;
  if (const int exit = load_side(source, "since: ", s.today, side); exit != kOk) {
    std::cerr << fmt::format("moat: the model at {} cannot be compared with\n", source.display);
    return exit;
  }
  s.baseline = {source.display,
                serve::make_live_model(std::move(side.compilation), std::move(side.analysis),
                                       s.options.file, "", DiagramOptions{}, false)};
  return kOk;
}

/// Recompiles on every save until SIGINT or SIGTERM arrives on `signals`. The next watch starts
/// before the compilation, so a save made while it runs is not missed (again after it when the
/// model's files changed, an import added).
int serve_until_stopped(Session& s, int signals, FolderWatch w) {
  for (;;) {
    if (w.fd < 0) {
      print_error("cannot watch the model's files (inotify)");
      return kUsage;
    }
    const WatchEnd end = wait_for_change(w, signals);
    if (end == WatchEnd::Stopped) return kOk;
    if (end == WatchEnd::Failed) {
      print_error("cannot watch the model's files (inotify)");
      return kUsage;
    }
    std::cerr << "moat: change detected; compiling again" << std::endl;
    w = start_watching(s.sources);
    const std::vector<std::string> before = s.sources;
    compile_and_publish(s);
    if (s.sources != before) {
      if (w.fd >= 0) ::close(w.fd);
      w = start_watching(s.sources);
    }
  }
}

}  // namespace

int run_serve(const ServeOptions& options) {
  const std::optional<std::int64_t> today = parse_today(options.analysis);
  if (!today) return kUsage;
  if (options.host.empty()) {
    print_error("--host needs an address (127.0.0.1, ::1, 0.0.0.0, or this machine's address)");
    return kUsage;
  }
  // SIGINT and SIGTERM are read from a signalfd by the watch loop, never delivered to a thread:
  // block them before the server starts its threads, which inherit the mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  const int signals = ::signalfd(-1, &stop_signals, SFD_CLOEXEC);
  if (signals < 0) {
    // Without it Ctrl-C would be blocked and never read: the server could not be stopped.
    pthread_sigmask(SIG_UNBLOCK, &stop_signals, nullptr);
    print_error("cannot read signals (signalfd): the server could not be stopped with Ctrl-C");
    return kUsage;
  }
  serve::Server server(
      {options.host, options.port, options.host != "127.0.0.1", options.max_pages});
  Session s{options, *today, server, {}, nullptr, 0, {}};
  if (!options.since.empty()) {
    if (const int exit = load_since(s); exit != kOk) return exit;
  }
  std::string why;
  if (!server.bind(why)) {
    print_error("cannot listen on {}:{}: {}", options.host, options.port, why);
    return kUsage;
  }
  if (const int exit = compile_and_publish(s); exit == kUsage) return exit;
  // Watched before the first page can be served: a save made as soon as the page shows the
  // first state must not be missed (it was, when the watch began after the server started).
  FolderWatch watch = start_watching(s.sources);
  server.start();
  std::cout << "moat: serving " << options.file << " at " << serve::page_url(server.listen())
            << " (Ctrl-C to stop)" << std::endl;
  if (!std::cout) {  // nobody could learn the address (with --port 0, not even the port)
    print_error("cannot write the page's address to standard output; stopping");
    server.stop();
    ::close(signals);
    return kUsage;
  }
  const int exit = serve_until_stopped(s, signals, std::move(watch));
  server.stop();
  ::close(signals);
  std::cerr << "moat: stopped" << std::endl;
  return exit;
}

}  // namespace moat::cli
