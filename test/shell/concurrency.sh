#!/usr/bin/env bash
# Concurrency.  (1) pgbench: 8 clients record clause-3 applications of one
# award year at the same time, for 60 enterprises competing for the 30 places
# of the quota; the places must go to the 30 enterprises whose earliest
# application came first in applied_at order, one place each, whatever the
# order the transactions committed in.  (2) A parameter update committed while
# reports run: one client flips the 2026 clause-3 share (40 % <-> 60 %) and
# quota (50 <-> 40) in one transaction, again and again, while other clients
# run reports; every report must show the numbers of one state, never a mix
# (award_decision with a totals view in one statement; two statements in
# REPEATABLE READ; the what-if comparisons, in READ COMMITTED and in
# REPEATABLE READ).
# TAP output; needs the PG* variables of a running server (tools/run-tests.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."

db=dsm_concurrency
work=$(mktemp -d)
cleanup() {
    jobs -p | xargs -r kill 2>/dev/null || true    # a pgbench left running by a failure
    wait 2>/dev/null || true
    dropdb --if-exists $db >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

psql_q() { psql -X -q -v ON_ERROR_STOP=1 -At "$@"; }
bindir=$("${PG_CONFIG:-pg_config}" --bindir 2>/dev/null || echo /usr/lib/postgresql/15/bin)
pgbench=$bindir/pgbench
[ -x "$pgbench" ] || pgbench=$(command -v pgbench)
# figure NAME FILE: a number from pgbench's summary
pgbench_figure() {
    sed -n "s/^$1: \([0-9]*\).*/\1/p" "$2" | head -1
}
elapsed() {  # elapsed START_NS: seconds since, one decimal
    local ms=$(( ($(date +%s%N) - $1) / 1000000 ))
    printf '%d.%d' $((ms / 1000)) $((ms % 1000 / 100))
}
check() {   # check N DESCRIPTION: ok when rc is 0
    if [ "$rc" = 0 ]; then echo "ok $1 - $2"; else echo "not ok $1 - $2"; fi
}

clients=8
per_client=60
enterprises=60

echo "1..14"

dropdb --if-exists $db >/dev/null 2>&1
createdb $db
psql_q -d $db -c "CREATE EXTENSION dsm_policy CASCADE" >/dev/null

# --- 1. Applications recorded concurrently, the quota of clause 3 -----------

# Each transaction: one clause-3 application for 2024 of one of 60 enterprises,
# all eligible (manufacturer, 4 stars, service running since January, in use,
# spending far below the cap).  applied_at is the transaction's start, shifted
# into 2024 (the same clock, so the order is real); the random sleep before
# the insert makes the commit order, and so the application_id order, differ
# from the applied_at order.  project_ref is unique: nothing is superseded.
cat > "$work/apply.sql" <<SQL
\set n random(1, $enterprises)
\set hundreds random(10, 60)
\set sleep_ms random(0, 4)
BEGIN;
SELECT pg_sleep(:sleep_ms / 1000.0);
INSERT INTO dsm_policy.application
    (credit_code, enterprise_name, clause_code, project_ref, applied_at, qualifying_date,
     scale, manufacturer, expenditure, cloud_stars, service_start, in_use)
SELECT c || dsm_policy.credit_code_check_character(c), 'Concurrency test enterprise ' || :n, '3',
       'cloud-' || txid_current(), timestamptz '2024-07-01 09:00:00+08' + (now() - to_timestamp(:t0)),
       DATE '2024-06-30', 'above', true, :hundreds * 100, 4, DATE '2024-01-15', true
FROM (SELECT '91230500MA' || lpad((:n)::text, 7, '0') AS c) s;
COMMIT;
SQL

t0=$(psql_q -d $db -c "SELECT extract(epoch FROM now())")
start=$(date +%s%N)
rc=0
"$pgbench" -n -c $clients -j 2 -t $per_client -D t0="$t0" -f "$work/apply.sql" $db \
    > "$work/apply.out" 2>&1 || rc=$?
bench_s=$(elapsed "$start")
done_tx=$(pgbench_figure "number of transactions actually processed" "$work/apply.out")
failed_tx=$(pgbench_figure "number of failed transactions" "$work/apply.out")
stored=$(psql_q -d $db -c "SELECT count(*) || ' ' || count(DISTINCT credit_code) FROM dsm_policy.application")
read -r applications applicants <<< "$stored"
[ "$rc" = 0 ] && [ "$done_tx" = $((clients * per_client)) ] && [ "${failed_tx:-0}" = 0 ] \
    && [ "$applications" = $((clients * per_client)) ] && [ "$applicants" -gt 30 ] && rc=0 || rc=1
check 1 "pgbench: $clients clients x $per_client transactions recorded $applications clause-3 applications of $applicants enterprises for 2024 in $bench_s s (failed: ${failed_tx:-?})"
[ "$rc" = 0 ] || sed 's/^/# /' "$work/apply.out"

# Every figure the checks need, from the decisions and, independently, from
# the applications: each enterprise's earliest application in
# (applied_at, application_id) order, ranked.
psql_q -d $db -F ' ' > "$work/quota.txt" <<'SQL'
CREATE TEMP VIEW d AS
    SELECT * FROM dsm_policy.award_decision WHERE clause_code = '3' AND award_year = 2024;
CREATE TEMP TABLE firsts AS
    SELECT credit_code, applied_at, application_id,
           row_number() OVER (ORDER BY applied_at, application_id) AS expected_rank
    FROM (SELECT DISTINCT ON (credit_code) credit_code::text, applied_at, application_id
          FROM dsm_policy.application WHERE clause_code = '3' AND award_year = 2024
          ORDER BY credit_code, applied_at, application_id) f;
CREATE TEMP TABLE ranks AS
    SELECT credit_code, count(DISTINCT quota_rank) AS ranks, min(quota_rank) AS quota_rank,
           count(*) FILTER (WHERE quota_rank IS NULL) AS unranked,
           bool_and(status = 'payable') AS all_payable, bool_and(status = 'over_quota') AS all_over,
           min(quota) AS quota
    FROM d GROUP BY credit_code;
-- statuses: only payable and over_quota may occur (all eligible, caps not reached)
SELECT 'statuses', string_agg(status || ':' || n, ',' ORDER BY status)
FROM (SELECT status, count(*) AS n FROM d GROUP BY status) s;
-- enterprises with a place (rank <= quota, not over quota)
SELECT 'placed', count(DISTINCT credit_code) FILTER (WHERE quota_rank <= quota AND status <> 'over_quota'),
       min(quota), max(quota)
FROM d;
-- one place per enterprise: a single rank for all its applications, ranks 1..N once each
SELECT 'one_place', count(*), count(*) FILTER (WHERE ranks <> 1 OR unranked > 0),
       count(DISTINCT quota_rank), min(quota_rank), max(quota_rank)
FROM ranks;
-- the ranks are the applied_at order of each enterprise's earliest application;
-- the last figure: how many enterprises would be on the other side of place
-- 30 had the ranking followed application_id (the insert order) instead
SELECT 'order', count(*), count(*) FILTER (WHERE r.quota_rank IS DISTINCT FROM f.expected_rank),
       count(*) FILTER (WHERE (f.expected_rank <= 30) <> (b.id_rank <= 30))
FROM firsts f LEFT JOIN ranks r USING (credit_code)
JOIN (SELECT credit_code, row_number() OVER (ORDER BY first_id) AS id_rank
      FROM (SELECT credit_code::text, min(application_id) AS first_id
            FROM dsm_policy.application WHERE clause_code = '3' AND award_year = 2024
            GROUP BY credit_code) i) b USING (credit_code);
-- place k applied before place k+1 (strictly, in (applied_at, application_id) order)
SELECT 'monotone', count(*) FILTER (WHERE NOT ((f1.applied_at, f1.application_id) < (f2.applied_at, f2.application_id)))
FROM ranks r1 JOIN firsts f1 USING (credit_code)
JOIN ranks r2 ON r2.quota_rank = r1.quota_rank + 1 JOIN firsts f2 ON f2.credit_code = r2.credit_code;
-- placed enterprises are payable throughout, the others over quota throughout,
-- and every over-quota enterprise applied after the 30th
SELECT 'split', count(*) FILTER (WHERE r.quota_rank <= r.quota AND NOT r.all_payable),
       count(*) FILTER (WHERE r.quota_rank > r.quota AND NOT r.all_over),
       count(*) FILTER (WHERE r.quota_rank > r.quota),
       count(*) FILTER (WHERE r.quota_rank > r.quota
                          AND (f.applied_at, f.application_id) <= (SELECT l.applied_at, l.application_id
                                                                   FROM firsts l JOIN ranks lr USING (credit_code)
                                                                   WHERE lr.quota_rank = lr.quota))
FROM ranks r JOIN firsts f USING (credit_code);
-- payable applications belong to the placed enterprises only
SELECT 'payable', count(*) FILTER (WHERE status = 'payable'),
       count(DISTINCT credit_code) FILTER (WHERE status = 'payable'),
       count(*) FILTER (WHERE status = 'payable' AND NOT quota_rank <= quota),
       coalesce(sum(payable_amount) FILTER (WHERE NOT quota_rank <= quota), 0.00),
       sum(payable_amount), count(*) FILTER (WHERE capped)
FROM d;
-- commits out of applied_at order: later application_id, earlier applied_at
SELECT 'inversions', count(*) FROM (
    SELECT application_id < max(application_id) OVER (ORDER BY applied_at, application_id
                                                      ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS inv
    FROM dsm_policy.application) x WHERE inv;
-- the dashboard's view of the quota
SELECT 'quota_use', quota, places_taken, places_left, enterprises_over_quota, last_placed_credit_code
FROM dsm_policy.quota_use WHERE clause_code = '3' AND award_year = 2024;
SELECT 'thirtieth', credit_code FROM ranks WHERE quota_rank = 30;
SQL
fig() { awk -v k="$1" '$1 == k { $1 = ""; sub(/^ /, ""); print }' "$work/quota.txt"; }

statuses=$(fig statuses)
read -r placed quota_min quota_max <<< "$(fig placed)"
case "$statuses" in over_quota:*,payable:*) rc=0 ;; *) rc=1 ;; esac
[ "$placed" = 30 ] && [ "$quota_min" = 30 ] && [ "$quota_max" = 30 ] || rc=1
check 2 "exactly 30 of the $applicants enterprises have a place (quota $quota_min; decisions $statuses)"

read -r ents bad_ranks distinct_ranks min_rank max_rank <<< "$(fig one_place)"
[ "$ents" = "$applicants" ] && [ "$bad_ranks" = 0 ] && [ "$distinct_ranks" = "$applicants" ] \
    && [ "$min_rank" = 1 ] && [ "$max_rank" = "$applicants" ] && rc=0 || rc=1
check 3 "no enterprise has two places: one quota_rank per enterprise and year, ranks 1..$max_rank each once ($bad_ranks enterprises with more than one)"

read -r ranked wrong_rank by_id <<< "$(fig order)"
read -r not_monotone <<< "$(fig monotone)"
inversions=$(fig inversions)
[ "$ranked" = "$applicants" ] && [ "$wrong_rank" = 0 ] && [ "$not_monotone" = 0 ] && rc=0 || rc=1
check 4 "places follow the applied_at order of each enterprise's earliest application ($wrong_rank of $ranked ranks differ; $not_monotone places out of order; $inversions applications committed after a later-applied one, and ranked by application_id instead $by_id enterprises would be on the other side of place 30)"

read -r placed_not_payable over_not_over over_quota_ents over_before_30th <<< "$(fig split)"
[ "$placed_not_payable" = 0 ] && [ "$over_not_over" = 0 ] && [ "$over_quota_ents" = $((applicants - 30)) ] \
    && [ "$over_before_30th" = 0 ] && rc=0 || rc=1
check 5 "all $over_quota_ents over-quota enterprises applied after the 30th and are over quota on every application ($over_before_30th applied before it)"

read -r payable_apps payable_ents payable_outside paid_outside payable_total capped <<< "$(fig payable)"
[ "$payable_ents" = 30 ] && [ "$payable_outside" = 0 ] && [ "$paid_outside" = 0.00 ] && rc=0 || rc=1
check 6 "the $payable_apps payable applications belong to the 30 placed enterprises only, paying $payable_total ($payable_outside applications and $paid_outside yuan outside the places; $capped capped)"

read -r qu_quota qu_taken qu_left qu_over qu_last <<< "$(fig quota_use)"
thirtieth=$(fig thirtieth)
[ "$qu_quota/$qu_taken/$qu_left/$qu_over" = "30/30/0/$((applicants - 30))" ] && [ "$qu_last" = "$thirtieth" ] && rc=0 || rc=1
check 7 "quota_use agrees: $qu_taken of $qu_quota places taken, $qu_over enterprises over quota, the last place is the 30th enterprise"
[ "$rc" = 0 ] || { echo "# quota_use: $(fig quota_use) thirtieth: $thirtieth"; sed 's/^/# /' "$work/quota.txt"; }

# --- 2. A parameter update committed while reports run -----------------------

# The 2026-2027 successor (updates/), and 2026 clause-3 applications of 100
# other enterprises (20 of them twice), all eligible.
psql_q -d $db -f updates/sys-digital-economy-2026.sql >/dev/null
psql_q -d $db <<'SQL'
INSERT INTO dsm_policy.application
    (credit_code, enterprise_name, clause_code, project_ref, applied_at, qualifying_date,
     scale, manufacturer, expenditure, cloud_stars, service_start, in_use)
SELECT c || dsm_policy.credit_code_check_character(c), 'Report test enterprise ' || i, '3',
       'cloud-2026-' || i || '-' || k, timestamptz '2026-03-02 09:00+08' + (i * 7 + k * 1000) * interval '1 minute',
       DATE '2026-03-01', CASE WHEN i % 2 = 0 THEN 'above' ELSE 'below' END, true,
       20000 + i * 731 + k * 100, 4, DATE '2025-06-01', true
FROM generate_series(1, 100) i CROSS JOIN generate_series(1, 2) k
CROSS JOIN LATERAL (SELECT '91230500MC' || lpad(i::text, 7, '0') AS c) s
WHERE k = 1 OR i % 5 = 0;
CREATE TABLE public.what_if_seen (client_id integer, isolation text, report text, changed bigint, difference numeric);
CREATE TABLE public.report_seen (
    seen_id bigint GENERATED ALWAYS AS IDENTITY, client_id integer, kind text, pair bigint, step integer,
    ratios bigint, min_ratio numeric, max_ratio numeric, quotas bigint, quota integer,
    payable_apps bigint, over_quota_apps bigint, payable_total numeric, view_total numeric);
SQL

# The report: one statement over award_decision and a totals view.
report_sql="SELECT count(DISTINCT computed_amount / basis_amount) AS ratios,
       min(computed_amount / basis_amount) AS min_ratio, max(computed_amount / basis_amount) AS max_ratio,
       count(DISTINCT quota) AS quotas, min(quota) AS quota,
       count(*) FILTER (WHERE status = 'payable') AS payable_apps,
       count(*) FILTER (WHERE status = 'over_quota') AS over_quota_apps,
       sum(payable_amount) AS payable_total,
       (SELECT t.payable_total FROM dsm_policy.award_totals_by_year_clause t
         WHERE t.award_year = 2026 AND t.clause_code = '3') AS view_total
FROM dsm_policy.award_decision WHERE award_year = 2026 AND clause_code = '3'"
record() {   # record KIND PAIR STEP PREFIX: the insert of what the report saw
    local p=$4
    echo "INSERT INTO public.report_seen (client_id, kind, pair, step, ratios, min_ratio, max_ratio, quotas, quota,
                                      payable_apps, over_quota_apps, payable_total, view_total)
VALUES (:client_id, '$1', $2, $3, :${p}ratios, :${p}min_ratio, :${p}max_ratio, :${p}quotas, :${p}quota,
        :${p}payable_apps, :${p}over_quota_apps, :${p}payable_total, :${p}view_total);"
}
flip_sql="BEGIN;
UPDATE dsm_policy.parameter SET value_ratio = CASE WHEN value_ratio = 0.4 THEN 0.6 ELSE 0.4 END
 WHERE policy_code = 'sys-digital-economy-2026' AND clause_code = '3' AND name = 'share_ratio' AND scenario = 'enacted';
UPDATE dsm_policy.parameter SET value_count = CASE WHEN value_count = 50 THEN 40 ELSE 50 END
 WHERE policy_code = 'sys-digital-economy-2026' AND clause_code = '3' AND name = 'quota_enterprises_per_year' AND scenario = 'enacted';
COMMIT;"
echo "$flip_sql" > "$work/flip.sql"
{ echo "$report_sql \\gset"; record statement NULL 1 ""; } > "$work/report.sql"
# Two-statement reports: under REPEATABLE READ both statements must agree;
# under READ COMMITTED they may not (information only).
for iso in "REPEATABLE READ:rr" "READ COMMITTED:rc"; do
    {
        echo "\\set pair random(1, 1000000000000)"
        echo "BEGIN ISOLATION LEVEL ${iso%%:*};"
        echo "$report_sql \\gset a_"
        echo "SELECT pg_sleep(0.01);"
        echo "$report_sql \\gset b_"
        echo "COMMIT;"
        record "${iso##*:}" :pair 1 a_
        record "${iso##*:}" :pair 2 b_
    } > "$work/report_${iso##*:}.sql"
done
# What-if reports comparing the enacted parameters with themselves: every
# difference they show is one state compared with the other.
for iso in "READ COMMITTED:rc" "REPEATABLE READ:rr"; do
    cat > "$work/what_if_${iso##*:}.sql" <<SQL
BEGIN ISOLATION LEVEL ${iso%%:*};
INSERT INTO public.what_if_seen
SELECT :client_id, '${iso##*:}', 'compare_scenarios', count(*) FILTER (WHERE difference <> 0 OR status_changed),
       coalesce(sum(difference), 0)
FROM dsm_policy.compare_scenarios('enacted', 'enacted') WHERE award_year = 2026;
INSERT INTO public.what_if_seen
SELECT :client_id, '${iso##*:}', 'scenario_budget_impact', coalesce(sum(changed_amounts + changed_statuses), 0),
       coalesce(sum(difference), 0)
FROM dsm_policy.scenario_budget_impact('enacted', 'enacted') WHERE award_year = 2026;
COMMIT;
SQL
done

# The figures of the two states, A (40 %, 50 places, as loaded) and B (60 %, 40 places).
state() { psql_q -d $db -F ' ' -c "$report_sql"; }
state_a=$(state)
psql_q -d $db -f "$work/flip.sql"
state_b=$(state)
psql_q -d $db -f "$work/flip.sql"
[ "$(state)" = "$state_a" ] || state_a="(not reproducible: $state_a / $(state))"
read -r a_ratios a_min a_max a_quotas a_quota a_payable a_over a_total a_view <<< "$state_a"
read -r b_ratios b_min b_max b_quotas b_quota b_payable b_over b_total b_view <<< "$state_b"
[ "$a_ratios/$a_quotas/$a_quota" = "1/1/50" ] && [ "$a_total" = "$a_view" ] \
    && [ "$b_ratios/$b_quotas/$b_quota" = "1/1/40" ] && [ "$b_total" = "$b_view" ] \
    && awk -v a="$a_min" -v A="$a_max" -v b="$b_min" -v B="$b_max" 'BEGIN { exit !(a == 0.4 && A == 0.4 && b == 0.6 && B == 0.6) }' \
    && [ "$a_payable" != "$b_payable" ] && [ "$a_total" != "$b_total" ] && rc=0 || rc=1
check 8 "the two states of the 2026 update differ in every figure: 40 % and 50 places pay $a_total to $a_payable applications, 60 % and 40 places $b_total to $b_payable"
[ "$rc" = 0 ] || echo "# A: $state_a; B: $state_b"
audit_before=$(psql_q -d $db -c "SELECT count(*) FROM dsm_policy.activity_log WHERE table_name = 'parameter' AND operation = 'UPDATE'")

seconds=6
start=$(date +%s%N)
rc_u=0; rc_r=0
"$pgbench" -n -c 1 -j 1 -T $seconds -f "$work/flip.sql" $db > "$work/flip.out" 2>&1 &
flipper=$!
"$pgbench" -n -c 3 -j 2 -T $seconds -M prepared -f "$work/report.sql@4" -f "$work/report_rr.sql@1" \
    -f "$work/report_rc.sql@1" -f "$work/what_if_rc.sql@1" -f "$work/what_if_rr.sql@1" $db > "$work/report.out" 2>&1 || rc_r=$?
wait $flipper || rc_u=$?
run_s=$(elapsed "$start")
updates=$(pgbench_figure "number of transactions actually processed" "$work/flip.out")
updates_failed=$(pgbench_figure "number of failed transactions" "$work/flip.out")
reports_failed=$(pgbench_figure "number of failed transactions" "$work/report.out")

psql_q -d $db -F ' ' > "$work/seen.txt" <<SQL
CREATE TEMP TABLE state (state text, ratios bigint, min_ratio numeric, max_ratio numeric, quotas bigint, quota integer,
                         payable_apps bigint, over_quota_apps bigint, payable_total numeric, view_total numeric);
INSERT INTO state VALUES ('A', $(echo "$state_a" | tr ' ' ',')), ('B', $(echo "$state_b" | tr ' ' ','));
CREATE TEMP TABLE judged AS
    SELECT r.*, s.state
    FROM public.report_seen r
    LEFT JOIN state s ON (s.ratios, s.min_ratio, s.max_ratio, s.quotas, s.quota, s.payable_apps,
                          s.over_quota_apps, s.payable_total, s.view_total)
                         = (r.ratios, r.min_ratio, r.max_ratio, r.quotas, r.quota, r.payable_apps,
                            r.over_quota_apps, r.payable_total, r.view_total);
SELECT 'statements', count(*), count(*) FILTER (WHERE state IS NULL), count(*) FILTER (WHERE state = 'A'),
       count(*) FILTER (WHERE state = 'B'), count(DISTINCT client_id)
FROM judged;
SELECT 'pairs', kind, count(*), count(*) FILTER (WHERE a.state IS DISTINCT FROM b.state)
FROM judged a JOIN judged b USING (kind, pair, client_id)
WHERE a.step = 1 AND b.step = 2
GROUP BY kind ORDER BY kind;
SELECT 'mixed', ratios, min_ratio, max_ratio, quotas, quota, payable_apps, over_quota_apps, payable_total, view_total
FROM judged WHERE state IS NULL LIMIT 5;
SELECT 'what_if', isolation, count(*), count(*) FILTER (WHERE changed > 0 OR difference <> 0),
       coalesce(max(abs(difference)), 0)
FROM public.what_if_seen GROUP BY isolation;
SELECT 'audit', count(*) - $audit_before FROM dsm_policy.activity_log WHERE table_name = 'parameter' AND operation = 'UPDATE';
SELECT 'final', string_agg(coalesce(value_ratio::text, value_count::text), '/' ORDER BY name)
FROM dsm_policy.parameter
WHERE policy_code = 'sys-digital-economy-2026' AND clause_code = '3' AND name IN ('share_ratio', 'quota_enterprises_per_year');
SQL
fig() { awk -v k="$1" '$1 == k { $1 = ""; sub(/^ /, ""); print }' "$work/seen.txt"; }
read -r statements mixed seen_a seen_b report_clients <<< "$(fig statements)"
rr=$(fig pairs | awk '$1 == "rr" { print $2, $3 }')
rc_pairs=$(fig pairs | awk '$1 == "rc" { print $2, $3 }')
read -r rr_pairs rr_differ <<< "${rr:-0 0}"
read -r rc_n rc_differ <<< "${rc_pairs:-0 0}"
audited=$(fig audit)
final=$(fig final)

[ "$rc_u" = 0 ] && [ "$rc_r" = 0 ] && [ "${updates_failed:-0}" = 0 ] && [ "${reports_failed:-0}" = 0 ] \
    && [ "${updates:-0}" -gt 10 ] && [ "$statements" -gt 10 ] && rc=0 || rc=1
check 9 "pgbench for $run_s s: $updates updates committed (1 client), $statements report statements run ($report_clients clients, prepared statements), none failed"
[ "$rc" = 0 ] || { sed 's/^/# flip: /' "$work/flip.out"; sed 's/^/# report: /' "$work/report.out"; }

[ "$mixed" = 0 ] && [ "$seen_a" -gt 0 ] && [ "$seen_b" -gt 0 ] && rc=0 || rc=1
check 10 "every report saw one state, never a mix of old and new numbers: $seen_a saw 40 % / 50 places, $seen_b saw 60 % / 40 places, $mixed a mix"
[ "$rc" = 0 ] || fig mixed | sed 's/^/# mixed: /'

[ "$rr_pairs" -gt 0 ] && [ "$rr_differ" = 0 ] && rc=0 || rc=1
check 11 "a two-statement report in REPEATABLE READ sees one state in both statements ($rr_pairs reports, $rr_differ differ; in READ COMMITTED $rc_differ of $rc_n saw an update between its statements)"

if [ $((updates % 2)) = 0 ]; then expected_final=50/0.4; else expected_final=40/0.6; fi
[ "$audited" = $((2 * updates)) ] && [ "$final" = "$expected_final" ] && rc=0 || rc=1
check 12 "the audit trail has every committed update: $audited rows for $updates transactions of 2 rows; the two rows end in one state ($final, after $((updates + 2)) flips)"

# What-if reports.  compare_scenarios() joins two calls of
# award_decision_under(); both must read one snapshot, or an update committed
# between them makes the enacted parameters differ from themselves (this test
# found it when the functions were VOLATILE; they are STABLE since).
read -r wi_rc_n wi_rc_mixed wi_rc_max <<< "$(fig what_if | awk '$1 == "rc" { print $2, $3, $4 }')"
read -r wi_rr_n wi_rr_mixed wi_rr_max <<< "$(fig what_if | awk '$1 == "rr" { print $2, $3, $4 }')"
description="what-if reports in READ COMMITTED compare the enacted parameters with themselves without a difference ($wi_rc_mixed of $wi_rc_n compare_scenarios / scenario_budget_impact reports showed one, up to $wi_rc_max yuan)"
[ "${wi_rc_n:-0}" -gt 0 ] && [ "$wi_rc_mixed" = 0 ] && rc=0 || rc=1
check 13 "$description"

[ "${wi_rr_n:-0}" -gt 0 ] && [ "$wi_rr_mixed" = 0 ] && rc=0 || rc=1
check 14 "the same what-if reports in REPEATABLE READ see one state ($wi_rr_mixed of $wi_rr_n showed a difference)"
