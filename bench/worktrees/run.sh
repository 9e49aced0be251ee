#!/usr/bin/env bash
# Parallel agents on one repository, measured with the orchestrator CLI on real
# git repositories (see bench/README.md, section "Worktrees"):
#  1. N stand-in agents (sleep, then append a line to a file of their own) on
#     one repository: wall time with "isolation": "worktree" against "none",
#     where the repo lock runs them one at a time;
#  2. the cost of a worktree on a 10,000-file repository: plain
#     `git worktree add`, and an orchestrator job running `true` in a worktree
#     against the same job without one.
set -euo pipefail

usage() {
    cat <<EOF
usage: $0 [--agents N] [--sleep S] [--workers W] [--files F] [--reps R]
          [--orchestrator PATH] [--keep]
  --agents N          stand-in agents on one repository (default 8)
  --sleep S           seconds each stand-in agent works (default 2)
  --workers W         orchestrator workers for the agents (default 8)
  --files F           files in the repository of part 2 (default 10000, in 100 directories)
  --reps R            rounds of part 2 (git worktree add, the \`true\` job without and with a
                      worktree), medians taken (default 5)
  --orchestrator PATH orchestrator binary (default \$ORCH or build/app/orchestrator)
  --keep              keep the temporary directory (repositories, databases, worktrees, logs)
EOF
}

script_dir=$(cd "$(dirname "$0")" && pwd)
agents=8
sleep_s=2
workers=8
files=10000
reps=5
orch=${ORCH:-$(dirname "$(dirname "$script_dir")")/build/app/orchestrator}
keep=0

while [[ $# -gt 0 ]]; do
    case $1 in
        --agents) agents=$2; shift 2 ;;
        --sleep) sleep_s=$2; shift 2 ;;
        --workers) workers=$2; shift 2 ;;
        --files) files=$2; shift 2 ;;
        --reps) reps=$2; shift 2 ;;
        --orchestrator) orch=$2; shift 2 ;;
        --keep) keep=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "$0: unknown option '$1'" >&2; usage >&2; exit 64 ;;
    esac
done
for pair in "agents:$agents" "workers:$workers" "files:$files" "reps:$reps"; do
    [[ ${pair#*:} =~ ^[1-9][0-9]*$ ]] || { echo "$0: --${pair%%:*} wants a positive integer" >&2; exit 64; }
done
[[ $sleep_s =~ ^[0-9]+(\.[0-9]+)?$ ]] || { echo "$0: --sleep wants a number of seconds" >&2; exit 64; }
for tool in git jq awk; do
    command -v "$tool" >/dev/null || { echo "$0: needs $tool" >&2; exit 69; }
done
[[ -x $orch ]] || { echo "$0: no orchestrator binary at $orch (build it, or give --orchestrator PATH / ORCH)" >&2; exit 69; }
orch=$(cd "$(dirname "$orch")" && pwd)/$(basename "$orch")

tmp=$(mktemp -d "${TMPDIR:-/tmp}/orch-worktrees.XXXXXX")
cleanup() {
    if [[ $keep == 1 ]]; then
        echo "kept $tmp"
    else
        rm -rf "$tmp"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Nothing of the user's: no git configuration (hooks, signing, fsmonitor) and
# no tools.json; the database (and so the data directory with the worktrees
# and logs) is always --db inside $tmp.
unset ORCHESTRATOR_DB PIPELINE_DB_PATH
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=$tmp/gitconfig
git config --file "$GIT_CONFIG_GLOBAL" user.name "Orchestrator bench"
git config --file "$GIT_CONFIG_GLOBAL" user.email "bench@example.invalid"
git config --file "$GIT_CONFIG_GLOBAL" init.defaultBranch main
git config --file "$GIT_CONFIG_GLOBAL" commit.gpgsign false
# The stand-in agent's tool edits the repository, as aider and codex do, so
# that with "isolation": "none" it takes the repo lock. The built-in shell
# profile has edits_repo false: shell jobs in repo_root are never serialised.
export ORCHESTRATOR_TOOLS_FILE=$tmp/tools.json
cat >"$ORCHESTRATOR_TOOLS_FILE" <<'EOF'
{"profiles": [{"name": "stand-in-agent", "description": "the job's command, as a tool that edits the repository",
               "edits_repo": true, "needs_command": true}]}
EOF

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { printf "%.3f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
fail() { echo "$0: FAILED: $*" >&2; exit 1; }
orchdb() { "$orch" --db "$db" "$@"; }

# A job file, built by jq so that any path is quoted right. The arguments go
# over as lines (jq would take a "-c" after --args for its own option).
job_file() { # file job_id run_id tool isolation repo exe args...
    local file=$1 id=$2 run=$3 tool=$4 isolation=$5 repo=$6 exe=$7
    shift 7
    jq -n --arg id "$id" --arg run "$run" --arg tool "$tool" --arg iso "$isolation" --arg repo "$repo" \
        --arg exe "$exe" --arg args "$(printf '%s\n' "$@")" \
        '{job_id: $id, run_id: $run, tool: $tool, command: {exe: $exe, args: ($args | split("\n"))},
          paths: {repo_root: $repo}, metadata: {isolation: $iso}}' >"$file"
}

# `orchestrator run`, timed from its start to its exit; the seconds go to
# stdout, its output to $1/run.out. A failed run stops the bench with its output.
timed_run() { # dir workers
    local start end
    start=$(now)
    if ! orchdb run "$1/jobs" --workers "$2" >"$1/run.out" 2>&1; then
        cat "$1/run.out" >&2
        fail "orchestrator --db $db run $1/jobs --workers $2 exited non-zero (output above)"
    fi
    end=$(now)
    elapsed "$start" "$end"
}

# The most running at once, from lines "<ms> 1" (start) and "<ms> -1" (end);
# an end sorts before a start at the same ms.
max_concurrent() { sort -k1,1n -k2,2n | awk '{ n += $2; if (n > m) m = n } END { print m + 0 }'; }

# The same from the orchestrator's records: the jobs' started_at (claimed) and
# finished_at. Both are read from the clock at different moments of one
# scheduler tick, so a job claimed in the tick that finished another may have
# a started_at a millisecond or two before that one's finished_at.
db_intervals() { orchdb list --json | jq -r '.[] | "\(.started_at) 1\n\(.finished_at) -1"'; }

# The largest overlap (ms) between a job's [started_at, finished_at] and the
# job that started before it, in the orchestrator's records.
db_overlap_ms() {
    orchdb list --json | jq -r '.[] | "\(.started_at) \(.finished_at)"' | sort -n |
        awk 'NR > 1 && prev - $1 > m { m = prev - $1 } { prev = $2 } END { print m + 0 }'
}

succeeded_count() { orchdb list --state succeeded --json | jq length; }

# The jobs' start times (claimed), in seconds after the first one.
start_offsets() {
    orchdb list --json | jq -r '.[].started_at' | sort -n |
        awk 'NR == 1 { first = $1 } { printf "%s+%.2f", (NR > 1 ? " " : ""), ($1 - first) / 1000 }'
}

load() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown; }
echo "orchestrator worktree bench: nproc=$(nproc), $(uname -sr), $(git --version), load average $(load)"
echo "orchestrator: $orch ($("$orch" --version 2>/dev/null || echo "version unknown"))"
echo

# ---------------------------------------------------------------------------
# 1. Stand-in agents on one repository: worktree against none.

make_agent_repo() { # dir
    git init -q "$1"
    local i
    for ((i = 1; i <= agents; i++)); do echo "file $i" >"$1/file-$i.txt"; done
    git -C "$1" add -A
    git -C "$1" commit -q -m "stand-in agents' files"
}

declare -A agent_seconds agent_concurrency
for isolation in none worktree; do
    work=$tmp/agents-$isolation
    repo=$work/repo
    db=$work/data/orch.db
    mkdir -p "$work/jobs" "$work/data"
    make_agent_repo "$repo"
    # Each agent also notes when it starts and ends (ms) in a file outside
    # the repository: what ran at once, as the agents saw it.
    for ((i = 1; i <= agents; i++)); do
        # shellcheck disable=SC2016 # $1 and $(date) are the agent's
        script='echo "$(date +%s%3N) 1" >> "$1"; sleep '$sleep_s'; echo change >> file-'$i'.txt; echo "$(date +%s%3N) -1" >> "$1"'
        job_file "$work/jobs/agent-$i.json" "agent-$i" "agents-$isolation" stand-in-agent "$isolation" "$repo" \
            sh -c "$script" sh "$work/agents.times"
    done
    head_before=$(git -C "$repo" rev-parse HEAD)
    branch_before=$(git -C "$repo" symbolic-ref HEAD)
    echo -n "$agents agents x ${sleep_s} s, isolation $isolation, $workers workers: running... "
    seconds=$(timed_run "$work" "$workers")
    done_count=$(succeeded_count)
    [[ $done_count == "$agents" ]] || { cat "$work/run.out" >&2; fail "isolation $isolation: $done_count of $agents jobs succeeded"; }
    concurrency=$(max_concurrent <"$work/agents.times")
    agent_seconds[$isolation]=$seconds
    agent_concurrency[$isolation]=$concurrency
    echo "$seconds s (at most $concurrency agents running at once)"
    echo "  $(tail -n 1 "$work/run.out")"
    echo "  jobs claimed at (s after the first): $(start_offsets);" \
        "at most $(db_intervals | max_concurrent) running at once in the orchestrator's records" \
        "(largest overlap with the previous job $(db_overlap_ms) ms)"

    if [[ $isolation == none ]]; then
        # The repo lock: never two of them running at once, and each changed
        # the user's checkout itself.
        if [[ $concurrency != 1 ]]; then
            orchdb list --json | jq -r '.[] | "  \(.job_id) claimed \(.started_at), finished \(.finished_at)"' >&2
            sort -n "$work/agents.times" | sed 's/^/  agent at /' >&2
            fail "isolation none: $concurrency agents ran at once in one repo_root; the repo lock should serialise them"
        fi
        changed=$(git -C "$repo" status --porcelain | grep -c '^ M file-' || true)
        [[ $changed == "$agents" ]] || fail "isolation none: $changed of $agents files changed in $repo"
    else
        # The user's checkout is untouched; each job's branch holds its change.
        status=$(git -C "$repo" status --porcelain)
        [[ -z $status ]] || fail "isolation worktree: the user's checkout $repo changed: $status"
        [[ $(git -C "$repo" rev-parse HEAD) == "$head_before" ]] || fail "isolation worktree: HEAD of $repo moved"
        [[ $(git -C "$repo" symbolic-ref HEAD) == "$branch_before" ]] || fail "isolation worktree: $repo left $branch_before"
        for ((i = 1; i <= agents; i++)); do
            stat=$(orchdb diff --job-id "agent-$i" --stat) || fail "orchestrator diff --job-id agent-$i --stat failed"
            files_json=$(orchdb diff --job-id "agent-$i" --stat --json | jq -c '[.files_changed[] | [.path, .insertions, .deletions]]')
            [[ $files_json == "[[\"file-$i.txt\",1,0]]" ]] ||
                fail "agent-$i: expected +1 -0 in file-$i.txt only, orchestrator diff --stat says: $stat"
            branch=$(orchdb status --job-id "agent-$i" --json | jq -r '.worktree.branch')
            last=$(git -C "$repo" show "$branch:file-$i.txt" | tail -n 1) ||
                fail "agent-$i: git show $branch:file-$i.txt failed"
            [[ $last == change ]] || fail "agent-$i: branch $branch has no change in file-$i.txt"
        done
        echo "  checkout unchanged (status clean, HEAD ${head_before:0:12} on ${branch_before#refs/heads/});" \
            "each job's branch has +1 in its file (orchestrator diff --stat)"
    fi
done
speedup=$(awk -v a="${agent_seconds[none]}" -v b="${agent_seconds[worktree]}" 'BEGIN { printf "%.2f", a / b }')
echo "speed-up of worktree over none: ${speedup}x"
echo

# ---------------------------------------------------------------------------
# 2. The cost of a worktree on a large repository.

big=$tmp/big
repo=$big/repo
mkdir -p "$big"
git init -q "$repo"
start=$(now)
(cd "$repo" && mkdir d{00..99})
awk -v dir="$repo" -v n="$files" 'BEGIN {
    for (i = 0; i < n; i++) {
        file = sprintf("%s/d%02d/f%05d.txt", dir, i % 100, i)
        printf "file %d\nsecond line\n", i > file
        close(file)
    }
}'
git -C "$repo" add -A
git -C "$repo" commit -q -m "$files files"
sync
tracked=$(git -C "$repo" ls-files | wc -l)
[[ $tracked == "$files" ]] || fail "the large repository has $tracked tracked files, not $files"
echo "repository of $files files in 100 directories, one commit: made in $(elapsed "$start" "$(now)") s (not part of the figures)"

# The three are measured in rounds (git worktree add, the job without a
# worktree, the job with one), so that all three see the same state of a
# shared machine; each figure is the median over the rounds. Before every
# timed step, `sync` (not timed) writes back what the previous one left in
# the page cache, so each pays for its own files only. Worktrees are not
# removed between steps (the orchestrator does not remove its own either):
# on this ext4, mounted with `discard`, deleting 10,000 written files took
# 10-30 s and slowed every file creation for a while after it.
git_times=() none_times=() wt_times=() none_spans=() wt_spans=() beyond_git=()
orchestrator_true() { # isolation round: prints "seconds span"
    local work=$big/orch-$1-$2 seconds span recorded
    db=$work/data/orch.db
    mkdir -p "$work/jobs" "$work/data"
    job_file "$work/jobs/noop.json" noop "noop-$1-$2" shell "$1" "$repo" true
    sync
    seconds=$(timed_run "$work" 1)
    [[ $(succeeded_count) == 1 ]] || { cat "$work/run.out" >&2; fail "the true job, isolation $1, did not succeed"; }
    recorded=$(orchdb status --job-id noop --json | jq -r '.isolation')
    [[ $recorded == "$1" ]] || fail "the true job asked for isolation $1 and got $recorded"
    # From claim to final state, as the database has it.
    span=$(orchdb list --json | jq -r '.[0] | (.finished_at - .started_at) / 1000')
    echo "$seconds $span"
}
for ((r = 1; r <= reps; r++)); do
    sync
    start=$(now)
    git -C "$repo" worktree add --quiet --no-track -b "bench/wt-$r" "$big/git-wt-$r" HEAD
    end=$(now)
    git_times+=("$(elapsed "$start" "$end")")
    result=$(orchestrator_true none "$r")
    read -r seconds span <<<"$result"
    none_times+=("$seconds") none_spans+=("$span")
    result=$(orchestrator_true worktree "$r")
    read -r seconds span <<<"$result"
    wt_times+=("$seconds") wt_spans+=("$span")
    beyond_git+=("$(awk -v o="$span" -v g="${git_times[-1]}" 'BEGIN { printf "%.3f", o - g }')")
    echo "round $r, $files files: git worktree add ${git_times[-1]} s;" \
        "orchestrator run of a \`true\` job: none ${none_times[-1]} s, worktree ${wt_times[-1]} s end to end" \
        "(claimed to succeeded: none ${none_spans[-1]} s, worktree ${wt_spans[-1]} s)"
done
status=$(git -C "$repo" status --porcelain)
[[ -z $status ]] || fail "the large repository's checkout changed: $status"
git_median=$(median "${git_times[@]}")
none_median=$(median "${none_times[@]}")
wt_median=$(median "${wt_times[@]}")
overhead=$(awk -v a="$wt_median" -v b="$none_median" 'BEGIN { printf "%.3f", a - b }')
span_overhead=$(awk -v a="$(median "${wt_spans[@]}")" -v b="$(median "${none_spans[@]}")" 'BEGIN { printf "%.3f", a - b }')
beyond_median=$(median "${beyond_git[@]}")
minimum() { printf '%s\n' "$@" | sort -g | head -n 1; }
range() { echo "min $(minimum "$@"), max $(printf '%s\n' "$@" | sort -g | tail -n 1)"; }
echo "git worktree add -b, $files files: median $git_median s of $reps ($(range "${git_times[@]}"))"
echo "orchestrator overhead per worktree attempt, $files files: $overhead s end to end" \
    "(median $wt_median s with a worktree ($(range "${wt_times[@]}")) - median $none_median s without);" \
    "$span_overhead s claimed to succeeded; the worktree attempt's span minus that round's git worktree add:" \
    "median $beyond_median s ($(range "${beyond_git[@]}"))"
echo

printf '%-58s %10s %10s\n' measurement seconds min
printf '%-58s %10s\n' "$agents agents x ${sleep_s} s, $workers workers, none (${agent_concurrency[none]} at once)" "${agent_seconds[none]}"
printf '%-58s %10s\n' "$agents agents x ${sleep_s} s, $workers workers, worktree (${agent_concurrency[worktree]} at once)" "${agent_seconds[worktree]}"
printf '%-58s %10s\n' "  speed-up (none / worktree)" "${speedup}x"
printf '%-58s %10s %10s\n' "git worktree add, $files files (median of $reps)" "$git_median" "$(minimum "${git_times[@]}")"
printf '%-58s %10s %10s\n' "orchestrator job \`true\`, isolation none (median of $reps)" "$none_median" "$(minimum "${none_times[@]}")"
printf '%-58s %10s %10s\n' "orchestrator job \`true\`, isolation worktree (median of $reps)" "$wt_median" "$(minimum "${wt_times[@]}")"
printf '%-58s %10s %10s\n' "  orchestrator overhead per worktree attempt" "$overhead" \
    "$(awk -v a="$(minimum "${wt_times[@]}")" -v b="$(minimum "${none_times[@]}")" 'BEGIN { printf "%.3f", a - b }')"
printf '%-58s %10s\n' "  of which beyond git worktree add (median per round)" "$beyond_median"
echo "load average at the end: $(load)"
