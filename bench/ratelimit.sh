# shellcheck shell=bash
# summary: GET /api/v1/auth/me with rate limits on vs off, embedded and on Redis (wrk), and the Lua script vs Bucket4j on one hot Redis bucket
#
# Sourced by bench/run, which provides lib.sh, BENCH_DIR, REPO_ROOT and
# CALLER_PWD, and calls bench_main. Four Gatehouse configurations, one after
# the other, each measured with wrk on an authenticated endpoint:
#   embedded-off / embedded-on   SQLite, limits off / on (in-process buckets)
#   redis-off    / redis-on      PostgreSQL + Redis (cluster mode), limits off / on
# The limits are set far above the load so nothing is refused: what is measured
# is the cost of deciding. Goals: limits cost < 10 % of throughput embedded and
# < 25 % on Redis. Then RedisBackendComparison (a main class in src/test/java)
# runs many concurrent decisions on one hot bucket with our Lua script and with
# Bucket4j's Lettuce backend. Needs PostgreSQL (127.0.0.1:5432, user postgres,
# trust) and Redis (127.0.0.1:6379), like the test suite.

# shellcheck source-path=SCRIPTDIR source=auth.sh
source "$BENCH_DIR/auth.sh"

RL_CONFIGS=(embedded-off embedded-on redis-off redis-on)
RL_REDIS_URL=${GATEHOUSE_TEST_REDIS_URL:-redis://127.0.0.1:6379/0}
RL_UNLIMITED=1000000000/1m
RL_COMPARISON_CLASS=dev.gatehouse.ratelimit.redis.RedisBackendComparison
RL_CP= # set by test_classpath in bench_main

# rl_start CONFIG: a fresh Gatehouse for CONFIG (its own data dir, and for the
# redis ones its own PostgreSQL database), logged in. The settings are exported
# only for the duration of the start, so they reach that java and nothing else.
rl_start() {
  local config=$1 enabled=false
  [[ $config == *-on ]] && enabled=true
  AUTH_TMP=$RL_TMP/$config
  mkdir -p "$AUTH_TMP"
  export GATEHOUSE_RATELIMIT_ENABLED=$enabled GATEHOUSE_RATELIMIT_GLOBAL=$RL_UNLIMITED \
    GATEHOUSE_RATELIMIT_TIERS_ENTERPRISE=$RL_UNLIMITED GATEHOUSE_RATELIMIT_TIERS_BASIC=$RL_UNLIMITED
  if [[ $config == redis-* ]]; then
    RL_DB=gatehouse_bench_$RANDOM$RANDOM
    psql -q -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE $RL_DB" >/dev/null \
      || die "could not create the PostgreSQL database $RL_DB (is PostgreSQL up on 127.0.0.1:5432?)"
    RL_DATABASES+=("$RL_DB")
    export GATEHOUSE_DATABASE_URL=jdbc:postgresql://127.0.0.1:5432/$RL_DB GATEHOUSE_DATABASE_USER=postgres \
      GATEHOUSE_REDIS_URL=$RL_REDIS_URL
  fi
  auth_start_gatehouse
  unset GATEHOUSE_RATELIMIT_ENABLED GATEHOUSE_RATELIMIT_GLOBAL GATEHOUSE_RATELIMIT_TIERS_ENTERPRISE \
    GATEHOUSE_RATELIMIT_TIERS_BASIC GATEHOUSE_DATABASE_URL GATEHOUSE_DATABASE_USER GATEHOUSE_REDIS_URL
  auth_login
}

# Replaces lib.sh's EXIT trap: drops the databases, then hands over to it with the exit status intact.
rl_cleanup() {
  local rc=$? db
  for db in "${RL_DATABASES[@]}"; do
    psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null || true
  done
  (exit "$rc")
  bench_cleanup
}

# rl_measure CONFIG: warm-up, then BENCH_ROUNDS runs of GET /api/v1/auth/me
# with the bearer token; also checks the limited configurations send the
# RateLimit headers (so "on" really is on) and the others do not.
rl_measure() {
  local config=$1 r parsed rps p50 p99 reqs headers
  declare -gA AUTH_URL=([me]=$GH_BASE/api/v1/auth/me)
  headers=$(curl -s -o /dev/null -D - -H "Authorization: Bearer $AUTH_TOKEN" "${AUTH_URL[me]}")
  if [[ $config == *-on ]] && ! grep -qi '^RateLimit-Policy:' <<<"$headers"; then
    die "$config: /api/v1/auth/me answered without RateLimit headers: limits are not on"
  elif [[ $config == *-off ]] && grep -qi '^RateLimit-Policy:' <<<"$headers"; then
    die "$config: /api/v1/auth/me answered with RateLimit headers: limits are not off"
  fi
  if ((BENCH_WARMUP > 0)); then
    log "$config: warm-up (${BENCH_WARMUP}s)"
    auth_wrk me "$RL_TMP/wrk-$config-warmup.txt" "$BENCH_WARMUP" >/dev/null
  fi
  for ((r = 1; r <= BENCH_ROUNDS; r++)); do
    auth_token_for "$BENCH_DURATION"
    parsed=$(auth_wrk me "$RL_TMP/wrk-$config-$r.txt" "$BENCH_DURATION")
    auth_check_alive
    read -r rps p50 p99 reqs _ _ <<<"$parsed"
    ((reqs > 0)) || die "$config: wrk completed no requests"
    log "$config round $r/$BENCH_ROUNDS: $rps req/s, p50 $p50 ms, p99 $p99 ms"
    RL_RPS[$config]+="$rps "
    RL_P50[$config]+="$p50 "
    RL_P99[$config]+="$p99 "
  done
  stop_pid "$GH_PID"
}

rl_compare_backends() {
  local out=$RL_TMP/backends.txt
  log "Lua script vs Bucket4j on one hot Redis bucket (${BENCH_VERIFY_SECONDS}s each, 32 callers)"
  if ! "$JAVA" -cp "$RL_CP" "$RL_COMPARISON_CLASS" "$RL_REDIS_URL" \
    "$BENCH_VERIFY_SECONDS" 32 >"$out" 2>&1; then
    tail -n 40 "$out" >&2
    die "RedisBackendComparison failed"
  fi
  RL_BACKENDS=$(grep '_decisions_per_sec=' "$out") || die "RedisBackendComparison printed no figures"
}

# Word-splitting the per-round lists is intended here.
# shellcheck disable=SC2086
rl_report() {
  local config
  local -A med=()
  for config in "${RL_CONFIGS[@]}"; do
    med[$config]=$(median ${RL_RPS[$config]})
  done
  echo "benchmark: ratelimit — GET /api/v1/auth/me (Bearer) with limits off vs on, embedded (SQLite) and cluster (PostgreSQL + Redis)"
  machine_info
  printf 'java:   %s\n' "$("$JAVA" -version 2>&1 | sed -n 1p)"
  printf 'load:   wrk -t%s -c%s -d%ss --latency; warm-up %ss; %s rounds per configuration, one configuration after another; medians\n' \
    "$BENCH_THREADS" "$BENCH_CONNECTIONS" "$BENCH_DURATION" "$BENCH_WARMUP" "$BENCH_ROUNDS"
  echo
  {
    printf 'configuration\treq/s\tp50 ms\tp99 ms\treq/s by round\n'
    for config in "${RL_CONFIGS[@]}"; do
      printf '%s\t%.0f\t%.3f\t%.3f\t%s\n' "$config" "${med[$config]}" "$(median ${RL_P50[$config]})" \
        "$(median ${RL_P99[$config]})" "${RL_RPS[$config]% }"
    done
  } | print_table
  echo
  awk -v off="${med[embedded-off]}" -v on="${med[embedded-on]}" 'BEGIN {
    c = 1 - on / off; printf "cost of limits, embedded: %.1f %% of throughput (goal < 10 %%: %s)\n", c * 100, (c < 0.10 ? "met" : "NOT met") }'
  awk -v off="${med[redis-off]}" -v on="${med[redis-on]}" 'BEGIN {
    c = 1 - on / off; printf "cost of limits, on Redis: %.1f %% of throughput (goal < 25 %%: %s)\n", c * 100, (c < 0.25 ? "met" : "NOT met") }'
  echo
  echo "one hot bucket on Redis, 32 concurrent callers, one process:"
  echo "$RL_BACKENDS"
}

bench_main() {
  auth_config
  ensure_cmd curl curl
  ensure_cmd setsid util-linux
  ensure_cmd python3 python3
  ensure_cmd wrk wrk
  ensure_cmd psql postgresql-client
  http_find_java
  http_find_jar
  bench_tmpdir RL_TMP
  test_classpath RL_CP "$RL_COMPARISON_CLASS" "$RL_TMP"
  declare -gA RL_RPS=() RL_P50=() RL_P99=()
  RL_DATABASES=()
  trap rl_cleanup EXIT
  local config
  for config in "${RL_CONFIGS[@]}"; do
    rl_start "$config"
    rl_measure "$config"
  done
  rl_compare_backends
  rl_report
}
