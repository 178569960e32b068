#include "compiler/repositories.hpp"

#include <unordered_map>

#include "compiler/suggest.hpp"

namespace moat {

namespace {

bool name_first(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool name_other(char c) {
  return name_first(c) || (c >= '0' && c <= '9') || c == '-';
}
bool digit(char c) {
  return c >= '0' && c <= '9';
}

/// `12` or `3-9`: what follows a path's last ':' when it names lines.
bool line_range(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && digit(s[i])) ++i;
  if (i == 0) return false;
  if (i == s.size()) return true;
  if (s[i] != '-') return false;
  const std::size_t from = ++i;
  while (i < s.size() && digit(s[i])) ++i;
  return i > from && i == s.size();
}

bool starts_with_nocase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    const char c = s[i] >= 'A' && s[i] <= 'Z' ? static_cast<char>(s[i] - 'A' + 'a') : s[i];
    if (c != prefix[i]) return false;
  }
  return true;
}

}  // namespace

bool is_url(std::string_view location) {
  return starts_with_nocase(location, "https://") || starts_with_nocase(location, "http://");
}

RepositoryPart split_repository(const std::string& location) {
  if (location.empty() || is_url(location) || !name_first(location[0])) return {{}, location};
  std::size_t i = 1;
  while (i < location.size() && name_other(location[i])) ++i;
  if (i >= location.size() || location[i] != ':' || location[i - 1] == '-') return {{}, location};
  const std::string_view rest = std::string_view(location).substr(i + 1);
  if (rest.empty() || line_range(rest)) return {{}, location};
  return {location.substr(0, i), std::string(rest)};
}

void declare_repositories(const std::vector<const ast::Module*>& modules, ModelGraph& g,
                          DiagnosticSink& diags) {
  std::unordered_map<std::string, std::size_t> seen;
  for (const ast::Module* m : modules) {
    for (const ast::RepositoriesDecl& d : m->repositories) {
      for (const ast::Attribute& a : d.entries) {
        const auto [it, fresh] = seen.emplace(a.name.name, g.repositories.size());
        if (!fresh) {
          diags.report_duplicate(a.name.span, "repository", a.name.name,
                                 g.repositories[it->second].id_span);
          continue;
        }
        if (a.value.kind != ast::ValueKind::String || a.value.text.empty()) {
          diags.report(DiagKind::TypeMismatch, a.value.span,
                       "repository '" + a.name.name + "' expects its folder as a non-empty " +
                           "string, as in " + a.name.name + " = \"../" + a.name.name + "\"");
        }
        g.repositories.push_back({a.name.name, a.value.text, a.name.span, a.value.span});
      }
    }
  }
}

bool check_location_repository(const std::string& location, Span span, const ModelGraph& g,
                               DiagnosticSink& diags) {
  const RepositoryPart part = split_repository(location);
  if (part.repository.empty()) return true;
  std::vector<std::string_view> names;
  for (const RepositoryRec& r : g.repositories) {
    if (r.id == part.repository) return true;
    names.push_back(r.id);
  }
  // The name, inside the string's opening quote.
  const Span name{span.file, span.begin + 1,
                  span.begin + 1 + static_cast<std::uint32_t>(part.repository.size())};
  Diagnostic& d = diags.report(DiagKind::UnknownRepository, name,
                               "code location '" + location + "' names repository '" +
                                   part.repository + "', which the model does not declare");
  const std::string best = closest_match(part.repository, names);
  if (!best.empty()) {
    for (const RepositoryRec& r : g.repositories) {
      if (r.id == best) DiagnosticSink::suggest(d, best, r.id_span);
    }
  } else {
    d.notes.push_back({{},
                       "declare it with its folder, relative to the repository root: "
                       "repositories { " +
                           part.repository + " = \"../" + part.repository + "\" }"});
  }
  return false;
}

}  // namespace moat
