#!/usr/bin/env bash
# Throughput of trivial jobs (`true`) through the orchestrator and through
# ninja, xargs and task-spooler, on the same generated workload, in two shapes:
# flat (no dependencies) and a layered random DAG. See bench/README.md.
set -euo pipefail

usage() {
    cat <<EOF
usage: $0 [--n N] [--shapes flat,dag] [--runners orchestrator,ninja,xargs,tsp]
          [--workers W] [--orchestrator PATH] [--keep]
  --n N               number of jobs per shape (default 10000)
  --shapes LIST       comma-separated: flat, dag (default both)
  --runners LIST      comma-separated: orchestrator, ninja, xargs, tsp (default all)
  --workers W         parallel jobs for every runner (default 8)
  --orchestrator PATH orchestrator binary (default \$ORCH or build/app/orchestrator)
  --keep              keep the temporary directory (job files, logs, runner output)
EOF
}

script_dir=$(cd "$(dirname "$0")" && pwd)
n=10000
shapes=flat,dag
runners=orchestrator,ninja,xargs,tsp
workers=8
orch=${ORCH:-$(dirname "$script_dir")/build/app/orchestrator}
keep=0

while [[ $# -gt 0 ]]; do
    case $1 in
        --n) n=$2; shift 2 ;;
        --shapes) shapes=$2; shift 2 ;;
        --runners) runners=$2; shift 2 ;;
        --workers) workers=$2; shift 2 ;;
        --orchestrator) orch=$2; shift 2 ;;
        --keep) keep=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "$0: unknown option '$1'" >&2; usage >&2; exit 64 ;;
    esac
done
[[ $n =~ ^[1-9][0-9]*$ ]] || { echo "$0: --n wants a positive integer" >&2; exit 64; }
[[ $workers =~ ^[1-9][0-9]*$ ]] || { echo "$0: --workers wants a positive integer" >&2; exit 64; }
IFS=, read -r -a shape_list <<<"$shapes"
IFS=, read -r -a runner_list <<<"$runners"
for s in "${shape_list[@]}"; do
    [[ $s == flat || $s == dag ]] || { echo "$0: unknown shape '$s'" >&2; exit 64; }
done
for r in "${runner_list[@]}"; do
    [[ $r =~ ^(orchestrator|ninja|xargs|tsp)$ ]] || { echo "$0: unknown runner '$r'" >&2; exit 64; }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/orch-bench.XXXXXX")
tsp_socket=$tmp/tsp.socket
cleanup() {
    if [[ -S $tsp_socket ]]; then
        TS_SOCKET=$tsp_socket tsp -K >/dev/null 2>&1 || true
    fi
    if [[ $keep == 1 ]]; then
        echo "kept $tmp"
    else
        rm -rf "$tmp"
    fi
}
# Runners run in the background in their own process group (set -m), so that
# an interrupt is handled at once and reaches ninja, xargs and their jobs.
set -m
runner_pid=
on_signal() { # exit code
    if [[ -n $runner_pid ]]; then
        disown "$runner_pid" 2>/dev/null || true # no "Terminated" job notice
        kill -TERM -- "-$runner_pid" 2>/dev/null || true
    fi
    exit "$1"
}
trap cleanup EXIT
trap 'on_signal 130' INT
trap 'on_signal 143' TERM

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

# The workload, one line per job: "id layer dep,dep,..." ("-" for none).
# Layer sizes are equal; a DAG job depends on 1-3 distinct random jobs of the
# previous layer. The RNG is Park-Miller in awk rather than srand()/rand(), so
# that mawk, gawk and busybox awk all draw the same graph.
generate_graph() { # shape
    awk -v n="$n" -v shape="$1" '
        function rnd(k) { seed = (seed * 16807) % 2147483647; return seed % k }
        BEGIN {
            seed = 42
            layers = (shape == "dag") ? int(sqrt(n) / 2) : 1
            if (layers < 1) layers = 1
            for (i = 0; i < n; i++) layer[i] = int(i * layers / n)
            for (i = 0; i < n; i++) if (!(layer[i] in first)) first[layer[i]] = i
            for (i = 0; i < n; i++) {
                deps = "-"
                l = layer[i]
                if (l > 0) {
                    lo = first[l - 1]; size = first[l] - lo
                    want = 1 + rnd(3); if (want > size) want = size
                    split("", taken); deps = ""
                    for (got = 0; got < want;) {
                        d = lo + rnd(size)
                        if (d in taken) continue
                        taken[d] = 1; got++
                        deps = deps (deps == "" ? "" : ",") sprintf("b-%05d", d + 1)
                    }
                }
                printf "b-%05d %d %s\n", i + 1, l, deps
            }
        }'
}

# Orchestrator job files, one per job, as a user would write them.
write_job_files() { # graph dir
    mkdir -p "$2"
    awk -v dir="$2" '{
        deps = ""
        if ($3 != "-") { m = split($3, d, ","); for (k = 1; k <= m; k++) deps = deps (k > 1 ? "," : "") "\"" d[k] "\"" }
        file = dir "/" $1 ".json"
        printf "{\"job_id\":\"%s\",\"workstream_id\":\"bench\",\"tool\":\"shell\",", $1 > file
        printf "\"command\":{\"exe\":\"true\",\"args\":[]},\"dependencies\":[%s]}\n", deps > file
        close(file)
    }' "$1"
}

# One edge per job; the job's log is its output and the logs of its
# dependencies are its inputs. ninja runs each command through /bin/sh -c.
write_ninja_file() { # graph file
    awk '
        BEGIN { print "rule job\n  command = true > $out 2>&1\n  description = $out" }
        {
            ins = ""
            if ($3 != "-") { m = split($3, d, ","); for (k = 1; k <= m; k++) ins = ins " logs/" d[k] ".log" }
            printf "build logs/%s.log: job%s\n", $1, (ins == "" ? "" : " |" ins)
            all = all " logs/" $1 ".log"
        }
        END { print "build all: phony" all "\ndefault all" }' "$1" >"$2"
}

# The job ids of each layer, one file per layer, for the runners that know
# no dependencies (flat: a single layer).
write_layer_files() { # graph dir
    mkdir -p "$2"
    awk -v dir="$2" '{
        file = sprintf("%s/%06d", dir, $2)
        if (file != last) { if (last != "") close(last); last = file }
        print $1 > file
    }' "$1"
}

count_files() { find "$1" -type f | wc -l; }

# Each run_* is timed from the first job handed over to the last job done,
# and returns non-zero, with a reason on stdout, if the run did not complete.
run_orchestrator() { # work dir
    if [[ ! -x $orch ]]; then
        echo "skipped (no orchestrator binary at $orch)"
        return 2
    fi
    "$orch" --db "$1/orch/orch.db" run "$1/jobs" --workers "$workers" >"$1/orchestrator.out" 2>&1 || {
        echo "failed (exit $?): $(tail -n 3 "$1/orchestrator.out" | tr '\n' ' ')"
        return 1
    }
}

run_ninja() { # work dir
    (cd "$1" && mkdir -p logs && ninja -j "$workers" >ninja.out 2>&1) || {
        echo "failed: $(tail -n 3 "$1/ninja.out" | tr '\n' ' ')"
        return 1
    }
}

# xargs knows no dependencies: the DAG shape runs one layer at a time, with a
# barrier between layers. Each job is `sh -c 'true > logs/ID.log 2>&1'`.
run_xargs() { # work dir
    mkdir -p "$1/xlogs"
    local layer
    for layer in "$1"/layers/*; do
        # shellcheck disable=SC2016 # $1 is expanded by the sh that xargs starts
        (cd "$1" && xargs -P "$workers" -n 1 sh -c 'true > "xlogs/$1.log" 2>&1' sh <"$layer") || {
            echo "failed in layer ${layer##*/}"
            return 1
        }
    done
}

# task-spooler keeps each job's output in its own file under $TMPDIR (its
# equivalent of a log file), so jobs run `true` without a shell wrapper. Its
# -D takes a single job id, which cannot express 1-3 dependencies, so the DAG
# shape also runs layer by layer. A fresh server numbers jobs from 0.
run_tsp() { # work dir
    mkdir -p "$1/tsp-out"
    export TS_SOCKET=$tsp_socket TMPDIR=$1/tsp-out
    tsp -K >/dev/null 2>&1 || true
    tsp -S "$workers"
    local layer id next=0
    for layer in "$1"/layers/*; do
        while read -r id; do
            tsp -L "$id" true >/dev/null
            next=$((next + 1))
        done <"$layer"
        tsp_wait_idle $((next - 1))
    done
    unset TMPDIR
}

# `tsp -w` waits for one job; the others of the batch may still be running.
tsp_wait_idle() { # last job id
    tsp -w "$1" >/dev/null 2>&1 || true
    while tsp -l | awk 'NR > 1 && ($2 == "queued" || $2 == "running") { busy = 1 } END { exit !busy }'; do
        sleep 0.01
    done
}

# Jobs the orchestrator recorded as succeeded. Without the sqlite3 shell, or
# if the schema has moved on, its exit code has to be trusted.
orchestrator_succeeded() { # database
    if [[ ! -f $1 ]]; then
        echo 0
    else
        "$orch" --db "$1" list --state succeeded --json | grep -c '"job_id"'
    fi
}

completed_files() { # runner work dir
    case $1 in
        ninja) count_files "$2/logs" ;;
        xargs) count_files "$2/xlogs" ;;
        tsp) count_files "$2/tsp-out" ;;
        orchestrator) orchestrator_succeeded "$2/orch/orch.db" ;;
    esac
}

installed() { # runner
    case $1 in
        orchestrator) return 0 ;;
        *) command -v "$1" >/dev/null ;;
    esac
}

echo "orchestrator throughput bench: N=$n, workers=$workers, nproc=$(nproc), $(uname -sr)"
echo "orchestrator: $orch"
echo "ninja $(ninja --version 2>/dev/null || echo -), tsp $(tsp -V 2>&1 | grep -o 'v[0-9.]*' || echo -)," \
    "xargs $(xargs --version 2>/dev/null | grep -o '[0-9][0-9.]*$' || echo -)"
echo "wrappers: ninja and xargs run each job as sh -c 'true > LOG 2>&1' (one extra fork+exec of sh);"
echo "          tsp runs true directly and keeps its output in its own per-job file;"
echo "          the orchestrator runs true directly, writes a log file per job and records every state change in SQLite."
echo "          xargs and tsp run the DAG layer by layer (barrier between layers)."
echo

declare -A seconds
results=()
for shape in "${shape_list[@]}"; do
    work=$tmp/$shape
    mkdir -p "$work"
    generate_graph "$shape" >"$work/graph"
    write_job_files "$work/graph" "$work/jobs"
    write_ninja_file "$work/graph" "$work/build.ninja"
    write_layer_files "$work/graph" "$work/layers"
    for runner in "${runner_list[@]}"; do
        if ! installed "$runner"; then
            results+=("$runner|$shape|skipped (not installed)")
            echo "$runner $shape: skipped (not installed)"
            continue
        fi
        echo -n "$runner $shape: running... "
        start=$(now)
        status=0
        run_"$runner" "$work" >"$work/$runner.message" &
        runner_pid=$!
        wait "$runner_pid" || status=$?
        end=$(now)
        runner_pid=
        message=$(<"$work/$runner.message")
        if [[ $status != 0 ]]; then
            results+=("$runner|$shape|$message")
            echo "$message"
            continue
        fi
        done_count=$(completed_files "$runner" "$work")
        if [[ $done_count != "$n" ]]; then
            results+=("$runner|$shape|incomplete: $done_count of $n jobs done")
            echo "incomplete: $done_count of $n jobs done"
            continue
        fi
        seconds[$runner.$shape]=$(elapsed "$start" "$end")
        results+=("$runner|$shape|ok")
        echo "${seconds[$runner.$shape]} s"
    done
done

echo
printf '%-13s %-5s %7s %9s %9s %11s\n' runner shape N seconds jobs/s time/ninja
for row in "${results[@]}"; do
    IFS='|' read -r runner shape message <<<"$row"
    if [[ $message != ok ]]; then
        printf '%-13s %-5s %7s  %s\n' "$runner" "$shape" "$n" "$message"
        continue
    fi
    s=${seconds[$runner.$shape]}
    base=${seconds[ninja.$shape]:-}
    awk -v r="$runner" -v sh="$shape" -v n="$n" -v s="$s" -v b="$base" 'BEGIN {
        ratio = (b == "" || b == 0) ? "-" : sprintf("%.2fx", s / b)
        printf "%-13s %-5s %7d %9.3f %9.0f %11s\n", r, sh, n, s, (s > 0 ? n / s : 0), ratio
    }'
done
echo
echo "time/ninja: wall time relative to ninja on the same shape (2.00x = twice as long)."
