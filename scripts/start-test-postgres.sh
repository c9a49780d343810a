#!/usr/bin/env bash
# Starts Debian's PostgreSQL (if it is not running) and prints `export TEST_DATABASE_URL=...`
# for a superuser role the tests use to create one database per test file.
set -euo pipefail
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h 2>/dev/null | grep -q "^${version} main"; then
  pg_createcluster "$version" main >&2
fi
if ! pg_lsclusters -h | grep -q "^${version} main .* online"; then
  pg_ctlcluster "$version" main start >&2
fi
for _ in $(seq 1 30); do
  su postgres -c "psql -qtAc 'select 1'" >/dev/null 2>&1 && break
  sleep 1
done
su postgres -c "psql -qtAc \"select 1 from pg_roles where rolname='waypost'\"" | grep -q 1 ||
  su postgres -c "psql -qc \"create role waypost login superuser password 'waypost'\"" >&2
su postgres -c "psql -qtAc \"select 1 from pg_database where datname='waypost_test'\"" | grep -q 1 ||
  su postgres -c "createdb -O waypost waypost_test" >&2
echo "export TEST_DATABASE_URL=postgres://waypost:waypost@127.0.0.1:5432/waypost_test"
