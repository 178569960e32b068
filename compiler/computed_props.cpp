#include "compiler/computed_props.hpp"

#include <iterator>

namespace moat {
namespace {

constexpr KindMask kNodesAndBoundaries = kNodeKinds | kind_bit(Kind::Boundary);
constexpr KindMask kFlow = kind_bit(Kind::Flow);
constexpr KindMask kData = kind_bit(Kind::Data);

constexpr ComputedProp kProps[] = {
    {"trust", Computed::Trust, kNodesAndBoundaries, "its effective trust level"},
    {"boundary", Computed::Boundary, kNodesAndBoundaries, "the boundary that encloses it"},
    {"inbound", Computed::Inbound, kNodeKinds, "the flows into it"},
    {"outbound", Computed::Outbound, kNodeKinds, "the flows out of it"},
    {"type", Computed::Type, kAllKinds, "its kind"},
    {"source", Computed::Source, kFlow, "the flow's source"},
    {"target", Computed::Target, kFlow, "the flow's target"},
    {"crosses_boundary", Computed::CrossesBoundary, kFlow, "whether the flow crosses a boundary"},
    {"exits", Computed::Exits, kFlow, "the boundaries the flow leaves"},
    {"enters", Computed::Enters, kFlow, "the boundaries the flow enters"},
    {"encrypted", Computed::Encrypted, kFlow, "whether the flow is encrypted"},
    {"carried_by", Computed::CarriedBy, kData, "the flows that carry it"},
    {"held_by", Computed::HeldBy, kData, "the stores that hold it"},
    {"relayed_from", Computed::RelayedFrom, kFlow, "the flows it relays"},
    {"reached_from", Computed::ReachedFrom, kNodeKinds,
     "the least trusted zone its requests come from"},
    {"data_from", Computed::DataFrom, kNodeKinds, "the least trusted zone its data comes from"},
    {"opens", Computed::Opens, kNodeKinds, "the nodes its credentials open"},
    {"called_by", Computed::CalledBy, kNodeKinds, "the distinct sources of its inbound flows"},
};

}  // namespace

const ComputedProp* find_computed_prop(std::string_view name, KindMask kinds) {
  for (const ComputedProp& p : kProps) {
    if (name == p.name && (p.kinds & kinds)) return &p;
  }
  return nullptr;
}

const ComputedProp* computed_props_begin() {
  return std::begin(kProps);
}
const ComputedProp* computed_props_end() {
  return std::end(kProps);
}

}  // namespace moat
