#!/usr/bin/env bash
# Benchmark of the award engine (issue "Performance 2"): one command, as
# root, from the repository root:
#
#     bash bench/run.sh
#     N1=100000 N5=200000 N10=400000 BENCH_SKIP_INSTALL=1 bash bench/run.sh   # a quick check
#
# Runs tools/install.sh (packages, build, make install) unless
# BENCH_SKIP_INSTALL=1, starts one throwaway PostgreSQL 15 cluster with
# pg_virtualenv (port BENCH_PORT, default 5493) with benchmark settings, loads
# the generated applications (bench/generate.sql) and the plain-SQL baseline
# (bench/baseline.sql: the same rules as the fastest plain SQL an analyst
# would write) and measures the targets of the issue, each a ratio from this
# one run on the same data:
#   (1) the whole decision at N1, the engine (computed live: a scenario without
#       rows) against the baseline, both without parallel workers; and the
#       engine at N10 against N1 (linear);
#   (2) one enterprise's decisions with N1 loaded (the enacted decisions, which
#       read the kept quota places), and the same rows as the full view;
#   (3) the dashboard's totals at N1 (the kept totals);
#   (4) the aggregates cap_allocated and stacking_payable over one group of
#       10k, 20k, 40k and 80k rows;
#   (5) the evaluation (steps 1 to 4 of every application, application_item()
#       as the full decision calls it below its Gather) with 2 parallel
#       workers against none, and the plan of the full decision with them;
#   (6) share_award() against a bare scan over N5 rows;
#   (7) the peak memory of the backend running the decision at N1 and N10
#       (bounded by work_mem: at most 2 x work_mem, hash_mem_multiplier's 2).
# It prints a Markdown table of timings, ratios and targets at the end, and
# writes the whole output to bench/results/latest.md (the plans of (1) to
# bench/results/latest-plan-*.txt).
#
# Sizes: N1 (default 1,000,000), N5 (5,000,000), N10 (10,000,000); N10 >= N1.
# Timing: the "Execution Time" of EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON)
# everywhere (the server's time to run the query, without planning and
# without sending rows; TIMING OFF so that no clock is read per row).  The
# two sides of each ratio of (1), (5) and (6) are taken in turn, one run each
# per round (each in a session of its own, after a warm-up), five rounds, the
# median of each: the speed of a shared VM drifts by
# tens of percent over minutes, and a ratio of runs made minutes apart would
# measure the drift.
# Exit status: 0 when the run completes and the engine and the baseline agree
# on the total payable at N1; a target not met does not fail the run.
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
    # Huge pages for the shared buffers (BENCH_HUGE_PAGES=0: not): with 4 kB
    # pages every new process, each parallel worker included, takes a page
    # fault for every shared buffer it touches for the first time, which
    # costs a 5M-row scan half its time again and a parallel plan its gain.
    # The pool is set back when the run ends.
    if [ "${BENCH_HUGE_PAGES:-1}" = 1 ] && [ -w /proc/sys/vm/nr_hugepages ]; then
        page_kb=$(awk '/^Hugepagesize:/ { print $2 }' /proc/meminfo)
        want=$(( (4096 + 256) * 1024 / ${page_kb:-2048} ))   # shared_buffers 4GB and the rest of the shared memory
        export BENCH_HUGEPAGES_BEFORE=$(cat /proc/sys/vm/nr_hugepages)
        [ "$BENCH_HUGEPAGES_BEFORE" -ge "$want" ] || echo "$want" > /proc/sys/vm/nr_hugepages || true
        opts+=(-o huge_pages=try)
    fi
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
    [ -z "${BENCH_HUGEPAGES_BEFORE:-}" ] || echo "$BENCH_HUGEPAGES_BEFORE" > /proc/sys/vm/nr_hugepages || true
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
# every 50 ms meanwhile (/proc/<pid>/status RssAnon; and, every second, Private_Clean +
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
        local backend="" k v rest anon priv ticks=0
        MEM_START_KB="" MEM_PEAK_KB=0 ROLLUP_PEAK_KB=0
        while [ -z "$backend" ] && kill -0 "$client" 2>/dev/null; do
            [ -s "$pidfile" ] && backend=$(tr -dc 0-9 < "$pidfile")
            sleep 0.01
        done
        while [ -n "$backend" ] && kill -0 "$client" 2>/dev/null; do
            anon="" priv=0
            { while read -r k v rest; do [ "$k" = RssAnon: ] && anon=$v; done < "/proc/$backend/status"; } 2>/dev/null || true
            # smaps_rollup walks the backend's page tables (shared_buffers
            # included) and holds its mmap lock: read it once a second only
            if [ $((ticks++ % 20)) = 0 ]; then
                { while read -r k v rest; do
                      case $k in Private_Clean:|Private_Dirty:) priv=$((priv + v)) ;; esac
                  done < "/proc/$backend/smaps_rollup"; } 2>/dev/null || true
            fi
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

# alternate ROUNDS NAME... : measures the queries named (their settings in
# ALT_SET[NAME], the query in ALT_Q[NAME]) in turn, one run each per round,
# each in its own session after a warm-up in that session (a new backend's
# first scan pays a page fault for every shared buffer it maps for the first
# time: about half again the time of a 5M-row scan), so that a machine whose
# speed drifts during the run (a shared VM) slows both sides of a ratio
# alike.  Sets ALT_BEST[NAME] (the median of the rounds), ALT_TIMES[NAME]
# (one line per round), ALT_RESULT[NAME] (the first warm-up's result row)
# and ALT_PLAN[NAME] (the last plan).
declare -A ALT_SET ALT_Q ALT_BEST ALT_TIMES ALT_RESULT ALT_PLAN
alternate() {
    local rounds=$1 r x
    shift
    for x in "$@"; do ALT_TIMES[$x]=""; done
    for ((r = 1; r <= rounds; r++)); do
        for x in "$@"; do
            measure "${ALT_SET[$x]}" "${ALT_Q[$x]}" 1
            [ "$r" != 1 ] || ALT_RESULT[$x]=$RESULT
            ALT_TIMES[$x]="${ALT_TIMES[$x]}$BEST"$'\n'
            ALT_PLAN[$x]=$LASTPLAN
        done
    done
    for x in "$@"; do
        ALT_TIMES[$x]=$(grep . <<<"${ALT_TIMES[$x]}")
        ALT_BEST[$x]=$(sort -g <<<"${ALT_TIMES[$x]}" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
    done
}

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
                               'random_page_cost', 'effective_cache_size', 'huge_pages')")"
echo "- huge pages: $(awk '/^HugePages_Total:/ { t = $2 } /^HugePages_Free:/ { f = $2 } /^HugePages_Rsvd:/ { r = $2 }
                            /^Hugepagesize:/ { k = $2 }
                       END { if (t - f + r > 0) printf "the shared memory is in %d huge pages of %d kB", t - f + r, k;
                             else print "not used (4 kB pages)" }' /proc/meminfo)"
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

# load FROM TO: applications FROM .. TO (bench/generate.sql loads them with
# session_replication_role = replica: no trigger, no audit, no keeper), then
# VACUUM ANALYZE, then the kept tables rebuilt once (as after any bulk load).
load() {
    local from=$1 to=$2 t0 t1
    t0=$(date +%s.%N)
    sql -v from="$from" -v n="$to" -f bench/generate.sql | sed 's/^/  /'
    sql -c "VACUUM ANALYZE dsm_policy.application, dsm_policy.other_award"
    t1=$(date +%s.%N)
    sql -c "SELECT dsm_policy.keep_all()" >/dev/null
    sql -c "VACUUM ANALYZE dsm_policy.kept_quota_place, dsm_policy.kept_decision, dsm_policy.kept_total_year_clause,
                           dsm_policy.kept_total_month, dsm_policy.kept_total_enterprise"
    LOAD_S=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", b - a }')
    KEEP_S=$(awk -v a="$t1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", b - a }')
}

step "loading N1 = $(commas "$N1") applications (bench/generate.sql)"
load 1 "$N1"
LOAD1_S=$LOAD_S KEEP1_S=$KEEP_S
step "loaded and vacuumed in ${LOAD1_S} s; kept tables built (keep_all) in ${KEEP1_S} s; the decisions by status:"
sql -F ' | ' -c "SELECT status, count(*), round(100.0 * count(*) / sum(count(*)) OVER (), 1) || ' %'
                 FROM dsm_policy.award_decision GROUP BY status ORDER BY count(*) DESC" | sed 's/^/  - /'
# a scenario without rows: the enacted parameters, computed live (no kept state)
sql -c "INSERT INTO dsm_policy.scenario VALUES ('live', 'no rows: the enacted parameters, computed live')"
# budgets for the dashboard's budget_use
sql -c "INSERT INTO dsm_policy.budget (award_year, clause_code, amount)
        SELECT y, c, 1e9 FROM generate_series(2022, 2026) AS y, (VALUES (NULL), ('3')) AS v (c)"

SERIAL="SET max_parallel_workers_per_gather = 0"
LIVE="SET dsm_policy.scenario = 'live'"

##############################################################################
# (6) One amount: share_award over N5 clause-1 rows
##############################################################################

step "(6) loading N5 = $(commas "$N5") clause-1 rows into bench_share (bench/share.sql)"
sql -v n="$N5" -f bench/share.sql | sed 's/^/  /'
declare -A Q6=(
    [a]="SELECT sum(dsm_policy.share_award('1', qualifying_date, scale, specialized, provincial_amount)) FROM bench_share"
    [b]="SELECT sum(least(round(provincial_amount * 0.20, 2), 400000.00)) FROM bench_share"
    [c]="SELECT sum(bench_share_plpgsql(provincial_amount)) FROM bench_share"
    [d]="SELECT sum(provincial_amount) FROM bench_share"
)
declare -A T6 S6
for x in d a b c; do ALT_SET[6$x]=$SERIAL ALT_Q[6$x]=${Q6[$x]}; done
alternate 5 6d 6a 6b 6c
for x in d a b c; do
    T6[$x]=${ALT_BEST[6$x]} S6[$x]=${ALT_RESULT[6$x]}
    step "(6$x) median $(ms "${T6[$x]}") of $(times_list "${ALT_TIMES[6$x]}") ms (taken in turn with the others); sum = ${S6[$x]}"
done
# (6b) the same with numeric's public API for the result (int64_div_fast_to_numeric):
# the module built with -DDSM_PUBLIC_NUMERIC and installed for a new session,
# then the usual build put back.  BENCH_PUBLIC_NUMERIC=0 skips it.
T6PUB=""
if [ "${BENCH_PUBLIC_NUMERIC:-1}" = 1 ]; then
    pgxs_cppflags="-isystem $(pg_config --includedir-server)"
    if (touch src/money_sql.c && make -s PG_CPPFLAGS="$pgxs_cppflags -DDSM_PUBLIC_NUMERIC" >/dev/null &&
        make -s install PG_CPPFLAGS="$pgxs_cppflags -DDSM_PUBLIC_NUMERIC" >/dev/null); then
        measure "$SERIAL" "${Q6[a]}" 3
        T6PUB=$BEST
        [ "$RESULT" = "${S6[a]}" ] || T6PUB="$T6PUB (different sum: $RESULT)"
        step "(6b) share_award() with int64_div_fast_to_numeric: best $(ms "$BEST") of $(times_list "$TIMES") ms"
    fi
    touch src/money_sql.c && make -s >/dev/null && make -s install >/dev/null
fi
sql -c "DROP TABLE bench_share"

##############################################################################
# (1) The whole decision at N1: engine against the plain-SQL baseline
##############################################################################

step "(1) loading the plain-SQL baseline (bench/baseline.sql)"
sql -f bench/baseline.sql >/dev/null
Q1="SELECT count(explanation), sum(payable_amount) FROM dsm_policy.award_decision"
Q1BASE="SELECT count(explanation), sum(payable_amount) FROM dsm_baseline.decision"

step "(1) engine, computed live (scenario without rows), and baseline, no parallel workers, taken in turn"
ALT_SET[engine]="$SERIAL; $LIVE" ALT_Q[engine]=$Q1
ALT_SET[baseline]=$SERIAL ALT_Q[baseline]=$Q1BASE
alternate 5 engine baseline
T1=${ALT_BEST[engine]} TOTAL_ENGINE=${ALT_RESULT[engine]#*|} PLAN1=${ALT_PLAN[engine]}
T1BASE=${ALT_BEST[baseline]} TOTAL_BASE=${ALT_RESULT[baseline]#*|} PLAN1BASE=${ALT_PLAN[baseline]}
echo "$PLAN1" > bench/results/latest-plan-engine.txt
echo "$PLAN1BASE" > bench/results/latest-plan-baseline.txt
step "(1) engine N1: median $(ms "$T1") of $(times_list "${ALT_TIMES[engine]}") ms; rows|payable = ${ALT_RESULT[engine]}; sorts: $(sort_summary "$PLAN1")"
step "(1) baseline N1: median $(ms "$T1BASE") of $(times_list "${ALT_TIMES[baseline]}") ms; rows|payable = ${ALT_RESULT[baseline]}; sorts: $(sort_summary "$PLAN1BASE")"

step "(1) engine N1 once more, its backend's memory sampled every 50 ms"
measure "$SERIAL; $LIVE" "$Q1" 1 sample nowarm
MEM1_KB=$MEM_PEAK_KB ROLLUP1_KB=$ROLLUP_PEAK_KB
step "(1) $(ms "$BEST"); backend RssAnon $(commas "$MEM_START_KB") kB at the start, peak $(commas "$MEM_PEAK_KB") kB; smaps_rollup Private peak $(commas "$ROLLUP_PEAK_KB") kB"

step "(1) the same two with 2 parallel workers allowed (information)"
measure "$LIVE" "$Q1" 3
T1PAR=$BEST PLAN1PAR=$LASTPLAN
echo "$PLAN1PAR" > bench/results/latest-plan-engine-parallel.txt
measure "" "$Q1BASE" 1 "" nowarm
T1BASEPAR=$BEST
step "(1) with 2 workers: engine $(ms "$T1PAR"), baseline $(ms "$T1BASEPAR")"

step "(1) engine, enacted (the kept quota places), no parallel workers (information)"
measure "$SERIAL" "$Q1" 3
T1KEPT=$BEST
step "(1) enacted N1: best $(ms "$T1KEPT") of $(times_list "$TIMES") ms; rows|payable = $RESULT"

step "(1) rows that differ between the engine and the baseline (status, payable_amount, quota_rank)"
DIFF1=$(sql -c "$LIVE" -c "SELECT count(*) FROM (
            (SELECT application_id, status, payable_amount, quota_rank FROM dsm_policy.award_decision
             EXCEPT ALL SELECT application_id, status, payable_amount, quota_rank FROM dsm_baseline.decision)
            UNION ALL
            (SELECT application_id, status, payable_amount, quota_rank FROM dsm_baseline.decision
             EXCEPT ALL SELECT application_id, status, payable_amount, quota_rank FROM dsm_policy.award_decision)) d")
step "(1) rows that differ: $DIFF1"

##############################################################################
# (2) One enterprise's decisions, N1
##############################################################################

IFS='|' read -r ENT ENT_APPS < <(sql -c "SELECT credit_code, count(*) FROM dsm_policy.application
                                        GROUP BY credit_code ORDER BY count(*) DESC, credit_code LIMIT 1")
Q2="SELECT * FROM dsm_policy.award_decision WHERE credit_code = '$ENT'"
step "(2) one enterprise: $ENT, the one with the most applications ($ENT_APPS), enacted, best of 5"
measure "" "$Q2" 5
T2=$BEST PLAN2=$LASTPLAN
step "(2) best $(ms "$T2") of $(times_list "$TIMES") ms"
SAME2=$(sql -c "CREATE TEMP TABLE one AS $Q2" \
            -c "$LIVE" \
            -c "CREATE TEMP TABLE whole AS SELECT * FROM dsm_policy.award_decision" \
            -c "SELECT CASE WHEN NOT EXISTS ((TABLE one EXCEPT ALL SELECT * FROM whole WHERE credit_code = '$ENT')
                                             UNION ALL (SELECT * FROM whole WHERE credit_code = '$ENT' EXCEPT ALL TABLE one))
                            THEN 'yes (' || (SELECT count(*) FROM one) || ' rows)' ELSE '**no**' END")
step "(2) the same rows as the full view computed live: $SAME2"
echo
echo "  The plan of (2):"
echo
echo '```'
echo "$PLAN2"
echo '```'
echo

##############################################################################
# (3) Dashboard totals, N1
##############################################################################

declare -A Q3=(
    [year_clause]="SELECT * FROM dsm_policy.award_totals_by_year_clause"
    [unit]="SELECT * FROM dsm_policy.award_totals_by_unit"
    [enterprise]="SELECT * FROM dsm_policy.award_totals_by_enterprise WHERE award_year = 2024 ORDER BY payable_total DESC LIMIT 20"
    [quota]="SELECT * FROM dsm_policy.quota_use"
    [month]="SELECT * FROM dsm_policy.award_totals_by_month"
    [budget]="SELECT * FROM dsm_policy.budget_use"
)
declare -A T3
for x in year_clause unit enterprise quota month budget; do
    measure "" "${Q3[$x]}" 5
    T3[$x]=$BEST
    step "(3) $x: best $(ms "$BEST") of $(times_list "$TIMES") ms"
done
SAME3=$(sql -c "CREATE TEMP TABLE kept_totals AS SELECT * FROM dsm_policy.award_totals_by_year_clause" -c "$LIVE" \
            -c "SELECT CASE WHEN NOT EXISTS ((TABLE kept_totals EXCEPT ALL SELECT * FROM dsm_policy.award_totals_by_year_clause)
                                             UNION ALL (SELECT * FROM dsm_policy.award_totals_by_year_clause EXCEPT ALL TABLE kept_totals))
                            THEN 'yes' ELSE '**no**' END")
step "(3) award_totals_by_year_clause (kept) equals its live recomputation: $SAME3"

##############################################################################
# (4) The aggregates: one group of 10k, 20k, 40k, 80k rows (each aggregated 20 times)
##############################################################################

sql -c "CREATE TABLE bench_claims AS
        SELECT g::bigint AS id, timestamptz '2023-01-01' + g * interval '1 minute' AS at,
               (1000 + (hashint8(g) & 65535))::numeric(14,2) AS amount
        FROM generate_series(1, 80000) AS g" -c "VACUUM ANALYZE bench_claims"
declare -A T4CAP T4STACK
for k in 10000 20000 40000 80000; do
    # the group aggregated 20 times over (a lateral subquery run once per r),
    # so that the times stand above the milliseconds of noise
    measure "$SERIAL" "SELECT count(x) FROM generate_series(1, 20) AS r,
                       LATERAL (SELECT dsm_policy.cap_allocated(id, at, amount, 50000000) FROM bench_claims WHERE id <= $k + 0 * r) x" 5
    T4CAP[$k]=$BEST
    measure "$SERIAL" "SELECT count(x) FROM generate_series(1, 20) AS r,
                       LATERAL (SELECT dsm_policy.stacking_payable(id, at, amount) FROM bench_claims WHERE id <= $k + 0 * r) x" 5
    T4STACK[$k]=$BEST
    step "(4) $(commas "$k") rows in one group, 20 times: cap_allocated $(ms "${T4CAP[$k]}"), stacking_payable $(ms "${T4STACK[$k]}")"
done
sql -c "DROP TABLE bench_claims"
MAXDOUBLE=$(awk -v a="${T4CAP[10000]}" -v b="${T4CAP[20000]}" -v c="${T4CAP[40000]}" -v d="${T4CAP[80000]}" \
                -v e="${T4STACK[10000]}" -v f="${T4STACK[20000]}" -v g="${T4STACK[40000]}" -v h="${T4STACK[80000]}" \
                'BEGIN { m = b / a; if (c / b > m) m = c / b; if (d / c > m) m = d / c;
                         if (f / e > m) m = f / e; if (g / f > m) m = g / f; if (h / g > m) m = h / g; printf "%.2f", m }')

##############################################################################
# (5) Parallel: the evaluation with 2 workers and without
##############################################################################

# the evaluation as the full decision runs it below its Gather: application_item()
# (steps 1 to 4 in C) on every row, a partial aggregate in each worker
Q5="SELECT count(*), sum(length(dsm_policy.application_item(a))) FROM dsm_policy.application a"
# the parallel plan with the default costs if the planner takes it, else with
# the first of these that makes it (the serial run gets the same settings)
PAR_SET="" PAR_LABEL=""
for extra in "" "SET parallel_tuple_cost = 0.01" "SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0"; do
    PAR_SET=$extra
    if sql -c "$LIVE; SET max_parallel_workers_per_gather = 2; $extra" -c "EXPLAIN $Q5" | grep -q "Gather"; then
        PAR_LABEL=${extra:-"default costs"}
        break
    fi
done
[ -n "$PAR_LABEL" ] || PAR_LABEL="no parallel plan even with: $PAR_SET"
step "(5) evaluation of every application, settings for a parallel plan: $PAR_LABEL"
ALT_SET[w0]="$LIVE; ${PAR_SET:+$PAR_SET; }SET max_parallel_workers_per_gather = 0" ALT_Q[w0]=$Q5
ALT_SET[w2]="$LIVE; ${PAR_SET:+$PAR_SET; }SET max_parallel_workers_per_gather = 2" ALT_Q[w2]=$Q5
alternate 5 w0 w2
T5_0=${ALT_BEST[w0]} T5_2=${ALT_BEST[w2]} PLAN5=${ALT_PLAN[w2]}
step "(5) 0 workers $(ms "$T5_0") (of $(times_list "${ALT_TIMES[w0]}") ms), 2 workers $(ms "$T5_2") (of $(times_list "${ALT_TIMES[w2]}") ms), taken in turn"
if grep -q "Workers Launched: 2" <<<"$PLAN5"; then WORKERS5=yes; else WORKERS5="**no**"; fi
# in the full decision: application_item under the Gather, its bundles partly aggregated there
if grep -q "Partial .*Aggregate" <<<"$PLAN1PAR" && grep -q "Gather" <<<"$PLAN1PAR"; then INWORKERS1=yes; else INWORKERS1="**no**"; fi
echo
echo "  The plan of the full decision with 2 workers ((1), information): the evaluation and the"
echo "  enterprises' bundles (enterprise_items) below the Gather, in the workers:"
echo
echo '```'
echo "$PLAN1PAR"
echo '```'
echo

##############################################################################
# Extend to N10: (1) linear, (7) memory
##############################################################################

if [ "$N10" -gt "$N1" ]; then
    step "loading applications $(commas $((N1 + 1))) .. $(commas "$N10") (bench/generate.sql)"
    load $((N1 + 1)) "$N10"
    step "loaded and vacuumed in ${LOAD_S} s, kept tables built in ${KEEP_S} s; $(sql -c "SELECT pg_size_pretty(pg_total_relation_size('dsm_policy.application'))") with its indexes"
fi
step "(1) engine over N10, computed live, no parallel workers (one run, no warm-up)"
measure "$SERIAL; $LIVE" "$Q1" 1 "" nowarm
T1_10=$BEST PLAN1_10=$LASTPLAN
echo "$PLAN1_10" > bench/results/latest-plan-engine-n10.txt
step "(1) engine N10: $(ms "$T1_10"); sorts: $(sort_summary "$PLAN1_10")"
step "(1) engine N10 once more, its backend's memory sampled every 50 ms"
measure "$SERIAL; $LIVE" "$Q1" 1 sample nowarm
MEM10_KB=$MEM_PEAK_KB ROLLUP10_KB=$ROLLUP_PEAK_KB
step "(1) $(ms "$BEST"); backend RssAnon peak $(commas "$MEM10_KB") kB; smaps_rollup Private peak $(commas "$ROLLUP10_KB") kB"
step "(2, 3) at N10 (information): one enterprise and the totals by year and clause"
measure "" "$Q2" 5
T2_10=$BEST
measure "" "${Q3[year_clause]}" 5
T3_10=$BEST
step "(2) $(ms "$T2_10"), (3) $(ms "$T3_10")"

##############################################################################
# The table
##############################################################################

status=0
[ "$TOTAL_ENGINE" = "$TOTAL_BASE" ] || status=1
sizeratio=$(awk -v a="$N10" -v b="$N1" 'BEGIN { printf "%.2f", 1.2 * a / b }')
mb() { awk -v k="$1" 'BEGIN { printf "%.0f MB", k / 1024 }'; }
r1=$(ratio "$T1BASE" "$T1")
r1par=$(ratio "$T1BASEPAR" "$T1PAR")
rlin=$(ratio "$T1_10" "$T1")
r5=$(ratio "$T5_0" "$T5_2")
r6=$(ratio "${T6[a]}" "${T6[d]}")
rmem=$(ratio "$MEM10_KB" "$MEM1_KB")

echo "## Results"
echo
echo "$(date '+%Y-%m-%d'), ${cpu:-unknown CPU}, $(nproc) cores, ${ram_gib} GiB RAM, PostgreSQL $server, commit $commit;"
echo "shared_buffers 4GB, work_mem $work_mem, jit off, fsync off (throwaway cluster). Times: EXPLAIN (ANALYZE,"
echo "TIMING OFF) Execution Time, best of 3 after a warm-up; the sides of a ratio of (1), (5), (6) in turn, median of 5; (2), (3): best of 5; N10: one run."
echo "Whole run: $(( $(elapsed) / 60 )) min $(( $(elapsed) % 60 )) s."
echo
echo "| target | measure | rows | time | ratio | target | met |"
echo "|---|---|---:|---:|---|---|---|"
echo "| 1 | engine: \`award_decision\` computed live, 0 workers | $(commas "$N1") | $(ms "$T1") | | | |"
echo "| 1 | baseline: \`dsm_baseline.decision\` (bench/baseline.sql), 0 workers | $(commas "$N1") | $(ms "$T1BASE") | baseline / engine = $r1 | ≥ 4 | $(yesno le 4 "$r1") |"
echo "| 1 | the same two, 2 workers allowed (information) | $(commas "$N1") | $(ms "$T1PAR") / $(ms "$T1BASEPAR") | baseline / engine = $r1par | | |"
echo "| 1 | engine and baseline agree: total payable; rows differing in status, amount or quota place | $(commas "$N1") | | $TOTAL_ENGINE = $TOTAL_BASE; $DIFF1 rows | equal, 0 | $(yesno test "$TOTAL_ENGINE" = "$TOTAL_BASE" -a "$DIFF1" = 0) |"
echo "| 1 | engine, computed live, one run | $(commas "$N10") | $(ms "$T1_10") | N10 / N1 = $rlin | ≤ $sizeratio | $(yesno le "$rlin" "$sizeratio") |"
echo "| 1 | engine, enacted (kept quota places; information) | $(commas "$N1") | $(ms "$T1KEPT") | | | |"
echo "| 2 | one enterprise's decisions ($ENT_APPS applications), enacted | $(commas "$N1") | $(ms "$T2") | same rows as the full view: $SAME2 | < 20 ms | $(yesno le "$T2" 19.999) |"
for x in year_clause unit enterprise quota month budget; do
    echo "| 3 | dashboard: ${Q3[$x]#SELECT * FROM dsm_policy.} | $(commas "$N1") | $(ms "${T3[$x]}") | | < 100 ms | $(yesno le "${T3[$x]}" 99.999) |"
done
echo "| 3 | the kept totals equal a live recomputation | $(commas "$N1") | | $SAME3 | equal | $SAME3 |"
echo "| 3 | kept tables rebuilt from scratch (keep_all, after the bulk load; information) | $(commas "$N1") | ${KEEP1_S} s | | | |"
echo "| 4 | \`cap_allocated\`, one group of 10k / 20k / 40k / 80k rows, aggregated 20 times | | $(ms "${T4CAP[10000]}") / $(ms "${T4CAP[20000]}") / $(ms "${T4CAP[40000]}") / $(ms "${T4CAP[80000]}") | | | |"
echo "| 4 | \`stacking_payable\`, the same | | $(ms "${T4STACK[10000]}") / $(ms "${T4STACK[20000]}") / $(ms "${T4STACK[40000]}") / $(ms "${T4STACK[80000]}") | largest ratio per doubling $MAXDOUBLE | ≤ 2.2 | $(yesno le "$MAXDOUBLE" 2.2) |"
echo "| 5 | evaluation: \`application_item()\` of every application, as the full decision runs it, 0 workers | $(commas "$N1") | $(ms "$T5_0") | | | |"
echo "| 5 | the same, 2 workers (Workers Launched: 2: $WORKERS5; $PAR_LABEL) | $(commas "$N1") | $(ms "$T5_2") | speed-up $r5 | ≥ 1.6 | $(yesno le 1.6 "$r5") |"
echo "| 5 | the full decision's evaluation and bundles run in the workers (plan above) | $(commas "$N1") | | | yes | $INWORKERS1 |"
echo "| 6 | bare scan \`sum(provincial_amount)\` | $(commas "$N5") | $(ms "${T6[d]}") | 1.00 | | |"
echo "| 6 | \`share_award()\` | $(commas "$N5") | $(ms "${T6[a]}") | $r6 × bare scan | ≤ 1.3 | $(yesno le "$r6" 1.3) |"
echo "| 6 | \`share_award()\` built with numeric's public API for the result (\`int64_div_fast_to_numeric\`) | $(commas "$N5") | $(ms "$T6PUB") | $(ratio_or_dash "$T6PUB" "${T6[d]}") × bare scan | information: the engine keeps the faster | |"
echo "| 6 | plain SQL \`least(round(provincial_amount * 0.20, 2), 400000.00)\` / PL/pgSQL (information) | $(commas "$N5") | $(ms "${T6[b]}") / $(ms "${T6[c]}") | $(ratio "${T6[b]}" "${T6[d]}") / $(ratio "${T6[c]}" "${T6[d]}") × bare scan | | |"
echo "| 6 | the four give the same sum | | | | equal | $(yesno test "${S6[a]}" = "${S6[b]}" -a "${S6[a]}" = "${S6[c]}") |"
rmem1=$(ratio "$MEM1_KB" "$WORK_MEM_KB")
rmem10=$(ratio "$MEM10_KB" "$WORK_MEM_KB")
echo "| 7 | peak memory of (1): the backend's RssAnon (smaps_rollup Private) | $(commas "$N1") | $(mb "$MEM1_KB") ($(mb "$ROLLUP1_KB")) | $rmem1 × work_mem | ≤ 2 × work_mem | $(yesno le "$rmem1" 2) |"
echo "| 7 | the same | $(commas "$N10") | $(mb "$MEM10_KB") ($(mb "$ROLLUP10_KB")) | $rmem10 × work_mem; N10 / N1 = $rmem | ≤ 2 × work_mem | $(yesno le "$rmem10" 2) |"
echo "| info | one enterprise / totals by year and clause at N10 | $(commas "$N10") | $(ms "$T2_10") / $(ms "$T3_10") | | | |"
echo
echo "Plans: bench/results/latest-plan-engine.txt, latest-plan-baseline.txt, latest-plan-engine-parallel.txt,"
echo "latest-plan-engine-n10.txt."
if [ "$status" != 0 ]; then
    echo "**The engine and the baseline disagree on the total payable at N1: the run fails.**"
fi
exit "$status"
