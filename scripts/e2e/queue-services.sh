#!/usr/bin/env bash
# Redis + PostgreSQL on loopback, non-default ports, in a temp dir, without systemd,
# for running n8n in queue mode (main + worker) in end-to-end tests.
#
# Usage: scripts/e2e/queue-services.sh start|stop|status|env
#   start   start both (idempotent); initdb on first use
#   stop    stop both (pg_ctl stop -m fast; redis SHUTDOWN NOSAVE)
#   status  exit 0 if both answer
#   env     print the n8n queue-mode env (eval-able), minus the per-instance
#           DB_POSTGRESDB_DATABASE / QUEUE_BULL_PREFIX
#
# Env: E2E_QUEUE_DIR (default /tmp/n8n-e2e-queue), E2E_REDIS_PORT (6390), E2E_PG_PORT (5440),
#      E2E_PG_BIN (default: newest /usr/lib/postgresql/*/bin).
# Needs: apt-get install -y redis-server postgresql   (Debian 12: Redis 7.0, PostgreSQL 15)
# PostgreSQL refuses to run as root, so as root it runs as the `postgres` user via runuser.
set -euo pipefail

QDIR="${E2E_QUEUE_DIR:-/tmp/n8n-e2e-queue}"
REDIS_PORT="${E2E_REDIS_PORT:-6390}"
PG_PORT="${E2E_PG_PORT:-5440}"
PG_BIN="${E2E_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
PGDATA="$QDIR/pg/data"

as_pg() {
  if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}
redis_up() { redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; }
pg_up() { "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" 2>/dev/null; }

start() {
  command -v redis-server >/dev/null || { echo "redis-server missing: apt-get install -y redis-server" >&2; exit 1; }
  [[ -x "$PG_BIN/pg_ctl" ]] || { echo "PostgreSQL server binaries missing: apt-get install -y postgresql" >&2; exit 1; }
  mkdir -p "$QDIR/redis" "$QDIR/pg"
  chmod 755 "$QDIR"
  if ! redis_up; then
    redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --daemonize yes --dir "$QDIR/redis" \
      --logfile "$QDIR/redis/redis.log" --pidfile "$QDIR/redis/redis.pid" --save '' --appendonly no
    for _ in $(seq 1 50); do redis_up && break; sleep 0.1; done
  fi
  if ! pg_up; then
    [[ "$(id -u)" == 0 ]] && chown postgres:postgres "$QDIR/pg"
    if [[ ! -f "$PGDATA/PG_VERSION" ]]; then
      as_pg "$PG_BIN/initdb" -D "$PGDATA" -A trust -U postgres --no-sync -E UTF8 >"$QDIR/pg/initdb.log"
    fi
    as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$QDIR/pg/pg.log" -w start \
      -o "-p $PG_PORT -k $QDIR/pg -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null
  fi
  redis_up && pg_up
  echo "redis 127.0.0.1:$REDIS_PORT, postgres 127.0.0.1:$PG_PORT (user postgres, trust), state in $QDIR" >&2
}

stop() {
  if redis_up; then redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true; fi
  if [[ -f "$PGDATA/postmaster.pid" ]]; then as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null || true; fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) redis_up && pg_up ;;
  env)
    cat <<EOF
export EXECUTIONS_MODE=queue
export QUEUE_BULL_REDIS_HOST=127.0.0.1
export QUEUE_BULL_REDIS_PORT=$REDIS_PORT
export DB_TYPE=postgresdb
export DB_POSTGRESDB_HOST=127.0.0.1
export DB_POSTGRESDB_PORT=$PG_PORT
export DB_POSTGRESDB_USER=postgres
export DB_POSTGRESDB_PASSWORD=
EOF
    ;;
  *) echo "usage: $0 start|stop|status|env" >&2; exit 2 ;;
esac
