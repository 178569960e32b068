#include "evidence/scan_result.hpp"

namespace moat {

const char* level_name(SarifLevel level) {
  switch (level) {
    case SarifLevel::None:
      return "none";
    case SarifLevel::Note:
      return "note";
    case SarifLevel::Warning:
      return "warning";
    case SarifLevel::Error:
      return "error";
  }
  return "warning";
}

const char* log_date_name(LogDate date) {
  switch (date) {
    case LogDate::None:
      return nullptr;
    case LogDate::Invocation:
      return "invocation";
    case LogDate::Commit:
      return "commit";
  }
  return nullptr;
}

const char* scan_state_name(ScanState state) {
  switch (state) {
    case ScanState::Present:
      return "present";
    case ScanState::Missing:
      return "missing";
    case ScanState::Stale:
      return "stale";
    case ScanState::Unreadable:
      return "unreadable";
  }
  return "missing";
}

std::string location_text(const ScanLocation& where) {
  return where.line == 0 ? *where.path : *where.path + ":" + std::to_string(where.line);
}

std::string ScanEvidence::tool_name(const SarifResult& r) const {
  const std::string& name = r.tool < tools.size() ? tools[r.tool] : std::string();
  return name.empty() ? "unnamed tool" : name;
}

std::string ScanEvidence::summary_line() const {
  const std::size_t n = results.size();
  return "evidence: " + std::to_string(n) + (n == 1 ? " result" : " results") + " from " +
         std::to_string(tools.size()) + (tools.size() == 1 ? " tool" : " tools") + ", " +
         std::to_string(outside.size()) + " outside the model\n";
}

}  // namespace moat
