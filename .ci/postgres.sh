# A throwaway PostgreSQL for the store tests. Source this file, then call `pg_start`, and make sure
# `pg_stop` runs on exit (`trap pg_stop EXIT`).
#
# pg_start installs PostgreSQL from Debian when its binaries are missing, initialises a cluster in a
# fresh temporary directory (owned by the `postgres` user when we are root, because initdb refuses to
# run as root), listens on a unix socket in that directory and on a free localhost port, creates the
# database `lagebild` and exports LAGEBILD_TEST_PG (its URL) and LAGEBILD_REQUIRE_PG=1 (so that the
# tests fail instead of skipping when the database is unreachable).

PG_TMP=""

pg_bindir() {
    # Debian keeps the server binaries per major version, outside PATH; take the newest.
    local dir
    dir=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)
    if [[ -n "$dir" && -x "$dir/initdb" ]]; then
        echo "$dir"
    elif command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
        dirname "$(command -v initdb)"
    fi
}

pg_as_owner() {
    # Run a server command as the cluster's owner: `postgres` when we are root, else ourselves.
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

pg_start() {
    local bin port
    bin=$(pg_bindir)
    if [[ -z "$bin" ]]; then
        echo "ci: installing PostgreSQL from Debian" >&2
        # Only the binaries: no system cluster that would keep running after CI.
        mkdir -p /etc/postgresql-common/createcluster.d
        echo "create_main_cluster = false" >/etc/postgresql-common/createcluster.d/lagebild-ci.conf
        DEBIAN_FRONTEND=noninteractive apt-get update -q
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql
        bin=$(pg_bindir)
    fi
    PG_BIN="$bin"
    PG_TMP=$(mktemp -d -t lagebild-pg.XXXXXX)
    if [[ $(id -u) -eq 0 ]]; then
        chown postgres: "$PG_TMP"
    fi
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

    # Trust authentication is safe here: the server only listens on localhost and a private socket,
    # and it lives as long as this script. fsync off: nothing in it needs to survive a crash.
    pg_as_owner "$PG_BIN/initdb" -D "$PG_TMP/data" -U lagebild --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
        >"$PG_TMP/initdb.log" || { cat "$PG_TMP/initdb.log" >&2; return 1; }
    pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/server.log" -w \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_TMP -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null || { cat "$PG_TMP/server.log" >&2; return 1; }
    "$PG_BIN/createdb" -h "$PG_TMP" -p "$port" -U lagebild lagebild

    export LAGEBILD_TEST_PG="postgresql+psycopg://lagebild@127.0.0.1:$port/lagebild"
    export LAGEBILD_REQUIRE_PG=1
    echo "ci: PostgreSQL $("$PG_BIN/pg_ctl" --version | awk '{print $3}') at $LAGEBILD_TEST_PG" >&2
}

pg_stop() {
    # Safe to call twice or before pg_start; keeps the caller's exit status.
    local status=$?
    if [[ -n "$PG_TMP" && -d "$PG_TMP" ]]; then
        if [[ -f "$PG_TMP/data/postmaster.pid" ]]; then
            pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -m fast -w stop >/dev/null || true
        fi
        rm -rf "$PG_TMP"
        PG_TMP=""
    fi
    return $status
}
