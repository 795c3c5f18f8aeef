#!/usr/bin/env bash
# Start PostgreSQL and Redis when they are not answering (a fresh CI machine, a restarted box),
# and the S3-compatible server the file tests use (moto, from the test extras; tests/objectstore.py).
# The commands are the ones this kind of machine uses to start them (see docs/operations.md).
set -euo pipefail
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! pg_isready -h 127.0.0.1 -p 5432 -q; then
  echo "PostgreSQL is not answering; starting it"
  as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n1)" main start
  for _ in $(seq 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
fi
pg_isready -h 127.0.0.1 -p 5432

if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  echo "Redis is not answering; starting it"
  as_root mkdir -p /var/lib/redis /var/log/redis
  as_root redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" \
    --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log
  for _ in $(seq 30); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 1; done
fi
echo "Redis: $(redis-cli -h 127.0.0.1 -p 6379 ping)"

# The S3-compatible server of the tests: moto's standalone server on loopback, as this user (it
# keeps its buckets in memory; each test process makes and empties its own). tests/conftest.py
# starts it too when a plain `pytest` finds none.
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
S3_PORT=9123  # tests/objectstore.py's ENDPOINT
s3_answers() { (exec 3<>"/dev/tcp/127.0.0.1/$S3_PORT") 2>/dev/null; }
if ! s3_answers; then
  echo "The S3 test server is not answering; starting it"
  mkdir -p "$ROOT/var"
  setsid "$ROOT/.venv/bin/moto_server" -H 127.0.0.1 -p "$S3_PORT" >>"$ROOT/var/moto.log" 2>&1 < /dev/null &
  for _ in $(seq 30); do s3_answers && break; sleep 1; done
fi
if ! s3_answers; then
  echo "The S3 test server did not start; see var/moto.log" >&2
  exit 1
fi
echo "S3 test server: http://127.0.0.1:$S3_PORT"
