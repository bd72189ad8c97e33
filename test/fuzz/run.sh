#!/usr/bin/env bash
# test/fuzz/run.sh SECONDS HARNESS...: runs each libFuzzer harness (built by
# `make fuzz-check`) for SECONDS on its seed corpus test/fuzz/corpus/<name>/
# and prints TAP: the plan, then one line per harness with the executions
# libFuzzer reports.  The inputs it finds and any crash artifact go to a
# temporary directory, removed when every harness passes and kept (its path
# printed) when one fails; the seed corpus is only read.
# Exit status: 0 only when no harness crashed, leaked, hung or ran out of memory.
set -u
seconds=$1
shift
seeds=$(dirname "$0")/corpus
work=$(mktemp -d "${TMPDIR:-/tmp}/dsm_fuzz.XXXXXX") || exit 2
status=0
n=0

echo "1..$#"
for harness in "$@"; do
    n=$((n + 1))
    name=$(basename "$harness")
    mkdir -p "$work/$name/corpus" "$work/$name/artifacts"
    log=$work/$name/log
    # the first directory receives new inputs; the seeds are read only
    "$harness" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$work/$name/artifacts/" \
        "$work/$name/corpus" "$seeds/$name" >"$log" 2>&1
    rc=$?
    done_line=$(grep -E '^Done [0-9]+ runs in [0-9]+ second' "$log" | tail -n 1)
    runs=$(echo "$done_line" | sed -E 's/^Done ([0-9]+) runs in ([0-9]+) second.*/\1 runs in \2 s/')
    if [ "$rc" = 0 ] && [ -n "$done_line" ]; then
        echo "ok $n - $name: $runs, no crash"
        continue
    fi
    status=1
    echo "not ok $n - $name: libFuzzer exited with $rc"
    # what broke: the invariant or the sanitizer's report, and the input
    grep -E -A12 'fuzz invariant violated|ERROR: (Address|Undefined|Leak)Sanitizer|runtime error|ERROR: libFuzzer' "$log" |
        head -n 40 | sed 's/^/#   /'
    for artifact in "$work/$name/artifacts"/*; do
        [ -f "$artifact" ] || continue
        echo "#   input: $artifact ($(wc -c <"$artifact") bytes); replay: $harness $artifact"
        if [ "$(wc -c <"$artifact")" -le 4096 ]; then
            echo "#   as base64 (base64 -d > input):"
            base64 -w 76 "$artifact" | sed 's/^/#     /'
        fi
    done
    echo "#   full log: $log"
done

if [ "$status" = 0 ]; then
    rm -rf "$work"
else
    echo "# kept $work"
fi
exit $status
