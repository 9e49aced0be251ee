#!/usr/bin/env bash
# Jobs/s of trivial jobs (`true`) worked by 1, 2 and 4 `orchestrator worker`
# processes sharing one PostgreSQL database, next to the same through an
# SQLite file. Starts its own throw-away cluster (tests/pg/pgcluster.sh).
# See bench/README.md ("PostgreSQL").
set -euo pipefail

usage() {
    cat <<EOF
usage: $0 [--n N] [--processes 1,2,4] [--slots S] [--orchestrator PATH] [--keep]
  --n N               jobs per run (default 2000), independent
  --processes LIST    worker process counts (default 1,2,4)
  --slots S           --workers of each worker process (default 4)
  --orchestrator PATH orchestrator binary (default \$ORCH or build/app/orchestrator)
  --keep              keep the temporary directory
EOF
}

script_dir=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$(dirname "$script_dir")")
n=2000
processes=1,2,4
slots=4
orch=${ORCH:-$root/build/app/orchestrator}
keep=0
while [[ $# -gt 0 ]]; do
    case $1 in
        --n) n=$2; shift 2 ;;
        --processes) processes=$2; shift 2 ;;
        --slots) slots=$2; shift 2 ;;
        --orchestrator) orch=$2; shift 2 ;;
        --keep) keep=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "$0: unknown option '$1'" >&2; usage >&2; exit 64 ;;
    esac
done
[[ $n =~ ^[1-9][0-9]*$ ]] || { echo "$0: --n wants a positive integer" >&2; exit 64; }
[[ $slots =~ ^[1-9][0-9]*$ ]] || { echo "$0: --slots wants a positive integer" >&2; exit 64; }
[[ -x $orch ]] || { echo "$0: no orchestrator binary at $orch (build it, or --orchestrator PATH)" >&2; exit 1; }
IFS=, read -r -a process_list <<<"$processes"

bindir=
for candidate in /usr/lib/postgresql/*/bin; do
    [[ -x $candidate/psql ]] && bindir=$candidate
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/orch-pg-bench.XXXXXX")
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    bash "$root/tests/pg/pgcluster.sh" stop "$tmp/cluster" || true
    if [[ $keep == 1 ]]; then echo "kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

status=0
bash "$root/tests/pg/pgcluster.sh" start "$tmp/cluster" >/dev/null || status=$?
if [[ $status == 77 ]]; then
    echo "$0: no PostgreSQL server binaries (install postgresql-15)" >&2
    exit 77
elif [[ $status != 0 ]]; then
    exit "$status"
fi
admin_url=$(<"$tmp/cluster/url")
base_url=${admin_url%/*}

mkdir -p "$tmp/jobs"
awk -v n="$n" -v dir="$tmp/jobs" 'BEGIN {
    for (i = 1; i <= n; i++) {
        file = sprintf("%s/p-%05d.json", dir, i)
        printf "{\"job_id\":\"p-%05d\",\"workstream_id\":\"bench\",\"tool\":\"shell\",\"command\":{\"exe\":\"true\",\"args\":[]}}\n", i > file
        close(file)
    }
}'

export ORCHESTRATOR_TOOLS_FILE=/nonexistent/tools.json XDG_DATA_HOME=$tmp/xdg
unset ORCHESTRATOR_DB PIPELINE_DB_PATH

now() { date +%s.%N; }

# Submits the jobs to `db` (not timed), then times `count` worker processes
# working them until the queue is empty. Prints "seconds succeeded".
measure() { # db count
    "$orch" --db "$1" submit "$tmp/jobs" >/dev/null
    local start end i done_count
    pids=()
    start=$(now)
    for ((i = 0; i < $2; i++)); do
        "$orch" --db "$1" worker --workers "$slots" --name "bench-$i" --exit-when-idle >"$tmp/worker-$i.out" 2>&1 &
        pids+=($!)
    done
    for pid in "${pids[@]}"; do wait "$pid"; done
    end=$(now)
    pids=()
    done_count=$("$orch" --db "$1" list --state succeeded --json | grep -c '"job_id"' || true)
    awk -v a="$start" -v b="$end" -v d="$done_count" 'BEGIN { printf "%.3f %d\n", b - a, d }'
}

echo "orchestrator PostgreSQL throughput bench: N=$n independent jobs (true), $slots slots per worker process"
echo "nproc=$(nproc), $(uname -sr), $("$bindir/postgres" --version 2>/dev/null || echo postgres)"
echo "cluster: local TCP, fsync=off, synchronous_commit=off (tests/pg/pgcluster.sh); SQLite: WAL, synchronous=NORMAL"
echo
printf '%-10s %9s %7s %9s %9s\n' database processes N seconds jobs/s
run=0
for backend in sqlite postgresql; do
    for count in "${process_list[@]}"; do
        run=$((run + 1))
        if [[ $backend == sqlite ]]; then
            db=$tmp/sqlite-$run/orch.db
        else
            "$bindir/psql" -q -d "$admin_url" -c "CREATE DATABASE bench_$run" >/dev/null
            db=$base_url/bench_$run
        fi
        read -r seconds succeeded < <(measure "$db" "$count")
        if [[ $succeeded != "$n" ]]; then
            printf '%-10s %9d %7d  incomplete: %d of %d succeeded\n' "$backend" "$count" "$n" "$succeeded" "$n"
            continue
        fi
        awk -v b="$backend" -v c="$count" -v n="$n" -v s="$seconds" 'BEGIN {
            printf "%-10s %9d %7d %9.3f %9.0f\n", b, c, n, s, (s > 0 ? n / s : 0) }'
    done
done
