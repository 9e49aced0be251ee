#!/bin/sh
# Runs the DAG layout bench (builds nothing). Installs Graphviz for the
# comparison with dot when it is missing and apt-get can be used; otherwise
# the comparison is skipped with a message.
#
#   bench/dag/run.sh [PATH-TO-orch-dagbench]    (default build/bench/dag/orch-dagbench)
set -eu

bin=${1:-build/bench/dag/orch-dagbench}
if [ ! -x "$bin" ]; then
    echo "run.sh: $bin not found; build it first: cmake --build build --target orch-dagbench" >&2
    exit 1
fi

if ! command -v dot >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
        echo "run.sh: dot not found; installing graphviz with apt-get"
        apt-get install -y graphviz >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y graphviz >/dev/null 2>&1; } || true
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        echo "run.sh: dot not found; installing graphviz with sudo apt-get"
        sudo -n apt-get install -y graphviz >/dev/null 2>&1 || true
    fi
fi

if command -v dot >/dev/null 2>&1; then
    exec "$bin" --dot "$(command -v dot)"
fi
echo "run.sh: Graphviz dot is not installed and could not be installed here (needs apt-get as root);"
echo "run.sh: skipping the comparison with dot. Install it with: apt-get install -y graphviz"
exec "$bin" --no-dot
