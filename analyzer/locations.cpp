#include "analyzer/locations.hpp"

#include <fnmatch.h>

#include <charconv>
#include <filesystem>
#include <unordered_map>

#include "compiler/loader.hpp"

namespace moat {

namespace fs = std::filesystem;

ParsedLocation parse_location(const std::string& text) {
  ParsedLocation loc{text, 0, 0};
  const std::size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon + 1 == text.size()) return loc;
  const std::string tail = text.substr(colon + 1);
  std::uint32_t a = 0, b = 0;
  const std::size_t dash = tail.find('-');
  const std::string first = tail.substr(0, dash),
                    last = dash == std::string::npos ? first : tail.substr(dash + 1);
  auto number = [](const std::string& s, std::uint32_t& out) {
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return !s.empty() && ec == std::errc() && p == s.data() + s.size() && out > 0;
  };
  if (!number(first, a) || !number(last, b) || b < a) return loc;
  return {text.substr(0, colon), a, b};
}

bool stays_inside(const std::string& path) {
  const fs::path p(path);
  if (p.is_absolute() || p.has_root_name()) return false;
  int depth = 0;
  for (const fs::path& part : p.lexically_normal()) {
    if (part == "..")
      --depth;
    else if (part != "." && !part.empty())
      ++depth;
    if (depth < 0) return false;
  }
  return true;
}

namespace {

bool is_glob(const std::string& s) {
  return s.find_first_of("*?[") != std::string::npos;
}

class Checker {
 public:
  Checker(const ModelGraph& g, const LocationOptions& o, DiagnosticSink& d)
      : g_(g), options_(o), diags_(d) {
    std::error_code ec;
    root_ = fs::weakly_canonical(o.root.empty() ? fs::path(".") : fs::path(o.root), ec);
    // Messages name the root as the user would reach it from here: stable across checkouts.
    shown_root_ = fs::relative(root_, fs::current_path(ec), ec).generic_string();
    if (shown_root_.empty()) shown_root_ = root_.generic_string();
  }

  void run() {
    for (const LocationRef& ref : g_.locations) check(g_.strings[ref.string], ref.span);
  }

 private:
  void stale(Span span, const std::string& message) {
    diags_.report(DiagKind::StaleLocation, options_.strict ? Severity::Error : Severity::Warning,
                  span, message);
  }

  void check(const std::string& text, Span span) {
    const ParsedLocation loc = parse_location(text);
    if (!stays_inside(loc.path)) {
      diags_
          .report(DiagKind::LocationOutsideRoot, span,
                  "code location '" + loc.path + "' is not inside the repository root")
          .notes.push_back({{}, "write it relative to the repository root (" + shown_root_ + ")"});
      return;
    }
    if (is_glob(loc.path)) {
      if (!glob_matches(loc.path))
        stale(span, "no file under the repository root matches '" + loc.path + "'");
      return;
    }
    std::error_code ec;
    const fs::path full = root_ / loc.path;
    if (!fs::exists(full, ec)) {
      stale(span, "code location '" + loc.path + "' does not exist under the repository root (" +
                      shown_root_ + ")");
      return;
    }
    // A symlink may point anywhere: the resolved path must still be inside the root.
    const fs::path real = fs::canonical(full, ec);
    const auto mismatch = std::mismatch(root_.begin(), root_.end(), real.begin(), real.end());
    if (ec || mismatch.first != root_.end()) {
      diags_.report(DiagKind::LocationOutsideRoot, span,
                    "code location '" + loc.path + "' resolves outside the repository root");
      return;
    }
    if (loc.first == 0) return;
    const std::size_t lines = line_count(real);
    if (loc.last > lines) {
      stale(span, "line " + std::to_string(loc.last) + " is past the end of '" + loc.path + "' (" +
                      std::to_string(lines) + (lines == 1 ? " line)" : " lines)"));
    }
  }

  std::size_t line_count(const fs::path& file) {
    auto it = lines_.find(file.string());
    if (it != lines_.end()) return it->second;
    std::string text, error;
    std::size_t n = 0;
    if (read_file(file.string(), text, error)) {
      n = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
      if (!text.empty() && text.back() != '\n') ++n;
    }
    lines_.emplace(file.string(), n);
    return n;
  }

  bool glob_matches(const std::string& pattern) {
    if (files_.empty()) {
      std::error_code ec;
      for (auto it = fs::recursive_directory_iterator(
               root_, fs::directory_options::skip_permission_denied, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_directory() && it->path().filename() == ".git") {
          it.disable_recursion_pending();
          continue;
        }
        if (it->is_regular_file())
          files_.push_back(fs::relative(it->path(), root_).generic_string());
      }
    }
    for (const std::string& f : files_) {
      if (::fnmatch(pattern.c_str(), f.c_str(), 0) == 0) return true;
    }
    return false;
  }

  const ModelGraph& g_;
  const LocationOptions& options_;
  DiagnosticSink& diags_;
  fs::path root_;
  std::string shown_root_;
  std::unordered_map<std::string, std::size_t> lines_;
  std::vector<std::string> files_;
};

}  // namespace

void check_locations(const ModelGraph& g, const LocationOptions& options, DiagnosticSink& diags) {
  Checker(g, options, diags).run();
}

}  // namespace moat
