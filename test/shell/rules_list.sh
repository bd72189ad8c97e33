#!/usr/bin/env bash
# The README's table "The rules, and where each lives" matches the C code one
# to one: its steps are 1, 2, ... in order; each names a function that is
# defined in the file it names, and that function (or the comment just above
# it) carries the step's marker, "N. " or "Step N"; and every step marker in
# the core's files is a step of the table.  TAP output; needs no server.
set -euo pipefail
cd "$(dirname "$0")/../.."

n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $1"; shift; for line in "$@"; do echo "# $line"; done; }

# The table's rows: "| N | rule | statuses | `function()`, src/file.c |".
rows=$(awk '/^## The rules, and where each lives/ { on = 1; next }
            on && /^## / { exit }
            on && /^\| [0-9]+ \|/ { print }' README.md)

# body FILE FUNCTION: the function's definition, from the comment above it to its closing brace.
body() {
    awk -v f="$2" '
        /^\/\*/ { comment = "" ; incomment = 1 }
        incomment { comment = comment $0 "\n"; if ($0 ~ /\*\//) incomment = 0; next }
        $0 ~ "^" f "\\(" { on = 1; printf "%s", comment }
        !on && !/^(static|void|bool|int|size_t|dsm_[a-z_]+)/ { comment = "" }
        on { print }
        on && /^}/ { exit }' "$1"
}

echo "1..$(( $(grep -c . <<<"$rows") + 2 ))"

expected=1
steps=""
while IFS= read -r row; do
    step=$(awk -F'|' '{ gsub(/ /, "", $2); print $2 }' <<<"$row")
    where=$(awk -F'|' '{ print $5 }' <<<"$row")
    fn=$(sed -n 's/.*`\([a-z_]*\)()`.*/\1/p' <<<"$where")
    file=$(grep -o 'src/[a-z_]*\.c' <<<"$where" || true)
    steps="$steps $step"
    if [ "$step" != "$expected" ]; then
        not_ok "step $step: the table's steps follow each other" "expected step $expected"
    elif [ -z "$fn" ] || [ -z "$file" ] || [ ! -f "$file" ]; then
        not_ok "step $step: names a function and a file of src/" "$row"
    else
        def=$(body "$file" "$fn")
        if [ -z "$def" ]; then
            not_ok "step $step: $fn() is defined in $file" "no line starts with $fn("
        elif grep -Eq "(/\*|\*| and) *(Step )?$step[.:] " <<<"$def"; then
            ok "step $step: $fn() in $file carries the marker of step $step"
        else
            not_ok "step $step: $fn() in $file carries the marker of step $step" \
                   "no comment \"$step. \" or \"Step $step:\" in it or above it"
        fi
    fi
    expected=$((expected + 1))
done <<<"$rows"

# Every marker of the core's files is a step of the table, and the other way round.
markers=$(grep -ohE '(/\*|^[[:space:]]*\*) *(Step )?[0-9]+[.:] [A-Za-z]|and [0-9]+\. [a-z]' src/award.c src/enterprise.c |
          grep -oE '[0-9]+' | sort -un | tr '\n' ' ')
table=$(tr ' ' '\n' <<<"$steps" | grep . | sort -un | tr '\n' ' ')
if [ "$markers" = "$table" ]; then
    ok "the core's step markers are the table's steps: $table"
else
    not_ok "the core's step markers are the table's steps" "markers: $markers" "table: $table"
fi

# A table that is not there cannot pass: it has the eleven steps of doc/reference.md.
ref=$(grep -cE '^[0-9]+\. \*\*' <(awk '/^## The rules, in order/ { on = 1; next } on && /^## / { exit } on' doc/reference.md))
count=$(grep -c . <<<"$rows")
if [ "$count" = "$ref" ] && [ "$count" -gt 0 ]; then
    ok "the README lists the $count steps of doc/reference.md"
else
    not_ok "the README lists the steps of doc/reference.md" "README: $count, doc/reference.md: $ref"
fi
