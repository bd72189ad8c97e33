#!/usr/bin/env bash
# Benchmark of the award engine (issue 5): one command, as root, from the
# repository root:
#
#     bash bench/run.sh
#     N1=100000 N5=200000 N10=400000 BENCH_SKIP_INSTALL=1 bash bench/run.sh   # a quick check
#
# Runs tools/install.sh (packages, build, make install) unless
# BENCH_SKIP_INSTALL=1, starts one throwaway PostgreSQL 15 cluster with
# pg_virtualenv (port BENCH_PORT, default 5493) with benchmark settings, loads
# the data (bench/generate.sql, bench/share.sql) and measures:
#   (1) a per-application award over N5 clause-1 rows: the engine's
#       share_award(), the same formula as a SQL expression and as a PL/pgSQL
#       function, a bare scan, and evaluate_application();
#   (2) the whole award_decision over N1 applications against the plain-SQL
#       reference (test/differential/reference.sql), and over N10;
#   (3) the stacking aggregate per enterprise over N10 rows, serial and with
#       2 parallel workers;
#   (4) one enterprise's decisions with N1 loaded;
#   (5) the peak private memory of the backend running award_decision at N1
#       and N10.
# It prints a Markdown table of timings, ratios and targets at the end, and
# writes the whole output to bench/results/latest.md.
#
# Sizes: N1 (default 1,000,000), N5 (5,000,000), N10 (10,000,000); N10 >= N1.
# Timing: the "Execution Time" of EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON)
# everywhere (the server's time to run the query, without planning and
# without sending rows; TIMING OFF so that no clock is read per row).
# Exit status: 0 when the run completes and the engine and the reference
# agree on the total payable at N1; a target not met does not fail the run.
set -euo pipefail
cd "$(dirname "$0")/.."
export LANG=C.UTF-8 LC_ALL=C.UTF-8

N1=${N1:-1000000}
N5=${N5:-5000000}
N10=${N10:-10000000}
BENCH_PORT=${BENCH_PORT:-5493}
export N1 N5 N10 BENCH_PORT

# The cluster is thrown away at the end: fsync, synchronous_commit and
# full_page_writes are off (nothing here has to survive a crash), checkpoints
# are pushed out of the run, autovacuum is off (the script VACUUMs after each
# load, so no background worker competes with a measure for the 2 cores).
SETTINGS=(
    shared_buffers=4GB work_mem=64MB maintenance_work_mem=1GB
    max_wal_size=16GB checkpoint_timeout=1h
    fsync=off synchronous_commit=off full_page_writes=off
    max_parallel_workers_per_gather=2 jit=off autovacuum=off
)

if [ "${1:-}" != --inside ]; then
    for v in N1 N5 N10 BENCH_PORT; do
        [[ ${!v} =~ ^[1-9][0-9]*$ ]] || { echo "bench/run.sh: $v must be a positive integer, not '${!v}'" >&2; exit 2; }
    done
    [ "$N10" -ge "$N1" ] || { echo "bench/run.sh: N10 ($N10) must be at least N1 ($N1)" >&2; exit 2; }
    [ "$(id -u)" = 0 ] || { echo "bench/run.sh: run as root (pg_virtualenv, tools/install.sh)" >&2; exit 2; }
    if [ "${BENCH_SKIP_INSTALL:-0}" != 1 ]; then
        tools/install.sh
    fi
    mkdir -p bench/results
    opts=()
    for s in "${SETTINGS[@]}"; do opts+=(-o "$s"); done
    export BENCH_STARTED=$(date +%s)
    exec pg_virtualenv -t -v 15 -c "-p $BENCH_PORT" "${opts[@]}" bash bench/run.sh --inside
fi

##############################################################################
# Inside the throwaway cluster (PG* variables set by pg_virtualenv)
##############################################################################

RESULTS=bench/results/latest.md
work=$(mktemp -d)
exec > >(tee "$RESULTS") 2>&1
tee_pid=$!
finish() {
    local rc=$?
    rm -rf "$work"
    exec >&- 2>&-
    wait "$tee_pid" 2>/dev/null || true
    exit "$rc"
}
trap finish EXIT

export PGOPTIONS="-c client_min_messages=warning"
sql() { psql -X -q -At -v ON_ERROR_STOP=1 "$@"; }

# Formatting: 1234567 -> 1,234,567; milliseconds; ratios.
commas() { awk -v x="$1" 'BEGIN { s = sprintf("%d", x + 0.5); r = ""; while (length(s) > 3) { r = "," substr(s, length(s) - 2) r; s = substr(s, 1, length(s) - 3) } print s r }'; }
ms() { if [ -z "${1:-}" ]; then echo "—"; else echo "$(commas "$1") ms"; fi; }
ratio() { if [ -z "${1:-}" ] || [ -z "${2:-}" ]; then echo ""; else awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; fi; }
ratio_or_dash() { local r; r=$(ratio "${1:-}" "${2:-}"); echo "${r:-—}"; }
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; }   # a <= b
yesno() { if "$@"; then echo yes; else echo "**no**"; fi; }
elapsed() { echo $(( $(date +%s) - BENCH_STARTED )); }
step() { echo "- $(date +%H:%M:%S) (+$(elapsed) s) $*"; }

# measure SETTINGS QUERY RUNS [SAMPLE] [WARM]: in one session, after SETTINGS,
# runs QUERY once as a warm-up (its result row in $RESULT, fields separated by
# |; WARM=nowarm skips it), then RUNS times under EXPLAIN (ANALYZE, TIMING
# OFF, SUMMARY ON).  Sets TIMES (the execution times in ms), BEST (the least),
# LASTPLAN (the last plan).  With SAMPLE=sample, the backend's memory is read
# every 50 ms meanwhile (/proc/<pid>/status RssAnon, and Private_Clean +
# Private_Dirty of /proc/<pid>/smaps_rollup): sets MEM_START_KB, MEM_PEAK_KB
# (RssAnon) and ROLLUP_PEAK_KB.
measure() {
    local settings=$1 query=$2 runs=$3 sample=${4:-} warm=${5:-warm} i out=$work/measure.out pidfile=$work/backend.pid
    local args=(-c "\\o $pidfile" -c "SELECT pg_backend_pid()" -c "\\o")
    [ -z "$settings" ] || args+=(-c "$settings")
    [ "$warm" = nowarm ] || args+=(-c "SELECT 'result', * FROM ($query) q")
    for ((i = 0; i < runs; i++)); do
        args+=(-c "EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON) $query")
    done
    rm -f "$pidfile"
    sql "${args[@]}" > "$out" &
    local client=$!
    if [ "$sample" = sample ]; then
        local backend="" k v rest anon priv
        MEM_START_KB="" MEM_PEAK_KB=0 ROLLUP_PEAK_KB=0
        while [ -z "$backend" ] && kill -0 "$client" 2>/dev/null; do
            [ -s "$pidfile" ] && backend=$(tr -dc 0-9 < "$pidfile")
            sleep 0.01
        done
        while [ -n "$backend" ] && kill -0 "$client" 2>/dev/null; do
            anon="" priv=0
            { while read -r k v rest; do [ "$k" = RssAnon: ] && anon=$v; done < "/proc/$backend/status"; } 2>/dev/null || true
            { while read -r k v rest; do
                  case $k in Private_Clean:|Private_Dirty:) priv=$((priv + v)) ;; esac
              done < "/proc/$backend/smaps_rollup"; } 2>/dev/null || true
            if [ -n "$anon" ]; then
                [ -n "$MEM_START_KB" ] || MEM_START_KB=$anon
                [ "$anon" -gt "$MEM_PEAK_KB" ] && MEM_PEAK_KB=$anon
                [ "$priv" -gt "$ROLLUP_PEAK_KB" ] && ROLLUP_PEAK_KB=$priv
            fi
            sleep 0.05
        done
    fi
    wait "$client"
    RESULT=$(sed -n 's/^result|//p' "$out")
    TIMES=$(sed -n 's/^Execution Time: \([0-9.]*\) ms$/\1/p' "$out")
    BEST=$(sort -g <<<"$TIMES" | head -n 1)
    LASTPLAN=$(awk '/^result\|/ { next } { buf = buf $0 "\n" } /^Execution Time:/ { last = buf; buf = "" }
                    END { printf "%s", last }' "$out")
}

# sort_summary PLAN: how many sorts ran in memory and how many spilled to disk.
sort_summary() {
    awk '/Sort Method: external/ { ext++; if (match($0, /Disk: [0-9]+kB/)) disk += substr($0, RSTART + 6, RLENGTH - 8) }
         /Sort Method: (quicksort|top-N)/ { mem++ }
         /Batches: [0-9]+/ && !/Batches: 1 / { hashspill++ }
         END { printf "%d in memory, %d spilled to disk (%.0f MB)%s", mem, ext, disk / 1024,
                      hashspill ? sprintf(", %d hash nodes in batches", hashspill) : "" }' <<<"$1"
}

times_list() { awk '{ printf "%s%s", sep, $1; sep = ", " } END { print "" }' <<<"$1"; }

##############################################################################
echo "# dsm_policy benchmark"
echo
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
ram_gib=$(awk '/^MemTotal/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo)
server=$(sql -c "SHOW server_version")
commit=$(git describe --always --dirty 2>/dev/null || echo unknown)
echo "- date: $(date '+%Y-%m-%d %H:%M %Z') ($(date -u '+%Y-%m-%dT%H:%MZ'))"
echo "- machine: ${cpu:-unknown CPU}, $(nproc) cores, ${ram_gib} GiB RAM; $(. /etc/os-release && echo "$PRETTY_NAME")"
echo "- PostgreSQL $server; dsm_policy at commit $commit"
echo "- sizes: N1 = $(commas "$N1"), N5 = $(commas "$N5"), N10 = $(commas "$N10")"
echo "- cluster: one throwaway pg_virtualenv cluster (port $BENCH_PORT), dropped at the end."
echo "  **fsync, synchronous_commit and full_page_writes are off** (nothing has to survive a crash:"
echo "  they speed up the loads, not the measured queries); autovacuum off (VACUUM after each load)."
echo "  Settings: $(sql -c "SELECT string_agg(name || '=' || current_setting(name), ', ' ORDER BY name)
                          FROM pg_settings WHERE name IN ('shared_buffers', 'work_mem', 'hash_mem_multiplier',
                               'maintenance_work_mem', 'max_wal_size', 'checkpoint_timeout', 'fsync',
                               'synchronous_commit', 'full_page_writes', 'max_parallel_workers_per_gather',
                               'max_parallel_workers', 'max_worker_processes', 'jit', 'autovacuum',
                               'random_page_cost', 'effective_cache_size')")"
echo "- timing: the \"Execution Time\" of EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON) (server time, no"
echo "  planning, no rows sent), in one session per measure, after a warm-up run of the query itself;"
echo "  best of 3 unless said otherwise. Memory: /proc/<backend pid>/status RssAnon (the backend's"
echo "  anonymous memory: palloc, sorts, hash tables; shared buffers excluded) read every 50 ms, and"
echo "  Private_Clean + Private_Dirty of /proc/<pid>/smaps_rollup for comparison (Linux counts a"
echo "  shared-buffer page that no other process has mapped as private, so that figure grows with the"
echo "  pages the query reads; RssAnon does not)." 
echo
echo "## Run"
echo

sql -c "CREATE EXTENSION dsm_policy CASCADE"
work_mem=$(sql -c "SHOW work_mem")
WORK_MEM_KB=$(sql -c "SELECT setting FROM pg_settings WHERE name = 'work_mem'")

step "loading N1 = $(commas "$N1") applications (bench/generate.sql)"
t0=$(date +%s.%N)
sql -v n="$N1" -f bench/generate.sql | sed 's/^/  /'
sql -c "VACUUM dsm_policy.application, dsm_policy.other_award"
LOAD1_S=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", b - a }')
step "loaded and vacuumed in ${LOAD1_S} s; the decisions by status:"
sql -F ' | ' -c "SELECT status, count(*), round(100.0 * count(*) / sum(count(*)) OVER (), 1) || ' %'
                 FROM dsm_policy.award_decision GROUP BY status ORDER BY count(*) DESC" | sed 's/^/  - /'

##############################################################################
# (1) Per-application award over N5 clause-1 rows
##############################################################################

step "(1) loading N5 = $(commas "$N5") clause-1 rows into bench_share (bench/share.sql)"
sql -v n="$N5" -f bench/share.sql | sed 's/^/  /'

SERIAL="SET max_parallel_workers_per_gather = 0"
HAVE_SHARE_AWARD=$(sql -c "SELECT to_regprocedure('dsm_policy.share_award(text, date, text, boolean, numeric)') IS NOT NULL")
declare -A Q1=(
    [a]="SELECT sum(dsm_policy.share_award('1', qualifying_date, scale, specialized, provincial_amount)) FROM bench_share"
    [b]="SELECT sum(least(round(provincial_amount * 0.20, 2), 400000.00)) FROM bench_share"
    [c]="SELECT sum(bench_share_plpgsql(provincial_amount)) FROM bench_share"
    [d]="SELECT sum(provincial_amount) FROM bench_share"
    [e]="SELECT sum((dsm_policy.evaluate_application(clause_code => '1', qualifying_date => qualifying_date,
                    applied_on => qualifying_date + 30, scale => scale, specialized => specialized,
                    manufacturer => false, provincial_amount => provincial_amount, expenditure => NULL,
                    investment => NULL, approved_amount => NULL, revenue => NULL, cloud_stars => NULL,
                    service_start => NULL, in_use => NULL, innovative_mode => NULL, in_catalogue => NULL,
                    in_production => NULL, reports_statistics => NULL)).computed_amount) FROM bench_share"
)
declare -A T1 S1 T1JIT
for x in d a b c e; do
    if [ "$x" = a ] && [ "$HAVE_SHARE_AWARD" != t ]; then
        step "(1a) dsm_policy.share_award() is not installed: skipped"
        continue
    fi
    measure "$SERIAL" "${Q1[$x]}" 3
    T1[$x]=$BEST S1[$x]=$RESULT
    step "(1$x) best $(ms "$BEST") of $(times_list "$TIMES") ms; sum = $RESULT"
done
# JIT: the same with jit = on (the cluster runs with jit = off).
for x in d a b; do
    [ -n "${T1[$x]:-}" ] || continue
    measure "$SERIAL; SET jit = on" "${Q1[$x]}" 3 "" nowarm
    T1JIT[$x]=$BEST
    step "(1$x) with jit = on: best $(ms "$BEST") of $(times_list "$TIMES") ms"
done
sql -c "DROP TABLE bench_share"

##############################################################################
# (2) award_decision vs the plain-SQL reference, N1; (5) memory at N1
##############################################################################

step "(2) loading the plain-SQL reference (test/differential/reference.sql)"
sql -f test/differential/reference.sql
Q2="SELECT count(explanation), sum(payable_amount) FROM dsm_policy.award_decision"
Q2REF="SELECT count(*), sum(payable_amount) FROM dsm_reference.decision"

step "(2) award_decision over N1, parallel workers off, memory sampled every 50 ms"
measure "$SERIAL" "$Q2" 3 sample
T2_1=$BEST TOTAL_ENGINE=${RESULT#*|} MEM1_KB=$MEM_PEAK_KB MEM1_START_KB=$MEM_START_KB ROLLUP1_KB=$ROLLUP_PEAK_KB
grep -q "Workers Launched" <<<"$LASTPLAN" && echo "  (unexpected: parallel workers were launched)"
PLAN2_1=$LASTPLAN
step "(2) award_decision N1: best $(ms "$T2_1") of $(times_list "$TIMES") ms; rows|payable = $RESULT;
  backend RssAnon $(commas "$MEM_START_KB") kB at the start, peak $(commas "$MEM_PEAK_KB") kB; smaps_rollup Private peak $(commas "$ROLLUP_PEAK_KB") kB;
  sorts: $(sort_summary "$PLAN2_1")"

step "(2) dsm_reference.decision over N1, parallel workers off"
measure "$SERIAL" "$Q2REF" 3
T2REF=$BEST TOTAL_REF=${RESULT#*|}
step "(2) reference N1: best $(ms "$T2REF") of $(times_list "$TIMES") ms; rows|payable = $RESULT"

step "(2) award_decision over N1 with jit = on (one run; the data is warm)"
measure "$SERIAL; SET jit = on" "$Q2" 1 "" nowarm
T2JIT=$BEST
step "(2) award_decision N1 with jit = on: $(ms "$T2JIT")"

##############################################################################
# (4) One enterprise's decisions, N1
##############################################################################

IFS='|' read -r ENT ENT_APPS < <(sql -c "SELECT credit_code, count(*) FROM dsm_policy.application
                                        GROUP BY credit_code ORDER BY count(*) DESC, credit_code LIMIT 1")
Q4="SELECT * FROM dsm_policy.award_decision WHERE credit_code = '$ENT'"
step "(4) one enterprise: $ENT, the one with the most applications ($ENT_APPS), cluster settings, best of 5"
measure "" "$Q4" 5
T4=$BEST
PLAN4=$LASTPLAN
step "(4) best $(ms "$T4") of $(times_list "$TIMES") ms"
if grep -q "application_credit_code_idx" <<<"$PLAN4"; then IDX4=yes; else IDX4="**no**"; fi
echo
echo "  The plan of (4) (the last timed run):"
echo
echo '```'
echo "$PLAN4"
echo '```'
echo

##############################################################################
# Extend to N10
##############################################################################

if [ "$N10" -gt "$N1" ]; then
    step "loading applications $(commas $((N1 + 1))) .. $(commas "$N10") (bench/generate.sql)"
    t0=$(date +%s.%N)
    sql -v from=$((N1 + 1)) -v n="$N10" -f bench/generate.sql | sed 's/^/  /'
    sql -c "VACUUM dsm_policy.application, dsm_policy.other_award"
    LOAD10_S=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", b - a }')
    step "loaded and vacuumed in ${LOAD10_S} s; $(sql -c "SELECT pg_size_pretty(pg_total_relation_size('dsm_policy.application'))") with its indexes"
fi

##############################################################################
# (3) Stacking aggregate per enterprise, N10, serial and parallel
##############################################################################

Q3="SELECT count(*), sum(p) FROM (SELECT credit_code, dsm_policy.stacking_payable(application_id, applied_at, provincial_amount) AS p
    FROM dsm_policy.application GROUP BY credit_code) s"
# The parallel plan: with the default costs if the planner takes it, else with
# the first of these that makes it (the serial run gets the same settings;
# they do not change a plan without workers).
PAR_SET="" PAR_LABEL=""
for extra in "" "SET parallel_tuple_cost = 0.01" "SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0" \
             "SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0"; do
    PAR_SET=$extra
    if sql -c "SET max_parallel_workers_per_gather = 2; $extra" -c "EXPLAIN $Q3" | grep -q "Partial"; then
        PAR_LABEL=${extra:-"default costs"}
        break
    fi
done
[ -n "$PAR_LABEL" ] || PAR_LABEL="no parallel plan even with: $PAR_SET"
step "(3) settings for a parallel plan: $PAR_LABEL"
step "(3) stacking_payable per enterprise over N10, max_parallel_workers_per_gather = 0"
measure "${PAR_SET:+$PAR_SET; }SET max_parallel_workers_per_gather = 0" "$Q3" 3
T3_0=$BEST
step "(3) serial: best $(ms "$T3_0") of $(times_list "$TIMES") ms; groups|payable = $RESULT"
step "(3) the same, max_parallel_workers_per_gather = 2"
measure "${PAR_SET:+$PAR_SET; }SET max_parallel_workers_per_gather = 2" "$Q3" 3
T3_2=$BEST PLAN3=$LASTPLAN
step "(3) 2 workers: best $(ms "$T3_2") of $(times_list "$TIMES") ms; groups|payable = $RESULT"
if grep -q "Partial .*Aggregate" <<<"$PLAN3"; then PARTIAL3=yes; else PARTIAL3="**no**"; fi
if grep -q "Workers Launched: 2" <<<"$PLAN3"; then WORKERS3=yes; else WORKERS3="**no**"; fi
echo
echo "  The parallel plan of (3) (EXPLAIN (ANALYZE, TIMING OFF), the last timed run):"
echo
echo '```'
echo "$PLAN3"
echo '```'
echo

##############################################################################
# (2) and (5) award_decision over N10
##############################################################################

# One run, no warm-up: (3) has just read the whole table into shared buffers,
# and a warm-up would double the longest measure.
step "(2) award_decision over N10, parallel workers off, memory sampled every 50 ms (one run, no warm-up)"
measure "$SERIAL" "$Q2" 1 sample nowarm
T2_10=$BEST MEM10_KB=$MEM_PEAK_KB MEM10_START_KB=$MEM_START_KB ROLLUP10_KB=$ROLLUP_PEAK_KB
PLAN2_10=$LASTPLAN
echo "$PLAN2_10" > bench/results/latest-plan-n10.txt
step "(2) award_decision N10: $(ms "$T2_10");
  backend RssAnon $(commas "$MEM_START_KB") kB at the start, peak $(commas "$MEM_PEAK_KB") kB; smaps_rollup Private peak $(commas "$ROLLUP_PEAK_KB") kB;
  sorts: $(sort_summary "$PLAN2_10"); plan in bench/results/latest-plan-n10.txt"

##############################################################################
# The table
##############################################################################

status=0
[ "$TOTAL_ENGINE" = "$TOTAL_REF" ] || status=1
sizeratio=$(awk -v a="$N10" -v b="$N1" 'BEGIN { printf "%.2f", 1.2 * a / b }')
mb() { awk -v k="$1" 'BEGIN { printf "%.0f MB", k / 1024 }'; }

if [ -n "${T1[a]:-}" ]; then
    r_ad=$(ratio "${T1[a]}" "${T1[d]}") r_ba=$(ratio "${T1[b]}" "${T1[a]}") r_ca=$(ratio "${T1[c]}" "${T1[a]}")
    met_ad=$(yesno le "$r_ad" 1.3) met_ba=$(yesno le 1.5 "$r_ba") met_ca=$(yesno le 4 "$r_ca")
    if [ "${S1[a]}" = "${S1[b]}" ] && [ "${S1[a]}" = "${S1[c]}" ]; then agree1="yes (${S1[a]})"; else agree1="**no**: (a) ${S1[a]}, (b) ${S1[b]}, (c) ${S1[c]}"; fi
    a_row="| (1a) \`share_award()\`, the engine's C function | $(commas "$N5") | $(ms "${T1[a]}") | $r_ad × bare scan | ≤ 1.3 × bare scan | $met_ad |"
    b_ratio="(b)/(a) = $r_ba" c_ratio="(c)/(a) = $r_ca"
else
    met_ba="—" met_ca="—" agree1="— (share_award() not installed)"
    a_row="| (1a) \`share_award()\`, the engine's C function | $(commas "$N5") | not installed: skipped | — | ≤ 1.3 × bare scan | — |"
    b_ratio="$(ratio "${T1[b]}" "${T1[d]}") × bare scan" c_ratio="$(ratio "${T1[c]}" "${T1[d]}") × bare scan"
fi
r_ref=$(ratio "$T2REF" "$T2_1")
r_lin=$(ratio "$T2_10" "$T2_1")
r_par=$(ratio "$T3_0" "$T3_2")
r_mem=$(ratio "$MEM10_KB" "$MEM1_KB")

echo "## Results"
echo
echo "$(date '+%Y-%m-%d'), ${cpu:-unknown CPU}, $(nproc) cores, ${ram_gib} GiB RAM, PostgreSQL $server, commit $commit;"
echo "shared_buffers 4GB, work_mem $work_mem, jit off, fsync off (throwaway cluster). Times: EXPLAIN (ANALYZE,"
echo "TIMING OFF) Execution Time, best of 3 after a warm-up ((4): best of 5; award_decision at N10: one run)."
echo "(1), (2), (5): max_parallel_workers_per_gather = 0. Whole run: $(( $(elapsed) / 60 )) min $(( $(elapsed) % 60 )) s."
echo
echo "| measure | rows | time | ratio | target | met |"
echo "|---|---:|---:|---|---|---|"
echo "| (1d) bare scan \`sum(provincial_amount)\` | $(commas "$N5") | $(ms "${T1[d]}") | 1.00 | | |"
echo "$a_row"
echo "| (1b) plain SQL \`least(round(provincial_amount * 0.20, 2), 400000.00)\` | $(commas "$N5") | $(ms "${T1[b]}") | $b_ratio | (b)/(a) ≥ 1.5 | $met_ba |"
echo "| (1c) PL/pgSQL function, same formula | $(commas "$N5") | $(ms "${T1[c]}") | $c_ratio | (c)/(a) ≥ 4 | $met_ca |"
echo "| (1e) \`evaluate_application()\`, computed_amount (information) | $(commas "$N5") | $(ms "${T1[e]}") | $(ratio "${T1[e]}" "${T1[d]}") × bare scan | | |"
echo "| (1) (a), (b), (c) give the same sum | | | | equal | $agree1 |"
echo "| (2) \`award_decision\`: count(explanation), sum(payable_amount) | $(commas "$N1") | $(ms "$T2_1") | | | |"
echo "| (2) \`dsm_reference.decision\`: count(*), sum(payable_amount) | $(commas "$N1") | $(ms "$T2REF") | reference / engine = $r_ref | ≥ 4 | $(yesno le 4 "$r_ref") |"
echo "| (2) total payable, engine = reference | $(commas "$N1") | | $TOTAL_ENGINE = $TOTAL_REF | equal | $(yesno test "$TOTAL_ENGINE" = "$TOTAL_REF") |"
echo "| (2) \`award_decision\` (one run) | $(commas "$N10") | $(ms "$T2_10") | N10 / N1 = $r_lin | ≤ $sizeratio (1.2 × size ratio) | $(yesno le "$r_lin" "$sizeratio") |"
echo "| (3) \`stacking_payable\` per enterprise, 0 workers | $(commas "$N10") | $(ms "$T3_0") | | | |"
echo "| (3) the same, 2 workers (Partial Aggregate: $PARTIAL3; Workers Launched: 2: $WORKERS3; $PAR_LABEL) | $(commas "$N10") | $(ms "$T3_2") | speed-up $r_par | ≥ 1.6 | $(yesno le 1.6 "$r_par") |"
echo "| (4) one enterprise's decisions ($ENT_APPS applications; index on credit_code used: $IDX4) | $(commas "$N1") | $(ms "$T4") | | < 100 ms | $(yesno le "$T4" 99.999) |"
echo "| (5) peak private memory of \`award_decision\`: RssAnon (smaps_rollup Private) | $(commas "$N1") | $(mb "$MEM1_KB") ($(mb "$ROLLUP1_KB")) | $(ratio "$MEM1_KB" "$WORK_MEM_KB") × work_mem ($work_mem) | | |"
echo "| (5) the same | $(commas "$N10") | $(mb "$MEM10_KB") ($(mb "$ROLLUP10_KB")) | N10 / N1 = $r_mem | ≤ 1.5: bounded by work_mem, not N | $(yesno le "$r_mem" 1.5) |"
echo "| JIT check: (1a) / (1b) / (1d) / (2) N1 with jit = on | | $(ms "${T1JIT[a]:-}") / $(ms "${T1JIT[b]:-}") / $(ms "${T1JIT[d]:-}") / $(ms "$T2JIT") | on / off: $(ratio_or_dash "${T1JIT[a]:-}" "${T1[a]:-}") / $(ratio_or_dash "${T1JIT[b]:-}" "${T1[b]:-}") / $(ratio_or_dash "${T1JIT[d]:-}" "${T1[d]:-}") / $(ratio_or_dash "$T2JIT" "$T2_1") | information | |"
echo
if [ "$status" != 0 ]; then
    echo "**The engine and the reference disagree on the total payable at N1: the run fails.**"
fi
exit "$status"
