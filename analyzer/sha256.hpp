#pragma once
// SHA-256 (FIPS 180-4), small and dependency-free: the report's "generated from" fingerprint is
// the digest of the model's own source files, and each file cited as evidence is named by its
// digest (analyzer/evidence_pack.hpp), so a reader can tell exactly which bytes were read.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace moat {

class Sha256 {
 public:
  Sha256();
  void update(std::string_view bytes);
  /// The digest; the object must not be updated afterwards.
  std::array<std::uint8_t, 32> finish();

 private:
  void block(const std::uint8_t* p);
  std::array<std::uint32_t, 8> h_;
  std::array<std::uint8_t, 64> buffer_{};
  std::size_t used_ = 0;
  std::uint64_t length_ = 0;  ///< bytes hashed so far
};

/// Lower-case hex SHA-256 of `bytes`.
std::string sha256_hex(std::string_view bytes);

}  // namespace moat
