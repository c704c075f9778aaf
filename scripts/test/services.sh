# Sourced by scripts/test.sh: starts a throwaway PostgreSQL and Redis for the suites (idempotent:
# a second run reuses the running servers) and exports TEST_DATABASE_URL and TEST_REDIS_URL.
# Servers given by the environment (TEST_DATABASE_URL / TEST_REDIS_URL) are used as they are.
source "$(dirname "${BASH_SOURCE[0]}")/../lib/os-packages.sh"

test_state_dir="${CHAT3D_TEST_STATE_DIR:-/tmp/chat3d-test}"
test_pg_port="${CHAT3D_TEST_PG_PORT:-55432}"
test_redis_port="${CHAT3D_TEST_REDIS_PORT:-56379}"

start_test_postgres() {
  if [ -n "${TEST_DATABASE_URL:-}" ]; then return 0; fi
  ensure_os_packages "/usr/lib/postgresql/*/bin/initdb:postgresql" || return 1
  local bin data sock run_as=()
  bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  data="$test_state_dir/pg"
  sock="$test_state_dir/pg-socket"
  mkdir -p "$test_state_dir" "$sock"
  # PostgreSQL refuses to run as root; the Debian package provides the postgres user.
  if [ "$(id -u)" = "0" ]; then
    chown postgres "$test_state_dir" "$sock"
    # runuser lives in sbin, which a non-login root shell may not have on its PATH.
    run_as=("$(command -v runuser || echo /usr/sbin/runuser)" -u postgres --)
  fi
  if ! "${run_as[@]}" "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    if [ ! -f "$data/PG_VERSION" ]; then
      "${run_as[@]}" "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --no-sync >/dev/null || return 1
    fi
    # Durability is irrelevant for a throwaway test cluster; fsync off keeps the suites fast.
    "${run_as[@]}" "$bin/pg_ctl" -D "$data" -l "$test_state_dir/pg.log" -w -t 60 start \
      -o "-p $test_pg_port -k $sock -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" >/dev/null || {
      echo "PostgreSQL failed to start; see $test_state_dir/pg.log" >&2
      return 1
    }
  fi
  export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$test_pg_port/postgres"
}

start_test_redis() {
  if [ -n "${TEST_REDIS_URL:-}" ]; then return 0; fi
  ensure_os_packages "redis-server:redis-server" || return 1
  mkdir -p "$test_state_dir/redis"
  if ! redis-cli -p "$test_redis_port" ping >/dev/null 2>&1; then
    redis-server --port "$test_redis_port" --bind 127.0.0.1 --daemonize yes --save "" --appendonly no \
      --dir "$test_state_dir/redis" --pidfile "$test_state_dir/redis.pid" --logfile "$test_state_dir/redis.log" || return 1
    for _ in $(seq 1 50); do redis-cli -p "$test_redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  fi
  export TEST_REDIS_URL="redis://127.0.0.1:$test_redis_port"
}
