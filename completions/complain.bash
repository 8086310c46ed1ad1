# bash completion for complain. Every value (subcommands, options, channels from the live config,
# complaint ids, states, formats) comes from `complain __complete words -- WORDS...`, so this
# script knows nothing that could go stale.

_complain() {
    local cur prev words cword
    if declare -F _init_completion >/dev/null; then
        _init_completion -n : || return
    else
        words=("${COMP_WORDS[@]}")
        cword=$COMP_CWORD
        cur=${COMP_WORDS[COMP_CWORD]}
    fi

    # bash splits --channel=se into "--channel" "=" "se": join them again for complain, and
    # strip the "--channel=" again from what it offers, since bash replaces only "se".
    local -a args=()
    local i strip=
    for ((i = 1; i < cword; i++)); do
        if [[ ${words[i]} == = && ${#args[@]} -gt 0 && ${args[-1]} == --* ]]; then
            args[-1]+="="
            ((i + 1 < cword)) && args[-1]+=${words[++i]}
        else
            args+=("${words[i]}")
        fi
    done
    if [[ $cur == = && ${#args[@]} -gt 0 && ${args[-1]} == --* ]]; then
        cur= # the cursor is right after "--channel="
        strip="${args[-1]}="
        args[-1]=$strip
    elif [[ ${words[cword - 1]} == = && ${#args[@]} -gt 0 && ${args[-1]} == --*= ]]; then
        strip=${args[-1]}
        args[-1]+=$cur
    else
        args+=("$cur")
    fi

    local line value
    local -a lines
    mapfile -t lines < <("${words[0]}" __complete words -- "${args[@]}" 2>/dev/null)
    COMPREPLY=()
    for line in "${lines[@]}"; do
        case $line in
        :files)
            compopt -o filenames 2>/dev/null
            mapfile -t -O "${#COMPREPLY[@]}" COMPREPLY < <(compgen -f -- "$cur")
            continue
            ;;
        :dirs)
            compopt -o filenames 2>/dev/null
            mapfile -t -O "${#COMPREPLY[@]}" COMPREPLY < <(compgen -d -- "$cur")
            continue
            ;;
        esac
        value=${line%%$'\t'*}
        value=${value#"$strip"}
        [[ $value == "$cur"* ]] && COMPREPLY+=("$value")
    done
    # An option that takes a value wants the space; so does a finished word.
    declare -F __ltrim_colon_completions >/dev/null && __ltrim_colon_completions "$cur"
    return 0
}
complete -F _complain complain
