-- SPDX-License-Identifier: GPL-3.0-or-later
-- mdpreview's live mode in Neovim: nvim_buf_attach() reports each change's line range, which
-- plugin/mdpreview.vim sends to the preview (the same function Vim's listener_add() calls).
local M = {}

-- buffer -> the attachment that is current; an older one detaches at its next event.
local current = {}
local generation = 0

-- `on_change`: the name of the plugin's function for a change. A file read again (:edit!)
-- detaches the buffer; the plugin attaches it anew then (BufReadPost).
function M.attach(buf, on_change)
  generation = generation + 1
  local mine = generation
  current[buf] = mine
  vim.api.nvim_buf_attach(buf, false, {
    -- Lines first_line .. last_line - 1 (0-based) became first_line .. new_last_line - 1.
    on_lines = function(_, b, _, first_line, last_line, new_last_line)
      if current[b] ~= mine then
        return true
      end
      vim.fn[on_change](b, first_line + 1, last_line + 1, new_last_line - last_line)
    end,
    on_detach = function(_, b)
      if current[b] == mine then
        current[b] = nil
      end
    end,
  })
end

function M.detach(buf)
  current[buf] = nil
end

package.loaded.mdpreview = M
return M
