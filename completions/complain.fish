# fish completion for complain. Every value (subcommands, options, channels from the live config,
# complaint ids with their titles, states, formats) comes from
# `complain __complete words -- WORDS...`, so this script knows nothing that could go stale.

function __complain_complete
    set -l tokens (commandline -opc)
    set -l current (commandline -ct)
    command $tokens[1] __complete words -- $tokens[2..-1] "$current" 2>/dev/null | while read -l line
        switch $line
            case :files
                __fish_complete_path "$current"
            case :dirs
                __fish_complete_directories "$current"
            case '*'
                printf '%s\n' $line
        end
    end
end

# -k: ids come open work first; keep the order complain gives.
complete -c complain -f -k -a '(__complain_complete)'
