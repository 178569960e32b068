#include "backends/registry.hpp"

#include <algorithm>

namespace moat {

namespace {
std::vector<Backend>& table() {
  static std::vector<Backend> registered;  // filled by static registrations before main()
  return registered;
}
}  // namespace

BackendRegistration::BackendRegistration(Backend backend) {
  table().push_back(std::move(backend));
}

std::vector<Backend> backends() {
  std::vector<Backend> out = table();
  std::sort(out.begin(), out.end(), [](const Backend& a, const Backend& b) {
    return a.order != b.order ? a.order < b.order : a.format < b.format;
  });
  return out;
}

}  // namespace moat
