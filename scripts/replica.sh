#!/usr/bin/env bash
# Streaming replicas of the local PostgreSQL 15 cluster, for the replica tests and the bench:
#
#   bash scripts/replica.sh start N    build replica N (if missing) on port 5432+N and start it
#   bash scripts/replica.sh stop N     stop replica N (fast shutdown; its data stays)
#   bash scripts/replica.sh remove N   stop replica N and delete its data
#   bash scripts/replica.sh status N   exit 0 when replica N answers
#
# Each replica is a pg_basebackup of the primary at 127.0.0.1:5432, streaming from it
# (standby.signal and primary_conninfo written by -R). The primary's pg_hba.conf gets one
# line letting 127.0.0.1 connect for replication, since "all" does not cover replication.
# The servers run as user postgres (PostgreSQL refuses root); data under
# /var/lib/postgresql/replica-N, log in its directory. Idempotent: start twice is start once.
set -euo pipefail

ACTION="${1:?usage: replica.sh start|stop|remove|status N}"
N="${2:?usage: replica.sh start|stop|remove|status N}"
[[ "$N" =~ ^[1-9]$ ]] || { echo "replica number must be 1 to 9 (got $N)" >&2; exit 2; }

PRIMARY_HOST=127.0.0.1
PRIMARY_PORT=5432
PORT=$((PRIMARY_PORT + N))
VERSION="$(ls /etc/postgresql | sort -n | tail -1)"
BIN="/usr/lib/postgresql/${VERSION}/bin"
DATA="/var/lib/postgresql/replica-${N}"
HBA="/etc/postgresql/${VERSION}/main/pg_hba.conf"

as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi
}

answers() {
  "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"
}

allow_replication() {
  local line="host replication all 127.0.0.1/32 trust"
  if ! grep -qxF "$line" "$HBA"; then
    echo "$line" >>"$HBA"
    psql -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -U postgres -d postgres -Atqc 'SELECT pg_reload_conf()' >/dev/null
  fi
}

build() {
  allow_replication
  as_postgres rm -rf "$DATA"
  as_postgres "$BIN/pg_basebackup" -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -U postgres -D "$DATA" -R -X stream -c fast
  # Debian keeps the primary's configuration in /etc: the copy gets its own, small one.
  as_postgres tee "$DATA/postgresql.conf" >/dev/null <<CONF
port = ${PORT}
listen_addresses = '127.0.0.1'
unix_socket_directories = '/var/run/postgresql'
hba_file = '${DATA}/pg_hba.conf'
hot_standby = on
hot_standby_feedback = on
max_connections = 100
shared_buffers = 32MB
logging_collector = off
CONF
  as_postgres tee "$DATA/pg_hba.conf" >/dev/null <<HBA
local all all trust
host all all 127.0.0.1/32 trust
HBA
}

case "$ACTION" in
  start)
    answers && exit 0
    [ -f "$DATA/standby.signal" ] || build
    as_postgres "$BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w -t 60 start >/dev/null
    answers
    echo "replica ${N}: postgres://postgres@127.0.0.1:${PORT}/ (streaming from ${PRIMARY_HOST}:${PRIMARY_PORT})"
    ;;
  stop)
    if [ -f "$DATA/postmaster.pid" ]; then as_postgres "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null; fi
    ;;
  remove)
    if [ -f "$DATA/postmaster.pid" ]; then as_postgres "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null; fi
    as_postgres rm -rf "$DATA"
    ;;
  status)
    answers
    ;;
  *)
    echo "unknown action $ACTION (start, stop, remove, status)" >&2
    exit 2
    ;;
esac
