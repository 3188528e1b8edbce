# shellcheck shell=bash
# summary: no-op items/s end to end through the job API on SQLite and PostgreSQL beside pg-boss, and claim p99 with 1,000,000 queued
#
# Sourced by bench/run, which provides lib.sh, BENCH_DIR, REPO_ROOT and
# CALLER_PWD, and calls bench_main. One job of BENCH_JOB_ITEMS no-op items is
# submitted through POST /api/v1/jobs and timed until GET /api/v1/jobs/{id}
# says completed (bench/peers/gatehouse-jobs.mjs); pg-boss (npm, the same
# PostgreSQL, bench/peers/pgboss-throughput.mjs) runs the same number of
# no-op jobs in the same run, rounds alternating. Goals (not enforced):
# >= 10,000 items/s on PostgreSQL and ahead of pg-boss, >= 5,000 on SQLite,
# claim p99 < 50 ms with 1,000,000 items queued.

# http.sh and auth.sh: Java, the jar, starting Gatehouse with a bootstrap
# admin, logging in. Their bench_main is replaced by the one below.
# shellcheck source-path=SCRIPTDIR source=auth.sh
source "$BENCH_DIR/auth.sh"

JOBS_PG_DB=gatehouse_bench
JOBS_PG_URL=postgres://postgres@127.0.0.1:5432/$JOBS_PG_DB

jobs_config() {
  BENCH_ROUNDS=${BENCH_ROUNDS:-3}
  BENCH_JOB_ITEMS=${BENCH_JOB_ITEMS:-100000}
  BENCH_QUEUED_ITEMS=${BENCH_QUEUED_ITEMS:-1000000}
  local knob
  for knob in BENCH_ROUNDS BENCH_JOB_ITEMS BENCH_QUEUED_ITEMS; do
    [[ ${!knob} =~ ^[1-9][0-9]*$ ]] || die "$knob must be a whole number of at least 1, got '${!knob}'"
  done
  ((BENCH_QUEUED_ITEMS % 100000 == 0)) || die "BENCH_QUEUED_ITEMS must be a multiple of 100000"
}

# The npm peers (pg-boss, Crawlee) pinned in bench/peers/package.json.
ensure_node_peers() {
  ensure_cmd node nodejs
  ensure_cmd npm npm
  if [[ ! -d $BENCH_DIR/peers/node_modules/pg-boss || ! -d $BENCH_DIR/peers/node_modules/@crawlee ]]; then
    log "installing the npm peers (bench/peers: npm install)"
    (cd "$BENCH_DIR/peers" && npm install --no-audit --no-fund >&2) || die "npm install in bench/peers failed"
  fi
}

# A throwaway database on the local PostgreSQL for Gatehouse and pg-boss alike.
jobs_fresh_postgres() {
  ensure_cmd psql postgresql-client
  pg_isready -h 127.0.0.1 -p 5432 -q || die "PostgreSQL does not answer on 127.0.0.1:5432"
  psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $JOBS_PG_DB" \
    -c "CREATE DATABASE $JOBS_PG_DB" >&2 || die "could not create the database $JOBS_PG_DB"
}

# jobs_start BACKEND: Gatehouse on SQLite (a fresh data dir) or on the fresh
# PostgreSQL database, logged in (AUTH_TOKEN).
jobs_start() {
  local backend=$1
  bench_tmpdir AUTH_TMP
  if [[ $backend == postgresql ]]; then
    GATEHOUSE_DATABASE_URL=jdbc:postgresql://127.0.0.1:5432/$JOBS_PG_DB GATEHOUSE_DATABASE_USER=postgres \
      auth_start_gatehouse
  else
    auth_start_gatehouse
  fi
  auth_login
}

# jobs_gatehouse ITEMS [JOBS]: run the driver, print its JSON line.
jobs_gatehouse() {
  local out
  auth_token_for 300
  out=$(GATEHOUSE_TOKEN=$AUTH_TOKEN node "$BENCH_DIR/peers/gatehouse-jobs.mjs" "$GH_BASE" "$@") \
    || { tail -n 40 "$GH_LOG" >&2; die "the Gatehouse job run failed"; }
  auth_check_alive
  echo "$out"
}

json_field() { python3 -c "import json, sys; print(json.load(sys.stdin)['$1'])"; }

# The claim timer's p99 in ms as /metrics reports it (Micrometer's window of
# the last minutes), read while the queue still holds most of its items.
jobs_claim_p99() {
  curl -s -m 10 -H "Authorization: Bearer $AUTH_TOKEN" "$GH_BASE/metrics" \
    | awk '/^gatehouse_jobs_claim_seconds\{.*quantile="0.99"/ { printf "%.1f\n", $2 * 1000; found = 1 }
           END { if (!found) exit 1 }' | head -1
}

jobs_measure() {
  local r line
  declare -gA JOBS_RATE=()
  log "SQLite: $BENCH_ROUNDS rounds of $BENCH_JOB_ITEMS no-op items"
  jobs_start sqlite
  jobs_gatehouse 10000 >/dev/null # warm-up: JIT and connection pool
  for ((r = 1; r <= BENCH_ROUNDS; r++)); do
    line=$(jobs_gatehouse "$BENCH_JOB_ITEMS")
    log "round $r sqlite: $line"
    JOBS_RATE[sqlite]+="$(json_field items_per_second <<<"$line") "
  done
  stop_pid "$GH_PID"

  jobs_fresh_postgres
  jobs_start postgresql
  jobs_gatehouse 10000 >/dev/null
  for ((r = 1; r <= BENCH_ROUNDS; r++)); do
    line=$(jobs_gatehouse "$BENCH_JOB_ITEMS")
    log "round $r postgresql: $line"
    JOBS_RATE[postgresql]+="$(json_field items_per_second <<<"$line") "
    line=$(node "$BENCH_DIR/peers/pgboss-throughput.mjs" "$BENCH_JOB_ITEMS" "$JOBS_PG_URL") \
      || die "the pg-boss run failed"
    log "round $r pg-boss: $line"
    JOBS_RATE[pgboss]+="$(json_field items_per_second <<<"$line") "
  done

  log "claim latency: $BENCH_QUEUED_ITEMS items queued in $((BENCH_QUEUED_ITEMS / 100000)) jobs"
  GATEHOUSE_TOKEN=$AUTH_TOKEN node "$BENCH_DIR/peers/gatehouse-jobs.mjs" "$GH_BASE" 100000 \
    "$((BENCH_QUEUED_ITEMS / 100000))" >"$AUTH_TMP/queued.json" &
  local driver=$!
  sleep 30
  JOBS_CLAIM_P99=$(jobs_claim_p99) || die "/metrics has no gatehouse_jobs_claim_seconds p99"
  wait "$driver" || die "the queued run failed"
  JOBS_QUEUED_LINE=$(<"$AUTH_TMP/queued.json")
  stop_pid "$GH_PID"
}

# Word-splitting the per-round lists is intended here.
# shellcheck disable=SC2086
jobs_report() {
  local target
  local -A med=() label=([sqlite]="gatehouse, SQLite" [postgresql]="gatehouse, PostgreSQL"
    [pgboss]="pg-boss $(node -p "require('$BENCH_DIR/peers/node_modules/pg-boss/package.json').version"), PostgreSQL")
  for target in sqlite postgresql pgboss; do med[$target]=$(median ${JOBS_RATE[$target]}); done
  echo "benchmark: jobs — $BENCH_JOB_ITEMS no-op items submitted as one job → all done, through the HTTP API"
  machine_info
  printf 'java:   %s\n' "$("$JAVA" -version 2>&1 | sed -n 1p)"
  printf 'node:   %s\n' "$(node --version)"
  printf 'rounds: %s (PostgreSQL rounds alternate gatehouse / pg-boss); medians\n' "$BENCH_ROUNDS"
  echo
  {
    printf 'system\titems/s\titems/s by round\tgoal\n'
    printf '%s\t%.0f\t%s\t>= 5000\n' "${label[sqlite]}" "${med[sqlite]}" "${JOBS_RATE[sqlite]% }"
    printf '%s\t%.0f\t%s\t>= 10000 and ahead of pg-boss\n' "${label[postgresql]}" "${med[postgresql]}" \
      "${JOBS_RATE[postgresql]% }"
    printf '%s\t%.0f\t%s\t-\n' "${label[pgboss]}" "${med[pgboss]}" "${JOBS_RATE[pgboss]% }"
  } | print_table
  echo
  printf 'ratio gatehouse/pg-boss on PostgreSQL: %s\n' \
    "$(awk -v g="${med[postgresql]}" -v p="${med[pgboss]}" 'BEGIN { printf "%.2f", (p > 0 ? g / p : 0) }')"
  printf 'claim p99 with %s items queued (PostgreSQL, first 30 s): %s ms (goal < 50 ms); whole run: %s\n' \
    "$BENCH_QUEUED_ITEMS" "$JOBS_CLAIM_P99" "$JOBS_QUEUED_LINE"
}

bench_main() {
  jobs_config
  ensure_cmd curl curl
  ensure_cmd setsid util-linux
  ensure_cmd python3 python3
  ensure_node_peers
  http_find_java
  http_find_jar
  jobs_measure
  jobs_report
}
