# shellcheck shell=bash
# summary: GET /health/live on Gatehouse next to nginx serving a 2-byte file (wrk, loopback)
#
# Sourced by bench/run, which provides lib.sh, REPO_ROOT and CALLER_PWD, and
# calls bench_main. Both servers run on this machine and are measured in the
# same run, so the nginx figure is the yardstick for what this machine can do;
# the ratio is the number worth quoting, not the absolute requests/s.

# Read the env knobs (see bench/README.md) and reject nonsense early.
http_config() {
  BENCH_THREADS=${BENCH_THREADS:-1}
  BENCH_CONNECTIONS=${BENCH_CONNECTIONS:-32}
  BENCH_DURATION=${BENCH_DURATION:-20}
  BENCH_WARMUP=${BENCH_WARMUP:-10}
  BENCH_ROUNDS=${BENCH_ROUNDS:-3}
  local knob
  for knob in BENCH_THREADS BENCH_CONNECTIONS BENCH_DURATION BENCH_WARMUP BENCH_ROUNDS; do
    [[ ${!knob} =~ ^[0-9]+$ ]] || die "$knob must be a whole number, got '${!knob}'"
  done
  ((BENCH_THREADS >= 1 && BENCH_DURATION >= 1 && BENCH_ROUNDS >= 1)) \
    || die "BENCH_THREADS, BENCH_DURATION and BENCH_ROUNDS must be at least 1"
  ((BENCH_CONNECTIONS >= BENCH_THREADS)) || die "wrk needs BENCH_CONNECTIONS >= BENCH_THREADS"
}

# Pick the JDK: Gatehouse needs Java 25, which on the project machines is the
# Temurin JDK rather than the default java (17).
http_find_java() {
  if [[ -z ${JAVA_HOME:-} && -d /usr/lib/jvm/temurin-25-jdk-amd64 ]]; then
    export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
  fi
  if [[ -n ${JAVA_HOME:-} ]]; then
    JAVA=$JAVA_HOME/bin/java
  else
    JAVA=$(command -v java) || die "no JAVA_HOME and no java on PATH"
  fi
  [[ -x $JAVA ]] || die "$JAVA is not executable"
}

# GATEHOUSE_JAR is taken relative to where bench/run was called from; the
# default is the Maven build output, built here if it is missing.
http_find_jar() {
  local jar
  if [[ -n ${GATEHOUSE_JAR:-} ]]; then
    jar=$GATEHOUSE_JAR
    [[ $jar == /* ]] || jar=$CALLER_PWD/$jar
  else
    jar=$REPO_ROOT/target/gatehouse.jar
  fi
  # A jar older than the sources would measure code that is no longer there.
  if [[ -z ${GATEHOUSE_JAR:-} && (! -f $jar || -n $(find "$REPO_ROOT/src/main" "$REPO_ROOT/pom.xml" -newer "$jar" -print -quit)) ]]; then
    log "$jar missing or older than the sources: building it with ./mvnw -q -DskipTests package"
    (cd "$REPO_ROOT" && ./mvnw -q -DskipTests package) >&2 || die "build failed"
  fi
  [[ -f $jar ]] || die "$jar still does not exist (the build writes $REPO_ROOT/target/gatehouse.jar)"
  GH_JAR=$jar
}

http_start_gatehouse() {
  local port data
  port=$(free_port)
  data=$HTTP_TMP/gatehouse-data
  mkdir -p "$data"
  GH_LOG=$HTTP_TMP/gatehouse.log
  GH_URL=http://127.0.0.1:$port/health/live
  log "starting Gatehouse on 127.0.0.1:$port ($GH_JAR)"
  # SERVER_ADDRESS keeps the listener on loopback; the traffic is loopback only.
  # BENCH_JAVA_OPTS is split into words on purpose (several JVM flags).
  # shellcheck disable=SC2086
  start_bg GH_PID "$GH_LOG" env SERVER_PORT="$port" SERVER_ADDRESS=127.0.0.1 \
    GATEHOUSE_DATA_DIR="$data" "$JAVA" ${BENCH_JAVA_OPTS:-} -jar "$GH_JAR"
  if ! wait_http "$GH_URL" 90 "$GH_PID"; then
    log "last lines of the Gatehouse log:"
    tail -n 40 "$GH_LOG" >&2
    die "Gatehouse did not come up"
  fi
}

# nginx with its own throwaway config: one worker (2 cores, wrk needs the
# other), no access log, nothing outside the temp dir.
http_start_nginx() {
  local port dir
  port=$(free_port)
  dir=$HTTP_TMP/nginx
  mkdir -p "$dir/www"
  printf ok >"$dir/www/ok" # exactly 2 bytes, no newline
  # As root, nginx workers run as 'nobody' and must be able to read the docroot,
  # but mktemp -d makes the temp dir 0700.
  chmod 755 "$HTTP_TMP" "$dir" "$dir/www"
  chmod 644 "$dir/www/ok"
  cat >"$dir/nginx.conf" <<EOF
daemon off;
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  default_type text/plain;
  # The compiled-in temp paths are under /var/lib/nginx; keep everything here.
  client_body_temp_path $dir/client_body;
  proxy_temp_path $dir/proxy;
  fastcgi_temp_path $dir/fastcgi;
  uwsgi_temp_path $dir/uwsgi;
  scgi_temp_path $dir/scgi;
  server {
    listen 127.0.0.1:$port;
    root $dir/www;
  }
}
EOF
  NGINX_URL=http://127.0.0.1:$port/ok
  log "starting nginx on 127.0.0.1:$port"
  # -e: the error log to use before the config is read (default is /var/log/nginx).
  start_bg NGINX_PID "$dir/stderr.log" nginx -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf"
  if ! wait_http "$NGINX_URL" 15 "$NGINX_PID"; then
    tail -n 20 "$dir/stderr.log" "$dir/error.log" >&2 2>/dev/null || true
    die "nginx did not come up"
  fi
}

# Both servers must still be up after each wrk run, or the figures are of a
# dead port.
http_check_alive() {
  kill -0 "$GH_PID" 2>/dev/null || { tail -n 40 "$GH_LOG" >&2; die "Gatehouse exited during the benchmark"; }
  kill -0 "$NGINX_PID" 2>/dev/null || die "nginx exited during the benchmark"
}

# Warm-up (JIT, connection pools, page cache), then BENCH_ROUNDS measured rounds
# run alternately, so slow drift of a noisy machine hits both targets alike.
http_measure() {
  local target url r parsed rps p50 p99 reqs
  declare -gA HTTP_URL=([gatehouse]=$GH_URL [nginx]=$NGINX_URL)
  declare -gA HTTP_RPS=() HTTP_P50=() HTTP_P99=()
  if ((BENCH_WARMUP > 0)); then
    for target in gatehouse nginx; do
      log "warm-up $target (${BENCH_WARMUP}s)"
      run_wrk "$HTTP_TMP/wrk-$target-warmup.txt" "${HTTP_URL[$target]}" "$BENCH_WARMUP" >/dev/null
      http_check_alive
    done
  fi
  for ((r = 1; r <= BENCH_ROUNDS; r++)); do
    for target in gatehouse nginx; do
      url=${HTTP_URL[$target]}
      parsed=$(run_wrk "$HTTP_TMP/wrk-$target-$r.txt" "$url" "$BENCH_DURATION")
      http_check_alive
      read -r rps p50 p99 reqs _ _ <<<"$parsed"
      ((reqs > 0)) || die "$url: wrk completed no requests"
      log "round $r/$BENCH_ROUNDS $target: $rps req/s, p50 $p50 ms, p99 $p99 ms"
      HTTP_RPS[$target]+="$rps "
      HTTP_P50[$target]+="$p50 "
      HTTP_P99[$target]+="$p99 "
    done
  done
}

# Everything needed to judge or reproduce the figures, then the table.
# Word-splitting the per-round lists (HTTP_RPS etc.) is intended here.
# shellcheck disable=SC2086
http_report() {
  local target v ratio
  local -A med_rps=() med_p50=() med_p99=() size=() by_round=()
  # Medians first: the table is built in a pipeline (a subshell), so nothing
  # computed inside it would be visible to the ratio line.
  for target in gatehouse nginx; do
    med_rps[$target]=$(median ${HTTP_RPS[$target]})
    med_p50[$target]=$(median ${HTTP_P50[$target]})
    med_p99[$target]=$(median ${HTTP_P99[$target]})
    for v in ${HTTP_RPS[$target]}; do by_round[$target]+="${by_round[$target]:+ / }$(printf '%.0f' "$v")"; done
    size[$target]=$(curl -s -o /dev/null -w '%{size_download}' "${HTTP_URL[$target]}")
  done
  ratio=$(awk -v g="${med_rps[gatehouse]}" -v n="${med_rps[nginx]}" 'BEGIN { printf "%.2f", (n > 0 ? g / n : 0) }')

  echo "benchmark: http — GET /health/live on Gatehouse vs a static 2-byte file on nginx, 127.0.0.1"
  machine_info
  printf 'java:   %s\n' "$("$JAVA" -version 2>&1 | sed -n 1p)"
  printf 'jvm:    %s\n' "$("$JAVA" -version 2>&1 | sed -n 2p)"
  printf 'nginx:  %s\n' "$(nginx -v 2>&1 | sed 's/^nginx version: //')"
  printf 'wrk:    %s\n' "$(wrk -v 2>&1 | awk 'NR == 1 { print $1 " " $2 }')"
  printf 'load:   wrk -t%s -c%s -d%ss --latency; warm-up %ss each; %s rounds, alternating; medians\n' \
    "$BENCH_THREADS" "$BENCH_CONNECTIONS" "$BENCH_DURATION" "$BENCH_WARMUP" "$BENCH_ROUNDS"
  echo
  {
    printf 'target\tbody B\treq/s\tp50 ms\tp99 ms\treq/s by round\n'
    for target in gatehouse nginx; do
      printf '%s\t%s\t%.0f\t%.3f\t%.3f\t%s\n' "$target" "${size[$target]}" "${med_rps[$target]}" \
        "${med_p50[$target]}" "${med_p99[$target]}" "${by_round[$target]}"
    done
  } | print_table
  echo
  printf 'ratio gatehouse/nginx requests/s: %s\n' "$ratio"
}

bench_main() {
  http_config
  ensure_cmd curl curl
  ensure_cmd setsid util-linux
  ensure_cmd nginx nginx
  ensure_cmd wrk wrk
  http_find_java
  http_find_jar
  bench_tmpdir HTTP_TMP
  http_start_gatehouse
  http_start_nginx
  http_measure
  http_report
}
