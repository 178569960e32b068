// cgraph disciplines for deterministic DOT: object ids in creation order, output to a string.
#include <string_view>
#include <unordered_map>
#include <vector>

#include "backends/graphviz_graph.hpp"

namespace moat::diagram {

namespace {

// cgraph's default id discipline uses the address of the interned name as a named object's
// id, and agwrite writes subgraphs in id order, i.e. in heap-address order: not reproducible.
// Here a named object's id is 2 * (its name's creation index + 1); anonymous objects (edges)
// get odd ids, as in the default discipline, whose print() tells them apart the same way.
// Names are still interned with agstrdup: cgraph inspects the string header of a name it
// prints (aghtmlstr), so print() must return cgraph strings.
struct Names {
  Agraph_t* root = nullptr;
  std::vector<char*> names;
  std::unordered_map<std::string_view, IDTYPE> ids;
  IDTYPE next_anonymous = 1;
};

void* id_open(Agraph_t* g, Agdisc_t*) {
  return new Names{g, {}, {}, 1};
}

long id_map(void* state, int, char* str, IDTYPE* id, int create) {
  auto* n = static_cast<Names*>(state);
  if (!str) {
    *id = n->next_anonymous;
    n->next_anonymous += 2;
    return 1;
  }
  if (auto it = n->ids.find(str); it != n->ids.end()) {
    *id = it->second;
    return 1;
  }
  if (!create) return 0;
  n->names.push_back(agstrdup(n->root, str));
  *id = 2 * static_cast<IDTYPE>(n->names.size());
  n->ids.emplace(n->names.back(), *id);
  return 1;
}

// Objects are never created with explicit ids.
long id_alloc(void*, int, IDTYPE) {
  return 0;
}
void id_free(void*, int, IDTYPE) {}

char* id_print(void* state, int, IDTYPE id) {
  auto* n = static_cast<Names*>(state);
  if (id == 0 || id % 2 != 0 || id / 2 > n->names.size()) return nullptr;
  return n->names[id / 2 - 1];
}

// The interned names go with the graph's string dictionary, which agclose frees after this.
void id_close(void* state) {
  delete static_cast<Names*>(state);
}
void id_register(void*, int, void*) {}

// agwrite sends its text to the graph's I/O discipline with the channel given to it.
int append(void* chan, const char* text) {
  static_cast<std::string*>(chan)->append(text);
  return 0;
}
int no_flush(void*) {
  return 0;
}

Agiddisc_t kIdDisc = {&id_open, &id_map, &id_alloc, &id_free, &id_print, &id_close, &id_register};
Agiodisc_t kIoDisc = {AgIoDisc.afread, &append, &no_flush};
Agdisc_t kDisc = {&AgMemDisc, &kIdDisc, &kIoDisc};

}  // namespace

GraphPtr open_graph(const std::string& name) {
  std::string copy = name;
  return GraphPtr(agopen(copy.data(), Agdirected, &kDisc));
}

std::string write_dot(Agraph_t* g) {
  std::string out;
  agwrite(g, &out);
  return out;
}

}  // namespace moat::diagram
