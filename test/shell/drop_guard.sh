#!/usr/bin/env bash
# DROP EXTENSION cannot take settled money away: while the ledger holds
# entries, every statement that would drop the extension is refused with
# SQLSTATE 2BP01 (with and without CASCADE, through btree_gist or plpgsql,
# DROP SCHEMA ... CASCADE, DROP OWNED BY its owner), and the ledger, the
# applications and the audit trail are still there afterwards.  A DROP of
# something else still works; a role that is not a superuser cannot lift the
# guard; a superuser lifts it for one transaction with SET LOCAL
# dsm_policy.allow_drop_with_ledger = on.  An empty ledger guards nothing.
# TAP output; needs the PG* variables of a running server (tools/run-tests.sh).
set -euo pipefail

db=dsm_drop_guard
trap 'dropdb --if-exists $db >/dev/null 2>&1; psql -X -q -d postgres -c "DROP ROLE IF EXISTS dsm_drop_admin" >/dev/null 2>&1' EXIT

psql_q() { psql -X -q -v ON_ERROR_STOP=1 -At "$@"; }
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $1"; shift; for line in "$@"; do echo "# $line"; done; }

# refused STATEMENT: the statement fails with SQLSTATE 2BP01 and the ledger message.
refused() {
    local out
    out=$(psql -X -q -d $db -v ON_ERROR_STOP=1 -v VERBOSITY=verbose -c "$1" 2>&1) && {
        not_ok "$1: refused" "it succeeded"; return; }
    if grep -q "ERROR:  2BP01: cannot drop extension dsm_policy: its ledger holds 103 settled entries" <<<"$out" &&
       grep -q "SET LOCAL dsm_policy.allow_drop_with_ledger = on" <<<"$out"; then
        ok "$1: refused with 2BP01, the number of entries and how to proceed"
    else
        not_ok "$1: refused with 2BP01" "$out"
    fi
}

counts() {
    psql_q -d $db -c "SELECT (SELECT count(*) FROM dsm_policy.ledger) || ' ' || (SELECT count(*) FROM dsm_policy.application)
                             || ' ' || (SELECT count(*) FROM dsm_policy.activity_log)"
}

echo "1..14"

dropdb --if-exists $db >/dev/null 2>&1
createdb $db
PGOPTIONS="-c client_min_messages=warning" psql_q -d $db -c "CREATE EXTENSION dsm_policy CASCADE"
psql_q -d $db -f tools/sample_data.sql >/dev/null
psql_q -d $db -c "SET client_min_messages = warning; SELECT dsm_policy.settle_award_year(2023)" >/dev/null
before=$(counts)

for statement in "DROP EXTENSION dsm_policy" "DROP EXTENSION dsm_policy CASCADE" \
                 "DROP EXTENSION IF EXISTS dsm_policy, btree_gist" "DROP EXTENSION btree_gist CASCADE" \
                 "DROP EXTENSION plpgsql CASCADE" "DROP SCHEMA dsm_policy CASCADE" \
                 "DROP OWNED BY $(psql_q -d $db -c "SELECT extowner::regrole FROM pg_extension WHERE extname = 'dsm_policy'") CASCADE"; do
    refused "$statement"
done

after=$(counts)
if [ "$after" = "$before" ] && [ "$(psql_q -d $db -c "SELECT count(*) FROM pg_extension WHERE extname IN ('dsm_policy', 'btree_gist')")" = 2 ]; then
    ok "the ledger, the applications and the audit trail are all still there ($after)"
else
    not_ok "nothing dropped" "before: $before" "after: $after"
fi

# A DROP of anything else is not the guard's business.
if psql_q -d $db -c "CREATE TABLE scratch (x integer); DROP TABLE scratch; CREATE SCHEMA scratch; DROP SCHEMA scratch CASCADE" 2>&1; then
    ok "DROP TABLE and DROP SCHEMA of other objects still work"
else
    not_ok "other drops work"
fi

# Only a superuser may lift the guard.
psql_q -d $db -c "CREATE ROLE dsm_drop_admin IN ROLE dsm_policy_admin" 2>/dev/null || true
# (the module loaded first: before, SET only makes a placeholder, which the
# module refuses with a warning when it loads)
out=$(psql -X -q -d $db -v VERBOSITY=verbose -c "SELECT dsm_policy.format_yuan(1)" -c "SET ROLE dsm_drop_admin" \
           -c "SET dsm_policy.allow_drop_with_ledger = on" 2>&1 || true)
if grep -q "42501" <<<"$out"; then
    ok "an admin who is not a superuser cannot set dsm_policy.allow_drop_with_ledger (42501)"
else
    not_ok "non-superuser refused" "$out"
fi

# SET LOCAL lasts one transaction: rolled back, the guard is back.
psql_q -d $db -c "BEGIN; SET LOCAL dsm_policy.allow_drop_with_ledger = on; DROP EXTENSION dsm_policy; ROLLBACK;"
if [ "$(counts)" = "$before" ]; then
    ok "a DROP under SET LOCAL that is rolled back leaves everything"
else
    not_ok "rollback keeps everything" "$(counts)"
fi
refused "DROP EXTENSION dsm_policy"

# The deliberate way: a superuser, one transaction.
if psql_q -d $db -c "BEGIN; SET LOCAL dsm_policy.allow_drop_with_ledger = on; DROP EXTENSION dsm_policy; COMMIT;" &&
   [ "$(psql_q -d $db -c "SELECT count(*) FROM pg_extension WHERE extname = 'dsm_policy'")" = 0 ]; then
    ok "a superuser drops it deliberately with SET LOCAL dsm_policy.allow_drop_with_ledger = on"
else
    not_ok "deliberate drop"
fi

# With an empty ledger there is nothing to guard.
PGOPTIONS="-c client_min_messages=warning" psql_q -d $db -c "CREATE EXTENSION dsm_policy"
psql_q -d $db -f tools/sample_data.sql >/dev/null
if psql_q -d $db -c "DROP EXTENSION dsm_policy" && psql_q -d $db -c "SELECT 1" >/dev/null; then
    ok "with an empty ledger DROP EXTENSION works without any setting"
else
    not_ok "drop with an empty ledger"
fi
