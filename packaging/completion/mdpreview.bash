# SPDX-License-Identifier: GPL-3.0-or-later
# Bash completion for mdpreview: its options, theme names after -t/--theme (from
# `mdpreview --list-themes`, so the user's own themes are there too), and Markdown files.

_mdpreview()
{
    local cur prev
    COMPREPLY=()
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}

    case $prev in
        -t|--theme)
            local themes
            themes=$("${COMP_WORDS[0]}" --list-themes 2>/dev/null)
            COMPREPLY=($(compgen -W "$themes" -- "$cur"))
            # A theme can also be the path of a CSS or HTML file.
            compopt -o filenames 2>/dev/null
            COMPREPLY+=($(compgen -f -X '!*.@(css|html|htm)' -- "$cur") $(compgen -d -- "$cur"))
            return
            ;;
        -o|--export)
            compopt -o filenames 2>/dev/null
            COMPREPLY=($(compgen -f -X '!*.@(html|htm|pdf|png)' -- "$cur") $(compgen -d -- "$cur"))
            return
            ;;
        --goto-line)
            return
            ;;
    esac

    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W '--goto-line --new-window -t --theme --list-themes
            --follow-edits --html -o --export --embed-images --trace --socket-path -h --help -v --version' \
            -- "$cur"))
        return
    fi
    compopt -o filenames 2>/dev/null
    COMPREPLY=($(compgen -f -X '!*.@(md|markdown|mdown|mkd|mkdn|txt)' -- "$cur")
               $(compgen -d -- "$cur"))
}
complete -F _mdpreview mdpreview
