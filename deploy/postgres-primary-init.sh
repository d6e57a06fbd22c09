#!/bin/bash
# Runs once, when the postgres image initializes the primary's empty data directory
# (mounted in /docker-entrypoint-initdb.d): a role the replica streams as, the slot that keeps
# the WAL the replica has not received yet, and the pg_hba.conf line that lets it connect for
# replication ("all" in pg_hba.conf does not cover replication connections).
set -euo pipefail

: "${REPLICATION_USER:?REPLICATION_USER is not set}"
: "${REPLICATION_PASSWORD:?REPLICATION_PASSWORD is not set}"
: "${REPLICATION_SLOT:?REPLICATION_SLOT is not set}"

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v user="$REPLICATION_USER" -v password="$REPLICATION_PASSWORD" -v slot="$REPLICATION_SLOT" <<'SQL'
CREATE ROLE :"user" WITH REPLICATION LOGIN PASSWORD :'password';
SELECT pg_create_physical_replication_slot(:'slot');
SQL

echo "host replication ${REPLICATION_USER} all scram-sha-256" >>"$PGDATA/pg_hba.conf"
