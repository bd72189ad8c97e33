#!/usr/bin/env bash
# Upgrade from 1.0: CREATE EXTENSION dsm_policy VERSION '1.0', then ALTER
# EXTENSION dsm_policy UPDATE, gives the same objects as a fresh install of
# the current version (test/shell/catalog.sql, compared line by line), keeps
# the data, and decides the applications as 1.0 did.
# TAP output; needs the PG* variables of a running server (tools/run-tests.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."

old=dsm_upgrade_old
new=dsm_upgrade_new
trap 'dropdb --if-exists $old; dropdb --if-exists $new' EXIT

psql_q() { psql -X -q -v ON_ERROR_STOP=1 -At "$@"; }
check() {   # check N DESCRIPTION: ok when the previous command succeeded
    if [ "$rc" = 0 ]; then echo "ok $1 - $2"; else echo "not ok $1 - $2"; fi
}

echo "1..7"

current=$(sed -n "s/^default_version *= *'\(.*\)'/\1/p" dsm_policy.control)
dropdb --if-exists $old >/dev/null 2>&1; dropdb --if-exists $new >/dev/null 2>&1
createdb $old
createdb $new

# 1.0 with the sample applications, decided before the upgrade.
psql_q -d $old -c "CREATE EXTENSION btree_gist" -c "CREATE EXTENSION dsm_policy VERSION '1.0'" >/dev/null
psql_q -d $old -f tools/sample_data.sql >/dev/null
psql_q -d $old -c "INSERT INTO dsm_policy.scenario VALUES ('before_upgrade', 'added under 1.0')"
decision_columns="application_id, credit_code, enterprise_name, clause_code, project_ref, applied_on,
    qualifying_date, award_year, status, reason, basis_amount, computed_amount, cap_amount, cap_scope, capped,
    award_amount, payable_amount, quota_rank, quota, responsible_units, responsible_units_en, policy_code,
    parameter_version, warning, provincial_max, explanation"
decided_1_0=$(psql_q -d $old -c "SELECT ($decision_columns)::text FROM dsm_policy.award_decision ORDER BY application_id")

update_log=$(psql_q -d $old -c "ALTER EXTENSION dsm_policy UPDATE" 2>&1) && rc=0 || rc=$?
version=$(psql_q -d $old -c "SELECT extversion FROM pg_extension WHERE extname = 'dsm_policy'")
[ "$rc" = 0 ] && [ "$version" = "$current" ] || rc=1
check 1 "ALTER EXTENSION dsm_policy UPDATE takes 1.0 to $current"
[ "$rc" = 0 ] || echo "$update_log $version" | sed 's/^/# /'

psql_q -d $new -c "CREATE EXTENSION dsm_policy CASCADE" >/dev/null
upgraded=$(psql_q -d $old -f test/shell/catalog.sql)
fresh=$(psql_q -d $new -f test/shell/catalog.sql)
[ "$upgraded" = "$fresh" ] && [ "$(echo "$fresh" | wc -l)" -gt 500 ] && rc=0 || rc=1
check 2 "the upgraded catalog is the fresh one ($(echo "$fresh" | wc -l) facts: objects, columns, constraints, indexes, triggers, comments, privileges, shipped rows)"
[ "$rc" = 0 ] || diff <(echo "$upgraded") <(echo "$fresh") | head -40 | sed 's/^/# /'

decided_1_1=$(psql_q -d $old -c "SELECT ($decision_columns)::text FROM dsm_policy.award_decision ORDER BY application_id")
[ -n "$decided_1_0" ] && [ "$decided_1_0" = "$decided_1_1" ] && rc=0 || rc=1
check 3 "after the upgrade the $(echo "$decided_1_0" | wc -l) sample applications are decided as under 1.0"
[ "$rc" = 0 ] || diff <(echo "$decided_1_0") <(echo "$decided_1_1") | head -20 | sed 's/^/# /'

unsettled=$(psql_q -d $old -c "SELECT count(*) FILTER (WHERE settled) || '/' || count(*) FROM dsm_policy.award_decision")
[ "$unsettled" = "0/$(echo "$decided_1_0" | wc -l)" ] && rc=0 || rc=1
check 4 "every decision is provisional right after the upgrade ($unsettled settled)"

audited=$(psql_q -d $old -c "INSERT INTO dsm_policy.scenario VALUES ('after_upgrade', 'test')" \
                       -c "SELECT count(*) FROM dsm_policy.activity_log WHERE row_key = 'after_upgrade'")
[ "$audited" = 1 ] && rc=0 || rc=1
check 5 "the audit trail records changes in the upgraded database"

settled=$(psql_q -d $old -c "SET client_min_messages = warning" -c "SELECT dsm_policy.settle_award_year(2023) IS NOT NULL" \
                       -c "SELECT count(*) > 0 AND bool_and(settled) FROM dsm_policy.award_decision WHERE award_year = 2023 AND status <> 'pending'")
[ "$settled" = "$(printf 't\nt')" ] && rc=0 || rc=1
check 6 "an upgraded database settles an award year"

baseline=$(psql_q -d $old -c "SELECT operation || ' ' || (new_row ->> 'description') FROM dsm_policy.activity_log WHERE row_key = 'before_upgrade'")
[ "$baseline" = "INSERT added under 1.0" ] && rc=0 || rc=1
check 7 "a row added under 1.0 is in the audit trail, as found at the upgrade"
