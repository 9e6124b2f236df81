-- Hover and completion in a real editor: headless Neovim (0.7, Debian's) starts the server named
-- by $LSP_CMD, attaches the opened file, and asks for hover at $HOVER and completion at
-- $COMPLETE (each "LINE:COL", 1-based, the column in bytes), printing
--   hover <the hover text, newlines as \n>
--   completion <label> (<detail>)     one line per item
-- Exit 1 when the server answers neither.
-- Usage: LSP_CMD="talint server" HOVER=3:5 COMPLETE=4:5 \
--          nvim --headless -n -u NONE -c 'luafile Tests/Editor/nvim-structure-check.lua' FILE.yaml
local function say(s) io.stdout:write(s .. '\n') end
local function position(spec)
  local line, col = spec:match('^(%d+):(%d+)$')
  return tonumber(line), tonumber(col)
end
local client_id = vim.lsp.start_client({
  name = 'structure-check', cmd = vim.split(vim.env.LSP_CMD, ' '), root_dir = vim.fn.getcwd(),
})
vim.lsp.buf_attach_client(0, client_id)
local client = vim.lsp.get_client_by_id(client_id)
vim.wait(10000, function() return client.initialized end, 50)
local answered = false

if vim.env.HOVER then
  local line, col = position(vim.env.HOVER)
  vim.api.nvim_win_set_cursor(0, { line, col - 1 })
  local response = client.request_sync('textDocument/hover', vim.lsp.util.make_position_params(), 5000, 0)
  local result = response and response.result
  if result and result.contents then
    local value = result.contents.value or result.contents
    say('hover ' .. tostring(value):gsub('\n', '\\n'))
    answered = true
  else
    say('no hover')
  end
end

if vim.env.COMPLETE then
  local line, col = position(vim.env.COMPLETE)
  vim.api.nvim_win_set_cursor(0, { line, col - 1 })
  local response = client.request_sync('textDocument/completion', vim.lsp.util.make_position_params(), 5000, 0)
  local result = response and response.result
  local items = result and (result.items or result) or {}
  for _, item in ipairs(items) do
    say('completion ' .. item.label .. ' (' .. tostring(item.detail or '') .. ')')
    answered = true
  end
  if #items == 0 then say('no completion') end
end

client.stop()
if answered then vim.cmd('qall!') else vim.cmd('cquit 1') end
