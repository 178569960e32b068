#include "backends/graphviz_render.hpp"

#include <dlfcn.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include <graphviz/graphviz_version.h>
#include <graphviz/gvc.h>
#include <graphviz/gvplugin.h>
#include <graphviz/types.h>

#include <fmt/format.h>

#include "backends/graphviz_text.hpp"

namespace moat::diagram {

namespace {

std::mutex& graphviz_mutex() {
  static std::mutex m;
  return m;
}

// Everything Graphviz reports in the current session; guarded by graphviz_mutex().
std::string g_log;

// Graphviz hands its messages over in pieces ("Error", ": ", the text), so keep them whole and
// sort errors from warnings afterwards.
int capture(char* text) {
  g_log += text;
  return 0;
}

/// The lines of `log` that belong to errors: "Error: ..." and the continuations after it.
std::string error_lines(const std::string& log) {
  std::string out;
  bool error = false;
  std::size_t at = 0;
  while (at < log.size()) {
    std::size_t end = log.find('\n', at);
    if (end == std::string::npos) end = log.size();
    const std::string_view line(log.data() + at, end - at);
    if (line.starts_with("Error: "))
      error = true;
    else if (line.starts_with("Warning: "))
      error = false;
    if (error && !line.empty())
      out += std::string(line.starts_with("Error: ") ? line.substr(7) : line) + "\n";
    at = end + 1;
  }
  if (!out.empty()) out.pop_back();
  return out;
}

// The core (DOT, SVG) and dot_layout plugins, registered as builtins like Graphviz's own
// dot_builtins.c does, so DOT and SVG work without the plugin configuration file that
// `dot -c` writes. Debian installs the plugins outside the linker's path (CMake links only
// libgvc and libcgraph), so instead of `extern gvplugin_library_t ..._LTX_library` we load
// them from Graphviz's own plugin folder, found next to the loaded libgvc, and look the same
// symbols up. They stay loaded: Graphviz keeps pointers into them. `measured` adds moat's own
// text measure (graphviz_text.hpp), which every layout uses except a PNG's (see
// layout_and_render).
struct Builtins {
  lt_symlist_t plain[3] = {};
  lt_symlist_t measured[4] = {};
  std::string dir;  ///< Graphviz's plugin folder
  std::string error;
};

void* load_plugin(const std::filesystem::path& dir, const char* name, std::string& error) {
  const std::string file =
      (dir / fmt::format("libgvplugin_{}.so.{}", name, GVPLUGIN_VERSION)).string();
  void* handle = dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    error = fmt::format("cannot load Graphviz's {} plugin: {}", name, dlerror());
    return nullptr;
  }
  void* library = dlsym(handle, fmt::format("gvplugin_{}_LTX_library", name).c_str());
  if (!library) error = fmt::format("Graphviz's {} plugin ({}) has no plugin library", name, file);
  return library;
}

Builtins load_builtins() {
  Builtins b;
  void* address = nullptr;
  const auto fn = &gvContextPlugins;
  std::memcpy(&address, &fn, sizeof address);
  Dl_info info{};
  if (dladdr(address, &info) == 0 || !info.dli_fname) {
    b.error = "cannot locate the Graphviz library libgvc";
    return b;
  }
  const auto dir = std::filesystem::path(info.dli_fname).parent_path() / "graphviz";
  b.dir = dir.string();
  b.plain[0] = {"gvplugin_core_LTX_library", load_plugin(dir, "core", b.error)};
  b.plain[1] = {"gvplugin_dot_layout_LTX_library", load_plugin(dir, "dot_layout", b.error)};
  b.measured[0] = b.plain[0];
  b.measured[1] = b.plain[1];
  b.measured[2] = {"gvplugin_moat_text_LTX_library", text_layout_library()};
  return b;
}

const Builtins& builtins() {
  static const Builtins b = load_builtins();
  return b;
}

struct ContextFree {
  void operator()(GVC_t* gvc) const { gvFreeContext(gvc); }
};
using ContextPtr = std::unique_ptr<GVC_t, ContextFree>;

/// Whether the context can render `format` (a device plugin of that name is installed).
bool has_device(GVC_t* gvc, const std::string& format) {
  int count = 0;
  char** names = gvPluginList(gvc, "device", &count, nullptr);
  bool found = false;
  for (int i = 0; i < count; ++i) {
    found = found || format == names[i];
    std::free(names[i]);
  }
  std::free(names);
  return found;
}

std::string no_png(const std::string& dir) {
  return fmt::format(
      "PNG needs a Graphviz PNG renderer (the cairo plugin libgvplugin_pango.so.{0}, from Debian's "
      "libgvc6 package) registered in Graphviz's plugin configuration {1}/config{0}a (or the "
      "folder $GVBINDIR names); install libgvc6 and run `sudo libgvc6-config-update -c` (or "
      "`sudo dot -c`), or build the dot, svg or mermaid formats instead",
      GVPLUGIN_VERSION, dir);
}

/// Renders a laid-out graph; frees the render data before returning.
RenderResult render(GVC_t* gvc, Agraph_t* g, const std::string& format) {
  char* data = nullptr;
  unsigned int length = 0;
  RenderResult r;
  if (gvRenderData(gvc, g, format.c_str(), &data, &length) != 0 || !data)
    r.error = "rendering failed";
  else
    r.bytes.assign(data, length);
  if (data) gvFreeRenderData(data);
  return r;
}

/// A raster of a large diagram is huge (a 2,000-element model: 8,000 x 15,000 pixels, half a
/// gigabyte for cairo): PNGs are capped at 60 inches a side (5,760 pixels), scaled down. The
/// cap is the `size` attribute, which Graphviz reads into the layout's drawing record when it
/// lays out; the one layout serves SVG (uncapped) first, so the PNG sets the record itself.
void cap_raster_size(Agraph_t* g) {
  constexpr double kMaxPoints = 60 * 72;
  GD_drawing(g)->size = {kMaxPoints, kMaxPoints};
  GD_drawing(g)->filled = false;
}

/// Renders the laid-out `g` as `format`, with the errors Graphviz reported meanwhile.
RenderResult render_format(const GraphvizSession& session, GVC_t* gvc, Agraph_t* g,
                           const std::string& format, const std::string& plugin_dir) {
  if (!has_device(gvc, format))
    return {{}, format == "png" ? no_png(plugin_dir) : "Graphviz cannot render " + format};
  if (format == "png") cap_raster_size(g);
  RenderResult r = render(gvc, g, format);
  const std::string why = session.errors();
  if (!why.empty())
    r = {{}, "Graphviz reported: " + why};
  else if (!r.error.empty())
    r.error = "Graphviz could not render " + format;
  return r;
}

}  // namespace

GraphvizSession::GraphvizSession() : lock_(graphviz_mutex()) {
  g_log.clear();
  // Level AGWARN: warnings and errors both reach the handler, none goes to stderr.
  previous_level_ = agseterr(AGWARN);
  agreseterrors();
  previous_handler_ = agseterrf(&capture);
}

GraphvizSession::~GraphvizSession() {
  agseterrf(previous_handler_);
  agseterr(previous_level_);
}

std::string GraphvizSession::errors() const {
  return error_lines(g_log);
}

std::size_t laid_out_crossings(GraphPtr g) {
  const Builtins& b = builtins();
  if (!b.error.empty()) return SIZE_MAX;
  ContextPtr gvc(gvContextPlugins(b.measured, 0));
  if (!gvc) return SIZE_MAX;
  std::size_t count = SIZE_MAX;
  if (gvLayout(gvc.get(), g.get(), "dot") == 0) count = count_crossings(g.get());
  gvFreeLayout(gvc.get(), g.get());
  g.reset();
  return count;
}

std::vector<RenderResult> layout_and_render(const GraphvizSession& session, GraphPtr g,
                                            const std::vector<std::string>& formats,
                                            std::pair<double, double>* bounds) {
  std::vector<RenderResult> out(formats.size());
  auto fail_all = [&](const std::string& why) {
    for (RenderResult& r : out) r = {{}, why};
    return out;
  };
  const Builtins& b = builtins();
  if (!b.error.empty()) return fail_all(b.error);
  // Two layouts at most. Every format but PNG is laid out with moat's text measure, so it is
  // the same on every machine. Cairo draws a PNG's text only from the layout pango made of it
  // (with moat's measure it would draw none), so a PNG is laid out again with the system's
  // plugins (demand loading: the cairo renderer and pango's measure, with the installed fonts).
  const bool any_png = std::find(formats.begin(), formats.end(), "png") != formats.end();
  const bool only_png = any_png && std::all_of(formats.begin(), formats.end(),
                                               [](const std::string& f) { return f == "png"; });
  for (const bool png : {false, true}) {
    if (png ? !any_png : only_png) continue;
    std::vector<std::size_t> these;
    for (std::size_t i = 0; i < formats.size(); ++i) {
      if ((formats[i] == "png") == png) these.push_back(i);
    }
    const bool last = png || !any_png;
    // Declared before the layout so that it is freed last, after the graph.
    ContextPtr gvc(gvContextPlugins(png ? b.plain : b.measured, png ? 1 : 0));
    if (!gvc) return fail_all("cannot create a Graphviz context");
    if (gvLayout(gvc.get(), g.get(), "dot") != 0) {
      const std::string why = session.errors();
      gvFreeLayout(gvc.get(), g.get());
      g.reset();
      return fail_all("Graphviz could not lay the diagram out" + (why.empty() ? "" : ": " + why));
    }
    if (bounds && these.front() == 0) {
      const boxf bb = GD_bb(g.get());
      *bounds = {bb.UR.x - bb.LL.x, bb.UR.y - bb.LL.y};
    }
    for (std::size_t i : these)
      out[i] = render_format(session, gvc.get(), g.get(), formats[i], b.dir);
    gvFreeLayout(gvc.get(), g.get());
    if (last) g.reset();
  }
  return out;
}

}  // namespace moat::diagram
