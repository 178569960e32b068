#pragma once
// The ids the compiler derives for flows declared without a name, and the help a user gets
// when a target names a flow by a derived id that does not resolve (docs/language.md, "Flow ids").
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace moat {

/// The id of a flow without a name: "SOURCE_to_TARGET", plus "__" and a slug of the title (its
/// ASCII letters and digits in lower case, each other run of characters one '_'). Always an
/// identifier of the language, so every threat id can be written in a target.
std::string derived_flow_id(const std::string& source, const std::string& target,
                            const std::optional<std::string>& title);

/// `text` as a slug: its ASCII letters and digits in lower case, each other run of characters
/// one '_', none at either end ("Read & write" -> "read_write"); empty when nothing is left.
std::string slug(std::string_view text);

/// The id of the reverse direction of the two-way flow `id`: "ID-reverse".
std::string reverse_flow_id(std::string_view id);

/// A way to read `text` as a derived flow id: the endpoint ids it names.
struct FlowIdParts {
  std::string source, target;
};

/// The readings of `text` as a derived flow id, in the current form ("a_to_b__slug") or the
/// form before identifiers were required ("a-to-b--slug"): one per "_to_" or "-to-" in it.
/// A trailing ".SUFFIX" (a target's category or rule) is ignored.
std::vector<FlowIdParts> read_flow_id(std::string_view text);

/// The advice for a target naming a flow by a derived id: name the flow, as in
/// "flow NAME: SOURCE -> TARGET ...", and write NAME.
std::string name_the_flow(const FlowIdParts& parts);

/// `text` in the old derived form ("a-to-b--read-write") written in the current one
/// ("a_to_b__read_write"); empty when `text` is not in the old form.
std::string current_form(std::string_view text);

/// When a syntax error at byte `at` of `text` falls on a '-' inside a word written in the old
/// derived form ("api-to-db--read", which is not an identifier), the note that says how to
/// write it; empty otherwise.
std::string old_flow_id_note(std::string_view text, std::size_t at);

}  // namespace moat
