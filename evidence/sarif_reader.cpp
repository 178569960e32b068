// The SAX side of the SARIF reader: it follows where in the log each event is, checks the
// shape of the log (an object with version "2.1.0" and a `runs` array of objects), builds JSON
// values only for what it keeps, and skips the rest without storing it.
#include "evidence/sarif_reader.hpp"

#include <algorithm>
#include <unordered_set>

#include "evidence/sarif_fields.hpp"

namespace moat {

namespace {

using sarif::Json;

/// What a container being read is.
enum class Role : std::uint8_t { Log, Runs, Run, Results, Capture };

struct Frame {
  Role role;
  std::size_t index = 0;  ///< for arrays: the index of the next value
  std::string key = {};   ///< for objects: the key of the next value
};

/// The keys of a result that are never kept: the matched text and what grows large.
const std::unordered_set<std::string>& skipped_result_keys() {
  static const std::unordered_set<std::string> keys = {
      "codeFlows",  "relatedLocations", "fixes",       "stacks",
      "graphs",     "graphTraversals",  "attachments", "partialFingerprints",
      "webRequest", "webResponse",      "provenance"};
  return keys;
}

class Handler final : public nlohmann::json_sax<Json> {
 public:
  Handler(const std::string& name, const Classifier& classifier, const SarifReadOptions& options,
          ScanEvidence& out, SarifError& error)
      : classifier_(classifier), options_(options), out_(out), error_(error) {
    out_.files.push_back(name);
    out_.ended.push_back(-1);
    out_.logs.emplace_back();
  }

  /// After the whole log: false, with the error set, when a required member was missing.
  bool complete() {
    if (!saw_version_) return sarif::wrong(error_, "/version", "missing; expected \"2.1.0\"");
    if (!saw_runs_) return sarif::wrong(error_, "/runs", "missing; expected an array of runs");
    return true;
  }

  // Inside a result, values go into its JsonTree; elsewhere they become nlohmann::json.
  bool null() override {
    return in_result_ ? in_tree([&] { result_.add_null(); }) : scalar(Json());
  }
  bool boolean(bool v) override {
    return in_result_ ? in_tree([&] { result_.add_boolean(v); }) : scalar(Json(v));
  }
  bool number_integer(number_integer_t v) override {
    return in_result_ ? in_tree([&] { result_.add_integer(v); }) : scalar(Json(v));
  }
  bool number_unsigned(number_unsigned_t v) override {
    return in_result_ ? in_tree([&] { result_.add_unsigned(v); }) : scalar(Json(v));
  }
  bool number_float(number_float_t v, const string_t&) override {
    return in_result_ ? in_tree([&] { result_.add_float(v); }) : scalar(Json(v));
  }
  bool string(string_t& v) override {
    return in_result_ ? in_tree([&] { result_.add_string(v); }) : scalar(Json(std::move(v)));
  }
  bool binary(binary_t&) override {
    return in_result_ ? in_tree([&] { result_.add_null(); }) : scalar(Json());
  }
  bool start_object(std::size_t) override { return in_result_ ? open_in_tree(true) : open(false); }
  bool start_array(std::size_t) override { return in_result_ ? open_in_tree(false) : open(true); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }

  bool key(string_t& k) override {
    if (skip_ > 0) return true;
    if (in_result_) {
      // The snippet's region and the big or private parts of a result are not kept.
      skip_next_ = (result_.depth() == 1 && skipped_result_keys().count(k) > 0) || k == "snippet" ||
                   k == "contextRegion";
      if (!skip_next_) result_.key(k);
      return true;
    }
    if (!built_.empty()) {
      skip_next_ = k == "snippet" || k == "contextRegion";
      // Of an invocation, only its end time, success and its notifications' levels are kept
      // (not their messages, which may quote the code, nor the command line); of an artifact,
      // only its location (not its contents or hashes).
      if (capture_key_ == "invocations" && built_.size() == 2)
        skip_next_ =
            k != "endTimeUtc" && k != "executionSuccessful" && k != "toolExecutionNotifications";
      if (capture_key_ == "invocations" && built_.size() == 4) skip_next_ = k != "level";
      if (capture_key_ == "artifacts" && built_.size() == 2) skip_next_ = k != "location";
      if (capture_key_ == "artifacts" && built_.size() == 3)
        skip_next_ = k != "uri" && k != "uriBaseId";
    }
    frames_.back().key = std::move(k);
    return true;
  }

  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& ex) override {
    error_.syntax = true;
    error_.byte = position > 0 ? position - 1 : 0;
    const std::string what = ex.what();
    // nlohmann's text after the position, without "last read: '...'" (text from the file).
    const std::size_t from = what.find(": ");
    std::string message = from == std::string::npos ? what : what.substr(from + 2);
    const std::size_t last = message.find("; last read");
    if (last != std::string::npos) message.erase(last);
    error_.message = "not JSON: " + message;
    return false;
  }

 private:
  /// The JSON pointer of the value about to be read.
  std::string here() const {
    std::string at;
    for (const Frame& f : frames_) {
      at += "/";
      at += f.role == Role::Runs || f.role == Role::Results ? std::to_string(f.index) : f.key;
    }
    return at;
  }

  Role role_of_next(bool container) const {
    if (frames_.empty()) return Role::Log;
    const Frame& parent = frames_.back();
    switch (parent.role) {
      case Role::Log:
        return parent.key == "runs" && container ? Role::Runs : Role::Capture;
      case Role::Runs:
        return Role::Run;
      case Role::Run:
        return parent.key == "results" && container ? Role::Results : Role::Capture;
      case Role::Results:
        return Role::Capture;
      case Role::Capture:
        return Role::Capture;
    }
    return Role::Capture;
  }

  /// Whether the value about to start is kept (built as JSON) or skipped.
  bool kept(const Frame& parent) const {
    switch (parent.role) {
      case Role::Log:
        return parent.key == "version";
      case Role::Run:
        return parent.key == "tool" || parent.key == "originalUriBaseIds" ||
               parent.key == "invocations" || parent.key == "artifacts";
      case Role::Results:
        return true;
      case Role::Runs:
        return false;
      case Role::Capture:
        return !skip_next_;
    }
    return false;
  }

  /// A scalar inside a result: added unless skipped.
  template <class Add>
  bool in_tree(Add&& add) {
    if (skip_ > 0) return true;
    if (!skip_next_) add();
    skip_next_ = false;
    return advance();
  }

  /// A container inside a result, or the result itself.
  bool open_in_tree(bool object) {
    if (skip_ > 0) return ++skip_, true;
    if (skip_next_) return skip_next_ = false, skip_ = 1, true;
    object ? result_.open_object() : result_.open_array();
    frames_.push_back({Role::Capture});
    return true;
  }

  bool scalar(Json v) {
    if (skip_ > 0) return true;
    if (frames_.empty()) return sarif::wrong(error_, "", "expected an object (a SARIF log)");
    if (!built_.empty()) {
      if (!skip_next_) add(std::move(v));
      skip_next_ = false;
      return advance();
    }
    const Frame& parent = frames_.back();
    if (parent.role == Role::Log && parent.key == "version") {
      if (!v.is_string() || v.get<std::string>() != "2.1.0")
        return sarif::wrong(error_, "/version", "expected \"2.1.0\" (this reads SARIF 2.1.0)");
      saw_version_ = true;
    } else if (parent.role == Role::Log && parent.key == "runs") {
      return sarif::wrong(error_, "/runs", "expected an array");
    } else if (parent.role == Role::Runs) {
      return sarif::wrong(error_, here(), "expected an object (a run)");
    } else if (parent.role == Role::Run && parent.key == "results" && !v.is_null()) {
      return sarif::wrong(error_, here(), "expected an array");
    } else if (parent.role == Role::Results) {
      return sarif::wrong(error_, here(), "expected an object (a result)");
    } else if (parent.role == Role::Run && parent.key == "tool" && !v.is_null()) {
      return sarif::wrong(error_, here(), "expected an object (the tool)");
    }
    return advance();
  }

  bool open(bool array) {
    if (skip_ > 0) return ++skip_, true;
    const auto container = [array] { return array ? Json::array() : Json::object(); };
    if (frames_.empty()) {
      if (array) return sarif::wrong(error_, "", "expected an object (a SARIF log)");
      frames_.push_back({Role::Log});
      return true;
    }
    if (!built_.empty()) {
      if (skip_next_) return skip_next_ = false, skip_ = 1, true;
      built_.push_back(add(container()));
      frames_.push_back({Role::Capture});
      return true;
    }
    const Frame& parent = frames_.back();
    const Role role = role_of_next(true);
    if (parent.role == Role::Log && parent.key == "version")
      return sarif::wrong(error_, "/version", "expected \"2.1.0\" (this reads SARIF 2.1.0)");
    if ((role == Role::Runs || role == Role::Results) && !array)
      return sarif::wrong(error_, here(), "expected an array");
    if (role == Role::Run && array)
      return sarif::wrong(error_, here(), "expected an object (a run)");
    if (role == Role::Runs || role == Role::Results || role == Role::Run) {
      if (role == Role::Runs) saw_runs_ = true;
      if (role == Role::Run)
        run_at_ = here(), tool_ = Json(), bases_ = Json(), invocations_ = Json(),
        artifacts_ = Json(), pending_.first = out_.results.size();
      frames_.push_back({role});
      return true;
    }
    if (!kept(parent)) return skip_ = 1, true;
    capture_at_ = here();
    if (parent.role == Role::Results) {
      in_result_ = true;
      result_.clear();
      return open_in_tree(!array);
    }
    capture_key_ = parent.key;
    capture_ = container();
    built_.push_back(&capture_);
    frames_.push_back({Role::Capture});
    return true;
  }

  bool close() {
    if (skip_ > 0) {
      if (--skip_ == 0) return advance();
      return true;
    }
    const Role role = frames_.back().role;
    frames_.pop_back();
    if (in_result_) {
      result_.close();
      if (result_.depth() > 0) return advance();
      in_result_ = false;
      return captured() && advance();
    }
    if (role == Role::Capture) {
      built_.pop_back();
      if (built_.empty() && !captured()) return false;
    } else if (role == Role::Run) {
      if (!end_run()) return false;
    }
    return frames_.empty() || advance();
  }

  /// A value was read in the current container: the next one has the next index.
  bool advance() {
    if (!frames_.empty()) ++frames_.back().index;
    return true;
  }

  /// Adds `v` to the value being built; returns where it went.
  Json* add(Json v) {
    Json& top = *built_.back();
    if (top.is_array()) {
      top.push_back(std::move(v));
      return &top.back();
    }
    return &(top[frames_.back().key] = std::move(v));
  }

  /// A kept value is complete: a result is read now; the tool and base URIs wait for the run's end.
  bool captured() {
    const Role parent = frames_.back().role;
    if (parent == Role::Results) {
      // The result goes straight into the evidence; only what its run's end resolves waits.
      SarifResult& r = out_.results.emplace_back();
      sarif::RawResult raw;
      sarif::RawExtras extras;
      if (!sarif::read_result(result_.root(), capture_at_, r, raw, extras, texts_, error_))
        return false;
      if (!extras.empty()) {
        raw.extras = static_cast<std::uint32_t>(pending_.extras.size());
        pending_.extras.push_back(std::move(extras));
      }
      pending_.raw.push_back(raw);
    } else if (capture_key_ == "tool") {
      tool_ = std::move(capture_);
    } else if (capture_key_ == "invocations") {
      out_.ended.back() = std::max(out_.ended.back(), sarif::latest_end_day(capture_));
      invocations_ = std::move(capture_);
    } else if (capture_key_ == "artifacts") {
      artifacts_ = std::move(capture_);
    } else {
      bases_ = std::move(capture_);
    }
    capture_ = Json();
    return true;
  }

  bool end_run() {
    const auto given = [](const Json& j) { return j.is_null() ? nullptr : &j; };
    const sarif::RunContext run{given(tool_), given(bases_), run_at_, given(invocations_),
                                given(artifacts_)};
    return sarif::finish_run(run, pending_, classifier_, options_, texts_, out_, error_);
  }

  const Classifier& classifier_;
  const SarifReadOptions& options_;
  ScanEvidence& out_;
  SarifError& error_;
  std::vector<Frame> frames_;
  std::vector<Json*> built_;  ///< the containers of the value being built, innermost last
  Json capture_, tool_, bases_, invocations_, artifacts_;
  std::string capture_at_, capture_key_, run_at_;
  sarif::PendingRun pending_;  ///< the current run's results, waiting for its tool and bases
  Interner texts_;
  sarif::JsonTree result_;  ///< the result being read, while in_result_
  bool in_result_ = false;
  std::size_t skip_ = 0;    ///< depth inside a skipped container
  bool skip_next_ = false;  ///< the next value inside a kept one is not kept
  bool saw_version_ = false, saw_runs_ = false;
};

}  // namespace

bool read_sarif(std::istream& in, const std::string& name, const Classifier& classifier,
                const SarifReadOptions& options, ScanEvidence& out, SarifError& error) {
  const std::size_t results_before = out.results.size(), tools_before = out.tools.size();
  Handler handler(name, classifier, options, out, error);
  bool ok = Json::sax_parse(in, &handler, nlohmann::json::input_format_t::json, true);
  if (ok) ok = handler.complete();
  if (!ok) {
    out.results.resize(results_before);
    out.tools.resize(tools_before);
    out.files.pop_back();
    out.ended.pop_back();
    out.logs.pop_back();
  }
  return ok;
}

}  // namespace moat
