#!/usr/bin/env bash
# Runs every test against the server the PG* variables point at (tools/test.sh
# starts one with pg_virtualenv): C core unit tests (test/core), pg_regress
# (sql/ -> expected/), pgTAP (test/pgtap) and TAP shell tests (test/shell).
# Writes "<passed> <failed>" to $DSM_TEST_COUNTS when that is set.
# Exit status: 0 only when all pass.
set -uo pipefail
cd "$(dirname "$0")/.."

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
passed=0
failed=0
summary=""

# suite NAME OK_REGEX FAIL_REGEX COMMAND...: run COMMAND, show its output, and
# count its passed and failed tests by the lines matching the two patterns.
suite() {
    local name=$1 ok_re=$2 fail_re=$3 ok bad
    shift 3
    echo "== $name"
    "$@" 2>&1 | tee "$log"
    [ "${PIPESTATUS[0]}" = 0 ] || status=1
    ok=$(grep -cE "$ok_re" "$log")
    bad=$(grep -cE "$fail_re" "$log")
    passed=$((passed + ok))
    failed=$((failed + bad))
    summary="$summary${summary:+; }$name: $ok passed, $bad failed"
}

tap_ok='^ok [0-9]'
tap_failed='^not ok [0-9]'

suite core "$tap_ok" "$tap_failed" make -s core-check
suite fuzz "$tap_ok" "$tap_failed" make -s fuzz-check

rm -f regression.diffs
suite pg_regress '^test .* ok ' '^test .* FAILED' make -s installcheck
[ -f regression.diffs ] && cat regression.diffs

dropdb --if-exists dsm_policy_tap >/dev/null 2>&1
createdb dsm_policy_tap || exit 1
PGDATABASE=dsm_policy_tap suite pgTAP "$tap_ok" "$tap_failed" \
    pg_prove --verbose --failures --ext .sql -r test/pgtap

PGOPTIONS='-c client_min_messages=warning' suite shell "$tap_ok" "$tap_failed" \
    prove --verbose --failures test/shell/*.sh

# A runner that stopped early (a crash, a bad plan) fails the run even if no
# single test said "not ok".
if [ "$status" != 0 ] && [ "$failed" = 0 ]; then failed=1; fi
echo "$summary"
[ -n "${DSM_TEST_COUNTS:-}" ] && echo "$passed $failed" > "$DSM_TEST_COUNTS"
exit $status
