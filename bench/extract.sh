# shellcheck shell=bash
# summary: page extraction (HTML to Markdown, links, metadata) on one thread over the crawl benchmark's pages: pages per CPU second
#
# Sourced by bench/run, which provides lib.sh, BENCH_DIR, REPO_ROOT and CALLER_PWD, and
# calls bench_main. bench/peers/make-site.mjs writes 200 pages of the crawl benchmark's site
# (when node is there; otherwise ExtractionThroughput builds the same pages itself), and
# ExtractionThroughput (a main class in src/test/java) extracts them in a loop on one thread
# after a 3 s CPU warm-up, EXTRACT_SECONDS CPU seconds per round, EXTRACT_ROUNDS rounds. The crawl
# goal is 1,000 pages/s on 2 cores including fetch and storage; extraction should cost a small
# part of that. Goals are printed, never enforced.

# shellcheck source-path=SCRIPTDIR source=http.sh
source "$BENCH_DIR/http.sh"

EXTRACT_CLASS=dev.gatehouse.crawl.extract.ExtractionThroughput

bench_main() {
  local tmp cp site="" round rate rates=() out
  EXTRACT_SECONDS=${EXTRACT_SECONDS:-5}
  EXTRACT_ROUNDS=${EXTRACT_ROUNDS:-3}
  [[ $EXTRACT_SECONDS =~ ^[0-9]+$ && $EXTRACT_SECONDS -ge 1 ]] || die "EXTRACT_SECONDS must be a whole number >= 1"
  [[ $EXTRACT_ROUNDS =~ ^[0-9]+$ && $EXTRACT_ROUNDS -ge 1 ]] || die "EXTRACT_ROUNDS must be a whole number >= 1"
  http_find_java
  bench_tmpdir tmp
  test_classpath cp "$EXTRACT_CLASS" "$tmp"
  if command -v node >/dev/null; then
    node "$BENCH_DIR/peers/make-site.mjs" "$tmp/site" 200 || die "make-site.mjs failed"
    site=$tmp/site
  fi
  for ((round = 1; round <= EXTRACT_ROUNDS; round++)); do
    log "round $round of $EXTRACT_ROUNDS ($EXTRACT_SECONDS CPU seconds)"
    out=$("$JAVA" -cp "$cp" "$EXTRACT_CLASS" "$EXTRACT_SECONDS" ${site:+"$site"}) || die "$EXTRACT_CLASS failed"
    rate=$(sed -n 's/^extract_pages_per_cpu_second=\([0-9]*\).*/\1/p' <<<"$out")
    [[ -n $rate ]] || die "$EXTRACT_CLASS printed no extract_pages_per_cpu_second: $out"
    rates+=("$rate")
  done
  echo "benchmark: extract — PageExtractor on one thread, formats markdown+links+metadata"
  machine_info
  printf 'java:   %s\n' "$("$JAVA" -version 2>&1 | sed -n 1p)"
  printf 'pages:  %s\n' "${site:-generated in-process like make-site.mjs} (200 pages, about 5 KB each)"
  echo
  rate=$(median "${rates[@]}")
  { printf 'figure\tvalue\n'
    printf 'pages per CPU second, median of %s rounds\t%s\n' "$EXTRACT_ROUNDS" "$rate"
    printf 'µs of CPU a page\t%s\n' "$(awk -v r="$rate" 'BEGIN { printf "%.0f", 1e6 / r }')"
    printf 'pages per CPU second by round\t%s\n' "$(IFS=/; echo "${rates[*]}")"
  } | print_table
}
