#pragma once
// How the CLI reports what stops a command, in one place: the "moat: error: ..." line for errors
// that have no place in a model, and the steps every command takes after compiling a model (say
// that the file cannot be read, print the diagnostics, stop on errors).
#include <iostream>
#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "compiler/compile.hpp"

namespace moat::cli {

/// "moat: error: MESSAGE\n", the message formatted like fmt::format.
template <typename... Args>
std::string error_line(fmt::format_string<Args...> format, Args&&... args) {
  return "moat: error: " + fmt::format(format, std::forward<Args>(args)...) + "\n";
}

/// Prints error_line(...) on standard error.
template <typename... Args>
void print_error(fmt::format_string<Args...> format, Args&&... args) {
  std::cerr << error_line(format, std::forward<Args>(args)...);
}

/// When the model file `name` could not be read: says so ("moat: error: cannot read 'NAME':
/// WHY") and returns kUsage. Otherwise returns kOk and prints nothing.
int require_readable(const Compilation& c, const std::string& name);

/// Prints the diagnostics of `c`, sorted (stale code locations last and folded, as
/// fold_stale_locations does), on standard error, every line after `prefix` (moat diff's
/// "old: " and "new: "); kModelErrors when any is an error (or the model did not compile),
/// else kOk.
int report_diagnostics(const Compilation& c, std::string_view prefix = {});

/// For a command that needs a model without errors: kUsage when the file could not be read,
/// kModelErrors (after printing the diagnostics) when the model has errors, and kOk, with
/// nothing printed, when it compiled.
int require_compiled(const Compilation& c, const std::string& name);

}  // namespace moat::cli
