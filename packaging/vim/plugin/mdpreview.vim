" SPDX-License-Identifier: GPL-3.0-or-later
" mdpreview: preview the Markdown file being edited, and have the preview follow the cursor.
" See :help mdpreview. Works in Vim 8.2+/9 (channels to a Unix socket) and in Neovim.
"
" Vim talks to the running mdpreview directly over its per-user Unix socket (one connection,
" kept open): a cursor move costs one line written to a socket, never a process.

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
let s:epoch = reltime()
let s:last_send_ms = -1.0e9
let s:timer = -1
let s:sent = {} " path -> the line last sent for it

function! s:command() abort
  return [get(g:, 'mdpreview_command', 'mdpreview')] + get(g:, 'mdpreview_args', [])
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

function! s:on_reply(channel, message) abort
  try
    let reply = json_decode(a:message)
  catch
    return
  endtry
  if type(reply) == v:t_dict && !get(reply, 'ok', 1)
    call s:error(get(reply, 'error', 'the request failed'))
  endif
endfunction

function! s:on_nvim_data(channel, data, event) abort
  for message in a:data
    if !empty(message)
      call s:on_reply(a:channel, message)
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
          \ {'mode': 'nl', 'callback': function('s:on_reply')})
  catch
    let s:channel = v:null
    return 0
  endtry
  return ch_status(s:channel) ==# 'open'
endfunction

function! s:send(command, path, line) abort
  if !s:connected()
    return 0
  endif
  let message = json_encode({'v': 1, 'cmd': a:command, 'path': a:path, 'line': a:line}) . "\n"
  try
    if has('nvim')
      call chansend(s:channel, message)
    else
      call ch_sendraw(s:channel, message)
    endif
  catch
    let s:channel = has('nvim') ? 0 : v:null
    return 0
  endtry
  let s:last_send_ms = reltimefloat(reltime(s:epoch)) * 1000
  return 1
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

function! s:follow() abort
  if !exists('b:mdpreview_path')
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

function! s:start() abort
  let path = expand('%:p')
  if empty(path) || !filereadable(path)
    call s:error('write the buffer to a file first')
    return
  endif
  let b:mdpreview_path = path
  let line = line('.')
  if !s:send('open', path, line)
    " Nobody listens yet: this mdpreview becomes the one that does.
    call s:spawn(s:command() + ['--goto-line', string(line), path])
  endif
  let s:sent[path] = line
  augroup mdpreview_follow
    autocmd! * <buffer>
    autocmd CursorMoved,CursorMovedI <buffer> call s:on_cursor_moved()
  augroup END
endfunction

function! s:stop() abort
  augroup mdpreview_follow
    autocmd! * <buffer>
  augroup END
  if exists('b:mdpreview_path')
    silent! call remove(s:sent, b:mdpreview_path)
    unlet b:mdpreview_path
  endif
endfunction

command! -bar MdPreview call s:start()
command! -bar MdPreviewStop call s:stop()
