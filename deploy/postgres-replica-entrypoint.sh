#!/bin/bash
# The read replica's entrypoint (docker-compose.yml, profile scale). On first start, with an
# empty data directory, it copies the primary with pg_basebackup -R (which writes
# standby.signal and primary_conninfo, so the copy starts as a streaming standby on the
# primary's slot); on every start it then runs postgres, which applies the primary's WAL and
# answers read-only queries. Its pg_hba.conf and roles are the primary's, copied with the data.
set -euo pipefail

: "${PRIMARY_HOST:?PRIMARY_HOST is not set}"
: "${REPLICATION_USER:?REPLICATION_USER is not set}"
: "${REPLICATION_PASSWORD:?REPLICATION_PASSWORD is not set}"
: "${REPLICATION_SLOT:?REPLICATION_SLOT is not set}"
PGDATA="${PGDATA:-/var/lib/postgresql/data}"

# PostgreSQL refuses to run as root; the image's own entrypoint steps down the same way.
if [ "$(id -u)" = 0 ]; then
  mkdir -p "$PGDATA"
  chown postgres:postgres "$PGDATA"
  exec gosu postgres "$0" "$@"
fi

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  until pg_isready -q -h "$PRIMARY_HOST" -p 5432; do
    echo "waiting for the primary at ${PRIMARY_HOST}:5432"
    sleep 1
  done
  echo "copying the primary with pg_basebackup"
  PGPASSWORD="$REPLICATION_PASSWORD" pg_basebackup -h "$PRIMARY_HOST" -p 5432 -U "$REPLICATION_USER" \
    -D "$PGDATA" -R -X stream -S "$REPLICATION_SLOT" -c fast
  chmod 700 "$PGDATA"
fi

exec postgres "$@"
