-- Drives the language server from Neovim's built-in LSP client, headless, as a user of
-- docs/other-editors.md would: opens runbooks, waits for diagnostics, asks for completion,
-- definition, rename and a quick fix, applies the edits to the buffers, and writes a new file on
-- disk. Everything seen is written as JSON to $RUNBOOK_OUT for test/other-editors/neovim.test.ts.
-- Runs on Neovim 0.7 (Debian 12: vim.lsp.start_client + buf_attach_client) and 0.8+ (vim.lsp.start).
local env = vim.env
local workspace = env.RUNBOOK_WORKSPACE
local results = { version = tostring(vim.version().major) .. '.' .. tostring(vim.version().minor), steps = {} }

local function finish()
  vim.fn.writefile({ vim.fn.json_encode(results) }, env.RUNBOOK_OUT)
  vim.cmd('qall!')
end

local function fail(message)
  results.error = message
  error(message, 0)
end

local function lines_of(bufnr)
  return vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
end

--- 0-based line and character of the first match of a plain text in the buffer.
local function find(bufnr, text)
  for i, line in ipairs(lines_of(bufnr)) do
    local col = line:find(text, 1, true)
    if col then return { line = i - 1, character = col - 1 } end
  end
  fail('not found in buffer: ' .. text)
end

local function request(bufnr, method, params)
  local answers, err = vim.lsp.buf_request_sync(bufnr, method, params, 10000)
  if not answers then fail(method .. ': ' .. tostring(err)) end
  for _, answer in pairs(answers) do
    if answer.error then return nil, answer.error end
    return answer.result
  end
end

local config = {
  name = 'release-runbooks',
  cmd = { env.RUNBOOK_NODE, env.RUNBOOK_SERVER, '--stdio' },
  root_dir = workspace,
  init_options = { debounceMs = 0, timeZone = 'Europe/Berlin' },
}

local client_id
local function open(relative)
  vim.cmd('edit ' .. vim.fn.fnameescape(workspace .. '/' .. relative))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = 'yaml'
  if vim.lsp.start then
    client_id = vim.lsp.start(config)
  else
    client_id = client_id or vim.lsp.start_client(config)
    vim.lsp.buf_attach_client(bufnr, client_id)
  end
  return bufnr
end

local function codes(bufnr)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do table.insert(out, d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)) end
  table.sort(out)
  return out
end

local function wait_for(what, condition)
  if not vim.wait(15000, condition, 20) then fail('timed out waiting for ' .. what) end
end

local function main()
-- 1. Diagnostics: a broken runbook, read from disk and opened.
local broken = open('broken/search-indexer.runbook.yaml')
wait_for('diagnostics of the broken runbook', function() return #vim.diagnostic.get(broken) > 0 end)
results.brokenCodes = codes(broken)
local client = vim.lsp.get_client_by_id(client_id)
local function get(t, ...)
  for _, key in ipairs({ ... }) do
    if type(t) ~= 'table' then return false end
    t = t[key]
  end
  return t or false
end
local declared = client.config.capabilities or vim.lsp.protocol.make_client_capabilities()
results.capabilities = {
  snippetSupport = get(declared, 'textDocument', 'completion', 'completionItem', 'snippetSupport'),
  dynamicWatchers = get(declared, 'workspace', 'didChangeWatchedFiles', 'dynamicRegistration'),
}

-- 2. A quick fix for the misspelt dependency, applied as :lua vim.lsp.buf.code_action() would.
local typo = find(broken, 'orders-db-migraton')
local line_diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(broken, { lnum = typo.line })) do
  local lsp = (d.user_data and d.user_data.lsp) or {}
  table.insert(line_diagnostics, {
    range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum or d.lnum, character = d.end_col or d.col } },
    message = d.message, code = d.code or lsp.code, severity = d.severity, source = d.source, data = lsp.data,
  })
end
local actions = request(broken, 'textDocument/codeAction', {
  textDocument = { uri = vim.uri_from_bufnr(broken) },
  range = { start = typo, ['end'] = typo },
  context = { diagnostics = line_diagnostics },
}) or {}
results.actionTitles = {}
for _, action in ipairs(actions) do table.insert(results.actionTitles, action.title) end
if actions[1] and actions[1].edit then vim.lsp.util.apply_workspace_edit(actions[1].edit, client.offset_encoding or 'utf-16') end
results.afterFix = lines_of(broken)[typo.line + 1]
local function count_rb006()
  local n = 0
  for _, code in ipairs(codes(broken)) do if code == 'RB006' then n = n + 1 end end
  return n
end
local before_fix = #vim.tbl_filter(function(c) return c == 'RB006' end, results.brokenCodes)
wait_for('the fixed RB006 to go', function() return count_rb006() < before_fix end)
results.codesAfterFix = codes(broken)

-- 3. Definition of a dependency, in another file.
local payments = open('payments-api-2-14.runbook.yaml')
local dependency = find(payments, '  - orders-db-migration')
dependency.character = dependency.character + 5
local definition = request(payments, 'textDocument/definition', { textDocument = { uri = vim.uri_from_bufnr(payments) }, position = dependency })
results.definition = definition and (definition[1] or definition) or vim.NIL

-- 4. Completion at a new step entry, without snippet support.
local steps = find(payments, 'steps:')
vim.api.nvim_buf_set_lines(payments, steps.line + 1, steps.line + 1, false, { '  - ' })
local completion = request(payments, 'textDocument/completion', { textDocument = { uri = vim.uri_from_bufnr(payments) }, position = { line = steps.line + 1, character = 4 } })
results.completion = {}
for _, item in ipairs((completion and (completion.items or completion)) or {}) do
  table.insert(results.completion, { label = item.label, insertTextFormat = item.insertTextFormat or vim.NIL, newText = item.textEdit and item.textEdit.newText or item.insertText or item.label })
end
vim.api.nvim_buf_set_lines(payments, steps.line + 1, steps.line + 2, false, {})

-- 5. Rename the runbook id everywhere (other files' depends-on follow).
local id = find(payments, 'payments-api-2-14')
local edit, rename_error = request(payments, 'textDocument/rename', { textDocument = { uri = vim.uri_from_bufnr(payments) }, position = id, newName = 'payments-api-2-15' })
if rename_error then fail('rename: ' .. vim.inspect(rename_error)) end
vim.lsp.util.apply_workspace_edit(edit, client.offset_encoding or 'utf-16')
results.afterRename = lines_of(payments)[id.line + 1]
results.renamedFiles = vim.tbl_keys(edit.changes or {})

-- 6. A runbook written to disk by another program: seen without the client watching files.
local created = workspace .. '/team/created-on-disk.runbook.yaml'
vim.fn.mkdir(workspace .. '/team', 'p')
vim.fn.writefile({ 'runbook: created-on-disk', 'title: Created on disk', 'environment: staging', 'window:', '  start: 2026-12-09T22:00', '  end: 2026-12-09T21:00', 'steps:', '  - id: a', '    title: A', '    irreversible: true' }, created)
local created_buf = vim.uri_to_bufnr(vim.uri_from_fname(created))
wait_for('diagnostics of the file created on disk', function() return #vim.diagnostic.get(created_buf) > 0 end)
results.createdCodes = codes(created_buf)

end

-- Whatever goes wrong, Neovim quits and says why.
local ok, problem = pcall(main)
if not ok and not results.error then results.error = tostring(problem) end
finish()
