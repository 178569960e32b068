#include "cli/line_diff.hpp"

#include <algorithm>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>

namespace moat::cli {
namespace {

/// A text split into lines; `terminated` is false when its last line has no line break.
struct Lines {
  std::vector<std::string_view> text;
  bool terminated = true;
};

Lines split(std::string_view s) {
  Lines out;
  std::size_t start = 0;
  while (start < s.size()) {
    const std::size_t nl = s.find('\n', start);
    if (nl == std::string_view::npos) {
      out.text.push_back(s.substr(start));
      out.terminated = false;
      break;
    }
    out.text.push_back(s.substr(start, nl - start));
    start = nl + 1;
  }
  return out;
}

/// Lines as integers (equal lines, equal ids), so the LCS compares ints. A last line without a
/// line break differs from the same text with one, as in `diff`.
class Interner {
 public:
  std::vector<int> ids(const Lines& lines) {
    std::vector<int> out;
    out.reserve(lines.text.size());
    for (std::size_t k = 0; k < lines.text.size(); ++k) {
      std::string key(lines.text[k]);
      if (k + 1 < lines.text.size() || lines.terminated) key += '\n';
      out.push_back(map_.emplace(std::move(key), static_cast<int>(map_.size())).first->second);
    }
    return out;
  }

 private:
  std::unordered_map<std::string, int> map_;
};

using Span = std::pair<const int*, std::size_t>;

/// row[j] = LCS length of `a` and the first j items of `b` (or, reversed, of both suffixes).
void lcs_row(Span a, Span b, bool reversed, std::vector<std::size_t>& row) {
  row.assign(b.second + 1, 0);
  for (std::size_t i = 0; i < a.second; ++i) {
    const int x = reversed ? a.first[a.second - 1 - i] : a.first[i];
    std::size_t diagonal = 0;
    for (std::size_t j = 1; j <= b.second; ++j) {
      const int y = reversed ? b.first[b.second - j] : b.first[j - 1];
      const std::size_t above = row[j];
      row[j] = x == y ? diagonal + 1 : std::max(row[j], row[j - 1]);
      diagonal = above;
    }
  }
}

/// Hirschberg: marks in `keep_a`/`keep_b` the lines of one longest common subsequence.
void lcs(Span a, std::size_t a0, Span b, std::size_t b0, std::vector<bool>& keep_a,
         std::vector<bool>& keep_b) {
  if (a.second == 0 || b.second == 0) return;
  if (a.second == 1) {
    const int* hit = std::find(b.first, b.first + b.second, a.first[0]);
    if (hit != b.first + b.second) {
      keep_a[a0] = true;
      keep_b[b0 + static_cast<std::size_t>(hit - b.first)] = true;
    }
    return;
  }
  const std::size_t mid = a.second / 2;
  std::vector<std::size_t> front, back;
  lcs_row({a.first, mid}, b, false, front);
  lcs_row({a.first + mid, a.second - mid}, b, true, back);
  std::size_t split = 0, best = 0;
  for (std::size_t j = 0; j <= b.second; ++j) {
    if (front[j] + back[b.second - j] > best || j == 0) {
      best = front[j] + back[b.second - j];
      split = j;
    }
  }
  lcs({a.first, mid}, a0, {b.first, split}, b0, keep_a, keep_b);
  lcs({a.first + mid, a.second - mid}, a0 + mid, {b.first + split, b.second - split}, b0 + split,
      keep_a, keep_b);
}

/// Patience-style anchoring: lines that occur exactly once in both ranges, in the longest run
/// that keeps their order (a longest increasing subsequence), split a large problem into small
/// ones; Hirschberg's exact LCS runs on the pieces. On models, most lines are unique, so a large
/// diff costs little more than sorting.
class Matcher {
 public:
  Matcher(const std::vector<int>& a, const std::vector<int>& b)
      : keep_a(a.size(), false), keep_b(b.size(), false), a_(a), b_(b) {}

  void match(std::size_t a0, std::size_t a1, std::size_t b0, std::size_t b1) {
    while (a0 < a1 && b0 < b1 && a_[a0] == b_[b0]) keep(a0++, b0++);
    while (a0 < a1 && b0 < b1 && a_[a1 - 1] == b_[b1 - 1]) keep(--a1, --b1);
    if (a0 == a1 || b0 == b1) return;
    const std::vector<std::pair<std::size_t, std::size_t>> anchors =
        (a1 - a0) * (b1 - b0) > kSmall ? unique_anchors(a0, a1, b0, b1)
                                       : decltype(unique_anchors(0, 0, 0, 0)){};
    if (anchors.empty()) {
      lcs({a_.data() + a0, a1 - a0}, a0, {b_.data() + b0, b1 - b0}, b0, keep_a, keep_b);
      return;
    }
    for (const auto& [i, j] : anchors) {
      match(a0, i, b0, j);
      keep(i, j);
      a0 = i + 1;
      b0 = j + 1;
    }
    match(a0, a1, b0, b1);
  }

  std::vector<bool> keep_a, keep_b;

 private:
  static constexpr std::size_t kSmall = 1 << 20;

  void keep(std::size_t i, std::size_t j) {
    keep_a[i] = true;
    keep_b[j] = true;
  }

  std::vector<std::pair<std::size_t, std::size_t>> unique_anchors(std::size_t a0, std::size_t a1,
                                                                  std::size_t b0,
                                                                  std::size_t b1) const {
    struct Seen {
      std::size_t in_a = 0, in_b = 0, at_a = 0, at_b = 0;
    };
    std::unordered_map<int, Seen> seen;
    for (std::size_t i = a0; i < a1; ++i) {
      Seen& s = seen[a_[i]];
      ++s.in_a;
      s.at_a = i;
    }
    for (std::size_t j = b0; j < b1; ++j) {
      Seen& s = seen[b_[j]];
      ++s.in_b;
      s.at_b = j;
    }
    std::vector<std::pair<std::size_t, std::size_t>> pairs;
    for (std::size_t i = a0; i < a1; ++i) {
      const Seen& s = seen[a_[i]];
      if (s.in_a == 1 && s.in_b == 1) pairs.emplace_back(i, s.at_b);
    }
    return longest_increasing(pairs);
  }

  /// The longest subsequence of `pairs` (sorted by first) whose second members increase.
  static std::vector<std::pair<std::size_t, std::size_t>> longest_increasing(
      const std::vector<std::pair<std::size_t, std::size_t>>& pairs) {
    std::vector<std::size_t> tails, prev(pairs.size(), static_cast<std::size_t>(-1));
    for (std::size_t k = 0; k < pairs.size(); ++k) {
      auto it = std::lower_bound(tails.begin(), tails.end(), pairs[k].second,
                                 [&](std::size_t t, std::size_t v) { return pairs[t].second < v; });
      if (it != tails.begin()) prev[k] = *(it - 1);
      if (it == tails.end()) {
        tails.push_back(k);
      } else {
        *it = k;
      }
    }
    std::vector<std::pair<std::size_t, std::size_t>> out;
    for (std::size_t k = tails.empty() ? prev.size() : tails.back(); k < prev.size(); k = prev[k])
      out.push_back(pairs[k]);
    std::reverse(out.begin(), out.end());
    return out;
  }

  const std::vector<int>& a_;
  const std::vector<int>& b_;
};

struct Op {
  char kind;         ///< ' ' kept, '-' removed, '+' added
  std::size_t a, b;  ///< line indexes in each text (for '+', a is where it goes, and so on)
};

std::vector<Op> edit_script(const std::vector<int>& a, const std::vector<int>& b) {
  Matcher m(a, b);
  m.match(0, a.size(), 0, b.size());
  std::vector<Op> ops;
  std::size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && !m.keep_a[i]) {
      ops.push_back({'-', i++, j});
    } else if (j < b.size() && !m.keep_b[j]) {
      ops.push_back({'+', i, j++});
    } else {
      ops.push_back({' ', i++, j++});
    }
  }
  return ops;
}

std::string range(std::size_t start, std::size_t count) {
  if (count == 1) return fmt::format("{}", start + 1);
  return fmt::format("{},{}", count == 0 ? start : start + 1, count);
}

void print_hunk(const std::vector<Op>& ops, std::size_t from, std::size_t to, const Lines& a,
                const Lines& b, std::string& out) {
  std::size_t na = 0, nb = 0;
  for (std::size_t k = from; k < to; ++k) {
    na += ops[k].kind != '+';
    nb += ops[k].kind != '-';
  }
  out += fmt::format("@@ -{} +{} @@\n", range(ops[from].a, na), range(ops[from].b, nb));
  for (std::size_t k = from; k < to; ++k) {
    const Op& op = ops[k];
    const bool from_a = op.kind != '+';
    const Lines& side = from_a ? a : b;
    const std::size_t line = from_a ? op.a : op.b;
    out += op.kind;
    out += side.text[line];
    out += '\n';
    if (line + 1 == side.text.size() && !side.terminated) out += "\\ No newline at end of file\n";
  }
}

}  // namespace

std::string unified_diff(std::string_view before, std::string_view after, const std::string& name,
                         std::size_t context) {
  if (before == after) return {};
  const Lines a = split(before), b = split(after);
  Interner interner;
  const std::vector<int> ia = interner.ids(a), ib = interner.ids(b);
  const std::vector<Op> ops = edit_script(ia, ib);
  std::string out = fmt::format("--- a/{}\n+++ b/{}\n", name, name);
  std::size_t k = 0;
  while (k < ops.size()) {
    while (k < ops.size() && ops[k].kind == ' ') ++k;
    if (k == ops.size()) break;
    const std::size_t from = k > context ? k - context : 0;
    std::size_t last = k;  // the last change of the hunk
    for (std::size_t n = k + 1; n < ops.size() && n <= last + 2 * context + 1; ++n) {
      if (ops[n].kind != ' ') last = n;
    }
    const std::size_t to = std::min(ops.size(), last + context + 1);
    print_hunk(ops, from, to, a, b, out);
    k = to;
  }
  return out;
}

}  // namespace moat::cli
