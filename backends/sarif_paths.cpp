#include "backends/sarif_paths.hpp"

#include <filesystem>

#include "analyzer/locations.hpp"
#include "compiler/repositories.hpp"

namespace moat {

namespace fs = std::filesystem;

namespace {

bool has_scheme(std::string_view text) {
  const std::size_t colon = text.find("://");
  if (colon == std::string_view::npos || colon == 0) return false;
  for (std::size_t i = 0; i < colon; ++i) {
    const char c = text[i];
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!alpha && (i == 0 || !((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')))
      return false;
  }
  return true;
}

/// Absolute, normalised, with symlinks in its existing prefix resolved.
fs::path resolved(const fs::path& p) {
  std::error_code ec;
  fs::path abs = fs::absolute(p, ec);
  if (ec) abs = p;
  fs::path canonical = fs::weakly_canonical(abs, ec);
  return ec ? abs.lexically_normal() : canonical;
}

std::optional<std::string> relative_inside(const fs::path& path, const std::string& root) {
  std::string rel = resolved(path).lexically_relative(resolved(root)).generic_string();
  while (rel.size() > 1 && rel.back() == '/') rel.pop_back();
  if (rel.empty() || rel == "." || rel == ".." || rel.starts_with("../")) return std::nullopt;
  return rel;
}

}  // namespace

CodeLocation parse_code_location(const std::string& text) {
  CodeLocation loc;
  if (has_scheme(text)) {
    loc.external = true;
    loc.path = text;
    return loc;
  }
  // Another repository's files are not part of the repository this log is uploaded for.
  loc.other_repository = !split_repository(text).repository.empty();
  ParsedLocation parsed = parse_location(text);
  loc.first_line = parsed.first;
  loc.last_line = parsed.last;
  loc.glob = parsed.path.find_first_of("*?[") != std::string::npos;
  loc.directory = !parsed.path.empty() && parsed.path.back() == '/';
  while (!parsed.path.empty() && parsed.path.back() == '/') parsed.path.pop_back();
  loc.path = std::move(parsed.path);
  return loc;
}

std::optional<std::string> source_path_in_repo(const std::string& path, const std::string& root) {
  return relative_inside(fs::path(path), root);
}

std::optional<std::string> code_path_in_repo(const std::string& path, const std::string& root) {
  if (path.empty()) return std::nullopt;
  const fs::path p(path);
  return relative_inside(p.is_absolute() ? p : fs::path(root) / p, root);
}

std::string uri_reference(std::string_view relative_path) {
  static const char* const kHex = "0123456789ABCDEF";
  std::string out;
  out.reserve(relative_path.size());
  for (const char ch : relative_path) {
    const auto c = static_cast<unsigned char>(ch);
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       std::string_view("-._~/!$&'()*+,;=@").find(ch) != std::string_view::npos;
    if (plain) {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xf];
    }
  }
  return out;
}

std::string fnv1a64_hex(std::string_view text) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (const char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ull;
  }
  static const char* const kHex = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<std::size_t>(i)] = kHex[h & 0xf];
  return out;
}

}  // namespace moat
