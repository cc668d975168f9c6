" SPDX-License-Identifier: GPL-3.0-or-later
" mdpreview: preview the Markdown buffer being edited, live as it is typed; the preview follows
" the cursor, and a double-click in the preview moves the cursor. See :help mdpreview. Works in
" Vim 8.2+/9 (channels to a Unix socket, listener_add()) and in Neovim (sockconnect(),
" nvim_buf_attach() through lua/mdpreview.lua).
"
" Vim talks to the running mdpreview directly over its per-user Unix socket (one connection,
" kept open): a cursor move or a change costs one line written to a socket, never a process.
" A change sends only the lines it touched; the whole buffer goes once, when the preview is
" attached, and again only when mdpreview asks for it.

if exists('g:loaded_mdpreview') || &compatible
  finish
endif
if !has('nvim') && !(has('channel') && has('job') && has('timers'))
  echomsg 'mdpreview: this Vim has no +channel, +job or +timers; :MdPreview is not available'
  finish
endif
let g:loaded_mdpreview = 1

let s:socket = ''
let s:channel = has('nvim') ? 0 : v:null
let s:partial = '' " Neovim: the start of a line whose end has not arrived yet
let s:epoch = reltime()
let s:last_send_ms = -1.0e9
let s:timer = -1
let s:sent = {} " path -> the line last sent for it
let s:buffers = {} " path -> the number of the buffer attached to it
" Neovim's half of live mode, found beside this file when the runtimepath does not have it.
let s:lua_module = expand('<sfile>:p:h:h') . '/lua/mdpreview.lua'

function! s:command() abort
  return [get(g:, 'mdpreview_command', 'mdpreview')] + get(g:, 'mdpreview_args', [])
endfunction

function! s:live() abort
  return get(g:, 'mdpreview_live', 1) && (has('nvim') || exists('*listener_add'))
endfunction

function! s:error(message) abort
  echohl ErrorMsg
  echomsg 'mdpreview: ' . a:message
  echohl None
endfunction

" Asked once: the path depends on the user and $XDG_RUNTIME_DIR, which mdpreview knows best.
function! s:socket_path() abort
  if empty(s:socket)
    let output = systemlist(shellescape(s:command()[0]) . ' --socket-path')
    if v:shell_error == 0 && !empty(output)
      let s:socket = output[0]
    endif
  endif
  return s:socket
endfunction

" A line from mdpreview: the answer to a request, or an event it sends unasked.
function! s:on_message(channel, message) abort
  try
    let message = json_decode(a:message)
  catch
    return
  endtry
  if type(message) != v:t_dict
    return
  endif
  if has_key(message, 'event')
    call s:on_event(message)
  elseif !get(message, 'ok', 1)
    call s:error(get(message, 'error', 'the request failed'))
  endif
endfunction

function! s:on_nvim_data(channel, data, event) abort
  " A line may arrive in pieces: the last item is the start of the next line.
  let lines = copy(a:data)
  let lines[0] = s:partial . lines[0]
  let s:partial = remove(lines, -1)
  for message in lines
    if !empty(message)
      call s:on_message(a:channel, message)
    endif
  endfor
endfunction

" The connection to the running mdpreview, opened when needed: there may be none yet, or it may
" have quit and another one started since.
function! s:connected() abort
  if has('nvim')
    if s:channel > 0
      return 1
    endif
    if empty(s:socket_path())
      return 0
    endif
    try
      let s:channel = sockconnect('pipe', s:socket, {'on_data': function('s:on_nvim_data')})
    catch
      let s:channel = 0
    endtry
    return s:channel > 0
  endif
  if s:channel isnot v:null && ch_status(s:channel) ==# 'open'
    return 1
  endif
  if empty(s:socket_path())
    return 0
  endif
  try
    let s:channel = ch_open('unix:' . s:socket,
          \ {'mode': 'nl', 'callback': function('s:on_message')})
  catch
    let s:channel = v:null
    return 0
  endtry
  return ch_status(s:channel) ==# 'open'
endfunction

function! s:send_message(message) abort
  if !s:connected()
    return 0
  endif
  let line = json_encode(extend({'v': 1}, a:message)) . "\n"
  try
    if has('nvim')
      call chansend(s:channel, line)
    else
      call ch_sendraw(s:channel, line)
    endif
  catch
    let s:channel = has('nvim') ? 0 : v:null
    return 0
  endtry
  return 1
endfunction

function! s:send(command, path, line) abort
  let sent = s:send_message({'cmd': a:command, 'path': a:path, 'line': a:line})
  if sent
    let s:last_send_ms = reltimefloat(reltime(s:epoch)) * 1000
  endif
  return sent
endfunction

function! s:spawn(argv) abort
  " The preview outlives this Vim: it may serve other editors and windows by then.
  if has('nvim')
    call jobstart(a:argv, {'detach': v:true})
  else
    call job_start(a:argv, {'stoponexit': '', 'in_io': 'null', 'out_io': 'null',
          \ 'err_io': 'null'})
  endif
endfunction

" ---- following the cursor ----------------------------------------------------------------

function! s:follow() abort
  if empty(get(b:, 'mdpreview_path', ''))
    return
  endif
  let line = line('.')
  if get(s:sent, b:mdpreview_path, 0) == line
    return
  endif
  if s:send('follow', b:mdpreview_path, line)
    let s:sent[b:mdpreview_path] = line
  endif
endfunction

function! s:on_timer(timer) abort
  let s:timer = -1
  call s:follow()
endfunction

" At most one message per g:mdpreview_interval ms: the first move goes at once, the moves of a
" held-down key go together, and the last one always goes.
function! s:on_cursor_moved() abort
  if s:timer != -1
    return
  endif
  let interval = get(g:, 'mdpreview_interval', 50)
  let wait = s:last_send_ms + interval - reltimefloat(reltime(s:epoch)) * 1000
  if wait <= 0
    call s:follow()
  else
    let s:timer = timer_start(float2nr(ceil(wait)), function('s:on_timer'))
  endif
endfunction

" ---- live: the buffer as it is typed -------------------------------------------------------

" The whole buffer: mdpreview shows it instead of the file until the next write.
function! s:send_buffer(buf) abort
  let path = getbufvar(a:buf, 'mdpreview_path', '')
  if empty(path)
    return 0
  endif
  let message = {'cmd': 'attach', 'path': path}
  if s:live()
    let message.lines = getbufline(a:buf, 1, '$')
  endif
  return s:send_message(message)
endfunction

function! s:line_count(buf) abort
  return a:buf == bufnr('') ? line('$') : getbufinfo(a:buf)[0].linecount
endfunction

" Vim's listener (and, from lua/mdpreview.lua, Neovim's on_lines): lines a:start to a:end - 1
" were replaced by a:added more or fewer lines. Only those go to mdpreview.
function! s:on_change(buf, start, end, added, ...) abort
  let path = getbufvar(a:buf, 'mdpreview_path', '')
  if empty(path)
    return
  endif
  call s:send_message({'cmd': 'change', 'path': path, 'line': a:start,
        \ 'removed': a:end - a:start, 'lines': getbufline(a:buf, a:start, a:end - 1 + a:added),
        \ 'total': s:line_count(a:buf)})
endfunction

function! s:listen(buf) abort
  call s:unlisten(a:buf)
  if has('nvim')
    call luaeval('(package.loaded.mdpreview or dofile(_A[3])).attach(_A[1], _A[2])',
          \ [a:buf, get(function('s:on_change'), 'name'), s:lua_module])
  else
    call setbufvar(a:buf, 'mdpreview_listener', listener_add(function('s:on_change'), a:buf))
  endif
endfunction

function! s:unlisten(buf) abort
  if has('nvim')
    call luaeval('(package.loaded.mdpreview or dofile(_A[2])).detach(_A[1])',
          \ [a:buf, s:lua_module])
  elseif getbufvar(a:buf, 'mdpreview_listener', 0)
    call listener_remove(getbufvar(a:buf, 'mdpreview_listener'))
    call setbufvar(a:buf, 'mdpreview_listener', 0)
  endif
endfunction

" Changes not yet reported go out before what comes after them (a write, a detach).
function! s:flush(buf) abort
  if !has('nvim') && getbufvar(a:buf, 'mdpreview_listener', 0)
    call listener_flush(a:buf)
  endif
endfunction

function! s:on_read(buf) abort
  if s:live()
    call s:listen(a:buf)
  endif
  call s:send_buffer(a:buf)
endfunction

function! s:on_write(buf) abort
  call s:flush(a:buf)
  let path = getbufvar(a:buf, 'mdpreview_path', '')
  if !empty(path)
    call s:send_message({'cmd': 'saved', 'path': path})
  endif
endfunction

" ---- mdpreview's requests ----------------------------------------------------------------

function! s:on_event(event) abort
  let buf = get(s:buffers, get(a:event, 'path', ''), -1)
  if buf < 0 || !bufexists(buf)
    return
  endif
  if a:event.event ==# 'resend'
    call s:send_buffer(buf)
  elseif a:event.event ==# 'goto'
    call s:go_to(buf, a:event.path, get(a:event, 'line', 0))
  endif
endfunction

" A double-click in the preview: the cursor goes to the line in the window that shows the
" buffer. The preview is where the reader looks, so it is not scrolled back to the cursor.
function! s:go_to(buf, path, line) abort
  let window = bufwinid(a:buf)
  if window == -1 || a:line < 1
    return
  endif
  let s:sent[a:path] = a:line
  call win_execute(window, 'call cursor(' . a:line . ', 1) | normal! zv')
  redraw
endfunction

" ---- commands ----------------------------------------------------------------------------

" mdpreview started by :MdPreview listens after a moment: the buffer goes once it does.
function! s:attach_when_ready(buf, tries, timer) abort
  if !bufexists(a:buf) || empty(getbufvar(a:buf, 'mdpreview_path', ''))
    return
  endif
  if s:send_buffer(a:buf)
    return
  endif
  if a:tries > 0
    call timer_start(200, function('s:attach_when_ready', [a:buf, a:tries - 1]))
  endif
endfunction

function! s:start() abort
  let path = expand('%:p')
  if empty(path) || !filereadable(path)
    call s:error('write the buffer to a file first')
    return
  endif
  let buf = bufnr('')
  let b:mdpreview_path = path
  let s:buffers[path] = buf
  let line = line('.')
  if s:live()
    call s:listen(buf)
  endif
  if s:send('open', path, line)
    call s:send_buffer(buf)
  else
    " Nobody listens yet: this mdpreview becomes the one that does.
    call s:spawn(s:command() + ['--goto-line', string(line), path])
    call timer_start(200, function('s:attach_when_ready', [buf, 100]))
  endif
  let s:sent[path] = line
  augroup mdpreview_follow
    autocmd! * <buffer>
    autocmd CursorMoved,CursorMovedI <buffer> call s:on_cursor_moved()
    autocmd BufWritePost <buffer> call s:on_write(str2nr(expand('<abuf>')))
    " :edit! reads the file again: Vim's listener is not told, Neovim's is detached.
    autocmd BufReadPost <buffer> call s:on_read(str2nr(expand('<abuf>')))
    autocmd BufDelete <buffer> call s:stop(str2nr(expand('<abuf>')))
  augroup END
endfunction

function! s:stop(buf) abort
  augroup mdpreview_follow
    execute 'autocmd! * <buffer=' . a:buf . '>'
  augroup END
  let path = getbufvar(a:buf, 'mdpreview_path', '')
  if empty(path)
    return
  endif
  call s:flush(a:buf)
  call s:unlisten(a:buf)
  " The preview shows the file again, as saved.
  call s:send_message({'cmd': 'detach', 'path': path})
  silent! call remove(s:sent, path)
  silent! call remove(s:buffers, path)
  call setbufvar(a:buf, 'mdpreview_path', '')
endfunction

command! -bar MdPreview call s:start()
command! -bar MdPreviewStop call s:stop(bufnr(''))
