// libFuzzer target: the SARIF reader on arbitrary bytes, classified with the standard library's
// table and attached to a small model. Any input must end in results or in an error that says
// where (a byte offset for JSON, a JSON pointer for SARIF), never a crash, a sanitizer report or
// a hang; a result classified as a secret must keep none of its text.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "analyzer/scan_attach.hpp"
#include "evidence/sarif_reader.hpp"
#include "fuzz_compile.hpp"

namespace {

const moat::Compilation& model() {
  static const auto c = moat::fuzz::compile_input(
      "model \"Fuzz\" {}\n"
      "process api \"API\" { code = [\"src/\", \"main.tf:1-20\", \"*.py\"] }\n"
      "store db \"DB\" { code = [\"infra/db.tf\"] }\n");
  if (!c->ok()) __builtin_trap();
  return *c;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const moat::Compilation& c = model();
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  moat::ScanEvidence scans;
  moat::SarifError error;
  const moat::Classifier classifier(c.graph);
  const bool ok = moat::read_sarif(in, "fuzz.sarif", classifier, {"/repo"}, scans, error);
  if (ok != error.message.empty()) __builtin_trap();
  if (!ok && (!scans.results.empty() || !scans.files.empty())) __builtin_trap();
  if (error.syntax && error.byte > size) __builtin_trap();
  moat::attach_scan_results(c.graph, scans);
  if (scans.outside.size() > scans.results.size()) __builtin_trap();
  for (const moat::SarifResult& r : scans.results) {
    if (classifier.secret(r) && (!r.message.empty() || !r.fingerprints.empty())) __builtin_trap();
  }
  return 0;
}
