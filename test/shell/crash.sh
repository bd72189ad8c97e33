#!/usr/bin/env bash
# Crash safety: kill -9 the server in the middle of a yearly parameter load
# and of a settlement, restart it, and check that all or nothing is there:
# nothing of an uncommitted load or settlement (no parameter, audit, policy,
# ledger or settlement row), everything of a committed settlement, and every
# decision as it was before the attempt (md5 of the whole view).  Four
# crashes: (1) the postmaster alone killed during load_parameters (its orphaned
# backend goes on until it notices); (2) the postmaster and every server
# process killed at once during load_parameters (the whole server dies
# mid-statement; the operating system's cache survives, so this is not a
# power cut); (3) the postmaster killed while a settlement waits to commit;
# (4) every server process killed right after a settlement committed.  Then
# the tables and indexes are checked with amcheck, and the load commits.
# Needs the PG* variables of a running server on this machine whose data
# directory is readable (tools/run-tests.sh under pg_virtualenv, as root);
# restarts it with pg_ctlcluster (or pg_ctl) and leaves it running.  It kills
# the server: run no other test against it at the same time (prove runs the
# shell tests one after the other).
# TAP output.
set -euo pipefail
cd "$(dirname "$0")/../.."

db=dsm_crash
psql_q() { psql -X -q -v ON_ERROR_STOP=1 -At "$@"; }
check() {   # check N DESCRIPTION: ok when rc is 0
    if [ "$rc" = 0 ]; then echo "ok $1 - $2"; else echo "not ok $1 - $2"; fi
}
elapsed() {  # elapsed START_NS: seconds since, one decimal
    local ms=$(( ($(date +%s%N) - $1) / 1000000 ))
    printf '%d.%d' $((ms / 1000)) $((ms % 1000 / 100))
}

# --- The server: where it lives, how to kill it and start it again ---------

datadir=$(psql_q -d postgres -c 'SHOW data_directory' 2>/dev/null || true)
if [ -z "$datadir" ] || [ ! -r "$datadir/postmaster.pid" ] || [ ! -w "$datadir" ]; then
    echo "1..0 # SKIP the server's data directory is not on this machine or not ours (run as root or as its owner)"
    exit 0
fi
realdir=$(realpath "$datadir")
config_file=$(psql_q -d postgres -c 'SHOW config_file')
port=$(psql_q -d postgres -c 'SHOW port')
socket_dirs=$(psql_q -d postgres -c 'SHOW unix_socket_directories')
bindir=$("${PG_CONFIG:-pg_config}" --bindir 2>/dev/null || echo /usr/lib/postgresql/15/bin)
# A Debian cluster (pg_virtualenv makes one): pg_ctlcluster starts it as it was.
cluster=$(pg_lsclusters -h 2>/dev/null | awk -v d="$datadir" '$6 == d { print $1, $2 }' | head -1 || true)
log_file=$(pg_lsclusters -h 2>/dev/null | awk -v d="$datadir" '$6 == d { print $7 }' | head -1 || true)
[ -n "$log_file" ] || log_file=$datadir/crash_test_restart.log
owner=$(stat -c %U "$datadir")
work=$(mktemp -d)

server_pids() {   # every process of the server: they all work in its data directory
    local p
    for p in /proc/[0-9]*; do
        [ "$(readlink "$p/cwd" 2>/dev/null)" = "$realdir" ] && echo "${p#/proc/}"
    done
    return 0
}
alive() {         # alive PID...: true while one of them exists (a zombie too)
    local p
    for p in "$@"; do [ -e "/proc/$p" ] && return 0; done
    return 1
}
is_ready() { pg_isready -q -d postgres >/dev/null 2>&1 && psql_q -d postgres -c 'SELECT 1' >/dev/null 2>&1; }
start_server() {
    if [ -n "$cluster" ]; then
        pg_ctlcluster $cluster start
    else
        local cmd="'$bindir/pg_ctl' -D '$datadir' -w -t 120 -l '$log_file' -o '-c config_file=$config_file' start"
        if [ "$(id -un)" = "$owner" ]; then sh -c "$cmd"; else runuser -u "$owner" -- sh -c "$cmd"; fi
    fi
}
wait_ready() {    # wait_ready SECONDS
    local i
    for i in $(seq 1 $(( $1 * 5 ))); do is_ready && return 0; sleep 0.2; done
    return 1
}
# crash MODE: kill -9 the postmaster (MODE postmaster) or every server
# process at once (MODE all), wait until every process of the server is gone,
# start it again and wait until it accepts connections.  Sets crash_s (the
# seconds from the kill to the first connection) and crash_note.
crashes=0
crash() {
    local mode=$1 pm pids start i
    pm=$(head -1 "$datadir/postmaster.pid")
    pids=$(server_pids | tr '\n' ' ')
    start=$(date +%s%N)
    if [ "$mode" = all ]; then kill -9 $pm $pids 2>/dev/null || true; else kill -9 "$pm"; fi
    # The orphans of a killed postmaster exit when they notice its death; a
    # dead process stays a zombie until init reaps it.  The new postmaster
    # refuses to start while any of them exists (shared memory, lock files).
    for i in $(seq 1 300); do
        alive $pm $pids || [ -n "$(server_pids)" ] || break
        sleep 0.2
    done
    crash_note=""
    if alive $pm $pids || [ -n "$(server_pids)" ]; then
        crash_note="processes left after 60 s: $(server_pids | tr '\n' ' ')"
        # A zombie postmaster still owns its lock files: remove the ones that name it.
        if [ "$(awk '{ print $3 }' /proc/$pm/stat 2>/dev/null)" = Z ]; then
            rm -f "$datadir/postmaster.pid"
            for d in ${socket_dirs//,/ }; do
                [ "$(head -1 "$d/.s.PGSQL.$port.lock" 2>/dev/null)" = "$pm" ] && rm -f "$d/.s.PGSQL.$port.lock"
            done
        fi
    fi
    start_server </dev/null >>"$work/restart.log" 2>&1 || crash_note="$crash_note start failed: $(tail -3 "$work/restart.log" | tr '\n' ' ')"
    if wait_ready 120; then
        crashes=$((crashes + 1))
    else
        crash_note="$crash_note; the server did not come back"
    fi
    crash_s=$(elapsed "$start")
}
cleanup() {
    # Leave the server running for the tests that follow, whatever happened.
    is_ready || { start_server </dev/null >>"$work/restart.log" 2>&1 || true; wait_ready 120 || true; }
    jobs -p | xargs -r kill 2>/dev/null || true
    wait 2>/dev/null || true
    dropdb --if-exists $db >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

# --- What must not change ---------------------------------------------------

decisions() {   # the number of decisions and the md5 of all of them, every column
    psql_q -d $db -F ' ' -c "SELECT count(*), md5(string_agg(d::text, E'\n' ORDER BY application_id))
                             FROM dsm_policy.award_decision d"
}
# Rows of each table that an attempt could have written.
table_counts() {
    psql_q -d $db -F ' ' <<'SQL'
SELECT (SELECT count(*) FROM dsm_policy.parameter),
       (SELECT count(*) FROM dsm_policy.parameter WHERE policy_code = 'sys-digital-economy-2026'),
       (SELECT count(*) FROM dsm_policy.activity_log),
       (SELECT count(*) FROM dsm_policy.policy),
       (SELECT count(*) FROM dsm_policy.ledger),
       (SELECT count(*) FROM dsm_policy.settlement),
       (SELECT count(*) FILTER (WHERE settled) FROM dsm_policy.award_decision)
SQL
}
# wait_for_query PATTERN SECONDS: until a session of the test database runs it
wait_for_query() {
    local i
    for i in $(seq 1 $(( $2 * 10 ))); do
        [ "$(psql_q -d postgres -c "SELECT count(*) FROM pg_stat_activity
                                    WHERE datname = '$db' AND state = 'active' AND query LIKE '%$1%'
                                      AND pid <> pg_backend_pid()")" -gt 0 ] && return 0
        sleep 0.1
    done
    return 1
}

echo "1..13"

dropdb --if-exists $db >/dev/null 2>&1
createdb $db
psql_q -d $db -c "CREATE EXTENSION dsm_policy CASCADE" >/dev/null
psql_q -d $db -f tools/sample_data.sql >/dev/null

# The load: the 60 rows of the sample yearly update (updates/), repeated for
# every half-year from 2026 to 2099: 8,880 rows, some seconds of checking and
# inserting, in one transaction with the new policy row, as a DBA loads it.
awk '
NR == 1 { print; next }
{ row[++n] = $0 }
END {
    split("01-01 07-01", from, " "); split("06-30 12-31", until, " ")
    for (y = 2026; y <= 2099; y++) for (h = 1; h <= 2; h++) for (i = 1; i <= n; i++) {
        # the first four fields have no comma; the dates are the 5th and 6th
        line = row[i]; head = ""
        for (k = 1; k <= 4; k++) { c = index(line, ","); head = head substr(line, 1, c); line = substr(line, c + 1) }
        for (k = 1; k <= 2; k++) { c = index(line, ","); line = substr(line, c + 1) }
        print head y "-" from[h] "," y "-" until[h] "," line
    }
}' updates/sys-digital-economy-2026.csv > "$work/load.csv"
load_rows=$(( $(wc -l < "$work/load.csv") - 1 ))
# load_script SLEEP: the load, then pg_sleep(SLEEP) before the COMMIT
load_script() {
    cat <<SQL
\\set csv \`cat '$work/load.csv'\`
BEGIN;
INSERT INTO dsm_policy.policy (policy_code, title_zh, title_en, issuer_zh, issuer_en,
                               adopted_on, published_on, in_force, stacking_rule)
VALUES ('sys-digital-economy-2026', '双鸭山市数字经济政策措施（崩溃测试）', 'Successor measures (crash test)',
        '双鸭山市人民政府', 'Shuangyashan City People''s Government',
        '2025-11-20', '2025-12-01', daterange('2026-01-01', '2099-12-31', '[]'), 'highest_only');
SELECT 'loaded', count(*) FROM dsm_policy.load_parameters(:'csv');
SELECT pg_sleep($1);
COMMIT;
SELECT 'committed';
SQL
}
load_script 60 > "$work/load.sql"
load_script 0 > "$work/load_now.sql"

before_decisions=$(decisions)
before_counts=$(table_counts)
leftover=0          # rows of uncommitted work found after a crash
recoveries() { grep -c 'not properly shut down; automatic recovery in progress' "$log_file" 2>/dev/null || true; }
recoveries0=$(recoveries)
read -r params0 load_params0 audit0 policies0 ledger0 settlements0 settled0 <<< "$before_counts"

# load_attempt N MODE: crash MODE during load_parameters, then checks N and N+1.
load_attempt() {
    local n=$1 mode=$2 bg out running what
    psql -X -q -At -d $db -f "$work/load.sql" > "$work/load_$n.out" 2>&1 &
    bg=$!
    running=no
    # half a second into the load, which checks and inserts rows for some seconds more
    wait_for_query load_parameters 60 && sleep 0.5 && wait_for_query load_parameters 1 && running=yes
    crash $mode
    wait $bg 2>/dev/null || true
    out=$(tr '\n' ' ' < "$work/load_$n.out")
    case "$out" in
        *"loaded|$load_rows"*) what="the backend, orphaned, finished the load, then died before COMMIT" ;;
        *) what="killed in the middle of the load" ;;
    esac
    [ "$running" = yes ] && [ "$crashes" = "$3" ] && [ -z "$crash_note" ] && rc=0 || rc=1
    case "$out" in *committed*) rc=1 ;; esac
    if [ "$mode" = all ]; then mode="the postmaster and every server process"; else mode="the postmaster"; fi
    check $n "crash $3: kill -9 of $mode during load_parameters ($load_rows rows; $what): back in $crash_s s"
    [ "$rc" = 0 ] || echo "# running: $running; $crash_note; psql: $out"

    after=$(table_counts)
    read -r params load_params audit policies ledger settlements settled <<< "$after"
    leftover=$((leftover + load_params + audit - audit0 + policies - policies0))
    [ "$after" = "$before_counts" ] && [ "$load_params" = 0 ] && rc=0 || rc=1
    check $((n + 1)) "after crash $3 nothing of the load is there: $load_params of $load_rows parameter rows, $((audit - audit0)) new audit rows, $((policies - policies0)) policy rows ($params parameter rows as before)"
    [ "$rc" = 0 ] || echo "# before: $before_counts; after: $after"
}

load_attempt 1 postmaster 1
load_attempt 3 all 2

after_decisions=$(decisions)
[ "$after_decisions" = "$before_decisions" ] && rc=0 || rc=1
check 5 "after both crashed loads the ${before_decisions%% *} decisions are the same as before (md5 ${before_decisions#* })"
[ "$rc" = 0 ] || echo "# before: $before_decisions; after: $after_decisions"

# --- A settlement killed before its COMMIT ----------------------------------

cat > "$work/settle.sql" <<'SQL'
BEGIN;
SELECT 'settlement', dsm_policy.settle_award_year(2023, 'killed before commit');
SELECT 'written', count(*) FROM dsm_policy.ledger;
SELECT pg_sleep(60);
COMMIT;
SELECT 'committed';
SQL
psql -X -q -At -d $db -f "$work/settle.sql" > "$work/settle.out" 2>&1 &
bg=$!
running=no
wait_for_query pg_sleep 60 && sleep 1 && wait_for_query pg_sleep 1 && running=yes
crash postmaster
wait $bg 2>/dev/null || true
written=$(sed -n 's/^written|//p' "$work/settle.out")
[ "$running" = yes ] && [ "${written:-0}" -gt 0 ] && [ "$crashes" = 3 ] && [ -z "$crash_note" ] \
    && ! grep -q '^committed' "$work/settle.out" && rc=0 || rc=1
check 6 "crash 3: kill -9 of the postmaster while a settlement of 2023 that had written ${written:-?} ledger entries waited to commit: back in $crash_s s"
[ "$rc" = 0 ] || { echo "# running: $running; $crash_note"; sed 's/^/# psql: /' "$work/settle.out"; }

after=$(table_counts)
read -r params load_params audit policies ledger settlements settled <<< "$after"
leftover=$((leftover + ledger + settlements))
[ "$after" = "$before_counts" ] && [ "$ledger/$settlements/$settled" = "0/0/0" ] && rc=0 || rc=1
check 7 "after crash 3 nothing of the settlement is there: $ledger of ${written:-?} ledger entries, $settlements settlements, $settled decisions settled"
[ "$rc" = 0 ] || echo "# before: $before_counts; after: $after"

after_decisions=$(decisions)
[ "$after_decisions" = "$before_decisions" ] && rc=0 || rc=1
check 8 "after crash 3 the ${before_decisions%% *} decisions are the same as before the settlement (md5 ${before_decisions#* })"
[ "$rc" = 0 ] || echo "# before: $before_decisions; after: $after_decisions"

# --- A settlement committed just before the crash ----------------------------

to_settle=$(psql_q -d $db -c "SELECT count(*) FROM dsm_policy.award_decision WHERE award_year = 2023 AND status <> 'pending'")
settlement_id=$(psql_q -d $db -c "SET client_min_messages = warning" -c "SELECT dsm_policy.settle_award_year(2023, 'committed before the crash')")
settled_decisions=$(decisions)
settled_counts=$(table_counts)
settled_sum=$(psql_q -d $db -c "SELECT sum(amount) FROM dsm_policy.ledger")
crash all
after=$(table_counts)
read -r params load_params audit policies ledger settlements settled <<< "$after"
paid=$(psql_q -d $db -c "SELECT (SELECT sum(amount) FROM dsm_policy.ledger) || '/' || sum(payable_amount) FILTER (WHERE settled) || '/'
                                || count(*) FILTER (WHERE settled AND settlement_id = $settlement_id)
                         FROM dsm_policy.award_decision")
[ "$crashes" = 4 ] && [ -z "$crash_note" ] && [ "$after" = "$settled_counts" ] && [ "$ledger" = "$to_settle" ] \
    && [ "$settled" = "$to_settle" ] && [ "$settlements" = 1 ] && [ "$paid" = "$settled_sum/$settled_sum/$to_settle" ] && rc=0 || rc=1
check 9 "crash 4: kill -9 of every server process right after a settlement committed: back in $crash_s s; all of it is there: $ledger ledger entries for $settled settled decisions of $to_settle, 1 settlement, $settled_sum paid"
[ "$rc" = 0 ] || echo "# $crash_note; expected $settled_counts and $settled_sum/$settled_sum/$to_settle; got $after and $paid"

after_decisions=$(decisions)
[ "$after_decisions" = "$settled_decisions" ] && rc=0 || rc=1
check 10 "after crash 4 the ${settled_decisions%% *} decisions are the same as right after the settlement committed (md5 ${settled_decisions#* })"
[ "$rc" = 0 ] || echo "# before: $settled_decisions; after: $after_decisions"

# --- Nothing half-written ----------------------------------------------------

amcheck=$(psql_q -d $db -F ' ' 2>&1 <<'SQL' || true
CREATE EXTENSION IF NOT EXISTS amcheck;
-- every btree index of the extension's tables, with every heap tuple looked up in it
SELECT 'indexes', count(bt_index_check(i.oid, true))
FROM pg_class i JOIN pg_am a ON a.oid = i.relam
WHERE i.relnamespace = 'dsm_policy'::regnamespace AND i.relkind = 'i' AND a.amname = 'btree';
-- every heap page of the extension's tables
SELECT 'heaps', count(DISTINCT c.oid), count(v.blkno)
FROM pg_class c LEFT JOIN LATERAL verify_heapam(c.oid) v ON true
WHERE c.relnamespace = 'dsm_policy'::regnamespace AND c.relkind = 'r';
DROP EXTENSION amcheck;
SQL
)
indexes=$(echo "$amcheck" | awk '$1 == "indexes" { print $2 }')
read -r heaps corrupt <<< "$(echo "$amcheck" | awk '$1 == "heaps" { print $2, $3 }')"
[ "${indexes:-0}" -gt 10 ] && [ "${heaps:-0}" -gt 10 ] && [ "$corrupt" = 0 ] && rc=0 || rc=1
check 11 "amcheck after the crashes: ${indexes:-?} btree indexes consistent with their tables, ${corrupt:-?} corrupt tuples in ${heaps:-?} tables"
[ "$rc" = 0 ] || echo "$amcheck" | sed 's/^/# /'

# The load that crashed twice now commits (its overlap checks and the
# exclusion constraint see no leftover row), and the exclusion constraint
# still refuses an overlapping row.
start=$(date +%s%N)
loaded=$(psql -X -q -At -v ON_ERROR_STOP=1 -d $db -f "$work/load_now.sql" 2>&1 \
         | sed -n 's/^loaded|//p' || true)
load_s=$(elapsed "$start")
overlap=$(psql_q -d $db -c "INSERT INTO dsm_policy.parameter (policy_code, clause_code, name, scenario, validity, value_ratio)
                            VALUES ('sys-digital-economy-2026', '3', 'share_ratio', 'enacted', '[2050-03-01,2050-04-01)', 0.5)" 2>&1 || true)
now_params=$(psql_q -d $db -c "SELECT count(*) FROM dsm_policy.parameter WHERE policy_code = 'sys-digital-economy-2026'")
[ "$loaded" = "$load_rows" ] && [ "$now_params" = "$load_rows" ] && echo "$overlap" | grep -q parameter_no_overlap && rc=0 || rc=1
check 12 "after the crashes the same load commits ($now_params rows in $load_s s) and the exclusion constraint still refuses an overlapping row"
[ "$rc" = 0 ] || echo "# loaded: $loaded; rows: $now_params; $overlap" | head -5

lost=$(( to_settle - ledger ))
recovered=$(( $(recoveries) - ${recoveries0:-0} ))
[ "$crashes" = 4 ] && is_ready && [ "$lost" = 0 ] && [ "$leftover" = 0 ] && [ "$corrupt" = 0 ] && rc=0 || rc=1
check 13 "$crashes crashes survived ($recovered crash recoveries in the server log), the server is up; committed rows lost: $lost, rows of uncommitted work found: $leftover, half-written rows: ${corrupt:-?}"
