#pragma once
// One copy of each text a SARIF log repeats (rule ids, messages, paths, baseline states): the
// reader asks for a text and gets the copy that earlier results with the same text share. The
// table's keys view the shared copies, so a text is stored once however often it recurs.
#include <string>
#include <string_view>
#include <unordered_map>

#include "evidence/shared_value.hpp"

namespace moat {

class Interner {
 public:
  /// The shared copy of `text`; empty text shares nothing.
  SharedText operator()(std::string_view text) {
    if (text.empty()) return {};
    const auto it = texts_.find(text);
    if (it != texts_.end()) return it->second;
    SharedText shared{std::string(text)};
    texts_.emplace(std::string_view(*shared), shared);
    return shared;
  }

 private:
  std::unordered_map<std::string_view, SharedText> texts_;
};

}  // namespace moat
