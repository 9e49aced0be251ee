#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests and benchmarks.
#
#   pgcluster.sh start DIR   initdb in DIR/data, start the server on a free
#                            local port (TCP on 127.0.0.1 and a socket in DIR),
#                            and write its URL to DIR/url
#                            (postgresql://postgres@127.0.0.1:PORT/postgres)
#   pgcluster.sh stop DIR    stop it (fast shutdown) and remove DIR/data
#
# The server runs as the `postgres` user when started by root (PostgreSQL
# refuses to run as root). Exits 77 with a message when no server binary is
# installed (Debian: postgresql-15).
set -euo pipefail

action=${1:?usage: pgcluster.sh start|stop DIR}
dir=${2:?usage: pgcluster.sh start|stop DIR}

bindir=${PG_BINDIR:-}
if [[ -z $bindir ]]; then
    for candidate in /usr/lib/postgresql/*/bin; do
        [[ -x $candidate/initdb ]] && bindir=$candidate
    done
fi
if [[ -z $bindir || ! -x $bindir/initdb ]]; then
    echo "pgcluster: no PostgreSQL server binaries (install postgresql-15)" >&2
    exit 77
fi

as_server=()
if [[ $(id -u) == 0 ]]; then
    as_server=(runuser -u postgres --)
fi

case $action in
start)
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    if [[ $(id -u) == 0 ]]; then
        chown postgres: "$dir"
        chmod 0755 "$dir"
        # The path down to DIR must be searchable by the postgres user.
        d=$dir
        while [[ $d != / ]]; do
            d=$(dirname "$d")
            chmod o+x "$d" 2>/dev/null || true
        done
    fi
    "${as_server[@]}" "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    "${as_server[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "postgresql://postgres@127.0.0.1:$port/postgres" >"$dir/url"
    cat "$dir/url"
    ;;
stop)
    if [[ -d $dir/data ]]; then
        "${as_server[@]}" "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
        rm -rf "$dir/data"
    fi
    ;;
*)
    echo "usage: pgcluster.sh start|stop DIR" >&2
    exit 2
    ;;
esac
