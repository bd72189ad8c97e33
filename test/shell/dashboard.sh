#!/usr/bin/env bash
# The reference dashboard (dashboard/, tools/dashboard.sh) in a real browser.
#
# A database of its own with the sample data (2022 settled, one settled award
# withdrawn and one reduced by corrections, so that settled, provisional and
# withdrawn all show), a LOGIN role in dsm_policy_reader only, which cannot
# write, and the dashboard's server on a free port, logged in as that role.
# Debian's headless Chromium loads the page (dashboard/check_page.py, over the
# DevTools protocol): every chart holds an ECharts canvas, the page marks
# itself ready after ECharts' "finished" events, the console has no error, and
# every number the page shows with a data-key equals the same number computed
# here in SQL from dsm_policy.award_decision and dsm_policy.budget directly
# (not from the views the page reads).  The English switch relabels the page
# and leaves the numbers alone.  Screenshots: test/output/dashboard.png and
# dashboard-en.png.  Then a wrong number planted in a kept table that the
# views read must make the same comparison fail; it is restored afterwards.
#
# Installs what it needs when missing (dashboard/install.sh browser: chromium,
# python3-psycopg2, nodejs/npm, a Chinese font; npm ci).
# TAP output; needs the PG* variables of a running server (tools/run-tests.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
export LANG=C.UTF-8 LC_ALL=C.UTF-8

db=dsm_dashboard_test
role=dsm_dashboard_test
out=test/output
work=$out/dashboard
started=$SECONDS
server_pid=

cleanup() {
    [ -z "$server_pid" ] || kill "$server_pid" 2>/dev/null || true
    [ -z "$server_pid" ] || wait "$server_pid" 2>/dev/null || true
    dropdb --if-exists "$db" >/dev/null 2>&1 || true
    psql -X -q -d postgres -c "DROP ROLE IF EXISTS $role" >/dev/null 2>&1 || true
}
trap cleanup EXIT

psql_q() { psql -X -q -v ON_ERROR_STOP=1 -At "$@"; }
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $1"; shift; for text in "$@"; do printf '%s\n' "$text" | sed 's/^/# /'; done; }
comment() { sed 's/^/# /'; }

echo "1..13"

# ---- 1. what the test needs ---------------------------------------------------
if install_log=$(bash dashboard/install.sh browser 2>&1) &&
   [ -f dashboard/node_modules/echarts/dist/echarts.min.js ] && command -v chromium >/dev/null &&
   /usr/bin/python3 -c 'import psycopg2' 2>/dev/null; then
    ok "chromium, python3-psycopg2, nodejs/npm and ECharts $(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' dashboard/node_modules/echarts/package.json | head -n 1) (npm ci) are there"
else
    not_ok "install what the dashboard and its test need" "$install_log"
    exit 1
fi

# ---- the database, and the reader login -----------------------------------------
dropdb --if-exists "$db" >/dev/null 2>&1
createdb "$db"
PGOPTIONS="-c client_min_messages=warning" psql_q -d "$db" -c "CREATE EXTENSION dsm_policy CASCADE"
psql_q -d "$db" -f tools/sample_data.sql >/dev/null
# settle 2022, then withdraw one of its awards and reduce another
PGOPTIONS="-c client_min_messages=warning" psql_q -d "$db" >/dev/null <<'SQL'
SELECT dsm_policy.settle_award_year(2022, 'dashboard test');
SELECT dsm_policy.correct_settled_decision(
    (SELECT min(application_id) FROM dsm_policy.award_decision WHERE award_year = 2022 AND clause_code = '4' AND status = 'payable'),
    0, 'dashboard test: withdrawn');
SELECT dsm_policy.correct_settled_decision(
    (SELECT min(application_id) FROM dsm_policy.award_decision WHERE award_year = 2022 AND clause_code = '1' AND status = 'payable'),
    150000, 'dashboard test: reduced');
SQL

password=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')
psql_q -d postgres -c "DROP ROLE IF EXISTS $role" >/dev/null 2>&1 || true
psql_q -d postgres -c "CREATE ROLE $role LOGIN PASSWORD '$password' IN ROLE dsm_policy_reader" >/dev/null

# ---- 2. the reader login cannot write -----------------------------------------
as_reader() { PGUSER=$role PGPASSWORD=$password PGDATABASE=$db psql -X -q -At -v ON_ERROR_STOP=1 -v VERBOSITY=verbose "$@"; }
refusals=0 detail=()
for statement in \
    "INSERT INTO dsm_policy.application DEFAULT VALUES" \
    "UPDATE dsm_policy.budget SET amount = amount + 1" \
    "DELETE FROM dsm_policy.scenario WHERE scenario = 'cloud_boost'" \
    "UPDATE dsm_policy.kept_total_year_clause SET payable_total = 0"; do
    if result=$(as_reader -c "$statement" 2>&1); then
        detail+=("it succeeded: $statement")
    elif grep -q "42501" <<<"$result"; then
        refusals=$((refusals + 1))
    else
        detail+=("$statement: $result")
    fi
done
if [ "$refusals" = 4 ] && [ "$(as_reader -c "SELECT count(*) > 0 FROM dsm_policy.award_totals_by_year_clause")" = t ]; then
    ok "the reader login reads the views, and its INSERT (and UPDATE, DELETE) is refused with 42501"
else
    not_ok "the reader login cannot write" "${detail[@]}"
fi

# ---- 3. the server refuses a login with more rights --------------------------------
if result=$(PGDATABASE=$db timeout 20 /usr/bin/python3 dashboard/server.py --port 0 2>&1); then
    not_ok "the server refuses to serve as the superuser" "it started: $result"
elif grep -q "refusing to serve as role .*superuser" <<<"$result"; then
    ok "the server refuses to serve as the superuser"
else
    not_ok "the server refuses to serve as the superuser" "$result"
fi

# ---- 4. the server, as the reader, on a free port -------------------------------
mkdir -p "$work"
rm -f "$work"/* "$out/dashboard.png" "$out/dashboard-en.png"
PGUSER=$role PGPASSWORD=$password PGDATABASE=$db /usr/bin/python3 dashboard/server.py --port 0 --quiet \
    >"$work/server.log" 2>&1 &
server_pid=$!
url=
for _ in $(seq 100); do
    url=$(sed -n 's|^dashboard: \(http://[^ ]*\)$|\1|p' "$work/server.log")
    [ -n "$url" ] && break
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
done
health=$(curl -s --max-time 10 "${url}api/health" || true)
if [ -n "$url" ] && grep -q "\"role\": \"$role\"" <<<"$health" && grep -q '"member_of": \["dsm_policy_reader"\]' <<<"$health"; then
    ok "the server serves $url as $role, a member of dsm_policy_reader only"
else
    not_ok "the server starts as the reader" "$(cat "$work/server.log")" "$health"
    exit 1
fi

# ---- 5. the endpoints take values, not SQL ------------------------------------------
code() { curl -s -o /dev/null -w '%{http_code}' --max-time 20 "$@"; }
injected=$(code "${url}api/what-if?scenario=cloud_boost%27%3B%20DROP%20TABLE%20dsm_policy.budget%3B--")
limit=$(code "${url}api/enterprises?year=all&limit=1%20OR%201=1")
post=$(code -X POST "${url}api/year-clause")
missing=$(code "${url}api/../../etc/passwd")
whatif=$(code "${url}api/what-if?scenario=cloud_boost")
if [ "$injected" = 400 ] && [ "$limit" = 400 ] && [ "$post" = 405 ] && [ "$missing" = 404 ] && [ "$whatif" = 200 ] &&
   [ "$(psql_q -d "$db" -c "SELECT count(*) FROM dsm_policy.budget")" = 6 ]; then
    ok "the endpoints bind their values: a scenario name with SQL in it is no scenario (400), a bad limit 400, POST 405, other paths 404"
else
    not_ok "the endpoints bind their values" "injected $injected, limit $limit, POST $post, path $missing, what-if $whatif"
fi

# ---- the numbers, computed here from award_decision and budget -------------------
expected() {
    psql_q -d "$db" -F $'\t' <<'SQL' | LC_ALL=C sort
SET client_min_messages = warning;
-- the module loaded, so that dsm_policy.scenario is its setting
SELECT dsm_policy.format_yuan(0) \g /dev/null
SET dsm_policy.scenario = 'cloud_boost';
CREATE TEMP TABLE alt AS
SELECT application_id, award_year, clause_code, status, settled, payable_amount FROM dsm_policy.award_decision;
RESET dsm_policy.scenario;
CREATE TEMP TABLE d AS
SELECT application_id, credit_code, award_year, clause_code, status, settled, payable_amount, applied_on, quota, quota_rank
FROM dsm_policy.award_decision;
CREATE FUNCTION pg_temp.m(numeric) RETURNS text LANGUAGE sql AS 'SELECT round(coalesce($1, 0), 2)::text';
CREATE FUNCTION pg_temp.pct(numeric, numeric) RETURNS text LANGUAGE sql AS 'SELECT round(100 * $1 / nullif($2, 0), 1)::text';

-- budget rows: every year with a decision or a budget, and every clause budget
CREATE TEMP TABLE budget_rows AS
SELECT r.award_year, r.clause_code, b.amount AS budget,
       'budget.' || r.award_year || coalesce('.' || r.clause_code, '') AS k
FROM (SELECT award_year, NULL::text AS clause_code FROM d
      UNION SELECT award_year, clause_code FROM dsm_policy.budget) r
LEFT JOIN dsm_policy.budget b ON b.award_year = r.award_year AND b.clause_code IS NOT DISTINCT FROM r.clause_code;

WITH
b AS (
    SELECT r.*,
           (SELECT coalesce(sum(payable_amount) FILTER (WHERE settled), 0) FROM d
             WHERE d.award_year = r.award_year AND (r.clause_code IS NULL OR d.clause_code = r.clause_code)) AS settled,
           (SELECT coalesce(sum(payable_amount) FILTER (WHERE NOT settled), 0) FROM d
             WHERE d.award_year = r.award_year AND (r.clause_code IS NULL OR d.clause_code = r.clause_code)) AS provisional,
           (SELECT coalesce(sum(payable_amount), 0) FROM alt
             WHERE alt.award_year = r.award_year AND (r.clause_code IS NULL OR alt.clause_code = r.clause_code)) AS alt_committed
    FROM budget_rows r
    -- under the scenario, the year rows are those of the scenario's decisions
),
units AS (
    SELECT d.award_year, cu.unit_code, sum(d.payable_amount) FILTER (WHERE cu.position = 1) AS lead
    FROM d JOIN dsm_policy.clause_unit cu USING (clause_code)
    GROUP BY d.award_year, cu.unit_code
),
w AS (
    SELECT b.award_year, b.clause_code, b.payable_amount AS base, a.payable_amount AS alternative,
           a.payable_amount <> b.payable_amount AS amount_changed, a.status IS DISTINCT FROM b.status AS status_changed
    FROM d b JOIN alt a USING (application_id)
),
top AS (
    SELECT credit_code, sum(payable_amount) AS paid, count(*) AS applications,
           row_number() OVER (ORDER BY sum(payable_amount) DESC, credit_code) AS rank
    FROM d GROUP BY credit_code
),
months AS (
    SELECT to_char(applied_on, 'YYYY-MM') AS month, count(*) AS applications, sum(payable_amount) AS paid
    FROM d GROUP BY 1
)
-- key numbers
SELECT 'kpi.paid', pg_temp.m(sum(payable_amount)) FROM d
UNION ALL SELECT 'kpi.settled', pg_temp.m(sum(payable_amount) FILTER (WHERE settled)) FROM d
UNION ALL SELECT 'kpi.provisional', pg_temp.m(sum(payable_amount) FILTER (WHERE NOT settled)) FROM d
UNION ALL SELECT 'kpi.applications', count(*)::text FROM d
UNION ALL SELECT 'kpi.payable_applications', count(*) FILTER (WHERE status = 'payable')::text FROM d
-- paid by year and clause
UNION ALL SELECT 'paid.' || award_year || '.' || clause_code, pg_temp.m(sum(payable_amount)) FROM d GROUP BY award_year, clause_code
UNION ALL SELECT 'paid.' || award_year, pg_temp.m(sum(payable_amount)) FROM d GROUP BY award_year
UNION ALL SELECT 'paid.clause.' || clause_code, pg_temp.m(sum(payable_amount)) FROM d GROUP BY clause_code
UNION ALL SELECT 'paid.all', pg_temp.m(sum(payable_amount)) FROM d
-- paid by lead unit: each payment once, for the unit a clause names first; a
-- year's lead units add up to what the year paid
UNION ALL SELECT 'lead.' || award_year || '.' || unit_code, pg_temp.m(lead) FROM units
UNION ALL SELECT 'lead.unit.' || unit_code, pg_temp.m(sum(lead)) FROM units GROUP BY unit_code
UNION ALL SELECT 'lead.' || award_year, pg_temp.m(sum(payable_amount)) FROM d
           WHERE award_year IN (SELECT award_year FROM units) GROUP BY award_year
UNION ALL SELECT 'lead.all', pg_temp.m(sum(payable_amount)) FROM d WHERE award_year IN (SELECT award_year FROM units)
-- budget use
UNION ALL SELECT k || '.budget', pg_temp.m(budget) FROM b WHERE budget IS NOT NULL
UNION ALL SELECT k || '.settled', pg_temp.m(settled) FROM b
UNION ALL SELECT k || '.provisional', pg_temp.m(provisional) FROM b
UNION ALL SELECT k || '.committed', pg_temp.m(settled + provisional) FROM b
UNION ALL SELECT k || '.remaining', pg_temp.m(budget - settled - provisional) FROM b WHERE budget IS NOT NULL
UNION ALL SELECT k || '.used_percent', pg_temp.pct(settled + provisional, budget) FROM b WHERE budget <> 0
-- quota places: enterprises with a place (rank within the quota) and after it
UNION ALL SELECT format('quota.%s.%s.%s', clause_code, award_year, x.what), x.v
FROM (SELECT clause_code, award_year, max(quota) AS quota,
             count(DISTINCT credit_code) FILTER (WHERE quota_rank <= quota) AS taken,
             count(DISTINCT credit_code) FILTER (WHERE quota_rank > quota) AS over
      FROM d WHERE quota IS NOT NULL AND quota_rank IS NOT NULL GROUP BY clause_code, award_year) q,
     LATERAL (VALUES ('quota', q.quota::text), ('taken', q.taken::text),
                     ('left', greatest(q.quota - q.taken, 0)::text), ('over', q.over::text)) x (what, v)
-- statuses
UNION ALL SELECT 'status.' || s, (SELECT count(*) FROM d WHERE d.status = s)::text
FROM unnest(ARRAY['payable', 'superseded', 'over_quota', 'cap_exhausted', 'ineligible', 'not_in_force', 'pending',
                  'no_monetary_award', 'withdrawn']) s
UNION ALL SELECT 'status.all', count(*)::text FROM d
-- applications by month
UNION ALL SELECT 'month.' || month || '.applications', applications::text FROM months
UNION ALL SELECT 'month.' || month || '.paid', pg_temp.m(paid) FROM months
UNION ALL SELECT 'month.all.applications', sum(applications)::text FROM months
UNION ALL SELECT 'month.all.paid', pg_temp.m(sum(paid)) FROM months
-- the top ten enterprises, all years
UNION ALL SELECT 'top.all.' || rank || '.credit_code', credit_code FROM top WHERE rank <= 10
UNION ALL SELECT 'top.all.' || rank || '.paid', pg_temp.m(paid) FROM top WHERE rank <= 10
UNION ALL SELECT 'top.all.' || rank || '.applications', applications::text FROM top WHERE rank <= 10
-- what-if: cloud_boost against the enacted parameters
UNION ALL SELECT format('whatif.%s.%s', award_year, x.what), x.v
FROM (SELECT award_year, sum(base) AS base, sum(alternative) AS alternative,
             count(*) FILTER (WHERE amount_changed) AS ca, count(*) FILTER (WHERE status_changed) AS cs
      FROM w GROUP BY award_year) y,
     LATERAL (VALUES ('base', pg_temp.m(y.base)), ('alternative', pg_temp.m(y.alternative)),
                     ('difference', pg_temp.m(y.alternative - y.base)), ('changed_amounts', y.ca::text),
                     ('changed_statuses', y.cs::text)) x (what, v)
UNION ALL SELECT format('whatif.%s.%s.%s', award_year, clause_code, x.what), x.v
FROM (SELECT award_year, clause_code, sum(base) AS base, sum(alternative) AS alternative,
             count(*) FILTER (WHERE amount_changed) AS ca, count(*) FILTER (WHERE status_changed) AS cs
      FROM w GROUP BY award_year, clause_code) y,
     LATERAL (VALUES ('base', pg_temp.m(y.base)), ('alternative', pg_temp.m(y.alternative)),
                     ('difference', pg_temp.m(y.alternative - y.base)), ('changed_amounts', y.ca::text),
                     ('changed_statuses', y.cs::text)) x (what, v)
WHERE y.ca > 0 OR y.cs > 0
UNION ALL SELECT 'whatif.' || x.what, x.v
FROM (SELECT sum(base) AS base, sum(alternative) AS alternative,
             count(*) FILTER (WHERE amount_changed) AS ca, count(*) FILTER (WHERE status_changed) AS cs FROM w) y,
     LATERAL (VALUES ('base', pg_temp.m(y.base)), ('alternative', pg_temp.m(y.alternative)),
                     ('difference', pg_temp.m(y.alternative - y.base)), ('changed_amounts', y.ca::text),
                     ('changed_statuses', y.cs::text)) x (what, v)
UNION ALL SELECT 'whatif.' || k || '.committed', pg_temp.m(alt_committed) FROM b
UNION ALL SELECT 'whatif.' || k || '.remaining', pg_temp.m(budget - alt_committed) FROM b WHERE budget IS NOT NULL
UNION ALL SELECT 'whatif.' || k || '.used_percent', pg_temp.pct(alt_committed, budget) FROM b WHERE budget <> 0;
SQL
}

# the page's numbers as plain numbers: no thousands separators, no %
normalize() { sed 's/,//g; s/%$//' "$1" | LC_ALL=C sort; }

# load PAGE_ARGS...: the page in Chromium, into $work
load() { /usr/bin/python3 dashboard/check_page.py "${url}?animation=0" "$work" --timeout 60 "$@" >"$work/check.json" 2>"$work/check.err"; }

load_status=0
load --switch-language || load_status=$?

# ---- 6. every chart rendered -----------------------------------------------
charts=$(cat "$work/charts.tsv" 2>/dev/null || true)
drawn=$(awk -F'\t' '$2 == 1 && $3 == 1 && $4 > 0' <<<"$charts" | wc -l)
if [ "$load_status" = 0 ] && [ "$(wc -l <<<"$charts")" = 8 ] && [ "$drawn" = 8 ]; then
    ok "the page got ready after ECharts' finished events; each of its 8 charts holds an ECharts canvas with series"
else
    not_ok "every chart renders" "check_page exit $load_status" "$charts" "$(cat "$work/check.json" "$work/check.err" 2>/dev/null | grep -v dbus | tail -n 20)"
fi

# ---- 7. no console errors ------------------------------------------------
if [ -f "$work/console.txt" ] && ! grep -q '^error' "$work/console.txt"; then
    ok "no console error, uncaught exception or failed request ($(wc -l <"$work/console.txt") console lines in all, in Chinese and English)"
    [ -s "$work/console.txt" ] && comment <"$work/console.txt"
else
    not_ok "no console errors" "$(cat "$work/console.txt" 2>/dev/null)"
fi

# ---- 8. the numbers on the page = the numbers from award_decision and budget ---
expected >"$work/expected.tsv"
normalize "$work/keys-zh.tsv" >"$work/page.tsv" 2>/dev/null || true
if [ -s "$work/expected.tsv" ] && diff -u "$work/expected.tsv" "$work/page.tsv" >"$work/diff.txt"; then
    ok "all $(wc -l <"$work/page.tsv") numbers on the page equal those computed from award_decision and budget (paid by year and clause, by lead unit, budget use, quota places, statuses, months, top ten, what-if)"
else
    not_ok "the page's numbers equal the independent totals" "$(head -n 40 "$work/diff.txt")"
fi

# ---- 9. the English switch --------------------------------------------------
summary=$(cat "$work/summary.json" 2>/dev/null || true)
if grep -q '"lang_en": "en"' <<<"$summary" && grep -q '"h1_en": "Digital economy policy awards dashboard"' <<<"$summary" &&
   grep -q '"status_names_en": \["Payable"' <<<"$summary" && grep -q '"charts_en_with_canvas": 8' <<<"$summary" &&
   grep -q '"lang": "zh-CN"' <<<"$summary" && grep -q '"h1": "数字经济政策兑现看板"' <<<"$summary" &&
   [ -s "$work/keys-en.tsv" ] && cmp -s "$work/keys-zh.tsv" "$work/keys-en.tsv"; then
    ok "Chinese by default; the switch puts the page and the charts in English, redrawn, with the same numbers"
else
    not_ok "the English switch" "$summary" "$(diff "$work/keys-zh.tsv" "$work/keys-en.tsv" 2>&1 | head -n 10)"
fi

# ---- 10. the screenshot ----------------------------------------------------
if [ -f "$work/dashboard.png" ] && [ "$(head -c 8 "$work/dashboard.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] &&
   [ "$(stat -c %s "$work/dashboard.png")" -gt 50000 ]; then
    cp "$work/dashboard.png" "$out/dashboard.png"
    [ -f "$work/dashboard-en.png" ] && cp "$work/dashboard-en.png" "$out/dashboard-en.png"
    ok "screenshots saved: $out/dashboard.png ($(stat -c %s "$out/dashboard.png") bytes) and $out/dashboard-en.png"
else
    not_ok "a screenshot saved" "$(ls -l "$work" 2>&1)"
fi

# ---- 11. a planted wrong number is caught -------------------------------------
# 100,000 yuan more for the provisional payments of clause 7 in 2023, in the
# kept totals that award_totals_by_year_clause (and so by_unit and budget_use)
# read; award_decision still says the truth.
plant="UPDATE dsm_policy.kept_total_year_clause SET payable_total = payable_total + 100000
       WHERE award_year = 2023 AND clause_code = '7' AND status = 'payable' AND NOT settled"
unplant="UPDATE dsm_policy.kept_total_year_clause SET payable_total = payable_total - 100000
         WHERE award_year = 2023 AND clause_code = '7' AND status = 'payable' AND NOT settled"
if [ "$(psql_q -d "$db" -c "$plant RETURNING 1")" = 1 ]; then
    load_status=0
    load --no-screenshot || load_status=$?
    normalize "$work/keys-zh.tsv" >"$work/page-planted.tsv" 2>/dev/null || true
    if [ "$load_status" = 0 ] && ! diff -u "$work/expected.tsv" "$work/page-planted.tsv" >"$work/diff-planted.txt" &&
       grep -q '^+paid\.2023\.7	' "$work/diff-planted.txt" && grep -q '^+budget\.2023\.committed	' "$work/diff-planted.txt"; then
        ok "a planted wrong number is caught ($(grep -c '^+[a-z]' "$work/diff-planted.txt") numbers on the page differ, among them paid.2023.7 and budget.2023.committed)"
        grep '^[-+][a-z]' "$work/diff-planted.txt" | head -n 6 | comment
    else
        not_ok "a planted wrong number is caught" "check_page exit $load_status" "$(head -n 20 "$work/diff-planted.txt" 2>/dev/null)"
    fi
    psql_q -d "$db" -c "$unplant" >/dev/null
else
    not_ok "a planted wrong number is caught" "the kept row to change is not there"
fi

# ---- 12. restored, the page agrees again ---------------------------------------
load_status=0
load --no-screenshot || load_status=$?
normalize "$work/keys-zh.tsv" >"$work/page.tsv" 2>/dev/null || true
if [ "$load_status" = 0 ] && diff -u "$work/expected.tsv" "$work/page.tsv" >"$work/diff.txt" && ! grep -q '^error' "$work/console.txt"; then
    ok "restored: the page agrees with the independent totals again"
else
    not_ok "restored: the page agrees again" "$(head -n 20 "$work/diff.txt")"
fi

# ---- 13. the server stops ------------------------------------------------------
kill "$server_pid"
stopped=no
for _ in $(seq 50); do
    kill -0 "$server_pid" 2>/dev/null || { stopped=yes; break; }
    sleep 0.1
done
if [ "$stopped" = yes ]; then
    wait "$server_pid" 2>/dev/null || true
    server_pid=
    ok "the server stops when told (took $((SECONDS - started)) s in all)"
else
    not_ok "the server stops"
fi
