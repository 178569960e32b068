#include "evidence/json_tree.hpp"

#include <nlohmann/json.hpp>

namespace moat::sarif {

std::string_view JsonNode::text() const {
  return std::string_view(tree_->text_).substr(text_at_, text_size_);
}

std::string_view JsonNode::key() const {
  return std::string_view(tree_->text_).substr(key_at_, key_size_);
}

std::int64_t JsonNode::integer() const {
  switch (type_) {
    case Type::Integer:
      return number_.integer_;
    case Type::Unsigned:
      return static_cast<std::int64_t>(number_.unsigned_);
    case Type::Float:
      return static_cast<std::int64_t>(number_.float_);
    default:
      return 0;
  }
}

std::string JsonNode::dump() const {
  switch (type_) {
    case Type::Integer:
      return nlohmann::json(number_.integer_).dump();
    case Type::Unsigned:
      return nlohmann::json(number_.unsigned_).dump();
    case Type::Float:
      return nlohmann::json(number_.float_).dump();
    default:
      return "";
  }
}

const JsonNode* JsonNode::raw_next() const {
  return next_ ? &tree_->nodes_[next_] : nullptr;
}

bool JsonNode::overridden() const {
  return overridden_;
}

const JsonNode* JsonNode::first() const {
  const JsonNode* n = first_ ? &tree_->nodes_[first_] : nullptr;
  return n && n->member_ && n->overridden() ? n->next() : n;
}

const JsonNode* JsonNode::next() const {
  const JsonNode* n = raw_next();
  while (n && n->member_ && n->overridden()) n = n->raw_next();
  return n;
}

std::size_t JsonNode::size() const {
  if (is_array()) return count_;
  std::size_t n = 0;
  for (const JsonNode* c = first(); c; c = c->next()) ++n;
  return n;
}

const JsonNode* JsonNode::find(std::string_view key) const {
  const JsonNode* found = nullptr;
  if (!is_object()) return nullptr;
  for (const JsonNode* n = first_ ? &tree_->nodes_[first_] : nullptr; n; n = n->raw_next()) {
    if (n->key() == key) found = n;
  }
  return found;
}

void JsonTree::clear() {
  nodes_.clear();
  open_.clear();
  text_.clear();
  key_at_ = key_size_ = 0;
}

std::uint32_t JsonTree::store(std::string_view s) {
  const auto at = static_cast<std::uint32_t>(text_.size());
  text_.append(s);
  return at;
}

void JsonTree::key(std::string_view k) {
  key_at_ = store(k);
  key_size_ = static_cast<std::uint32_t>(k.size());
}

JsonNode& JsonTree::add(JsonNode::Type type) {
  const auto index = static_cast<std::uint32_t>(nodes_.size());
  JsonNode& n = nodes_.emplace_back();
  n.tree_ = this;
  n.type_ = type;
  if (!open_.empty()) {
    Open& parent = open_.back();
    JsonNode& p = nodes_[parent.node];
    if (p.is_object()) n.key_at_ = key_at_, n.key_size_ = key_size_, n.member_ = true;
    if (parent.last_child)
      nodes_[parent.last_child].next_ = index;
    else
      p.first_ = index;
    parent.last_child = index;
    ++p.count_;
  }
  return nodes_[index];
}

void JsonTree::close() {
  const std::uint32_t node = open_.back().node;
  open_.pop_back();
  if (nodes_[node].is_object() && nodes_[node].count_ > 1) mark_overridden(node);
}

/// Marks each member of `object` whose key comes again later, once, when the object is
/// complete: asking each member whether a later sibling has its key made an object with many
/// keys (a hostile `fingerprints` of 60,000) quadratic to read.
void JsonTree::mark_overridden(std::uint32_t object) {
  children_.clear();
  for (std::uint32_t c = nodes_[object].first_; c; c = nodes_[c].next_) children_.push_back(c);
  keys_.clear();
  for (auto it = children_.rbegin(); it != children_.rend(); ++it) {
    JsonNode& n = nodes_[*it];
    n.overridden_ = !keys_.insert(n.key()).second;
  }
}

void JsonTree::open(JsonNode::Type type) {
  add(type);
  open_.push_back({static_cast<std::uint32_t>(nodes_.size() - 1), 0});
}

void JsonTree::add_null() {
  add(JsonNode::Type::Null);
}

void JsonTree::add_boolean(bool v) {
  add(JsonNode::Type::Boolean).boolean_ = v;
}

void JsonTree::add_integer(std::int64_t v) {
  add(JsonNode::Type::Integer).number_.integer_ = v;
}

void JsonTree::add_unsigned(std::uint64_t v) {
  add(JsonNode::Type::Unsigned).number_.unsigned_ = v;
}

void JsonTree::add_float(double v) {
  add(JsonNode::Type::Float).number_.float_ = v;
}

void JsonTree::add_string(std::string_view v) {
  JsonNode& n = add(JsonNode::Type::String);
  n.text_at_ = store(v);
  n.text_size_ = static_cast<std::uint32_t>(v.size());
}

}  // namespace moat::sarif
