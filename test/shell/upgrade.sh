#!/usr/bin/env bash
# Upgrades: a database at 1.1 (with the 1.1 sample data, a settled year and a
# correction) and one at 1.0 are updated with ALTER EXTENSION dsm_policy
# UPDATE.  Each gives the same objects as a fresh install of the current
# version (test/shell/catalog.sql, compared line by line); the ledger and every
# settled decision stay exactly as they were; the provisional decisions that
# the new rules change are the ones listed, with why, in
# test/shell/upgrade_1_2_changes.out; users' rows are carried over.
# The 1.1 sample data is frozen in test/shell/sample_data_1_1.sql.
# DSM_WRITE_EXPECTED=1 rewrites the list of changes from this run.
# TAP output; needs the PG* variables of a running server (tools/run-tests.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."

v11=dsm_upgrade_11
v10=dsm_upgrade_10
new=dsm_upgrade_new
trap 'dropdb --if-exists $v11; dropdb --if-exists $v10; dropdb --if-exists $new' EXIT

psql_q() { psql -X -q -v ON_ERROR_STOP=1 -At "$@"; }
check() {   # check N DESCRIPTION: ok when the previous command succeeded
    if [ "$rc" = 0 ]; then echo "ok $1 - $2"; else echo "not ok $1 - $2"; fi
}

echo "1..12"

current=$(sed -n "s/^default_version *= *'\(.*\)'/\1/p" dsm_policy.control)
for db in $v11 $v10 $new; do dropdb --if-exists $db >/dev/null 2>&1; createdb $db; done
psql_q -d $new -c "SET client_min_messages = warning" -c "CREATE EXTENSION dsm_policy CASCADE" >/dev/null
fresh=$(psql_q -d $new -f test/shell/catalog.sql)

decision_columns="application_id, credit_code, enterprise_name, clause_code, project_ref, applied_on,
    qualifying_date, award_year, status, reason, basis_amount, computed_amount, cap_amount, cap_scope, capped,
    award_amount, payable_amount, quota_rank, quota, responsible_units, responsible_units_en, policy_code,
    parameter_version, warning, provincial_max, explanation, settled, settlement_id, settled_on"

# 1.1, with the 1.1 sample data, a scenario with a first_time_only row of a
# user, 2023 settled and one of its decisions corrected.
psql_q -d $v11 -c "CREATE EXTENSION btree_gist" -c "CREATE EXTENSION dsm_policy VERSION '1.1'" >/dev/null
psql_q -d $v11 -f test/shell/sample_data_1_1.sql >/dev/null
psql_q -d $v11 >/dev/null <<'SQL'
SET client_min_messages = warning;
INSERT INTO dsm_policy.scenario VALUES ('before_upgrade', 'added under 1.1');
INSERT INTO dsm_policy.parameter (policy_code, clause_code, name, scenario, validity, value_flag, note)
VALUES ('sys-digital-economy-2022', '9', 'first_time_only', 'before_upgrade', daterange('2022-07-28', NULL), false,
        'what if clause 9 could be paid again');
SELECT dsm_policy.settle_award_year(2023, 'year-end 2023');
SELECT dsm_policy.correct_settled_decision(
    (SELECT min(application_id) FROM dsm_policy.award_decision WHERE award_year = 2023 AND clause_code = '1'),
    123456.78, 'the province corrected its award');
CREATE TABLE public.decided_1_1 AS SELECT * FROM dsm_policy.award_decision;
SQL
ledger_before=$(psql_q -d $v11 -c "SELECT md5(string_agg(to_jsonb(l)::text, E'\n' ORDER BY entry_id)) FROM dsm_policy.ledger l")
settlements_before=$(psql_q -d $v11 -c "SELECT md5(string_agg(to_jsonb(s)::text, E'\n' ORDER BY settlement_id)) FROM dsm_policy.settlement s")
settled_before=$(psql_q -d $v11 -c "SELECT ($decision_columns)::text FROM public.decided_1_1 WHERE settled ORDER BY application_id")

update_log=$(psql_q -d $v11 -c "ALTER EXTENSION dsm_policy UPDATE" 2>&1) && rc=0 || rc=$?
version=$(psql_q -d $v11 -c "SELECT extversion FROM pg_extension WHERE extname = 'dsm_policy'")
[ "$rc" = 0 ] && [ "$version" = "$current" ] || rc=1
check 1 "ALTER EXTENSION dsm_policy UPDATE takes 1.1 to $current"
[ "$rc" = 0 ] || echo "$update_log $version" | sed 's/^/# /'

upgraded=$(psql_q -d $v11 -f test/shell/catalog.sql)
[ "$upgraded" = "$fresh" ] && [ "$(echo "$fresh" | wc -l)" -gt 500 ] && rc=0 || rc=1
check 2 "the catalog upgraded from 1.1 is the fresh one ($(echo "$fresh" | wc -l) facts: objects, columns, constraints, indexes, triggers, comments, privileges, shipped rows)"
[ "$rc" = 0 ] || diff <(echo "$upgraded") <(echo "$fresh") | head -40 | sed 's/^/# /'

ledger_after=$(psql_q -d $v11 -c "SELECT md5(string_agg(to_jsonb(l)::text, E'\n' ORDER BY entry_id)) FROM dsm_policy.ledger l")
settlements_after=$(psql_q -d $v11 -c "SELECT md5(string_agg(to_jsonb(s)::text, E'\n' ORDER BY settlement_id)) FROM dsm_policy.settlement s")
entries=$(psql_q -d $v11 -c "SELECT count(*) FROM dsm_policy.ledger")
[ -n "$ledger_before" ] && [ "$ledger_before" = "$ledger_after" ] && [ "$settlements_before" = "$settlements_after" ] \
    && [ "$entries" -gt 50 ] && rc=0 || rc=1
check 3 "the ledger ($entries entries, a correction among them) and the settlements are unchanged, to the byte"

settled_after=$(psql_q -d $v11 -c "SELECT ($decision_columns)::text FROM dsm_policy.award_decision
                                    WHERE application_id IN (SELECT application_id FROM public.decided_1_1 WHERE settled)
                                    ORDER BY application_id")
[ -n "$settled_before" ] && [ "$settled_before" = "$settled_after" ] && rc=0 || rc=1
check 4 "every settled decision ($(echo "$settled_before" | wc -l) of 2023) reads as before, amounts, reasons and explanations included"
[ "$rc" = 0 ] || diff <(echo "$settled_before") <(echo "$settled_after") | head -10 | sed 's/^/# /'

# The provisional decisions 1.2 changes, and why (the 1.2 reason): right after
# the upgrade, and once the clerks have recorded the fact 1.2 asks for
# (city_made_product, clause 15).
changes=$(psql -X -q -v ON_ERROR_STOP=1 -P pager=off -d $v11 <<'SQL'
CREATE VIEW pg_temp.changed AS
SELECT o.application_id AS id, o.clause_code AS clause, o.award_year AS year,
       o.status || ' ' || o.payable_amount AS "under 1.1", n.status || ' ' || n.payable_amount AS "under 1.2",
       n.reason AS why
FROM public.decided_1_1 o
JOIN dsm_policy.award_decision n USING (application_id)
WHERE (o.status, o.payable_amount) IS DISTINCT FROM (n.status, n.payable_amount)
ORDER BY o.application_id;
\echo right after the upgrade
SELECT * FROM pg_temp.changed;
UPDATE dsm_policy.application SET city_made_product = true WHERE clause_code = '15' AND award_year >= 2024;
\echo once city_made_product is recorded
SELECT * FROM pg_temp.changed;
UPDATE dsm_policy.application SET city_made_product = NULL WHERE clause_code = '15' AND award_year >= 2024;
SQL
)
[ -z "${DSM_WRITE_EXPECTED:-}" ] || echo "$changes" > test/shell/upgrade_1_2_changes.out
expected_changes=$(cat test/shell/upgrade_1_2_changes.out)
[ "$changes" = "$expected_changes" ] && rc=0 || rc=1
check 5 "the provisional decisions 1.2 changes are those of test/shell/upgrade_1_2_changes.out: clause 15 without city_made_product, then a product bought twice"
[ "$rc" = 0 ] || diff <(echo "$expected_changes") <(echo "$changes") | head -30 | sed 's/^/# /'

unchanged=$(psql_q -d $v11 -c "SELECT count(*) FROM public.decided_1_1 o JOIN dsm_policy.award_decision n USING (application_id)
                                WHERE NOT o.settled AND (o.status, o.payable_amount) IS NOT DISTINCT FROM (n.status, n.payable_amount)")
[ "$unchanged" -gt 150 ] && rc=0 || rc=1
check 6 "the other $unchanged provisional decisions keep their status and amount"

converted=$(psql_q -d $v11 -c "SELECT name || ' ' || value_choice || ' ' || (value_flag IS NULL) FROM dsm_policy.parameter WHERE scenario = 'before_upgrade'" \
                   -c "SELECT operation || ' ' || (old_row ->> 'name') || ' -> ' || (new_row ->> 'name') FROM dsm_policy.activity_log
                        WHERE table_name = 'parameter' AND operation = 'UPDATE' ORDER BY change_id DESC LIMIT 1")
[ "$converted" = "$(printf 'once_only none true\nUPDATE first_time_only -> once_only')" ] && rc=0 || rc=1
check 7 "a user's first_time_only row becomes once_only (false: none), and the audit trail records the change"
[ "$rc" = 0 ] || echo "$converted" | sed 's/^/# /'

readings=$(psql_q -d $v11 -c "SELECT count(*) FROM dsm_policy.reading_register r, dsm_policy.policy p
                               WHERE p.shipped AND position(r.quote_zh IN p.text_zh) > 0")
[ "$readings" -ge 20 ] && rc=0 || rc=1
check 8 "the upgraded database has the readings register ($readings readings, each quoting the policy's text)"

settled=$(psql_q -d $v11 -c "SET client_min_messages = warning" -c "SELECT dsm_policy.settle_award_year(2024) IS NOT NULL" \
                 -c "SELECT count(*) > 0 AND bool_and(settled) FROM dsm_policy.award_decision WHERE award_year = 2024 AND status <> 'pending'")
[ "$settled" = "$(printf 't\nt')" ] && rc=0 || rc=1
check 9 "an upgraded database settles an award year"

audited=$(psql_q -d $v11 -c "INSERT INTO dsm_policy.scenario VALUES ('after_upgrade', 'test')" \
                 -c "SELECT count(*) FROM dsm_policy.activity_log WHERE row_key = 'after_upgrade'")
[ "$audited" = 1 ] && rc=0 || rc=1
check 10 "the audit trail records changes in the upgraded database"

# 1.0, with the same sample data, updated through 1.1 to the current version.
psql_q -d $v10 -c "CREATE EXTENSION btree_gist" -c "CREATE EXTENSION dsm_policy VERSION '1.0'" >/dev/null
psql_q -d $v10 -f test/shell/sample_data_1_1.sql >/dev/null
psql_q -d $v10 -c "INSERT INTO dsm_policy.scenario VALUES ('before_upgrade', 'added under 1.0')"
update_log=$(psql_q -d $v10 -c "ALTER EXTENSION dsm_policy UPDATE" 2>&1) && rc=0 || rc=$?
upgraded=$(psql_q -d $v10 -f test/shell/catalog.sql)
[ "$rc" = 0 ] && [ "$upgraded" = "$fresh" ] && rc=0 || rc=1
check 11 "1.0 updates through 1.1 to $current, and its catalog is the fresh one"
[ "$rc" = 0 ] || { echo "$update_log" | sed 's/^/# /'; diff <(echo "$upgraded") <(echo "$fresh") | head -20 | sed 's/^/# /'; }

# the rules' amounts (rules_payable_amount: the upgraded 1.1 database has settled years)
baseline=$(psql_q -d $v10 -c "SELECT operation || ' ' || (new_row ->> 'description') FROM dsm_policy.activity_log WHERE row_key = 'before_upgrade'")
same_10=$(psql_q -d $v10 -c "SELECT md5(string_agg((application_id, rules_payable_amount)::text, ',' ORDER BY application_id)) FROM dsm_policy.award_decision")
same_11=$(psql_q -d $v11 -c "SELECT md5(string_agg((application_id, rules_payable_amount)::text, ',' ORDER BY application_id)) FROM dsm_policy.award_decision")
[ "$baseline" = "INSERT added under 1.0" ] && [ "$same_10" = "$same_11" ] && rc=0 || rc=1
check 12 "a row added under 1.0 is in the audit trail, and the upgraded 1.0 database decides the sample data as the upgraded 1.1 one"
