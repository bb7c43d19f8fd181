#!/bin/sh
# Gives role opsplane (created by init-databases.sql) the password the services of
# docker-compose.yml log in with: OPSPLANE_DB_PASSWORD of the postgres container. Run by the
# postgres image on first start, after init-databases.sql. The password reaches psql on its
# standard input, not on its command line.
set -eu
: "${OPSPLANE_DB_PASSWORD:?OPSPLANE_DB_PASSWORD must be set for the postgres container}"
quoted=$(printf '%s' "$OPSPLANE_DB_PASSWORD" | sed "s/'/''/g")
psql -v ON_ERROR_STOP=1 --no-psqlrc --username "${POSTGRES_USER:-postgres}" --dbname postgres <<SQL
ALTER ROLE opsplane PASSWORD '$quoted';
SQL
