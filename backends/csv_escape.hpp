#pragma once
// Writing CSV (RFC 4180) that is safe to open in a spreadsheet: fields are quoted when they
// hold a comma, a quote or a line break, and a field that a spreadsheet would read as a
// formula gets a leading apostrophe (OWASP, "CSV Injection").
#include <string>
#include <string_view>
#include <vector>

namespace moat {

/// One field, neutralised and quoted as needed: a field starting with '=', '+', '-', '@', a tab
/// or a carriage return is prefixed with '\''; a field containing ',', '"', CR or LF is put in
/// double quotes with its quotes doubled.
std::string csv_field(std::string_view text);

/// A record: the fields joined by commas, ended with CRLF.
std::string csv_record(const std::vector<std::string>& fields);

}  // namespace moat
