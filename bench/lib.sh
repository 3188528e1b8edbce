# shellcheck shell=bash
# Shared helpers for bench/run and the bench/NAME.sh benchmarks.
# Sourced, never executed: it only defines functions and a few globals.

# nginx lives in /usr/sbin, which a non-login shell may not have on PATH.
case ":$PATH:" in *:/usr/sbin:*) ;; *) PATH="$PATH:/usr/sbin:/sbin" ;; esac

# ---------------------------------------------------------------- messages

log() { printf '[bench] %s\n' "$*" >&2; }

die() {
  printf '[bench] ERROR: %s\n' "$*" >&2
  exit 1
}

# ---------------------------------------------------------------- packages

_BENCH_APT_UPDATED=0

# Run a command as root: we are root on the project machines, but a developer
# laptop may need sudo.
as_root() {
  if [[ $(id -u) -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null; then
    sudo "$@"
  else
    die "need root to run: $*"
  fi
}

# ensure_cmd CMD [DEBIAN_PACKAGE]
# Installs the package if CMD is not on PATH. 'apt-get update' runs at most
# once per bench/run, and only if something actually has to be installed.
# apt's chatter goes to a log that is shown only if the install fails.
ensure_cmd() {
  local cmd=$1 pkg=${2:-$1} aptlog
  command -v "$cmd" >/dev/null && return 0
  command -v apt-get >/dev/null || die "'$cmd' is missing and apt-get is not available to install '$pkg'"
  aptlog=$(mktemp "${TMPDIR:-/tmp}/gatehouse-bench-apt.XXXXXX")
  _BENCH_TMPDIRS+=("$aptlog")
  if [[ $_BENCH_APT_UPDATED -eq 0 ]]; then
    log "apt-get update"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >"$aptlog" 2>&1 \
      || { cat "$aptlog" >&2; die "apt-get update failed"; }
    _BENCH_APT_UPDATED=1
  fi
  log "installing $pkg (apt-get install -y $pkg)"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$pkg" >"$aptlog" 2>&1 \
    || { cat "$aptlog" >&2; die "apt-get install $pkg failed"; }
  command -v "$cmd" >/dev/null || die "installed $pkg but '$cmd' is still not on PATH"
}

# ---------------------------------------------------------------- cleanup

# Everything a benchmark starts or creates (processes, temp dirs and files) is
# registered here and torn down by the EXIT trap, whatever way the script ends
# (error, Ctrl-C, normal exit).
_BENCH_PIDS=()
_BENCH_TMPDIRS=()

# bench_tmpdir VAR: create a temp dir that is removed on exit, store its path in VAR.
# (Assigning through a name instead of $(...) keeps the registration in this shell.)
bench_tmpdir() {
  local -n _out=$1
  _out=$(mktemp -d "${TMPDIR:-/tmp}/gatehouse-bench.XXXXXX")
  _BENCH_TMPDIRS+=("$_out")
}

# start_bg VAR LOGFILE CMD...: start CMD in the background in its own session
# (so its process group can be killed as a whole, e.g. nginx master + worker,
# and a Ctrl-C in the terminal reaches only us), store the pid in VAR.
start_bg() {
  local -n _pid=$1
  local logfile=$2
  shift 2
  # Not a process group leader here (no job control in scripts), so setsid
  # execs in place and $! is the pid of CMD itself.
  setsid "$@" </dev/null >"$logfile" 2>&1 &
  _pid=$!
  _BENCH_PIDS+=("$_pid")
}

# stop_pid PID: TERM the process group, give it 10 s to shut down, then KILL.
stop_pid() {
  local pid=$1 i
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

bench_cleanup() {
  local rc=$? pid dir
  trap - EXIT INT TERM
  for pid in "${_BENCH_PIDS[@]}"; do stop_pid "$pid"; done
  for dir in "${_BENCH_TMPDIRS[@]}"; do
    if [[ ${BENCH_KEEP_TMP:-0} == 1 ]]; then
      log "kept $dir (BENCH_KEEP_TMP=1)"
    else
      rm -rf -- "$dir"
    fi
  done
  exit "$rc"
}

# Exit (rather than die on the signal) so that the EXIT trap runs.
trap bench_cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------- test classes

# test_classpath VAR MAIN_CLASS TMPDIR: the classpath of a main class in
# src/test/java (REPO_ROOT's test and main classes and its test-scope
# dependencies) into VAR, building the test classes if they are missing.
# Resolved before a benchmark starts its servers, so a broken build fails early.
test_classpath() {
  local -n _cp=$1
  local main_class=$2 tmp=$3 classes=$REPO_ROOT/target/classes tests=$REPO_ROOT/target/test-classes cpfile
  local class_file=$tests/${main_class//.//}.class
  if [[ ! -f $class_file || ! -d $classes ]]; then
    log "$class_file not found: building it with ./mvnw -q -DskipTests test-compile"
    (cd "$REPO_ROOT" && ./mvnw -q -DskipTests test-compile) >&2 || die "build of the test classes failed"
  fi
  [[ -f $class_file ]] || die "$class_file still does not exist after test-compile"
  cpfile=$tmp/test-classpath.txt
  log "resolving the test classpath (./mvnw -q dependency:build-classpath)"
  (cd "$REPO_ROOT" && ./mvnw -q dependency:build-classpath -Dmdep.outputFile="$cpfile" \
    -Dmdep.includeScope=test) >&2 || die "could not resolve the test classpath"
  [[ -s $cpfile ]] || die "dependency:build-classpath wrote no classpath"
  _cp=$tests:$classes:$(<"$cpfile")
}

# ---------------------------------------------------------------- network

# free_port: print a TCP port on 127.0.0.1 that nothing listens on and that this
# run has not handed out yet. There is a window between picking and binding,
# which is fine for a benchmark on an otherwise quiet machine.
_BENCH_PORTS_USED=" "
free_port() {
  local port i
  for ((i = 0; i < 200; i++)); do
    port=$((20000 + RANDOM % 40000))
    [[ $_BENCH_PORTS_USED == *" $port "* ]] && continue
    # A successful connect means someone is listening there.
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      _BENCH_PORTS_USED+="$port "
      echo "$port"
      return 0
    fi
  done
  die "no free port found"
}

# wait_http URL TIMEOUT_S [PID]: wait until URL answers 200. If PID is given and
# that process dies first, fail at once instead of waiting out the timeout.
wait_http() {
  local url=$1 timeout=$2 pid=${3:-} deadline code
  deadline=$((SECONDS + timeout))
  while ((SECONDS < deadline)); do
    code=$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$url" 2>/dev/null) || true
    [[ $code == 200 ]] && return 0
    if [[ -n $pid ]] && ! kill -0 "$pid" 2>/dev/null; then
      log "process $pid exited before $url answered"
      return 1
    fi
    sleep 0.5
  done
  log "$url did not answer 200 within ${timeout}s (last status: ${code:-none})"
  return 1
}

# ---------------------------------------------------------------- wrk

# wrk_parse FILE: read the output of 'wrk --latency' and print one line
#   requests_per_s p50_ms p99_ms requests non2xx3xx socket_errors
# wrk prints latencies with adaptive units (us, ms, s, m, h); all become ms.
wrk_parse() {
  awk '
    function ms(v,   n, u) {
      n = v; sub(/[a-z]+$/, "", n)
      u = v; sub(/^[0-9.]+/, "", u)
      if (u == "us") return n / 1000
      if (u == "ms") return n
      if (u == "s")  return n * 1000
      if (u == "m")  return n * 60000
      if (u == "h")  return n * 3600000
      return -1
    }
    $1 == "50%"                   { p50 = ms($2) }
    $1 == "99%"                   { p99 = ms($2) }
    /requests in/                 { reqs = $1 }
    /^Requests\/sec:/             { rps = $2 }
    /Non-2xx or 3xx responses:/   { bad = $NF }
    /Socket errors:/ {
      # "Socket errors: connect 0, read 0, write 0, timeout 0"
      line = $0; sub(/.*Socket errors:/, "", line); gsub(/[^0-9 ]/, " ", line)
      n = split(line, f, " "); for (i = 1; i <= n; i++) sockerr += f[i]
    }
    END {
      if (rps == "" || p50 == "" || p99 == "") exit 1
      printf "%s %s %s %s %d %d\n", rps, p50, p99, reqs, bad, sockerr
    }
  ' "$1"
}

# run_wrk OUTFILE URL DURATION: one wrk run with the shared knobs. Fails loudly
# if wrk fails, its output cannot be parsed, or any response was not 2xx/3xx
# (a benchmark of error pages would be meaningless).
run_wrk() {
  local out=$1 url=$2 duration=$3 parsed non2xx sockerr
  if ! wrk -t"$BENCH_THREADS" -c"$BENCH_CONNECTIONS" -d"${duration}s" --latency "$url" >"$out" 2>&1; then
    cat "$out" >&2
    die "wrk failed against $url"
  fi
  parsed=$(wrk_parse "$out") || { cat "$out" >&2; die "could not parse wrk output for $url"; }
  read -r _ _ _ _ non2xx sockerr <<<"$parsed"
  if ((non2xx > 0)); then
    cat "$out" >&2
    die "$url: wrk saw $non2xx non-2xx/3xx responses"
  fi
  ((sockerr == 0)) || log "warning: $url: wrk reported $sockerr socket errors"
  echo "$parsed"
}

# ---------------------------------------------------------------- numbers

# median N...: the median of the numbers given (mean of the two middle ones for
# an even count).
median() {
  printf '%s\n' "$@" | sort -g | awk '
    { v[NR] = $1 }
    END {
      if (NR == 0) exit 1
      if (NR % 2) print v[(NR + 1) / 2]
      else print (v[NR / 2] + v[NR / 2 + 1]) / 2
    }'
}

# ---------------------------------------------------------------- output

# print_table: read tab-separated rows on stdin (first row = header) and print
# them aligned: first column left-aligned, the others right-aligned, with a
# dashed rule under the header.
print_table() {
  awk -F '\t' '
    { for (i = 1; i <= NF; i++) { c[NR, i] = $i; if (length($i) > w[i]) w[i] = length($i) }
      if (NF > nf) nf = NF }
    END {
      for (r = 1; r <= NR; r++) {
        line = ""
        for (i = 1; i <= nf; i++) {
          fmt = (i == 1) ? "%-" w[i] "s" : "  %" w[i] "s"
          line = line sprintf(fmt, c[r, i])
        }
        print line
        if (r == 1) {
          rule = ""; for (i = 1; i <= nf; i++) { for (k = 0; k < w[i] + (i > 1 ? 2 : 0); k++) rule = rule "-" }
          print rule
        }
      }
    }'
}

# machine_info: lines describing where the figures come from, for docs.
machine_info() {
  local cpu
  cpu=$(awk -F ': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null)
  printf 'date:   %s\n' "$(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  printf 'nproc:  %s\n' "$(nproc)"
  printf 'cpu:    %s\n' "${cpu:-unknown}"
}
