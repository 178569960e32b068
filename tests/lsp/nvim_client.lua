-- Neovim's own LSP client (0.7+) against `moat lsp`, run headless by tests/lsp/test_neovim.py:
-- opens a model with an error, waits for moat's diagnostics and checks their lines, fixes the
-- error by editing the buffer (incremental sync) and waits for the diagnostics to clear, then
-- asks for hover, definition, formatting, completion after `authn = ` and a rename, and checks
-- the answers. Exits 0 when every check
-- passes; else prints what failed and exits 1.
local moat = os.getenv("MOAT")
local model = os.getenv("MODEL")
local failures = 0

local function check(ok, what)
  io.stdout:write((ok and "ok: " or "FAIL: ") .. what .. "\n")
  if not ok then failures = failures + 1 end
end

local function finish()
  io.stdout:write(string.format("neovim: %d failure(s)\n", failures))
  vim.cmd(failures == 0 and "qall!" or "cquit 1")
end

vim.cmd("edit " .. vim.fn.fnameescape(model))
local buf = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = "moat",
  cmd = { moat, "lsp" },
  root_dir = vim.fn.fnamemodify(model, ":h"),
})
check(client_id ~= nil, "the client started")
vim.lsp.buf_attach_client(buf, client_id)
local client = vim.lsp.get_client_by_id(client_id)

-- 1. Diagnostics of the broken model, at the line of the error (0-based line 14).
local got = vim.wait(30000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
check(got, "diagnostics arrived")
local diags = vim.diagnostic.get(buf)
check(#diags == 1 and diags[1].lnum == 14, "one diagnostic on line 15: " .. vim.inspect(diags))
check(diags[1] and diags[1].severity == vim.diagnostic.severity.ERROR, "it is an error")
check(diags[1] and tostring(diags[1].message):find("apii") ~= nil, "it names 'apii'")

-- 2. Fix it in the buffer: the diagnostics clear.
local line = vim.api.nvim_buf_get_lines(buf, 14, 15, false)[1]
vim.api.nvim_buf_set_lines(buf, 14, 15, false, { (line:gsub("apii", "api")) })
check(vim.wait(30000, function() return #vim.diagnostic.get(buf) == 0 end, 50),
      "the diagnostics cleared after the fix")

local function at(row, col)
  return {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    position = { line = row, character = col },
  }
end

-- 3. Hover on `api` in the flow (line 15): a process in boundary `cloud`.
local flow_line = vim.api.nvim_buf_get_lines(buf, 14, 15, false)[1]
local api_col = flow_line:find("api") - 1
local hover = client.request_sync("textDocument/hover", at(14, api_col), 10000, buf)
local text = hover and hover.result and hover.result.contents.value or ""
check(text:find("process") ~= nil and text:find("cloud") ~= nil, "hover: " .. text)

-- 4. Definition of the same name: the process declaration on line 10.
local def = client.request_sync("textDocument/definition", at(14, api_col), 10000, buf)
local loc = def and def.result
check(loc ~= nil and loc.range.start.line == 9, "definition on line 10: " .. vim.inspect(loc))

-- 5. Formatting: the misaligned `trust` line is laid out canonically.
vim.lsp.buf.formatting_sync(nil, 10000)
local trust = vim.api.nvim_buf_get_lines(buf, 8, 9, false)[1]
check(trust == "  trust = internal", "formatted line 9: '" .. tostring(trust) .. "'")

-- 6. Completion after `authn = ` on a line being typed (the model does not compile then): the
-- members of enum auth.
local process_line = vim.api.nvim_buf_get_lines(buf, 9, 10, false)[1]
local typing = '  process web "Web" { authn = '
vim.api.nvim_buf_set_lines(buf, 10, 10, false, { typing })
local done = client.request_sync("textDocument/completion", at(10, #typing), 10000, buf)
local items = done and done.result and (done.result.items or done.result) or {}
local labels = {}
for _, item in ipairs(items) do labels[item.label] = true end
check(labels.oidc and labels.mtls and labels.none, "completion after 'authn = ': " ..
      vim.inspect(vim.tbl_keys(labels)))
vim.api.nvim_buf_set_lines(buf, 10, 11, false, {})

-- 7. Rename `api` (cursor on the flow's target) to `gateway`: the declaration on line 10 and the
-- flow on line 15 change.
vim.api.nvim_win_set_cursor(0, { 15, api_col })
vim.lsp.buf.rename("gateway")
local renamed = vim.wait(10000, function()
  return vim.api.nvim_buf_get_lines(buf, 9, 10, false)[1]:find("process gateway") ~= nil
end, 50)
check(renamed, "rename: line 10 is '" .. vim.api.nvim_buf_get_lines(buf, 9, 10, false)[1] .. "'")
local flow_after = vim.api.nvim_buf_get_lines(buf, 14, 15, false)[1]
check(flow_after:find("customer %-> gateway") ~= nil, "rename: line 15 is '" .. flow_after .. "'")
check(process_line:find("process api") ~= nil, "before the rename line 10 was the process")

finish()
