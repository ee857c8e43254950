#!/usr/bin/env bash
# Starts a throwaway local PostgreSQL for development and tests, creates the role and database
# «kompetansebot», and prints the connection URL. Uses Debian's cluster (postgresql 15 main)
# when it exists; otherwise initialises one. Run as root (it switches to the postgres user).
#
#   export TEST_DATABASE_URL="$(scripts/pg-local.sh | tail -1)"
set -euo pipefail

# The newest installed server (Debian 12: 15) unless PG_VERSION says otherwise.
PG_VERSION="${PG_VERSION:-$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -1)}"
PG_VERSION="${PG_VERSION:-15}"
PG_PORT="${PG_PORT:-5432}"
DB_NAME="${DB_NAME:-kompetansebot}"
DB_USER="${DB_USER:-kompetansebot}"
DB_PASSWORD="${DB_PASSWORD:-kompetansebot}"

if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ ! -x "/usr/lib/postgresql/${PG_VERSION}/bin/postgres" ]; then
  echo "PostgreSQL ${PG_VERSION} finnes ikke. Installer med: apt-get install -y postgresql" >&2
  exit 1
fi

if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "${PG_VERSION} main"; then
  pg_createcluster "${PG_VERSION}" main --port "${PG_PORT}" >/dev/null
fi
# pg_ctlcluster refuses to start an already running cluster; that is fine.
pg_ctlcluster "${PG_VERSION}" main start >/dev/null 2>&1 || true
for _ in $(seq 1 30); do
  if runuser -u postgres -- pg_isready -q -p "${PG_PORT}"; then break; fi
  sleep 0.5
done
if ! runuser -u postgres -- pg_isready -q -p "${PG_PORT}"; then
  echo "PostgreSQL svarer ikke på port ${PG_PORT}. Siste linjer i loggen:" >&2
  tail -n 20 "/var/log/postgresql/postgresql-${PG_VERSION}-main.log" >&2 || true
  exit 1
fi

psql_admin() { runuser -u postgres -- psql -p "${PG_PORT}" -v ON_ERROR_STOP=1 -qAt "$@"; }
if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '${DB_USER}'")" != "1" ]; then
  psql_admin -c "CREATE ROLE \"${DB_USER}\" LOGIN PASSWORD '${DB_PASSWORD}'"
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '${DB_NAME}'")" != "1" ]; then
  psql_admin -c "CREATE DATABASE \"${DB_NAME}\" OWNER \"${DB_USER}\""
fi

echo "postgres://${DB_USER}:${DB_PASSWORD}@127.0.0.1:${PG_PORT}/${DB_NAME}"
