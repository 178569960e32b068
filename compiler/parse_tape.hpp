#pragma once
// The parse tape: what the parser's control class records of one statement while PEGTL matches
// it, in place of PEGTL's generic parse tree. Each record is a selected rule that matched (its
// kind, its text, the records of its children after it); records of an attempt that failed are
// dropped by truncating the tape. The tape and its child index are reused from one statement to
// the next, so a statement costs no allocation: the parse tree allocated a node, and a vector of
// children, for every attempt of every rule above a selected one, which made node handling a
// third of the parse (docs/performance.md).
//
// Included only by compiler/parser.cpp (it needs the grammar, whose headers stay out of every
// other file).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "grammar/errors.hpp"
#include "grammar/grammar.hpp"

namespace moat::tape {

namespace g = moat::grammar;

/// The rules the parser records: X(rule) for each. Every other rule leaves no record.
// clang-format off
#define MOAT_TAPE_RULES(X) \
  X(decl_id) X(title) X(model_title) X(attr_name) X(attribute) X(string_lit) X(date_lit) \
  X(duration_lit) X(number_lit) X(control_lit) X(true_lit) X(false_lit) X(ref_value) \
  X(list_lit) X(element_decl) X(flow_decl) X(flow_name_id) X(flow_source) X(flow_target) \
  X(bidi_arrow) X(uni_arrow) X(boundary_decl) X(model_decl) X(use_decl) X(module_name) \
  X(import_decl) X(import_path) X(repositories_decl) X(enum_decl) X(kw_ordered) \
  X(enum_member) X(schema_decl) X(schema_kind) X(field) X(field_name) X(type_expr) \
  X(type_name) X(list_type) X(inline_enum) X(optional_mark) X(rule_decl) X(when_attr) \
  X(negation) X(call_expr) X(func_name) X(path_expr) X(op_eq) X(op_ne) X(op_le) X(op_ge) \
  X(op_lt) X(op_gt) X(op_in) X(threat_decl) X(mitigation_decl) X(assumption_decl) \
  X(accept_decl) X(accept_target) X(dismiss_decl) X(dismiss_target) X(criterion_decl) \
  X(attest_decl) X(control_id) X(test_decl) X(test_title) X(expect_stmt) X(expect_negated) \
  X(expect_rule) X(expect_element) X(classify_decl) X(scan_decl) X(paren_expr) X(expr) \
  X(or_expr) X(or_rhs) X(and_expr) X(and_rhs) X(compare_expr) X(compare_rhs)
// clang-format on

enum class Tag : std::uint8_t {
  None,
#define MOAT_TAPE_TAG(rule) rule,
  MOAT_TAPE_RULES(MOAT_TAPE_TAG)
#undef MOAT_TAPE_TAG
};

template <typename Rule>
inline constexpr Tag tag_of = Tag::None;
#define MOAT_TAPE_TAG_OF(rule) \
  template <>                  \
  inline constexpr Tag tag_of<g::rule> = Tag::rule;
MOAT_TAPE_RULES(MOAT_TAPE_TAG_OF)
#undef MOAT_TAPE_TAG_OF

/// Rules that leave no record of their own when they have exactly one child (an `or` chain of
/// one term is its term): the records the parse tree's fold_one removed.
template <typename Rule>
inline constexpr bool folds =
    std::is_same_v<Rule, g::expr> || std::is_same_v<Rule, g::or_expr> ||
    std::is_same_v<Rule, g::or_rhs> || std::is_same_v<Rule, g::and_expr> ||
    std::is_same_v<Rule, g::and_rhs> || std::is_same_v<Rule, g::compare_expr> ||
    std::is_same_v<Rule, g::compare_rhs>;

/// Whether matching `Rule` may record anything: it is recorded, or one of its sub-rules may be,
/// looked for `Depth` levels down (past that, through the grammar's recursion, assumed so, as
/// PEGTL's parse tree does). A failed attempt of a rule that cannot record has nothing to drop,
/// so the control leaves such rules (whitespace, names, punctuation: most attempts) alone.
template <unsigned Depth, typename Rule>
constexpr bool may_record();
template <unsigned Depth, typename... Subs>
constexpr bool any_may_record(tao::pegtl::type_list<Subs...> /*unused*/) {
  return (may_record<Depth, Subs>() || ...);
}
template <unsigned Depth, typename Rule>
constexpr bool may_record() {
  if constexpr (tag_of<Rule> != Tag::None || Depth == 0) {
    return true;
  } else {
    return any_may_record<Depth - 1>(typename Rule::subs_t());
  }
}

struct Node;

/// A node's children: pointers into the tape, in source order.
struct Children {
  const Node* const* first = nullptr;
  std::size_t count = 0;
  std::size_t size() const { return count; }
  bool empty() const { return count == 0; }
  const Node* operator[](std::size_t i) const { return first[i]; }
  const Node* front() const { return first[0]; }
  const Node* back() const { return first[count - 1]; }
  const Node* const* begin() const { return first; }
  const Node* const* end() const { return first + count; }
};

/// One recorded rule: its kind, where its text is, and how many records its subtree has.
struct Node {
  Tag tag = Tag::None;
  bool folded = false;     ///< gave way to its only child (see Tape::close): no one sees it
  std::uint32_t size = 1;  ///< this record and its descendants
  const char* begin = nullptr;
  const char* end = nullptr;
  Children children;  ///< set by Tape::index once the statement is parsed

  template <typename Rule>
  bool is_type() const {
    return tag == tag_of<Rule>;
  }
  std::string_view string_view() const { return {begin, static_cast<std::size_t>(end - begin)}; }
  std::string string() const { return std::string(string_view()); }
};

/// The records of one statement, in pre-order. The first size_ nodes are the records: the
/// vector only grows, so opening a record and dropping a failed attempt's (most of the tape's
/// work: every alternative tried opens and drops) are a store and an assignment.
class Tape {
 public:
  void clear() { size_ = 0; }
  std::uint32_t size() const { return size_; }
  /// Records the start of a selected rule's match at `at`. Forced inline, as close() is: GCC
  /// kept both out of line at the grammar's many call sites, a call per record (6 % of the parse).
  [[gnu::always_inline]] void open(Tag tag, const char* at) {
    if (size_ == capacity_) grow();
    Node& n = nodes_[size_++];
    n.tag = tag;
    n.folded = false;
    n.size = 1;
    n.begin = at;
    n.children = {};  // a leaf keeps none; index() sets those of the others
  }
  /// The record opened at index `i` matched up to `at`. With `fold`, a record with exactly one
  /// child gives way to that child: it stays on the tape, marked, and index() links its parent
  /// to the child. (Erasing it moved its whole subtree, once per level of an expression's
  /// nesting: 120 parentheses around a long list took 4 times as long as the old parse tree.)
  [[gnu::always_inline]] void close(std::uint32_t i, const char* at, bool fold) {
    const std::uint32_t size = size_ - i;
    nodes_[i].end = at;
    nodes_[i].size = size;
    nodes_[i].folded = fold && size > 1 && 1 + nodes_[i + 1].size == size;
  }
  /// A rule's attempt failed: what it recorded goes (as the parse tree dropped the nodes of a
  /// failed attempt, selected or not).
  void rewind(std::uint32_t mark) { size_ = mark; }
  /// Links each record to its children; call once the statement has matched.
  void index() {
    // Every record is one record's child at most: size_ slots are enough. The vector only
    // grows, and is filled through a cursor (push_back's checks were a third of this loop).
    if (kids_.size() < size_) kids_.resize(size_);
    const Node** next = kids_.data();
    for (std::size_t i = 0; i < size_; ++i) {
      Node& n = nodes_[i];
      if (n.size == 1 || n.folded) continue;  // a leaf (most records), or no one's child
      const Node** first = next;
      for (std::size_t j = i + 1; j < i + n.size; j += nodes_[j].size) {
        const Node* child = &nodes_[j];
        while (child->folded) ++child;  // a folded record's only child comes right after it
        *next++ = child;
      }
      n.children = {first, static_cast<std::size_t>(next - first)};
    }
  }
  /// The statement's record (the first: statements are recorded rules).
  const Node& root() const { return nodes_.front(); }

 private:
  /// Out of line: open() is inlined at every recorded rule, and this runs a few times a file.
  [[gnu::noinline]] void grow() {
    nodes_.resize(nodes_.empty() ? 256 : 2 * nodes_.size());
    capacity_ = static_cast<std::uint32_t>(nodes_.size());
  }

  std::vector<Node> nodes_;
  std::uint32_t size_ = 0;
  std::uint32_t capacity_ = 0;  ///< nodes_.size(), kept apart: that one divides
  std::vector<const Node*> kids_;
};

/// The grammar's control (its error messages) that also records the selected rules on a Tape,
/// passed as the parse's state. Every rule's match goes through it: a failed attempt of any rule
/// drops what was recorded during it (`flow a: ...` is not a named flow when the ':' is missing,
/// so `a` must not stay recorded as a flow name).
template <typename Rule>
struct control : g::control<Rule> {
  template <tao::pegtl::apply_mode A, tao::pegtl::rewind_mode M,
            template <typename...> class Action, template <typename...> class Control,
            typename ParseInput, typename... States>
  [[nodiscard]] static bool match(ParseInput& in, Tape& t, States&&... st) {
    if constexpr (!may_record<8, Rule>()) {
      return tao::pegtl::normal<Rule>::template match<A, M, Action, Control>(in, t, st...);
    }
    const std::uint32_t mark = t.size();
    if constexpr (tag_of<Rule> != Tag::None) t.open(tag_of<Rule>, in.current());
    if (tao::pegtl::normal<Rule>::template match<A, M, Action, Control>(in, t, st...)) {
      if constexpr (tag_of<Rule> != Tag::None) t.close(mark, in.current(), folds<Rule>);
      return true;
    }
    t.rewind(mark);
    return false;
  }
};

}  // namespace moat::tape
