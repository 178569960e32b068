#pragma once
// The allocator's page size for a run of moat.

namespace CLI {
class App;
}

namespace moat::cli {

/// Asks the allocator for 2 MiB pages (transparent huge pages), for a command that compiles
/// once and exits: on a 100,000-element model the kernel otherwise takes 340,000 page faults,
/// a quarter of `moat check`'s time, and 20,000 with them. Commands that stay running (lsp,
/// serve, --watch) keep 4 KiB pages, which the allocator can give back between runs. A user's
/// MIMALLOC_LARGE_OS_PAGES (0 or 1) wins; without mimalloc (sanitizer builds) nothing changes.
void choose_page_size(const CLI::App& app);

}  // namespace moat::cli
