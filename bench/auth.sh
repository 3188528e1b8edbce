# shellcheck shell=bash
# summary: GET /api/v1/auth/me with a bearer token and with an API key beside GET /health/live (wrk), and token verifications/s per core
#
# Sourced by bench/run, which provides lib.sh, BENCH_DIR, REPO_ROOT and
# CALLER_PWD, and calls bench_main. Both endpoints are on the same Gatehouse in
# the same run, so the me/live ratio is the cost of authentication on this
# machine: the goal is that authentication costs less than 15 % of throughput
# (ratio >= 0.85). The same endpoint with an X-API-Key header shows what a key
# costs next to a token: the goal is within 10 % of each other. The in-process part runs TokenVerificationThroughput (a main
# class in src/test/java) against the goal of > 50,000 cached verifications/s
# per core. Neither goal is enforced: the exit status only reports failures.

# The http benchmark's helpers (knobs, Java, jar, starting Gatehouse). Sourcing
# it also defines http's bench_main, which the one at the end of this file
# replaces.
# shellcheck source-path=SCRIPTDIR source=http.sh
source "$BENCH_DIR/http.sh"

AUTH_EMAIL=bench@gatehouse.test
AUTH_VERIFY_CLASS=dev.gatehouse.auth.token.TokenVerificationThroughput
AUTH_CP= # set by test_classpath in bench_main

# The shared knobs (http_config) plus the seconds per in-process measurement.
auth_config() {
  http_config
  BENCH_VERIFY_SECONDS=${BENCH_VERIFY_SECONDS:-5}
  if [[ ! $BENCH_VERIFY_SECONDS =~ ^[0-9]+$ ]] || ((BENCH_VERIFY_SECONDS < 1)); then
    die "BENCH_VERIFY_SECONDS must be a whole number of at least 1, got '$BENCH_VERIFY_SECONDS'"
  fi
}

# Gatehouse with a bootstrap admin whose password is generated here (32
# base64 characters from /dev/urandom) and never printed. The prefix
# assignments reach only what http_start_gatehouse starts (the java and the
# curl polls of wait_http), not the rest of the run.
auth_start_gatehouse() {
  AUTH_PASSWORD=$(head -c 24 /dev/urandom | base64 | tr -d '\n')
  ((${#AUTH_PASSWORD} >= 24)) || die "could not generate a password"
  # http_start_gatehouse keeps its data dir and log under HTTP_TMP.
  HTTP_TMP=$AUTH_TMP
  # Rate limits and request inspection are off unless the caller turned them on: this measures
  # authentication (bench/run ratelimit and bench/run inspection measure the other two).
  GATEHOUSE_BOOTSTRAP_ADMIN_EMAIL=$AUTH_EMAIL GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD=$AUTH_PASSWORD \
    GATEHOUSE_RATELIMIT_ENABLED=${GATEHOUSE_RATELIMIT_ENABLED:-false} \
    GATEHOUSE_INSPECTION_MODE=${GATEHOUSE_INSPECTION_MODE:-off} \
    http_start_gatehouse
  GH_BASE=${GH_URL%/health/live}
  if ! wait_http "$GH_BASE/health/ready" 60 "$GH_PID"; then
    tail -n 40 "$GH_LOG" >&2
    die "Gatehouse is live but did not become ready"
  fi
}

# auth_login: a fresh access token in AUTH_TOKEN, its end in AUTH_TOKEN_END (in
# $SECONDS), and a check that it opens GET /api/v1/auth/me. Neither the
# password (which reaches python3 through its environment and curl through a
# pipe) nor the token is printed or written to disk.
auth_login() {
  local resp code parsed expires_in
  resp=$(AUTH_EMAIL=$AUTH_EMAIL AUTH_PASSWORD=$AUTH_PASSWORD python3 -c '
import json, os
print(json.dumps({"email": os.environ["AUTH_EMAIL"], "password": os.environ["AUTH_PASSWORD"]}))' \
    | curl -s -m 30 -w '\n%{http_code}' -H 'Content-Type: application/json' --data-binary @- \
      "$GH_BASE/api/v1/auth/login") || die "POST /api/v1/auth/login: curl failed"
  code=${resp##*$'\n'}
  [[ $code == 200 ]] || die "login as $AUTH_EMAIL failed: HTTP $code: ${resp%$'\n'*}"
  parsed=$(python3 -c '
import json, sys
body = json.load(sys.stdin)
print(body["access_token"], int(body["expires_in"]))' <<<"${resp%$'\n'*}") \
    || die "login answered 200 but without access_token / expires_in"
  read -r AUTH_TOKEN expires_in <<<"$parsed"
  AUTH_TOKEN_TTL=$expires_in
  AUTH_TOKEN_END=$((SECONDS + expires_in))
  code=$(curl -s -o /dev/null -m 10 -w '%{http_code}' -H "Authorization: Bearer $AUTH_TOKEN" \
    "$GH_BASE/api/v1/auth/me") || true
  [[ $code == 200 ]] || die "GET /api/v1/auth/me with the fresh token answered ${code:-nothing}, not 200"
}
# auth_create_key: an API key in AUTH_KEY, made with the token, checked to open
# GET /api/v1/auth/me. Like the token, never printed or written to disk.
auth_create_key() {
  local resp code
  resp=$(curl -s -m 30 -w '\n%{http_code}' -H 'Content-Type: application/json' \
    -H "Authorization: Bearer $AUTH_TOKEN" --data '{"name":"bench","scopes":["jobs:read"]}' \
    "$GH_BASE/api/v1/keys") || die "POST /api/v1/keys: curl failed"
  code=${resp##*$'\n'}
  [[ $code == 201 ]] || die "creating an API key failed: HTTP $code: ${resp%$'\n'*}"
  AUTH_KEY=$(python3 -c 'import json, sys; print(json.load(sys.stdin)["key"])' <<<"${resp%$'\n'*}") \
    || die "POST /api/v1/keys answered 201 without a key"
  code=$(curl -s -o /dev/null -m 10 -w '%{http_code}' -H "X-API-Key: $AUTH_KEY" "$GH_BASE/api/v1/auth/me") || true
  [[ $code == 200 ]] || die "GET /api/v1/auth/me with the new API key answered ${code:-nothing}, not 200"
}

# Each wrk run of 'me' must fit in one token's lifetime (15 minutes), with a
# minute to spare; checked after the first login, before any wrk run.
auth_check_durations() {
  local knob
  for knob in BENCH_DURATION BENCH_WARMUP; do
    ((${!knob} + 60 < AUTH_TOKEN_TTL)) \
      || die "$knob=${!knob}: a wrk run that long does not fit in one access token's lifetime (${AUTH_TOKEN_TTL}s)"
  done
}

# auth_token_for SECONDS: log in again unless the token outlives the next wrk
# run by a minute. (A default run takes ~2½ minutes, so this is for long ones.)
auth_token_for() {
  local seconds=$1
  if ((SECONDS + seconds + 60 >= AUTH_TOKEN_END)); then
    log "logging in again (the token would expire during the next run)"
    auth_login
  fi
}

# auth_wrk TARGET OUTFILE SECONDS: run_wrk against one endpoint; 'me' carries
# the bearer token, 'key' the API key. run_wrk dies on any non-2xx/3xx (e.g. a 401).
# The body is a subshell ( ... ): run_wrk (lib.sh) takes no request headers, so
# for 'me' the wrk it calls is shadowed by a function adding -H, and that
# function must not outlive this call (nor fool ensure_cmd's 'command -v wrk').
auth_wrk() (
  local target=$1 out=$2 seconds=$3
  if [[ $target == me ]]; then
    # shellcheck disable=SC2317 # called by run_wrk
    wrk() { command wrk -H "Authorization: Bearer $AUTH_TOKEN" "$@"; }
  elif [[ $target == key ]]; then
    # shellcheck disable=SC2317 # called by run_wrk
    wrk() { command wrk -H "X-API-Key: $AUTH_KEY" "$@"; }
  fi
  run_wrk "$out" "${AUTH_URL[$target]}" "$seconds"
)

auth_check_alive() {
  kill -0 "$GH_PID" 2>/dev/null || { tail -n 40 "$GH_LOG" >&2; die "Gatehouse exited during the benchmark"; }
}

# Warm-up, then BENCH_ROUNDS measured rounds alternating live and me, so slow
# drift of a noisy machine hits both alike.
auth_measure() {
  local target r parsed rps p50 p99 reqs
  declare -gA AUTH_URL=([live]=$GH_BASE/health/live [me]=$GH_BASE/api/v1/auth/me [key]=$GH_BASE/api/v1/auth/me)
  declare -gA AUTH_RPS=() AUTH_P50=() AUTH_P99=() AUTH_SIZE=()
  if ((BENCH_WARMUP > 0)); then
    for target in live me key; do
      log "warm-up $target (${BENCH_WARMUP}s)"
      [[ $target == me ]] && auth_token_for "$BENCH_WARMUP"
      auth_wrk "$target" "$AUTH_TMP/wrk-$target-warmup.txt" "$BENCH_WARMUP" >/dev/null
      auth_check_alive
    done
  fi
  for ((r = 1; r <= BENCH_ROUNDS; r++)); do
    for target in live me key; do
      [[ $target == me ]] && auth_token_for "$BENCH_DURATION"
      parsed=$(auth_wrk "$target" "$AUTH_TMP/wrk-$target-$r.txt" "$BENCH_DURATION")
      auth_check_alive
      read -r rps p50 p99 reqs _ _ <<<"$parsed"
      ((reqs > 0)) || die "${AUTH_URL[$target]}: wrk completed no requests"
      log "round $r/$BENCH_ROUNDS $target: $rps req/s, p50 $p50 ms, p99 $p99 ms"
      AUTH_RPS[$target]+="$rps "
      AUTH_P50[$target]+="$p50 "
      AUTH_P99[$target]+="$p99 "
    done
  done
  # Body sizes while the server is still up (for the table).
  auth_token_for 10
  AUTH_SIZE[live]=$(curl -s -o /dev/null -w '%{size_download}' "${AUTH_URL[live]}")
  AUTH_SIZE[me]=$(curl -s -o /dev/null -w '%{size_download}' -H "Authorization: Bearer $AUTH_TOKEN" "${AUTH_URL[me]}")
  AUTH_SIZE[key]=$(curl -s -o /dev/null -w '%{size_download}' -H "X-API-Key: $AUTH_KEY" "${AUTH_URL[key]}")
}

# In-process verifications per second on one thread, with Gatehouse stopped so
# that it does not compete for the cores.
auth_verify_throughput() {
  local out=$AUTH_TMP/token-verification.txt
  stop_pid "$GH_PID"
  log "in-process token verification ($AUTH_VERIFY_CLASS, ${BENCH_VERIFY_SECONDS}s per path)"
  if ! "$JAVA" -cp "$AUTH_CP" "$AUTH_VERIFY_CLASS" "$BENCH_VERIFY_SECONDS" >"$out" 2>&1; then
    tail -n 40 "$out" >&2
    die "$AUTH_VERIFY_CLASS failed"
  fi
  AUTH_VERIFY_CACHED=$(sed -n 's/^token_verify_cached_ops_per_sec_per_core=\([0-9]*\).*/\1/p' "$out")
  AUTH_VERIFY_UNCACHED=$(sed -n 's/^token_verify_uncached_ops_per_sec_per_core=\([0-9]*\).*/\1/p' "$out")
  AUTH_VERIFY_DISTINCT=$(sed -n 's/^token_verify_uncached_ops_per_sec_per_core=.*(\([0-9]*\) distinct tokens).*/\1/p' "$out")
  if [[ -z $AUTH_VERIFY_CACHED || -z $AUTH_VERIFY_UNCACHED ]]; then
    tail -n 40 "$out" >&2
    die "$AUTH_VERIFY_CLASS did not print its token_verify_*_ops_per_sec_per_core lines"
  fi
}

# Word-splitting the per-round lists (AUTH_RPS etc.) is intended here.
# shellcheck disable=SC2086
auth_report() {
  local target v ratio verdict key_ratio key_verdict cached_verdict
  local -A med_rps=() med_p50=() med_p99=() by_round=()
  local -A label=([live]="live = GET /health/live (no auth)" [me]="me = GET /api/v1/auth/me (Bearer token)"
    [key]="key = GET /api/v1/auth/me (X-API-Key)")
  for target in live me key; do
    med_rps[$target]=$(median ${AUTH_RPS[$target]})
    med_p50[$target]=$(median ${AUTH_P50[$target]})
    med_p99[$target]=$(median ${AUTH_P99[$target]})
    for v in ${AUTH_RPS[$target]}; do by_round[$target]+="${by_round[$target]:+ / }$(printf '%.0f' "$v")"; done
  done
  ratio=$(awk -v m="${med_rps[me]}" -v l="${med_rps[live]}" 'BEGIN { printf "%.2f", (l > 0 ? m / l : 0) }')
  verdict=$(awk -v r="$ratio" 'BEGIN { print (r >= 0.85 ? "meets the goal" : "BELOW the goal") }')
  key_ratio=$(awk -v k="${med_rps[key]}" -v m="${med_rps[me]}" 'BEGIN { printf "%.2f", (m > 0 ? k / m : 0) }')
  key_verdict=$(awk -v r="$key_ratio" 'BEGIN { print (r >= 0.90 && r <= 1.10 ? "meets the goal" : "OUTSIDE the goal") }')
  cached_verdict="NOT met"
  ((AUTH_VERIFY_CACHED > 50000)) && cached_verdict=met

  echo "benchmark: auth — GET /api/v1/auth/me with a bearer token and with an API key vs GET /health/live (no auth), same Gatehouse, 127.0.0.1"
  machine_info
  printf 'java:   %s\n' "$("$JAVA" -version 2>&1 | sed -n 1p)"
  printf 'jvm:    %s\n' "$("$JAVA" -version 2>&1 | sed -n 2p)"
  printf 'wrk:    %s\n' "$(wrk -v 2>&1 | awk 'NR == 1 { print $1 " " $2 }')"
  printf 'load:   wrk -t%s -c%s -d%ss --latency; warm-up %ss each; %s rounds, alternating; medians\n' \
    "$BENCH_THREADS" "$BENCH_CONNECTIONS" "$BENCH_DURATION" "$BENCH_WARMUP" "$BENCH_ROUNDS"
  echo
  {
    printf 'target\tbody B\treq/s\tp50 ms\tp99 ms\treq/s by round\n'
    for target in live me key; do
      printf '%s\t%s\t%.0f\t%.3f\t%.3f\t%s\n' "${label[$target]}" "${AUTH_SIZE[$target]}" \
        "${med_rps[$target]}" "${med_p50[$target]}" "${med_p99[$target]}" "${by_round[$target]}"
    done
  } | print_table
  echo
  printf 'ratio me/live requests/s: %s (goal >= 0.85, i.e. authentication costs < 15 %% of throughput: %s)\n' \
    "$ratio" "$verdict"
  printf 'ratio key/me requests/s: %s (goal 0.90 to 1.10, API keys and tokens cost the same: %s)\n' \
    "$key_ratio" "$key_verdict"
  echo
  printf 'in-process token verification (%s, one thread, %ss per path, Gatehouse stopped):\n' \
    "${AUTH_VERIFY_CLASS##*.}" "$BENCH_VERIFY_SECONDS"
  echo
  {
    printf 'path\tverifications/s per core\tgoal\n'
    printf 'cached (same token again)\t%s\t> 50000 (%s)\n' "$AUTH_VERIFY_CACHED" "$cached_verdict"
    printf 'uncached (%s distinct tokens)\t%s\tnone: the raw ES256 cost\n' "${AUTH_VERIFY_DISTINCT:-?}" "$AUTH_VERIFY_UNCACHED"
  } | print_table
}

bench_main() {
  auth_config
  ensure_cmd curl curl
  ensure_cmd setsid util-linux
  ensure_cmd python3 python3
  ensure_cmd wrk wrk
  http_find_java
  http_find_jar
  bench_tmpdir AUTH_TMP
  test_classpath AUTH_CP "$AUTH_VERIFY_CLASS" "$AUTH_TMP"
  auth_start_gatehouse
  auth_login
  auth_create_key
  auth_check_durations
  auth_measure
  auth_verify_throughput
  auth_report
}
