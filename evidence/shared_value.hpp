#pragma once
// An immutable value that many scanner results share. A log's results repeat the same few rule
// ids, rule names, tags, severities and messages; the SARIF reader keeps one copy of each
// (evidence/interner.hpp) and every result that carries it points there, so memory grows with
// the number of results, not with the text each repeats (docs/performance.md, "Scanner
// evidence").
#include <cstdint>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace moat {

template <class T>
class Shared {
 public:
  Shared() = default;
  /// A value of its own (tests, and values no other result has).
  template <class U,
            std::enable_if_t<
                !std::is_same_v<std::decay_t<U>, Shared> && std::is_convertible_v<U, T>, int> = 0>
  Shared(U&& value) : value_(std::make_shared<const T>(std::forward<U>(value))) {}

  const T& operator*() const { return value_ ? *value_ : empty_value(); }
  const T* operator->() const { return &**this; }
  operator const T&() const { return **this; }
  bool empty() const { return (**this).empty(); }
  friend bool operator==(const Shared& a, const T& b) { return *a == b; }

 private:
  static const T& empty_value() {
    static const T empty{};
    return empty;
  }
  std::shared_ptr<const T> value_;
};

using SharedText = Shared<std::string>;
using SharedTexts = Shared<std::vector<std::string>>;
using SharedNumbers = Shared<std::vector<std::uint32_t>>;

}  // namespace moat
