#!/usr/bin/env bash
# PgBouncer (Debian's package, scripts/system-deps.sh) in transaction mode in front of
# PostgreSQL, in the foreground: deploy/pgbouncer/pgbouncer.ini with the address, port,
# authentication and PostgreSQL's address from the environment. Used by `make pgbouncer`
# (loopback, trust, as PostgreSQL here), by the tests (tests/leerkring/test_pgbouncer.py, their
# own port and folder) and by the pgbouncer image of docker-compose.yml (a password).
#   PGBOUNCER_LISTEN (127.0.0.1)  PGBOUNCER_PORT (6432)  PGBOUNCER_SERVER (127.0.0.1:5432)
#   PGBOUNCER_DIR (var/pgbouncer)  PGBOUNCER_USER + PGBOUNCER_PASSWORD: when given, the only
#   user, authenticated with scram-sha-256 (and passed on to PostgreSQL); else the repository's
#   userlist with trust.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
listen="${PGBOUNCER_LISTEN:-127.0.0.1}"
port="${PGBOUNCER_PORT:-6432}"
server="${PGBOUNCER_SERVER:-127.0.0.1:5432}"
dir="${PGBOUNCER_DIR:-$root/var/pgbouncer}"
mkdir -p "$dir"
userlist="$root/deploy/pgbouncer/userlist.txt"
auth=trust
if [ -n "${PGBOUNCER_PASSWORD:-}" ]; then
  userlist="$dir/userlist.txt"
  (umask 077; printf '"%s" "%s"\n' "${PGBOUNCER_USER:?PGBOUNCER_USER goes with PGBOUNCER_PASSWORD}" \
    "$PGBOUNCER_PASSWORD" > "$userlist")
  auth=scram-sha-256
fi
sed -e "s|^listen_addr = .*|listen_addr = $listen|" \
    -e "s|^listen_port = .*|listen_port = $port|" \
    -e "s|^auth_type = .*|auth_type = $auth|" \
    -e "s|^auth_file = .*|auth_file = $userlist|" \
    -e "s|^\* = .*|* = host=${server%:*} port=${server##*:}|" \
    "$root/deploy/pgbouncer/pgbouncer.ini" > "$dir/pgbouncer.ini"
chmod 644 "$dir/pgbouncer.ini"
# PgBouncer refuses to run as root; on a machine where everything runs as root (CI) it runs as
# PostgreSQL's user.
as_user=()
if [ "$(id -u)" -eq 0 ]; then as_user=(-u postgres); fi
exec pgbouncer "${as_user[@]}" "$dir/pgbouncer.ini"
