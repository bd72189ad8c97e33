#!/usr/bin/env bash
# pg_dump / pg_restore round trip of a database with dsm_policy and user rows
# in every config table, applications, other awards, a settled year with a
# correction, and the audit trail of all of it: each row comes back exactly
# once, shipped rows are not duplicated, the restore itself adds nothing to
# the audit trail, the identity sequences continue where they were, and every
# decision (settled or provisional) is the same.
# TAP output; needs the PG* variables of a running server (tools/run-tests.sh).
set -euo pipefail

src=dsm_dump_src
dst=dsm_dump_dst
dump=$(mktemp -d)/dsm.dump
trap 'rm -rf "$(dirname "$dump")"; dropdb --if-exists $src; dropdb --if-exists $dst' EXIT

psql_q() { psql -X -q -v ON_ERROR_STOP=1 -At "$@"; }

echo "1..10"

dropdb --if-exists $src >/dev/null 2>&1; dropdb --if-exists $dst >/dev/null 2>&1
createdb $src
psql_q -d $src >/dev/null <<'SQL'
CREATE EXTENSION dsm_policy CASCADE;
SET search_path = dsm_policy;
INSERT INTO policy (policy_code, title_zh, title_en, issuer_zh, issuer_en,
                    adopted_on, published_on, in_force, stacking_rule)
VALUES ('sys-digital-economy-2026', '双鸭山市数字经济政策措施（2026）', 'Successor measures (test)',
        '双鸭山市人民政府', 'Shuangyashan City People''s Government',
        '2025-11-20', '2025-12-01', '[2026-01-01,2027-12-31]', 'highest_only');
INSERT INTO section (section_code, policy_code, title_zh, title_en)
VALUES ('4', 'sys-digital-economy-2026', '四、新增措施', 'IV. New measures');
INSERT INTO clause (clause_code, policy_code, section_code, sort_key, title_zh, title_en,
                    award_kind, basis, basis_en, cap_scope)
VALUES ('22', 'sys-digital-economy-2026', '4', 2200, '数据资产入表', 'Data assets on the balance sheet (test)',
        'share', 'provincial_amount', 'provincial award', 'application');
INSERT INTO responsible_unit VALUES ('data_bureau', '市数据局', 'City Data Bureau');
INSERT INTO clause_unit VALUES ('22', 'data_bureau', 1), ('22', 'finance', 2), ('3', 'data_bureau', 3);
INSERT INTO scenario VALUES ('cloud60', 'Cloud subsidy at 60 %');
INSERT INTO parameter (policy_code, clause_code, name, scenario, validity,
                       value_ratio, value_amount, value_count, value_date, value_flag)
VALUES ('sys-digital-economy-2026', NULL, 'in_force', 'enacted', '[2026-01-01,2027-12-31]', NULL, NULL, NULL, NULL, true),
       ('sys-digital-economy-2026', '3', 'share_ratio', 'enacted', '[2026-01-01,)', 0.4, NULL, NULL, NULL, NULL),
       ('sys-digital-economy-2026', '22', 'share_ratio', 'enacted', '[2026-01-01,)', 0.15, NULL, NULL, NULL, NULL),
       ('sys-digital-economy-2026', '22', 'cap', 'enacted', '[2026-01-01,)', NULL, 300000, NULL, NULL, NULL),
       ('sys-digital-economy-2026', '12', 'min_service_start_date', 'enacted', '[2026-01-01,)', NULL, NULL, NULL, '2024-01-01', NULL),
       ('sys-digital-economy-2022', '3', 'share_ratio', 'cloud60', '[2022-07-28,2025-12-31]', 0.6, NULL, NULL, NULL, NULL),
       ('sys-digital-economy-2022', '3', 'quota_enterprises_per_year', 'cloud60', '[2022-07-28,2025-12-31]', NULL, NULL, 40, NULL, NULL);
-- A deleted user row leaves a gap the sequence must remember.
DELETE FROM parameter WHERE name = 'min_service_start_date' AND NOT shipped;
-- Applications under the enacted policy, the successor and the user's clause 22.
INSERT INTO application (credit_code, enterprise_name, clause_code, project_ref, applied_at, qualifying_date,
                         scale, manufacturer, provincial_amount, expenditure, cloud_stars, service_start, in_use)
VALUES ('91230500MA0000001D', '双鸭山甲科技有限公司', '1', 'P1', '2023-05-01 10:00+08', '2023-04-01', 'above', false, 1500000, NULL, NULL, NULL, NULL),
       ('91230500MA0000001D', '双鸭山甲科技有限公司', '4', 'P1', '2023-05-02 10:00+08', '2023-04-02', 'above', false, 400000, NULL, NULL, NULL, NULL),
       ('91230500MA0000002G', '宝清县乙农业有限公司', '3', 'cloud', '2026-05-01 10:00+08', '2026-05-01', 'below', true, NULL, 50000, 4, '2025-06-01', true),
       ('91230500MA0000002G', '宝清县乙农业有限公司', '22', 'data', '2026-06-01 10:00+08', '2026-05-01', 'below', false, 3000000, NULL, NULL, NULL, NULL);
INSERT INTO other_award (credit_code, project_ref, award_year, policy_name, amount)
VALUES ('91230500MA0000002G', 'data', 2026, 'Data economy fund', 200000);
-- A changed user row: its audit history has an insert and an update.
UPDATE parameter SET value_ratio = 0.45 WHERE clause_code = '3' AND name = 'share_ratio' AND NOT shipped
   AND scenario = 'enacted';
-- 2023 settled, one decision corrected; 2026 provisional.
SET client_min_messages = warning;
SELECT settle_award_year(2023, 'year-end 2023');
SELECT correct_settled_decision(1, 290000, 'the province reduced its award');
SQL

# The whole content of every config table, in a stable order, as one text.
snapshot() {
    psql_q -d "$1" <<'SQL'
SELECT t, string_agg(r, E'\n' ORDER BY r) FROM (
    SELECT 'policy' AS t, p::text AS r FROM dsm_policy.policy p
    UNION ALL SELECT 'section', s::text FROM dsm_policy.section s
    UNION ALL SELECT 'clause', c::text FROM dsm_policy.clause c
    UNION ALL SELECT 'responsible_unit', u::text FROM dsm_policy.responsible_unit u
    UNION ALL SELECT 'clause_unit', cu::text FROM dsm_policy.clause_unit cu
    UNION ALL SELECT 'scenario', sc::text FROM dsm_policy.scenario sc
    UNION ALL SELECT 'parameter', pa::text FROM dsm_policy.parameter pa
    UNION ALL SELECT 'application', a::text FROM dsm_policy.application a
    UNION ALL SELECT 'other_award', o::text FROM dsm_policy.other_award o
    UNION ALL SELECT 'activity_log', l::text FROM dsm_policy.activity_log l
    UNION ALL SELECT 'settlement', s::text FROM dsm_policy.settlement s
    UNION ALL SELECT 'ledger', e::text FROM dsm_policy.ledger e
) x GROUP BY t ORDER BY t;
SQL
}

decisions() {
    psql_q -d "$1" -c "SELECT d::text FROM dsm_policy.award_decision d ORDER BY application_id"
}

before=$(snapshot $src)
decided_before=$(decisions $src)
dump_log=$(pg_dump -Fc -f "$dump" $src 2>&1)
order=$(pg_restore -l "$dump" | awk '/TABLE DATA dsm_policy/ { print $(NF-1) }' | tr '\n' ' ')
createdb $dst
restore_log=$(pg_restore -d $dst "$dump" 2>&1) && rc=0 || rc=$?
after=$(snapshot $dst)
decided_after=$(decisions $dst)

if [ "$rc" = 0 ] && [ -z "$restore_log" ]; then
    echo "ok 1 - pg_restore succeeds without errors or warnings"
else
    echo "not ok 1 - pg_restore succeeds without errors or warnings"
    echo "$restore_log" | sed 's/^/# /'
fi

if [ "$before" = "$after" ]; then
    echo "ok 2 - every row of every config table is back, exactly once"
else
    echo "not ok 2 - every row of every config table is back, exactly once"
    diff <(echo "$before") <(echo "$after") | head -40 | sed 's/^/# /'
fi

counts=$(psql_q -d $dst -c "SELECT count(*) FILTER (WHERE shipped) || '/' || count(*) FILTER (WHERE NOT shipped) FROM dsm_policy.parameter")
if [ "$counts" = "60/6" ]; then
    echo "ok 3 - parameter: 60 shipped rows and 6 user rows, none twice"
else
    echo "not ok 3 - parameter: 60 shipped rows and 6 user rows, none twice (got $counts)"
fi

dups=$(psql_q -d $dst -c "SELECT count(*) FROM (SELECT clause_code, unit_code FROM dsm_policy.clause_unit GROUP BY 1, 2 HAVING count(*) > 1) d")
if [ "$dups" = 0 ]; then
    echo "ok 4 - no clause_unit link twice"
else
    echo "not ok 4 - no clause_unit link twice ($dups duplicates)"
fi

next_src=$(psql_q -d $src -c "SELECT last_value FROM dsm_policy.parameter_parameter_id_seq")
new_id=$(psql_q -d $dst -c "INSERT INTO dsm_policy.parameter (policy_code, clause_code, name, scenario, validity, value_ratio)
                             VALUES ('sys-digital-economy-2022', '1', 'share_ratio', 'cloud60', '[2022-07-28,2025-12-31]', 0.3)
                             RETURNING parameter_id" | head -1)
if [ "$new_id" -gt "$next_src" ]; then
    echo "ok 5 - the identity sequence continues after restore ($new_id > $next_src)"
else
    echo "not ok 5 - the identity sequence continues after restore ($new_id <= $next_src)"
fi

guard=$(psql_q -d $dst -c "UPDATE dsm_policy.parameter SET value_ratio = 0.9 WHERE shipped AND name = 'share_ratio' AND clause_code = '1'" 2>&1 || true)
if echo "$guard" | grep -q 'cannot update a shipped row'; then
    echo "ok 6 - restored shipped rows are still read-only"
else
    echo "not ok 6 - restored shipped rows are still read-only"
    echo "$guard" | sed 's/^/# /'
fi

if [ -n "$decided_before" ] && [ "$decided_before" = "$decided_after" ] &&
   [ "$(echo "$decided_before" | grep -c 'payable')" -ge 3 ]; then
    echo "ok 7 - the same decisions after restore ($(echo "$decided_after" | wc -l) applications)"
else
    echo "not ok 7 - the same decisions after restore"
    diff <(echo "$decided_before") <(echo "$decided_after") | head -20 | sed 's/^/# /'
fi

if [ -z "$dump_log" ]; then
    echo "ok 8 - pg_dump runs without warnings"
else
    echo "not ok 8 - pg_dump runs without warnings"
    echo "$dump_log" | sed 's/^/# /'
fi

# The audit trail must be restored before the tables it audits (their
# trigger then finds each restored row already recorded): see record_change().
case "$order" in
    "activity_log "*) echo "ok 9 - the audit trail is the first table restored ($order)" ;;
    *) echo "not ok 9 - the audit trail is the first table restored ($order)" ;;
esac

counts=$(psql_q -d $dst -c "SELECT (SELECT count(*) FROM dsm_policy.ledger) || '/' || (SELECT count(*) FROM dsm_policy.settlement)
                                   || '/' || (SELECT count(*) FILTER (WHERE settled) FROM dsm_policy.award_decision)
                                   || '/' || (SELECT sum(payable_amount) FILTER (WHERE settled) FROM dsm_policy.award_decision)")
if [ "$counts" = "4/2/2/290000.00" ]; then
    echo "ok 10 - the ledger is back: 4 entries, 2 settlements, 2 settled decisions paying 290,000.00 after the correction"
else
    echo "not ok 10 - the ledger is back (got $counts)"
fi
