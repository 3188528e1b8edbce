# shellcheck shell=bash
# summary: request inspection through the real server: detection per attack category and false positives, per channel; µs per request in-process
#
# Sourced by bench/run, which provides lib.sh, BENCH_DIR, REPO_ROOT and CALLER_PWD, and
# calls bench_main. Every line of the attack corpus (../shared/data/attack-corpus, or
# INSPECTION_CORPUS) goes through a Gatehouse started with GATEHOUSE_INSPECTION_MODE=block
# twice: as a query parameter (GET /api/v1/auth/me?q=…) and as a JSON string value (the
# password of POST /api/v1/auth/login). An answer of 400 with code request_rejected counts as
# detected, anything else as not. Goals: SQL injection, XSS and traversal >= 95 %, command
# injection >= 90 %, benign <= 1 % flagged; InspectionThroughput (a main class in
# src/test/java) < 50 µs per typical request. Goals are printed, never enforced.

# The http benchmark's helpers (Java, jar, starting Gatehouse). Sourcing it also defines http's
# bench_main, which the one at the end of this file replaces.
# shellcheck source-path=SCRIPTDIR source=http.sh
source "$BENCH_DIR/http.sh"

INSPECTION_CLASS=dev.gatehouse.inspection.InspectionThroughput
INSPECTION_CP= # set by test_classpath in bench_main
INSPECTION_FILES=(sqli xss cmd traversal benign)
# The temp dir of this run (logs, classpath, results); bench_main sets it with bench_tmpdir.
INSPECTION_TMP=

inspection_config() {
  INSPECTION_CORPUS=${INSPECTION_CORPUS:-$REPO_ROOT/../shared/data/attack-corpus}
  [[ $INSPECTION_CORPUS == /* ]] || INSPECTION_CORPUS=$CALLER_PWD/$INSPECTION_CORPUS
  local f
  for f in "${INSPECTION_FILES[@]}"; do
    [[ -r $INSPECTION_CORPUS/$f.txt ]] || die "$INSPECTION_CORPUS/$f.txt not found (set INSPECTION_CORPUS)"
  done
  BENCH_VERIFY_SECONDS=${BENCH_VERIFY_SECONDS:-5}
  if [[ ! $BENCH_VERIFY_SECONDS =~ ^[0-9]+$ ]] || ((BENCH_VERIFY_SECONDS < 1)); then
    die "BENCH_VERIFY_SECONDS must be a whole number of at least 1, got '$BENCH_VERIFY_SECONDS'"
  fi
  INSPECTION_CLIENTS=${INSPECTION_CLIENTS:-4}
  if [[ ! $INSPECTION_CLIENTS =~ ^[0-9]+$ ]] || ((INSPECTION_CLIENTS < 1)); then
    die "INSPECTION_CLIENTS must be a whole number of at least 1, got '$INSPECTION_CLIENTS'"
  fi
}

# Gatehouse in block mode. Rate limits are off (a setting that may not exist yet: harmless) and
# the per-IP login slowdown is zero, so the thousands of refused logins of the JSON channel do
# not turn into one-second waits; the IP block that follows answers 429, which counts as "not
# detected" like any other answer but 400 request_rejected.
inspection_start_gatehouse() {
  HTTP_TMP=$INSPECTION_TMP
  GATEHOUSE_INSPECTION_MODE=block GATEHOUSE_RATELIMIT_ENABLED=false GATEHOUSE_AUTH_LOCKOUT_IP_SLOWDOWN=0s \
    http_start_gatehouse
  GH_BASE=${GH_URL%/health/live}
  if ! wait_http "$GH_BASE/health/ready" 60 "$GH_PID"; then
    tail -n 40 "$GH_LOG" >&2
    die "Gatehouse is live but did not become ready"
  fi
}

# Sends every line through both channels with keep-alive connections (INSPECTION_CLIENTS in
# parallel) and writes "file<TAB>channel<TAB>detected<TAB>lines" rows to INSPECTION_RESULTS.
inspection_send() {
  INSPECTION_RESULTS=$INSPECTION_TMP/results.tsv
  log "sending ${INSPECTION_FILES[*]} from $INSPECTION_CORPUS through both channels ($INSPECTION_CLIENTS clients)"
  GH_BASE=$GH_BASE INSPECTION_CORPUS=$INSPECTION_CORPUS INSPECTION_CLIENTS=$INSPECTION_CLIENTS \
    python3 - "${INSPECTION_FILES[@]}" >"$INSPECTION_RESULTS" <<'PY' || die "the corpus client failed"
import http.client, json, os, sys, threading, urllib.parse

base = urllib.parse.urlsplit(os.environ["GH_BASE"])
corpus = os.environ["INSPECTION_CORPUS"]
clients = int(os.environ["INSPECTION_CLIENTS"])

def rejected(conn, method, path, body=None):
    headers = {"Content-Type": "application/json"} if body is not None else {}
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    payload = response.read()
    if response.status != 400:
        return False
    try:
        return json.loads(payload).get("code") == "request_rejected"
    except ValueError:
        return False

def channel(kind, line):
    if kind == "query":
        return "GET", "/api/v1/auth/me?q=" + urllib.parse.quote(line, safe=""), None
    body = json.dumps({"email": "x@example.com", "password": line}).encode()
    return "POST", "/api/v1/auth/login", body

def run(kind, lines, results, offset):
    conn = http.client.HTTPConnection(base.hostname, base.port, timeout=60)
    for i in range(offset, len(lines), clients):
        method, path, body = channel(kind, lines[i])
        for attempt in range(3):
            try:
                results[i] = rejected(conn, method, path, body)
                break
            except (http.client.HTTPException, OSError):
                conn.close()
                conn = http.client.HTTPConnection(base.hostname, base.port, timeout=60)
        else:
            raise SystemExit("request failed three times: " + kind)
    conn.close()

for name in sys.argv[1:]:
    with open(os.path.join(corpus, name + ".txt"), encoding="utf-8", errors="replace") as f:
        lines = [l.rstrip("\n").replace("\\n", "\n") for l in f if l.rstrip("\n")]
    for kind in ("query", "json"):
        results = [None] * len(lines)
        threads = [threading.Thread(target=run, args=(kind, lines, results, k)) for k in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        if any(r is None for r in results):
            raise SystemExit("some requests got no answer")
        print(f"{name}\t{kind}\t{sum(results)}\t{len(lines)}", flush=True)
        print(f"[bench] {name} {kind}: {sum(results)} of {len(lines)} rejected", file=sys.stderr, flush=True)
PY
  kill -0 "$GH_PID" 2>/dev/null || { tail -n 40 "$GH_LOG" >&2; die "Gatehouse exited during the benchmark"; }
}

# In-process cost per typical request, with Gatehouse stopped so it does not compete.
inspection_throughput() {
  local out=$INSPECTION_TMP/throughput.txt
  stop_pid "$GH_PID"
  log "in-process inspection ($INSPECTION_CLASS, ${BENCH_VERIFY_SECONDS}s after a 3 s warm-up)"
  if ! "$JAVA" -cp "$INSPECTION_CP" "$INSPECTION_CLASS" "$BENCH_VERIFY_SECONDS" >"$out" 2>&1; then
    tail -n 40 "$out" >&2
    die "$INSPECTION_CLASS failed"
  fi
  INSPECTION_US=$(sed -n 's/^inspection_us_per_request=\([0-9.]*\).*/\1/p' "$out")
  [[ -n $INSPECTION_US ]] || { cat "$out" >&2; die "$INSPECTION_CLASS printed no inspection_us_per_request"; }
}

# rate FILE CHANNEL: "12.3" (percent) from the results.
inspection_rate() {
  awk -F '\t' -v f="$1" -v c="$2" '$1 == f && $2 == c { printf "%.1f", ($4 > 0 ? 100 * $3 / $4 : 0) }' \
    "$INSPECTION_RESULTS"
}

inspection_report() {
  local f goal label lines q j verdict
  local -A goals=([sqli]=95 [xss]=95 [traversal]=95 [cmd]=90)
  local -A labels=([sqli]="SQL injection (sqli.txt)" [xss]="cross-site scripting (xss.txt)"
    [cmd]="command injection (cmd.txt)" [traversal]="path traversal (traversal.txt)"
    [benign]="benign.txt: false positives")
  echo "benchmark: inspection — attack corpus through Gatehouse (GATEHOUSE_INSPECTION_MODE=block), 127.0.0.1"
  machine_info
  printf 'java:   %s\n' "$("$JAVA" -version 2>&1 | sed -n 1p)"
  printf 'corpus: %s\n' "$INSPECTION_CORPUS"
  printf 'channels: query = GET /api/v1/auth/me?q=<line>; json = POST /api/v1/auth/login {"password": <line>}\n'
  echo
  {
    printf 'file\tlines\tquery %%\tjson %%\tgoal\n'
    for f in sqli xss cmd traversal benign; do
      lines=$(awk -F '\t' -v f="$f" '$1 == f { print $4; exit }' "$INSPECTION_RESULTS")
      q=$(inspection_rate "$f" query)
      j=$(inspection_rate "$f" json)
      label=${labels[$f]}
      if [[ $f == benign ]]; then
        verdict=$(awk -v q="$q" -v j="$j" 'BEGIN { print (q <= 1 && j <= 1 ? "met" : "NOT met") }')
        goal="<= 1 % ($verdict)"
      else
        verdict=$(awk -v q="$q" -v j="$j" -v g="${goals[$f]}" 'BEGIN { print (q >= g && j >= g ? "met" : "NOT met") }')
        goal=">= ${goals[$f]} % ($verdict)"
      fi
      printf '%s\t%s\t%s\t%s\t%s\n' "$label" "$lines" "$q" "$j" "$goal"
    done
  } | print_table
  echo
  verdict=$(awk -v u="$INSPECTION_US" 'BEGIN { print (u < 50 ? "met" : "NOT met") }')
  printf 'in-process inspection of a typical request (4 query parameters, 8 headers, 1 KB JSON body), one thread: %s µs (goal < 50: %s)\n' \
    "$INSPECTION_US" "$verdict"
}

bench_main() {
  inspection_config
  ensure_cmd curl curl
  ensure_cmd setsid util-linux
  ensure_cmd python3 python3
  http_find_java
  http_find_jar
  bench_tmpdir INSPECTION_TMP
  test_classpath INSPECTION_CP "$INSPECTION_CLASS" "$INSPECTION_TMP"
  inspection_start_gatehouse
  inspection_send
  inspection_throughput
  inspection_report
}
