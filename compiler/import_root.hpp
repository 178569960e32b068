#pragma once
// Where a model's imports may lead: the root folder (the repository root, or the folder of the
// root file) and the folders below it. A model is untrusted input (a pull request can change
// it), and an import outside that folder would let it read any file of the machine, e.g. into a
// CI log through an error excerpt.
#include <filesystem>
#include <string>

namespace moat {

/// Whether an import stays inside the root folder, and if not, how it leaves it.
enum class ImportPlace { Inside, Absolute, Escapes, EscapesThroughLink };

class ImportRoot {
 public:
  /// `folder`: the root folder, relative or absolute ("" is the current folder).
  explicit ImportRoot(const std::string& folder);

  /// The root folder for messages: relative to the current folder where it can be, so a
  /// message reads the same in every checkout.
  std::string shown() const;

  /// Where the import written as `written`, which resolves lexically to `resolved`, leads.
  ImportPlace place(const std::string& written, const std::filesystem::path& resolved) const;

 private:
  std::filesystem::path lexical_;    ///< the root folder as written, normalized
  std::filesystem::path canonical_;  ///< the same with symbolic links resolved
};

}  // namespace moat
