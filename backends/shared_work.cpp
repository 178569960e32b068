#include "backends/shared_work.hpp"

#include <algorithm>

namespace moat {

RenderResult SharedWork::diagram(const std::string& format, const Renderer& render) {
  const auto it = std::find(formats_.begin(), formats_.end(), format);
  if (it == formats_.end()) return render({format}).at(0);
  std::call_once(layout_once_, [&] { rendered_ = render(formats_); });
  return rendered_.at(static_cast<std::size_t>(it - formats_.begin()));
}

std::shared_ptr<const report::Document> SharedWork::report(
    const std::function<report::Document()>& build) {
  std::call_once(report_once_,
                 [&] { report_ = std::make_shared<const report::Document>(build()); });
  return report_;
}

std::shared_ptr<const std::vector<diagram::Sheet>> SharedWork::sheets(
    const std::function<std::vector<diagram::Sheet>()>& build) {
  std::call_once(sheets_once_,
                 [&] { sheets_ = std::make_shared<const std::vector<diagram::Sheet>>(build()); });
  return sheets_;
}

}  // namespace moat
