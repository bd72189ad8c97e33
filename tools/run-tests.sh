#!/usr/bin/env bash
# Runs every test against the server the PG* variables point at (tools/test.sh
# starts one with pg_virtualenv): C core unit tests (test/core), pg_regress (sql/ -> expected/), pgTAP
# (test/pgtap) and TAP shell tests (test/shell).
# Writes "<passed> <failed>" to $DSM_TEST_COUNTS when that is set.
# Exit status: 0 only when all pass.
set -uo pipefail
cd "$(dirname "$0")/.."

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0

echo "== C core unit tests (test/core)"
make -s core-check 2>&1 | tee "$log"
[ "${PIPESTATUS[0]}" = 0 ] || status=1
core_ok=$(grep -cE '^ok [0-9]' "$log")
core_failed=$(grep -cE '^not ok [0-9]' "$log")

echo "== pg_regress (sql/ -> expected/)"
make -s installcheck 2>&1 | tee "$log"
if [ "${PIPESTATUS[0]}" != 0 ]; then
    [ -f regression.diffs ] && cat regression.diffs
    status=1
fi
regress_ok=$(grep -cE '^(ok|test) .* ok ' "$log")
regress_failed=$(grep -cE '^(not ok|test) .* FAILED' "$log")

echo "== pgTAP (test/pgtap)"
dropdb --if-exists dsm_policy_tap >/dev/null 2>&1
createdb dsm_policy_tap || exit 1
PGDATABASE=dsm_policy_tap pg_prove --verbose --failures --ext .sql -r test/pgtap 2>&1 | tee "$log"
[ "${PIPESTATUS[0]}" = 0 ] || status=1
tap_ok=$(grep -cE '^ok [0-9]' "$log")
tap_failed=$(grep -cE '^not ok [0-9]' "$log")

echo "== shell tests (test/shell)"
PGOPTIONS='-c client_min_messages=warning' prove --verbose --failures test/shell/*.sh 2>&1 | tee "$log"
[ "${PIPESTATUS[0]}" = 0 ] || status=1
sh_ok=$(grep -cE '^ok [0-9]' "$log")
sh_failed=$(grep -cE '^not ok [0-9]' "$log")

passed=$((core_ok + regress_ok + tap_ok + sh_ok))
failed=$((core_failed + regress_failed + tap_failed + sh_failed))
# A runner that stopped early (a crash, a bad plan) fails the run even if no
# single test said "not ok".
if [ "$status" != 0 ] && [ "$failed" = 0 ]; then failed=1; fi
echo "core: $core_ok passed, $core_failed failed; pg_regress: $regress_ok passed, $regress_failed failed; pgTAP: $tap_ok passed, $tap_failed failed; shell: $sh_ok passed, $sh_failed failed"
[ -n "${DSM_TEST_COUNTS:-}" ] && echo "$passed $failed" > "$DSM_TEST_COUNTS"
exit $status
