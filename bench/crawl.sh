# shellcheck shell=bash
# summary: a generated 10,000-page site on nginx crawled through the job API beside Crawlee's CheerioCrawler: pages/s, page p50/p95, RSS
#
# Sourced by bench/run, which provides lib.sh, BENCH_DIR, REPO_ROOT and
# CALLER_PWD, and calls bench_main. bench/peers/make-site.mjs writes the site,
# nginx serves it on 127.0.0.1, Gatehouse crawls it from its home page as one
# crawl job (bench/peers/gatehouse-crawl.mjs) and Crawlee's CheerioCrawler
# crawls the same site (bench/peers/crawlee-crawl.mjs), rounds alternating.
# Gatehouse's RSS is sampled every 200 ms. Goals (not enforced): >= 1,000
# pages/s, ahead of CheerioCrawler, RSS growth < 150 MB over 10,000 pages,
# >= 99.9 % success.

# shellcheck source-path=SCRIPTDIR source=jobs.sh
source "$BENCH_DIR/jobs.sh"

crawl_config() {
  BENCH_ROUNDS=${BENCH_ROUNDS:-3}
  BENCH_PAGES=${BENCH_PAGES:-10000}
  BENCH_HOST_CONCURRENCY=${BENCH_HOST_CONCURRENCY:-64}
  # The heap a node should be given (docs/operations.md); without it RSS shows the JVM's heap
  # growth, not the crawler's. BENCH_JAVA_OPTS= (empty) measures the JVM's default.
  BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS--Xmx512m}
  local knob
  for knob in BENCH_ROUNDS BENCH_PAGES BENCH_HOST_CONCURRENCY; do
    [[ ${!knob} =~ ^[1-9][0-9]*$ ]] || die "$knob must be a whole number of at least 1, got '${!knob}'"
  done
}

# nginx serving the generated site: one worker, no access log, loopback only.
crawl_start_site() {
  local port dir=$CRAWL_TMP/site-nginx
  port=$(free_port)
  mkdir -p "$dir"
  log "generating a $BENCH_PAGES-page site"
  node "$BENCH_DIR/peers/make-site.mjs" "$CRAWL_TMP/www" "$BENCH_PAGES" || die "site generation failed"
  chmod -R a+rX "$CRAWL_TMP"
  cat >"$dir/nginx.conf" <<NGINX
daemon off;
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  include /etc/nginx/mime.types;
  client_body_temp_path $dir/client_body;
  proxy_temp_path $dir/proxy;
  fastcgi_temp_path $dir/fastcgi;
  uwsgi_temp_path $dir/uwsgi;
  scgi_temp_path $dir/scgi;
  server {
    listen 127.0.0.1:$port;
    root $CRAWL_TMP/www;
  }
}
NGINX
  CRAWL_SITE=http://127.0.0.1:$port/index.html
  start_bg CRAWL_NGINX_PID "$dir/stderr.log" nginx -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf"
  wait_http "$CRAWL_SITE" 15 "$CRAWL_NGINX_PID" || die "nginx did not come up"
}

rss_mb() { awk '/^VmRSS:/ { printf "%d\n", $2 / 1024 }' "/proc/$1/status"; }
threads() { awk '/^Threads:/ { print $2 }' "/proc/$1/status"; }

# crawl_gatehouse_round: one crawl job while a sampler keeps the peak RSS.
crawl_gatehouse_round() {
  local line sampler peak_file=$CRAWL_TMP/peak-rss
  rss_mb "$GH_PID" >"$peak_file"
  (while kill -0 "$GH_PID" 2>/dev/null; do
    local now peak
    now=$(rss_mb "$GH_PID") peak=$(<"$peak_file")
    ((now > peak)) && echo "$now" >"$peak_file"
    sleep 0.2
  done) &
  sampler=$!
  auth_token_for 300
  line=$(GATEHOUSE_TOKEN=$AUTH_TOKEN node "$BENCH_DIR/peers/gatehouse-crawl.mjs" "$GH_BASE" "$CRAWL_SITE" \
    "$BENCH_PAGES" "$BENCH_HOST_CONCURRENCY") || { tail -n 40 "$GH_LOG" >&2; die "the Gatehouse crawl failed"; }
  kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null || true
  auth_check_alive
  python3 -c 'import json, sys; d = json.loads(sys.argv[1]); d["peak_rss_mb"] = int(sys.argv[2]); print(json.dumps(d))' \
    "$line" "$(<"$peak_file")"
}

crawl_measure() {
  local r line
  declare -gA CRAWL_PPS=() CRAWL_P50=() CRAWL_P95=() CRAWL_RSS=() CRAWL_OK=()
  HTTP_TMP=$CRAWL_TMP
  AUTH_TMP=$CRAWL_TMP
  GATEHOUSE_EGRESS_ALLOW_PRIVATE_NETWORKS=true auth_start_gatehouse
  auth_login
  CRAWL_RSS_START=$(rss_mb "$GH_PID")
  log "warm-up crawl (1,000 pages)"
  GATEHOUSE_TOKEN=$AUTH_TOKEN node "$BENCH_DIR/peers/gatehouse-crawl.mjs" "$GH_BASE" "$CRAWL_SITE" 1000 \
    "$BENCH_HOST_CONCURRENCY" >/dev/null || die "the warm-up crawl failed"
  CRAWL_RSS_WARM=$(rss_mb "$GH_PID") CRAWL_THREADS_WARM=$(threads "$GH_PID")
  for ((r = 1; r <= BENCH_ROUNDS; r++)); do
    line=$(crawl_gatehouse_round)
    log "round $r gatehouse: $line"
    crawl_record gatehouse "$line"
    line=$(node "$BENCH_DIR/peers/crawlee-crawl.mjs" "$CRAWL_SITE" "$BENCH_PAGES") || die "the Crawlee crawl failed"
    log "round $r crawlee: $line"
    crawl_record crawlee "$line"
  done
  CRAWL_RSS_END=$(rss_mb "$GH_PID") CRAWL_THREADS_END=$(threads "$GH_PID")
}

# crawl_record SYSTEM JSON: append one round's figures.
crawl_record() {
  local system=$1 pps p50 p95 rss ok
  read -r pps p50 p95 rss ok < <(python3 -c '
import json, sys
d = json.loads(sys.argv[1])
print(d["pages_per_second"], d["p50_ms"], d["p95_ms"], d["peak_rss_mb"],
      "%.2f" % (100.0 * d["pages"] / max(1, d["pages"] + d["failed"])))' "$2")
  CRAWL_PPS[$system]+="$pps " CRAWL_P50[$system]+="$p50 " CRAWL_P95[$system]+="$p95 "
  CRAWL_RSS[$system]+="$rss " CRAWL_OK[$system]+="$ok "
}

# Word-splitting the per-round lists is intended here.
# shellcheck disable=SC2086
crawl_report() {
  local s
  local -A label=([gatehouse]="gatehouse (crawl job, per-host concurrency $BENCH_HOST_CONCURRENCY)"
    [crawlee]="Crawlee $(node -p "require('$BENCH_DIR/peers/node_modules/@crawlee/cheerio/package.json').version") CheerioCrawler")
  echo "benchmark: crawl — a generated $BENCH_PAGES-page site on nginx (127.0.0.1), crawled from its home page"
  machine_info
  printf 'java:   %s (options: %s)\n' "$("$JAVA" -version 2>&1 | sed -n 1p)" "${BENCH_JAVA_OPTS:-none}"
  printf 'node:   %s\n' "$(node --version)"
  printf 'rounds: %s, alternating; medians\n' "$BENCH_ROUNDS"
  echo
  {
    printf 'crawler\tpages/s\tp50 ms\tp95 ms\tpeak RSS MB\tsuccess %%\tpages/s by round\n'
    for s in gatehouse crawlee; do
      printf '%s\t%.0f\t%s\t%s\t%s\t%s\t%s\n' "${label[$s]}" "$(median ${CRAWL_PPS[$s]})" "$(median ${CRAWL_P50[$s]})" \
        "$(median ${CRAWL_P95[$s]})" "$(median ${CRAWL_RSS[$s]})" "$(median ${CRAWL_OK[$s]})" "${CRAWL_PPS[$s]% }"
    done
  } | print_table
  echo
  printf 'ratio gatehouse/crawlee pages/s: %s\n' "$(awk -v g="$(median ${CRAWL_PPS[gatehouse]})" \
    -v c="$(median ${CRAWL_PPS[crawlee]})" 'BEGIN { printf "%.2f", (c > 0 ? g / c : 0) }')"
  printf 'gatehouse RSS: %s MB at start, %s MB after a 1,000-page warm-up, %s MB after %s crawls of %s pages: growth %s MB (goal < 150)\n' \
    "$CRAWL_RSS_START" "$CRAWL_RSS_WARM" "$CRAWL_RSS_END" "$BENCH_ROUNDS" "$BENCH_PAGES" "$((CRAWL_RSS_END - CRAWL_RSS_WARM))"
  printf 'gatehouse JVM threads: %s after the warm-up, %s after the last crawl (platform threads; crawl items run on virtual ones)\n' \
    "$CRAWL_THREADS_WARM" "$CRAWL_THREADS_END"
}

bench_main() {
  crawl_config
  ensure_cmd curl curl
  ensure_cmd setsid util-linux
  ensure_cmd python3 python3
  ensure_cmd nginx nginx
  ensure_node_peers
  http_find_java
  http_find_jar
  bench_tmpdir CRAWL_TMP
  crawl_start_site
  crawl_measure
  crawl_report
}
