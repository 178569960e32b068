// generate_model.cpp — writes a synthetic but realistic moat threat model, for benchmarks.
//
// Usage: generate_model N [--seed S] [-o FILE]
//
//   N        number of elements (actors + externals + processes + stores + data), 10..10000000.
//            The mix is about 5% actors, 5% externals, 40% processes, 20% stores, 30% data.
//            Boundaries come on top (about N/50 of them, nested up to 4 deep) and flows
//            number about 3N (a bidirectional `<->` flow counts as two).
//   --seed S seed of the std::mt19937 generator (default 1). Output is a pure function of
//            (N, S): no random_device, no clock, and no std::*_distribution (their results
//            differ between standard libraries); numbers are drawn with Lemire's
//            multiply-shift reduction of the raw mt19937 output, which the standard fixes.
//   -o FILE  write to FILE instead of stdout.
//
// The model uses only the core syntax of shared/brief/language.md and the attribute names
// of the standard library schema (process authn/authz/validates_input/..., store kind/holds/...,
// flow carries/protocol/authn, data classification/pii/retention, boundary trust), so it
// compiles without errors; `code` locations do not exist on disk, so expect stale warnings.
//
// Layout of the output: header comments, model block, `use stride` / `use soc2`, all data,
// the actors and externals that sit outside every boundary, the boundary tree (each boundary
// block holds its own elements and then its child boundaries), then every flow.
// Invariants: unique ids (prefixes a, e, p, s, d, b, f + number), flows only between actors,
// externals, processes and stores, no self flows, every store holds 1-3 data and every flow
// carries 1-3 data (a subset of the store's data when a store is an endpoint).
//
// The whole text is built in one reserved std::string and written with a single fwrite, so
// N = 100000 (about 40 MB) takes a fraction of a second.
//
// Build: g++ -std=c++20 -O2 -Wall -Wextra -Wpedantic -Werror bench/generate_model.cpp -o gen
// Exit status: 0 on success, 1 on an output error, 2 on bad arguments.

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace {

constexpr int kMaxDepth = 4;
constexpr std::uint64_t kMinElements = 10;
constexpr std::uint64_t kMaxElements = 10'000'000;

// ---------------------------------------------------------------------------------------------
// Vocabulary (exactly the enum members of the standard library schema)

constexpr std::array<std::string_view, 4> kClassification = {"public", "internal", "confidential",
                                                             "secret"};
constexpr std::array<std::string_view, 4> kTrust = {"untrusted", "partner", "internal",
                                                    "restricted"};
constexpr std::array<std::string_view, 8> kAuth = {"none", "password", "api_key", "jwt",
                                                   "oidc", "saml",     "mtls",    "hmac"};
constexpr std::array<std::string_view, 4> kAuthz = {"none", "rbac", "abac", "acl"};
constexpr std::array<std::string_view, 7> kStoreKind = {
    "database", "cache", "object_storage", "file", "log", "queue", "secret_store"};

enum StoreKind { kDatabase, kCache, kObjectStorage, kFile, kLog, kQueue, kSecretStore };

constexpr std::array<std::string_view, 12> kServiceWords = {
    "Billing", "Orders",  "Search",   "Identity", "Catalog",   "Notification",
    "Reports", "Profile", "Payments", "Gateway",  "Scheduler", "Inventory"};
constexpr std::array<std::string_view, 4> kServiceSuffix = {"service", "worker", "API", "job"};
constexpr std::array<std::string_view, 7> kStoreSuffix = {
    "database", "cache", "bucket", "file share", "log", "queue", "vault"};
constexpr std::array<std::string_view, 8> kDataWords = {
    "Customer record", "Session token", "Invoice", "Audit event",
    "API key",         "Telemetry",     "Order",   "Support ticket"};
constexpr std::array<std::string_view, 4> kRetention = {"30d", "90d", "365d", "730d"};

// ---------------------------------------------------------------------------------------------
// Deterministic random numbers

class Rng {
 public:
  explicit Rng(std::uint32_t seed) : gen_(seed) {}

  // Uniform in [0, n) for n >= 1 (multiply-shift; the tiny bias is irrelevant here).
  int below(std::size_t n) {
    return static_cast<int>((static_cast<std::uint64_t>(gen_()) * n) >> 32);
  }
  bool chance(int percent) { return below(100) < percent; }

  // Index drawn with the given relative weights.
  int weighted(std::initializer_list<int> weights) {
    int total = 0;
    for (int w : weights) total += w;
    int x = below(static_cast<std::size_t>(total));
    int i = 0;
    for (int w : weights) {
      if (x < w) return i;
      x -= w;
      ++i;
    }
    return i - 1;
  }

 private:
  std::mt19937 gen_;
};

// ---------------------------------------------------------------------------------------------
// Model skeleton

enum class Kind : std::uint8_t { Actor, External, Process, Store };

struct Ref {
  Kind kind;
  int num;  // 1-based, per kind
};

struct DataSet {
  int n = 0;
  std::array<int, 3> ids{};
};

struct Counts {
  int actors = 0, externals = 0, processes = 0, stores = 0, data = 0;
  int boundaries = 0;
  int flowEdges = 0;
};

struct Boundary {
  int parent = -1;
  int depth = 1;
  int trust = 2;
  std::vector<int> children;
  std::vector<Ref> members;
  std::vector<int> processes, stores;  // numbers of the processes and stores it holds
};

struct Model {
  Counts counts;
  std::vector<Boundary> boundaries;  // index i has id b(i+1)
  std::vector<int> roots;
  std::vector<Ref> topLevel;  // actors and externals outside every boundary
  std::vector<int> actorHome, externalHome, processHome, storeHome;  // boundary index or -1
  std::vector<DataSet> holds;                                        // per store
  std::vector<std::uint8_t> storeKind;                               // per store
};

Counts computeCounts(std::uint64_t n) {
  Counts c;
  c.actors = static_cast<int>(std::max<std::uint64_t>(1, n / 20));
  c.externals = static_cast<int>(std::max<std::uint64_t>(1, n / 20));
  c.processes = static_cast<int>(std::max<std::uint64_t>(1, n * 2 / 5));
  c.stores = static_cast<int>(std::max<std::uint64_t>(1, n / 5));
  c.data = static_cast<int>(n) - c.actors - c.externals - c.processes - c.stores;
  c.boundaries = static_cast<int>(std::max<std::uint64_t>(1, n / 50));
  c.flowEdges = static_cast<int>(3 * n);
  return c;
}

int rootTrust(Rng& rng) {
  return rng.weighted({15, 20, 55, 10});
}

// Random recursive tree, capped at kMaxDepth; nested zones are as trusted or more.
void buildBoundaries(Model& m, Rng& rng) {
  std::vector<int> open;  // boundaries that may still take children
  for (int i = 0; i < m.counts.boundaries; ++i) {
    Boundary b;
    if (open.empty() || rng.chance(15)) {
      b.trust = rootTrust(rng);
      m.roots.push_back(i);
    } else {
      b.parent = open[static_cast<std::size_t>(rng.below(open.size()))];
      const Boundary& p = m.boundaries[static_cast<std::size_t>(b.parent)];
      b.depth = p.depth + 1;
      b.trust = std::min(3, p.trust + (rng.chance(40) ? 1 : 0));
      m.boundaries[static_cast<std::size_t>(b.parent)].children.push_back(i);
    }
    if (b.depth < kMaxDepth) open.push_back(i);
    m.boundaries.push_back(std::move(b));
  }
}

// Boundaries where people and outside systems plausibly sit (untrusted or partner).
std::vector<int> outerBoundaries(const Model& m) {
  std::vector<int> outer;
  for (std::size_t i = 0; i < m.boundaries.size(); ++i)
    if (m.boundaries[i].trust <= 1) outer.push_back(static_cast<int>(i));
  if (outer.empty())
    for (std::size_t i = 0; i < m.boundaries.size(); ++i) outer.push_back(static_cast<int>(i));
  return outer;
}

// Actors and externals: about half at top level, the rest in outer boundaries.
void placeOutsiders(Model& m, Rng& rng, Kind kind, int count, std::vector<int>& home) {
  const std::vector<int> outer = outerBoundaries(m);
  home.assign(static_cast<std::size_t>(count), -1);
  for (int num = 1; num <= count; ++num) {
    if (rng.chance(50)) {
      m.topLevel.push_back({kind, num});
      continue;
    }
    int b = outer[static_cast<std::size_t>(rng.below(outer.size()))];
    home[static_cast<std::size_t>(num - 1)] = b;
    m.boundaries[static_cast<std::size_t>(b)].members.push_back({kind, num});
  }
}

// Processes and stores always live inside some boundary.
void placeInsiders(Model& m, Rng& rng, Kind kind, int count, std::vector<int>& home) {
  home.assign(static_cast<std::size_t>(count), -1);
  for (int num = 1; num <= count; ++num) {
    int b = rng.below(m.boundaries.size());
    home[static_cast<std::size_t>(num - 1)] = b;
    Boundary& bd = m.boundaries[static_cast<std::size_t>(b)];
    bd.members.push_back({kind, num});
    (kind == Kind::Process ? bd.processes : bd.stores).push_back(num);
  }
}

// 1..k distinct data ids drawn from pool (or from all data when pool is null).
DataSet pickData(Rng& rng, int dataCount, const DataSet* pool) {
  const int available = pool ? pool->n : dataCount;
  const int want = std::min(available, 1 + rng.weighted({55, 30, 15}));
  DataSet out;
  while (out.n < want) {
    int i = rng.below(static_cast<std::size_t>(available));
    int id = pool ? pool->ids[static_cast<std::size_t>(i)] : i + 1;
    auto end = out.ids.begin() + out.n;
    if (std::find(out.ids.begin(), end, id) == end) out.ids[static_cast<std::size_t>(out.n++)] = id;
  }
  return out;
}

void assignStores(Model& m, Rng& rng) {
  for (int s = 0; s < m.counts.stores; ++s) {
    m.storeKind.push_back(static_cast<std::uint8_t>(rng.weighted({35, 15, 15, 5, 12, 12, 6})));
    m.holds.push_back(pickData(rng, m.counts.data, nullptr));
  }
}

Model buildModel(std::uint64_t n, Rng& rng) {
  Model m;
  m.counts = computeCounts(n);
  buildBoundaries(m, rng);
  placeOutsiders(m, rng, Kind::Actor, m.counts.actors, m.actorHome);
  placeOutsiders(m, rng, Kind::External, m.counts.externals, m.externalHome);
  placeInsiders(m, rng, Kind::Process, m.counts.processes, m.processHome);
  placeInsiders(m, rng, Kind::Store, m.counts.stores, m.storeHome);
  assignStores(m, rng);
  return m;
}

// ---------------------------------------------------------------------------------------------
// Text output helpers

void appendInt(std::string& out, long long v) {
  char buf[24];
  auto res = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, res.ptr);
}

void appendId(std::string& out, char prefix, int num) {
  out += prefix;
  appendInt(out, num);
}

std::string idList(char prefix, const DataSet& ds) {
  std::string s = "[";
  for (int i = 0; i < ds.n; ++i) {
    if (i) s += ", ";
    appendId(s, prefix, ds.ids[static_cast<std::size_t>(i)]);
  }
  s += ']';
  return s;
}

// An attribute block, either `{ a = 1, b = 2 }` or one attribute per line.
class Block {
 public:
  Block(std::string& out, int indent, bool multiline)
      : out_(out), indent_(indent), multi_(multiline) {
    out_ += multi_ ? "{\n" : "{";
  }
  void attr(std::string_view name, std::string_view value) {
    if (multi_)
      out_.append(static_cast<std::size_t>(indent_ + 2), ' ');
    else
      out_ += first_ ? " " : ", ";
    first_ = false;
    out_ += name;
    out_ += " = ";
    out_ += value;
    if (multi_) out_ += '\n';
  }
  void flag(std::string_view name, bool value) {
    attr(name, value ? std::string_view("true") : std::string_view("false"));
  }
  void close() {
    if (multi_) out_.append(static_cast<std::size_t>(indent_), ' ');
    out_ += multi_ ? "}\n" : " }\n";
  }

 private:
  std::string& out_;
  int indent_;
  bool multi_;
  bool first_ = true;
};

// `KEYWORD IDNUM "Display name NUM" ` at the given indentation.
void openDecl(std::string& out, int indent, std::string_view keyword, char prefix, int num,
              std::string_view display) {
  out.append(static_cast<std::size_t>(indent), ' ');
  out += keyword;
  out += ' ';
  appendId(out, prefix, num);
  out += " \"";
  out += display;
  out += ' ';
  appendInt(out, num);
  out += '"';
}

// ---------------------------------------------------------------------------------------------
// Declarations

void writeHeader(std::string& out, std::uint64_t n, std::uint32_t seed) {
  out += "// Synthetic moat model written by bench/generate_model.cpp (N = ";
  appendInt(out, static_cast<long long>(n));
  out += ", seed = ";
  appendInt(out, seed);
  out += ").\n// Regenerate it instead of editing it by hand.\n";
  out +=
      "/* Layout: data first, then actors and externals outside every boundary,\n"
      "   then the boundary tree (up to 4 levels deep) with its elements,\n"
      "   then every flow. Code locations are fictional: expect stale warnings. */\n\n";
  out += "model \"Synthetic ";
  appendInt(out, static_cast<long long>(n));
  out +=
      "\" {\n  version = \"1.0.0\"\n  owner   = \"bench@example.invalid\"\n"
      "  soc2_scope = [security, availability, confidentiality]\n}\n\n"
      "use stride\nuse soc2\n\n";
}

void writeData(std::string& out, Rng& rng, int num) {
  const auto word = kDataWords[static_cast<std::size_t>(rng.below(kDataWords.size()))];
  openDecl(out, 0, "data", 'd', num, word);
  out += ' ';
  Block blk(out, 0, false);
  blk.attr("classification",
           kClassification[static_cast<std::size_t>(rng.weighted({10, 35, 40, 15}))]);
  blk.flag("pii", rng.chance(30));
  if (rng.chance(50))
    blk.attr("retention", kRetention[static_cast<std::size_t>(rng.below(kRetention.size()))]);
  blk.close();
}

void writeOutsider(std::string& out, Rng& rng, int indent, Ref ref) {
  const bool actor = ref.kind == Kind::Actor;
  openDecl(out, indent, actor ? "actor" : "external", actor ? 'a' : 'e', ref.num,
           actor ? "User" : "Partner system");
  if (rng.chance(actor ? 30 : 55)) {
    out += ' ';
    Block blk(out, indent, false);
    blk.attr("trust", kTrust[static_cast<std::size_t>(actor ? rng.weighted({40, 40, 20, 0})
                                                            : rng.weighted({70, 30, 0, 0}))]);
    blk.close();
  } else {
    out += '\n';
  }
}

void writeProcess(std::string& out, Rng& rng, int indent, int num) {
  std::string display(kServiceWords[static_cast<std::size_t>(rng.below(kServiceWords.size()))]);
  display += ' ';
  display += kServiceSuffix[static_cast<std::size_t>(rng.below(kServiceSuffix.size()))];
  openDecl(out, indent, "process", 'p', num, display);
  out += ' ';
  Block blk(out, indent, rng.chance(20));
  blk.attr("authn", kAuth[static_cast<std::size_t>(rng.weighted({12, 5, 12, 30, 15, 3, 20, 3}))]);
  blk.attr("authz", kAuthz[static_cast<std::size_t>(rng.weighted({25, 50, 15, 10}))]);
  blk.flag("validates_input", rng.chance(70));
  blk.flag("rate_limited", rng.chance(40));
  blk.flag("logs_access", rng.chance(60));
  blk.flag("runs_as_root", rng.chance(10));
  if (rng.chance(50)) {
    std::string code = "[\"src/svc";
    appendInt(code, num);
    code += "/\"]";
    blk.attr("code", code);
  }
  blk.close();
}

void writeStore(std::string& out, Rng& rng, const Model& m, int indent, int num) {
  const std::size_t k = m.storeKind[static_cast<std::size_t>(num - 1)];
  openDecl(out, indent, "store", 's', num, kStoreSuffix[k]);
  out += ' ';
  Block blk(out, indent, rng.chance(20));
  blk.attr("kind", kStoreKind[k]);
  blk.flag("encrypted_at_rest", rng.chance(k == kSecretStore ? 95 : 65));
  blk.flag("backed_up", rng.chance(k == kDatabase ? 80 : 30));
  blk.flag("append_only", rng.chance(k == kLog ? 85 : 3));
  blk.attr("holds", idList('d', m.holds[static_cast<std::size_t>(num - 1)]));
  blk.close();
}

void writeBoundary(std::string& out, Rng& rng, const Model& m, int index) {
  const Boundary& b = m.boundaries[static_cast<std::size_t>(index)];
  const int indent = 2 * (b.depth - 1);
  openDecl(out, indent, "boundary", 'b', index + 1, "Zone");
  out += " {\n";
  out.append(static_cast<std::size_t>(indent + 2), ' ');
  out += "trust = ";
  out += kTrust[static_cast<std::size_t>(b.trust)];
  out += '\n';
  for (Ref r : b.members) {
    if (r.kind == Kind::Process)
      writeProcess(out, rng, indent + 2, r.num);
    else if (r.kind == Kind::Store)
      writeStore(out, rng, m, indent + 2, r.num);
    else
      writeOutsider(out, rng, indent + 2, r);
  }
  for (int child : b.children) writeBoundary(out, rng, m, child);
  out.append(static_cast<std::size_t>(indent), ' ');
  out += "}\n";
}

void writeDeclarations(std::string& out, Rng& rng, const Model& m) {
  out += "// Data assets\n";
  for (int d = 1; d <= m.counts.data; ++d) writeData(out, rng, d);
  out += "\n// People and systems outside every boundary\n";
  for (Ref r : m.topLevel) writeOutsider(out, rng, 0, r);
  out += "\n// Trust zones and what runs inside them\n";
  for (int root : m.roots) writeBoundary(out, rng, m, root);
}

// ---------------------------------------------------------------------------------------------
// Flows

struct FlowShape {
  Kind src;
  Kind dst;
  bool bidir;
  std::string_view verb;
};

constexpr std::array<FlowShape, 8> kShapes = {{
    {Kind::Process, Kind::Process, false, "Call"},
    {Kind::Process, Kind::Store, false, "Write"},
    {Kind::Process, Kind::Store, true, "Sync"},
    {Kind::Actor, Kind::Process, false, "Request"},
    {Kind::External, Kind::Process, false, "Webhook"},
    {Kind::Process, Kind::External, false, "Outbound call"},
    {Kind::Store, Kind::Process, false, "Consume"},
    {Kind::Process, Kind::Actor, false, "Notify"},
}};

int countOf(const Model& m, Kind k) {
  switch (k) {
    case Kind::Actor:
      return m.counts.actors;
    case Kind::External:
      return m.counts.externals;
    case Kind::Process:
      return m.counts.processes;
    case Kind::Store:
      return m.counts.stores;
  }
  return 0;
}

int homeOf(const Model& m, Ref r) {
  const std::vector<int>* homes[] = {&m.actorHome, &m.externalHome, &m.processHome, &m.storeHome};
  return (*homes[static_cast<std::size_t>(r.kind)])[static_cast<std::size_t>(r.num - 1)];
}

// A target of the given kind, in the source's boundary 60% of the time when possible.
Ref pickTarget(const Model& m, Rng& rng, Kind kind, int home) {
  if (home >= 0 && (kind == Kind::Process || kind == Kind::Store) && rng.chance(60)) {
    const Boundary& b = m.boundaries[static_cast<std::size_t>(home)];
    const std::vector<int>& local = kind == Kind::Process ? b.processes : b.stores;
    if (!local.empty()) return {kind, local[static_cast<std::size_t>(rng.below(local.size()))]};
  }
  return {kind, 1 + rng.below(static_cast<std::size_t>(countOf(m, kind)))};
}

std::string_view protocolFor(Rng& rng, const Model& m, Ref src, Ref dst) {
  if (rng.chance(2)) return "other";
  const Ref store = src.kind == Kind::Store ? src : dst;
  if (store.kind == Kind::Store) {
    switch (m.storeKind[static_cast<std::size_t>(store.num - 1)]) {
      case kDatabase:
        return rng.chance(80) ? "sql" : "tls";
      case kCache:
        return "redis";
      case kFile:
        return rng.chance(50) ? "ssh" : "tcp";
      case kLog:
        return "tls";
      case kQueue:
        return "amqp";
      default:
        return "https";  // object storage, secret store
    }
  }
  if (src.kind == Kind::Actor || dst.kind == Kind::Actor)
    return rng.chance(85) ? "https" : (dst.kind == Kind::Actor ? "smtp" : "http");
  if (src.kind == Kind::External || dst.kind == Kind::External)
    return rng.chance(85) ? "https" : "http";
  static constexpr std::array<std::string_view, 4> kInternal = {"grpc", "https", "http", "tcp"};
  return kInternal[static_cast<std::size_t>(rng.weighted({40, 45, 10, 5}))];
}

void writeEndpoints(std::string& out, Ref src, Ref dst, bool bidir) {
  static constexpr char kPrefix[] = {'a', 'e', 'p', 's'};
  appendId(out, kPrefix[static_cast<std::size_t>(src.kind)], src.num);
  out += bidir ? " <-> " : " -> ";
  appendId(out, kPrefix[static_cast<std::size_t>(dst.kind)], dst.num);
}

// Writes one flow statement; returns the number of flows it declares (2 for `<->`).
int writeFlow(std::string& out, Rng& rng, const Model& m, int index) {
  const FlowShape& shape =
      kShapes[static_cast<std::size_t>(rng.weighted({35, 22, 10, 10, 6, 6, 6, 5}))];
  const Ref src = {shape.src, 1 + rng.below(static_cast<std::size_t>(countOf(m, shape.src)))};
  Ref dst = pickTarget(m, rng, shape.dst, homeOf(m, src));
  while (dst.kind == src.kind && dst.num == src.num) dst = pickTarget(m, rng, shape.dst, -1);
  const Ref store = src.kind == Kind::Store ? src : dst;
  const DataSet* pool =
      store.kind == Kind::Store ? &m.holds[static_cast<std::size_t>(store.num - 1)] : nullptr;
  const DataSet carries = pickData(rng, m.counts.data, pool);
  out += "flow ";
  if (rng.chance(90)) {
    appendId(out, 'f', index);
    out += ": ";
  }
  writeEndpoints(out, src, dst, shape.bidir);
  out += " \"";
  out += shape.verb;
  out += ' ';
  appendInt(out, index);
  out += "\" ";
  Block blk(out, 0, false);
  blk.attr("carries", idList('d', carries));
  blk.attr("protocol", protocolFor(rng, m, src, dst));
  if (rng.chance(60))
    blk.attr("authn", kAuth[static_cast<std::size_t>(rng.weighted({0, 5, 15, 30, 10, 2, 30, 8}))]);
  blk.close();
  return shape.bidir ? 2 : 1;
}

void writeFlows(std::string& out, Rng& rng, const Model& m) {
  out += "\n// Flows\n";
  int edges = 0;
  for (int index = 1; edges < m.counts.flowEdges; ++index) edges += writeFlow(out, rng, m, index);
}

// ---------------------------------------------------------------------------------------------
// Command line and main

struct Options {
  std::uint64_t n = 0;
  std::uint32_t seed = 1;
  std::string outPath;
  bool help = false;
};

template <typename T>
bool parseUnsigned(std::string_view s, T& value) {
  if (s.empty()) return false;
  auto res = std::from_chars(s.data(), s.data() + s.size(), value);
  return res.ec == std::errc() && res.ptr == s.data() + s.size();
}

bool parseArgs(int argc, char** argv, Options& o) {
  bool haveN = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a == "-h" || a == "--help") {
      o.help = true;
    } else if (a == "--seed") {
      if (++i >= argc || !parseUnsigned(argv[i], o.seed)) return false;
    } else if (a == "-o") {
      if (++i >= argc || std::string_view(argv[i]).empty()) return false;
      o.outPath = argv[i];
    } else if (haveN || !parseUnsigned(a, o.n)) {
      return false;
    } else {
      haveN = true;
    }
  }
  return o.help || (haveN && o.n >= kMinElements && o.n <= kMaxElements);
}

void printUsage(std::FILE* to) {
  std::fprintf(to,
               "usage: generate_model N [--seed S] [-o FILE]\n"
               "  N        number of elements (actors, externals, processes, stores, data), "
               "%llu..%llu\n"
               "  --seed S seed for std::mt19937 (default 1)\n"
               "  -o FILE  write the model to FILE instead of stdout\n",
               static_cast<unsigned long long>(kMinElements),
               static_cast<unsigned long long>(kMaxElements));
}

bool writeOut(const std::string& text, const std::string& path) {
  std::FILE* f = path.empty() ? stdout : std::fopen(path.c_str(), "wb");
  if (!f) return false;
  bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  ok = (path.empty() ? std::fflush(f) : std::fclose(f)) == 0 && ok;
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  Options opt;
  if (!parseArgs(argc, argv, opt)) {
    printUsage(stderr);
    return 2;
  }
  if (opt.help) {
    printUsage(stdout);
    return 0;
  }
  Rng rng(opt.seed);
  const Model model = buildModel(opt.n, rng);
  std::string out;
  out.reserve(static_cast<std::size_t>(opt.n) * 420 + 4096);
  writeHeader(out, opt.n, opt.seed);
  writeDeclarations(out, rng, model);
  writeFlows(out, rng, model);
  if (!writeOut(out, opt.outPath)) {
    std::fprintf(stderr, "generate_model: cannot write %s\n",
                 opt.outPath.empty() ? "to stdout" : opt.outPath.c_str());
    return 1;
  }
  return 0;
}
