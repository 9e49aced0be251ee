#!/usr/bin/env bash
# Does throughput grow with worker processes when the database is one
# network hop away? N independent jobs worked by 1, 2, 4 and 8
# `orchestrator worker` processes on one PostgreSQL server, directly on
# loopback and behind orch-delayproxy (added latency each way); the same
# workload through graphile-worker (npm) as the peer. Prints jobs/s, the
# speed-up over one process, round trips per job (counted by the proxy) and
# the server's CPU per job. Starts its own throw-away cluster
# (tests/pg/pgcluster.sh). See bench/README.md ("PostgreSQL scale-out").
set -euo pipefail

usage() {
    cat <<EOF
usage: $0 [--n N] [--processes 1,2,4,8] [--slots S] [--delays 0,1] [--workloads sleep,true]
          [--runners orchestrator,graphile-worker] [--peer-processes 1,4]
          [--orchestrator PATH] [--proxy PATH] [--keep]
  --n N                 jobs per run (default 400), independent
  --processes LIST      orchestrator worker process counts (default 1,2,4,8)
  --peer-processes LIST graphile-worker process counts (default 1,4)
  --slots S             jobs at once per process (default 8): --workers S, --jobs S
  --delays LIST         added latency each way in ms; 0 is a direct loopback
                        connection without the proxy (default 0,1)
  --workloads LIST      sleep (each job runs \`sleep 0.2\`) and/or true (\`true\`:
                        the cost of the queue itself) (default sleep,true)
  --runners LIST        orchestrator and/or graphile-worker (default both;
                        graphile-worker is installed from npm into the temporary
                        directory and skipped when npm cannot get it)
  --orchestrator PATH   orchestrator binary (default \$ORCH or build/app/orchestrator)
  --proxy PATH          orch-delayproxy binary (default next to the orchestrator's build)
  --keep                keep the temporary directory (logs, job files)
EOF
}

script_dir=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$(dirname "$script_dir")")
n=400
processes=1,2,4,8
peer_processes=1,4
slots=8
delays=0,1
workloads=sleep,true
runners=orchestrator,graphile-worker
orch=${ORCH:-$root/build/app/orchestrator}
proxy=
keep=0
while [[ $# -gt 0 ]]; do
    case $1 in
        --n) n=$2; shift 2 ;;
        --processes) processes=$2; shift 2 ;;
        --peer-processes) peer_processes=$2; shift 2 ;;
        --slots) slots=$2; shift 2 ;;
        --delays) delays=$2; shift 2 ;;
        --workloads) workloads=$2; shift 2 ;;
        --runners) runners=$2; shift 2 ;;
        --orchestrator) orch=$2; shift 2 ;;
        --proxy) proxy=$2; shift 2 ;;
        --keep) keep=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "$0: unknown option '$1'" >&2; usage >&2; exit 64 ;;
    esac
done
[[ $n =~ ^[1-9][0-9]*$ ]] || { echo "$0: --n wants a positive integer" >&2; exit 64; }
[[ $slots =~ ^[1-9][0-9]*$ ]] || { echo "$0: --slots wants a positive integer" >&2; exit 64; }
[[ -x $orch ]] || { echo "$0: no orchestrator binary at $orch (build it, or --orchestrator PATH)" >&2; exit 1; }
orch=$(cd "$(dirname "$orch")" && pwd)/$(basename "$orch")
if [[ -z $proxy ]]; then
    proxy=$(dirname "$(dirname "$orch")")/bench/pg/delayproxy/orch-delayproxy
fi
IFS=, read -r -a process_list <<<"$processes"
IFS=, read -r -a peer_list <<<"$peer_processes"
IFS=, read -r -a delay_list <<<"$delays"
IFS=, read -r -a workload_list <<<"$workloads"
IFS=, read -r -a runner_list <<<"$runners"
for d in "${delay_list[@]}"; do
    [[ $d =~ ^[0-9]+(\.[0-9]+)?$ ]] || { echo "$0: --delays wants numbers of ms, not '$d'" >&2; exit 64; }
    if [[ $d != 0 && ! -x $proxy ]]; then
        echo "$0: no orch-delayproxy at $proxy (ninja -C build orch-delayproxy, or --proxy PATH)" >&2
        exit 1
    fi
done
for w in "${workload_list[@]}"; do
    [[ $w == sleep || $w == true ]] || { echo "$0: --workloads: unknown workload '$w' (sleep, true)" >&2; exit 64; }
done

bindir=
for candidate in /usr/lib/postgresql/*/bin; do
    [[ -x $candidate/psql ]] && bindir=$candidate
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/orch-pg-scaleout.XXXXXX")
chmod 0755 "$tmp"
pids=()
proxy_pid=
cleanup() {
    for pid in "${pids[@]}" $proxy_pid; do kill -TERM "$pid" 2>/dev/null || true; done
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
port=${base_url##*:}
postmaster=$(head -1 "$tmp/cluster/data/postmaster.pid")
psql() { "$bindir/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }

export ORCHESTRATOR_TOOLS_FILE=/nonexistent/tools.json XDG_DATA_HOME=$tmp/xdg
unset ORCHESTRATOR_DB PIPELINE_DB_PATH

now() { date +%s.%N; }
clk_tck=$(getconf CLK_TCK)

# CPU seconds the whole server has used so far: the postmaster, the
# backends it reaped (cutime, cstime) and the processes alive now.
server_cpu() {
    local total=0 pid fields
    for pid in $postmaster $(pgrep -P "$postmaster" || true); do
        fields=$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null) || continue
        # After the command: state is field 1, utime 12, stime 13, cutime 14, cstime 15.
        total=$(awk -v f="$fields" -v t="$total" -v main=$([[ $pid == "$postmaster" ]] && echo 1 || echo 0) 'BEGIN {
            split(f, a, " "); s = a[12] + a[13]; if (main) s += a[14] + a[15]; print t + s }')
    done
    awk -v t="$total" -v hz="$clk_tck" 'BEGIN { printf "%.3f\n", t / hz }'
}

# Starts a proxy with `delay` ms in front of the server; sets proxy_port.
start_proxy() { # delay
    rm -f "$tmp/proxy.port" "$tmp/proxy.err"
    "$proxy" --to "127.0.0.1:$port" --delay-ms "$1" >"$tmp/proxy.port" 2>"$tmp/proxy.err" &
    proxy_pid=$!
    local i
    for ((i = 0; i < 100; i++)); do
        [[ -s $tmp/proxy.port ]] && break
        sleep 0.05
    done
    proxy_port=$(head -1 "$tmp/proxy.port")
    [[ $proxy_port =~ ^[0-9]+$ ]] || { echo "$0: orch-delayproxy did not start: $(cat "$tmp/proxy.err")" >&2; exit 1; }
}

# Stops the proxy; prints the round trips it carried.
stop_proxy() {
    kill -TERM "$proxy_pid" 2>/dev/null || true
    wait "$proxy_pid" 2>/dev/null || true
    proxy_pid=
    sed -n 's/.* \([0-9][0-9]*\) round trips.*/\1/p' "$tmp/proxy.err" | tail -1
}

# The URL workers use for database `name` over `delay` (0: direct).
url_for() { # name delay
    if [[ $2 == 0 ]]; then echo "$base_url/$1"; else echo "postgresql://postgres@127.0.0.1:$proxy_port/$1"; fi
}

write_jobs() { # dir workload
    mkdir -p "$1"
    local exe=true args='[]'
    [[ $2 == sleep ]] && exe=sleep args='["0.2"]'
    awk -v n="$n" -v dir="$1" -v exe="$exe" -v args="$args" 'BEGIN {
        for (i = 1; i <= n; i++) {
            file = sprintf("%s/s-%05d.json", dir, i)
            printf "{\"job_id\":\"s-%05d\",\"workstream_id\":\"bench\",\"tool\":\"shell\",\"command\":{\"exe\":\"%s\",\"args\":%s}}\n", i, exe, args > file
            close(file)
        }
    }'
}

# Times `count` processes of `start_one NAME URL LOG` against database
# `name` over `delay` ms; sets seconds, trips and cpu.
time_processes() { # name delay count start_one
    local url start end i cpu0 cpu1
    [[ $2 != 0 ]] && start_proxy "$2"
    url=$(url_for "$1" "$2")
    pids=()
    cpu0=$(server_cpu)
    start=$(now)
    for ((i = 0; i < $3; i++)); do
        "$4" "w$i" "$url" "$tmp/$1-$i.out" &
        pids+=($!)
    done
    for pid in "${pids[@]}"; do wait "$pid" || true; done
    end=$(now)
    cpu1=$(server_cpu)
    pids=()
    trips=-
    [[ $2 != 0 ]] && trips=$(stop_proxy)
    seconds=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')
    cpu=$(awk -v a="$cpu0" -v b="$cpu1" 'BEGIN { printf "%.3f", b - a }')
}

start_orchestrator() { exec "$orch" --db "$2" worker --workers "$slots" --name "$1" --exit-when-idle >"$3" 2>&1; }
start_graphile() { cd "$tmp/gw" && exec "$graphile" -c "$2" --jobs "$slots" --once >"$3" 2>&1; }

# One orchestrator run. Prints "seconds completed round_trips cpu_seconds".
run_orchestrator() { # workload delay count run
    local seconds trips cpu completed
    psql -d "$admin_url" -c "CREATE DATABASE scale_$4" >/dev/null
    "$orch" --db "$base_url/scale_$4" submit "$tmp/jobs-$1" >/dev/null
    time_processes "scale_$4" "$2" "$3" start_orchestrator
    completed=$("$orch" --db "$base_url/scale_$4" list --state succeeded --json | grep -c '"job_id"' || true)
    psql -d "$admin_url" -c "DROP DATABASE scale_$4" >/dev/null
    echo "$seconds $completed $trips $cpu"
}

graphile=
setup_graphile() {
    command -v npm >/dev/null || { echo "graphile-worker: skipped (no npm)"; return 1; }
    mkdir -p "$tmp/gw/tasks"
    if ! (cd "$tmp/gw" && npm install --no-audit --no-fund --silent graphile-worker >"$tmp/gw/npm.log" 2>&1); then
        echo "graphile-worker: skipped (npm install failed: $(tail -1 "$tmp/gw/npm.log"))"
        return 1
    fi
    # The same work as the orchestrator's jobs: spawn the command, wait for it.
    cat >"$tmp/gw/tasks/run.js" <<'EOF'
const { execFile } = require("child_process");
module.exports = (payload) =>
  new Promise((resolve, reject) =>
    execFile(payload.exe, payload.args, (error) => (error ? reject(error) : resolve())));
EOF
    graphile=$tmp/gw/node_modules/.bin/graphile-worker
    echo "graphile-worker $(cd "$tmp/gw" && node -p 'require("graphile-worker/package.json").version'), node $(node --version)"
}

# One graphile-worker run, printed like run_orchestrator's.
run_graphile() { # workload delay count run
    local seconds trips cpu left exe=true args='[]'
    [[ $1 == sleep ]] && exe=sleep args='["0.2"]'
    psql -d "$admin_url" -c "CREATE DATABASE scale_$4" >/dev/null
    (cd "$tmp/gw" && "$graphile" -c "$base_url/scale_$4" --schema-only >/dev/null 2>&1)
    psql -d "$base_url/scale_$4" -c "SELECT graphile_worker.add_job('run', json_build_object('exe', '$exe', 'args', '$args'::json))
                                      FROM generate_series(1, $n)" >/dev/null
    time_processes "scale_$4" "$2" "$3" start_graphile
    left=$(psql -At -d "$base_url/scale_$4" -c "SELECT count(*) FROM graphile_worker.jobs")
    psql -d "$admin_url" -c "DROP DATABASE scale_$4" >/dev/null
    echo "$seconds $((n - left)) $trips $cpu"
}

echo "orchestrator PostgreSQL scale-out bench: N=$n independent jobs, $slots slots per process"
echo "nproc=$(nproc), $(uname -sr), $("$bindir/postgres" --version 2>/dev/null || echo postgres)"
echo "cluster: local TCP, fsync=off, synchronous_commit=off (tests/pg/pgcluster.sh); link 0 ms: direct, else orch-delayproxy"
want_peer=0
for r in "${runner_list[@]}"; do [[ $r == graphile-worker ]] && want_peer=1; done
if [[ $want_peer == 1 ]] && ! setup_graphile; then want_peer=0; fi
echo
printf '%-16s %-6s %-6s %9s %6s %8s %8s %8s %13s %14s\n' runner work link processes N seconds jobs/s speed-up "round trips/job" "server ms/job"
runs=0
for workload in "${workload_list[@]}"; do
    write_jobs "$tmp/jobs-$workload" "$workload"
    for delay in "${delay_list[@]}"; do
        link=loopback
        [[ $delay != 0 ]] && link=${delay}ms
        for runner in "${runner_list[@]}"; do
            case $runner in
                orchestrator) counts=("${process_list[@]}") ;;
                graphile-worker) [[ $want_peer == 1 ]] || continue; counts=("${peer_list[@]}") ;;
                *) echo "$0: --runners: unknown runner '$runner'" >&2; exit 64 ;;
            esac
            single=
            for count in "${counts[@]}"; do
                runs=$((runs + 1))
                if [[ $runner == orchestrator ]]; then
                    read -r seconds completed trips cpu < <(run_orchestrator "$workload" "$delay" "$count" "$runs")
                else
                    read -r seconds completed trips cpu < <(run_graphile "$workload" "$delay" "$count" "$runs")
                fi
                if [[ $completed != "$n" ]]; then
                    printf '%-16s %-6s %-6s %9d %6d  incomplete: %d of %d done (kept logs: --keep)\n' \
                        "$runner" "$workload" "$link" "$count" "$n" "$completed" "$n"
                    continue
                fi
                rate=$(awk -v n="$n" -v s="$seconds" 'BEGIN { printf "%.1f", (s > 0 ? n / s : 0) }')
                [[ -z $single ]] && single=$rate
                awk -v r="$runner" -v w="$workload" -v l="$link" -v c="$count" -v n="$n" -v s="$seconds" -v j="$rate" \
                    -v one="$single" -v t="$trips" -v cpu="$cpu" 'BEGIN {
                    rt = (t == "-") ? "-" : sprintf("%.2f", t / n)
                    printf "%-16s %-6s %-6s %9d %6d %8.2f %8.1f %7.2fx %15s %14.2f\n", r, w, l, c, n, s, j,
                        (one > 0 ? j / one : 0), rt, cpu * 1000 / n }'
            done
        done
    done
done
echo
echo "speed-up: jobs/s over the first process count of the same runner, workload and link."
echo "round trips/job: requests the proxy carried (client sends after the server answered), over N; '-' on a direct link."
echo "server ms/job: CPU time of every PostgreSQL process during the run, over N."
