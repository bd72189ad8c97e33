#!/usr/bin/env bash
# pg_dump / pg_restore round trip of a database with dsm_policy and user rows
# in every config table: each row comes back exactly once, shipped rows are
# not duplicated, and the identity sequence continues where it was.
# TAP output; needs the PG* variables of a running server (tools/run-tests.sh).
set -euo pipefail

src=dsm_dump_src
dst=dsm_dump_dst
dump=$(mktemp -d)/dsm.dump
trap 'rm -rf "$(dirname "$dump")"; dropdb --if-exists $src; dropdb --if-exists $dst' EXIT

psql_q() { psql -X -q -v ON_ERROR_STOP=1 -At "$@"; }

echo "1..6"

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
) x GROUP BY t ORDER BY t;
SQL
}

before=$(snapshot $src)
pg_dump -Fc -f "$dump" $src
createdb $dst
restore_log=$(pg_restore -d $dst "$dump" 2>&1) && rc=0 || rc=$?
after=$(snapshot $dst)

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
if [ "$counts" = "51/6" ]; then
    echo "ok 3 - parameter: 51 shipped rows and 6 user rows, none twice"
else
    echo "not ok 3 - parameter: 51 shipped rows and 6 user rows, none twice (got $counts)"
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
