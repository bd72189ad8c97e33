#!/usr/bin/env bash
# Every SQL example of the documentation is run, so that none can rot: the
# ```sql blocks of README.md and of doc/*.md (but doc/install.md, which
# test/shell/install_guide.sh follows step by step, and doc/policy/, the
# policy's text), and the results the documents show under them.
#
# Each document gets a fresh database made as tools/main.sh makes its own:
# UTF8, locale C.UTF-8, time zone Asia/Shanghai (set on the database), the
# extension, the sample data (tools/sample_data.sql) and the provincial
# awards with the proposals made from them (tools/sample_feed.sql, fed
# updates/provincial-awards-2022-2025.csv).  The
# document's sql blocks are run in document order in ONE psql session, so
# that a block may build on the blocks before it (a row it inserted, a
# setting, a psql variable).  psql runs as the superuser of the server the
# PG* variables name, without psqlrc (-X), not quiet, not stopping at
# errors, with notices shown (client_min_messages = notice) and SHOW_CONTEXT
# never (CONTEXT lines name line numbers of functions, which change with
# every edit).  Its working directory is a scratch directory holding a
# symbolic link to every file and directory of the repository root: relative
# paths (updates/..., tools/...) read as from the root, and a file an example
# writes (\copy ... TO 'next.csv') stays out of the repository.
#
# The conventions of the documents (write a block so):
#
#   - Only fences at the start of a line count.  An indented ```sql or
#     ```text fence fails the test: it would go unchecked.
#   - ```sql        run.  It passes when psql reports no error in it.  It
#                   must end with a complete statement (its last line, not
#                   counting comments, ends with ";" or is a psql
#                   meta-command such as \gx or \crosstabview): an unfinished
#                   statement would run together with the next block.
#   - -- fails: SQLSTATE
#                   as the first line of an sql block: the block must fail,
#                   with exactly one error, of that SQLSTATE (an example of
#                   a refusal).  Statements before the failing one run.
#   - -- not run: REASON
#                   as the first line of an sql block: not run, and reported
#                   as a SKIP with the reason.  For a block that cannot run
#                   in a test database; there should be very few.
#   - ```text       right after an sql block (nothing but blank lines between
#                   the two): what the block prints, compared exactly: the
#                   standard output and error of psql for the block, with
#                   psql's "psql:FILE:LINE: " prefix removed, trailing blanks
#                   and leading and trailing blank lines ignored.  A text
#                   block anywhere else is an illustration, not compared.
#   - Any other block (sh, csv, a plain ```) is not run.
#
# Also checked: README.md links every doc/*.md (its table of contents).
#
# Roles are global: the databases are dropped after each document, and so
# are the roles its blocks create (CREATE ROLE name).  The test therefore
# runs only against a pg_virtualenv cluster (cluster_name .../regress) unless
# DSM_DOC_EXAMPLES_ANY_SERVER=1.
# TAP output (plan at the end); needs the PG* variables of a running server
# (tools/run-tests.sh).  DSM_DOC_EXAMPLES_DOCS="doc/dba.md ..." runs only
# those documents; DSM_DOC_EXAMPLES_KEEP=1 keeps the scratch directory (each
# block's output is in NAME/NNN.got).
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 1
repo=$PWD
export LC_ALL=C.UTF-8 LANG=C.UTF-8
export PGOPTIONS='-c client_min_messages=notice'
unset PGTZ PGDATESTYLE PGCLIENTENCODING PGDATABASE

n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() {
    n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"
    shift; [ $# = 0 ] || printf '%s\n' "$@" | sed 's/^/# /'
}

su_q() { psql -X -q -At -v ON_ERROR_STOP=1 -d postgres "$@"; }

cluster=$(su_q -c 'SHOW cluster_name' 2>&1) || { echo "Bail out! no server: $cluster"; exit 1; }
if [ "${cluster##*/}" != regress ] && [ "${DSM_DOC_EXAMPLES_ANY_SERVER:-}" != 1 ]; then
    echo "Bail out! server \"$cluster\" is not a pg_virtualenv cluster: this test drops databases and roles (DSM_DOC_EXAMPLES_ANY_SERVER=1 to run anyway)"
    exit 1
fi

work=$(mktemp -d)
mkdir "$work/root"
for f in "$repo"/* "$repo"/.[!.]*; do
    [ -e "$f" ] && ln -s "$f" "$work/root/"
done
cleanup() {
    [ -z "${db:-}" ] || dropdb --if-exists "$db" >/dev/null 2>&1
    [ -z "${roles:-}" ] || for r in $roles; do su_q -c "DROP ROLE IF EXISTS $r" >/dev/null 2>&1; done
    if [ "${DSM_DOC_EXAMPLES_KEEP:-}" = 1 ]; then echo "# kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# norm FILE: a block's output as compared.
norm() {
    sed -E 's/^psql:[^ ]*:[0-9]+: //; s/[[:space:]]+$//' "$1" |
        awk '{ lines[NR] = $0; if ($0 != "") { if (!first) first = NR; last = NR } }
             END { for (i = first; i && i <= last; i++) print lines[i] }'
}

# --- The table of contents: README.md links every document of doc/.
missing=
for f in doc/*.md; do
    grep -q "($f)" README.md || missing="$missing $f"
done
if [ -z "$missing" ]; then
    ok "README.md links every doc/*.md"
else
    not_ok "README.md links every doc/*.md" "not linked:$missing"
fi

if [ -n "${DSM_DOC_EXAMPLES_DOCS:-}" ]; then
    docs=$DSM_DOC_EXAMPLES_DOCS
else
    docs=README.md
    for f in doc/*.md; do
        [ "$f" = doc/install.md ] || docs="$docs $f"
    done
fi
for doc in $docs; do
    name=$(basename "$doc" .md | tr 'A-Z-' 'a-z_')
    dir=$work/$name
    mkdir "$dir"

    # The blocks, in order: $dir/NNN.<info> and a list "NNN info line".
    awk -v dir="$dir" '
        /^[ \t]+```(sql|text)/ { print NR >> (dir "/indented") }
        /^```/ {
            if (!on) {
                n++; info = substr($0, 4); sub(/[ \t].*$/, "", info)
                if (info == "") info = "none"
                file = sprintf("%s/%03d.%s", dir, n, info)
                # the previous block, and whether only blank lines lie between
                printf "%03d %s %d %d\n", n, info, NR + 1, (n > 1 && gap == 0) >> (dir "/list")
                printf "" > file
                on = 1
            } else {
                on = 0; close(file); gap = 0
            }
            next
        }
        on { print > file; next }
        /[^ \t]/ { gap = 1 }
    ' "$doc"

    if [ -s "$dir/indented" ]; then
        not_ok "$doc: no indented sql or text fences" "indented fences at lines: $(tr '\n' ' ' <"$dir/indented")"
    fi
    [ -s "$dir/list" ] || { echo "# $doc: no code blocks"; continue; }

    # The session's script: each sql block between two markers, the second
    # with the SQLSTATE of the block's last error (00000: none).
    script=$dir/session.sql
    {
        echo '\set SHOW_CONTEXT never'
    } >"$script"
    declare -A line=() expect=() skip=() fails=() first=()
    order=()
    prev_sql=
    while read -r num info start adjacent; do
        file=$dir/$num.$info
        if [ "$info" = text ] && [ "$adjacent" = 1 ] && [ -n "$prev_sql" ]; then
            expect[$prev_sql]=$file
        fi
        prev_sql=
        [ "$info" = sql ] || continue
        prev_sql=$num
        order+=("$num")
        line[$num]=$start
        first[$num]=$(grep -v -e '^[[:space:]]*--' -e '^[[:space:]]*$' "$file" | head -n 1 | cut -c1-60)
        mark=$(head -n 1 "$file")
        case $mark in
            "-- not run: "*) skip[$num]=${mark#-- not run: }; continue ;;
            "-- fails: "*) fails[$num]=${mark#-- fails: } ;;
        esac
        {
            printf '%s\n' "\\echo '@@doc-examples block $num@@'" '\set LAST_ERROR_SQLSTATE 00000'
            cat "$file"
            printf '%s\n' "\\echo '@@doc-examples end $num@@' :LAST_ERROR_SQLSTATE"
        } >>"$script"
    done <"$dir/list"

    roles=$(cat "$dir"/*.sql 2>/dev/null | grep -oiE '^[[:space:]]*CREATE ROLE [a-z_][a-z0-9_]*' | awk '{ print $3 }' | sort -u | tr '\n' ' ')
    [ ${#order[@]} -gt 0 ] || { echo "# $doc: no sql blocks"; continue; }

    # A fresh database with the extension and the sample data.
    db=dsm_doc_$name
    for r in $roles; do su_q -c "DROP ROLE IF EXISTS $r" >/dev/null 2>&1; done
    dropdb --if-exists "$db" >/dev/null 2>&1
    if ! setup=$( { createdb -T template0 -E UTF8 --locale=C.UTF-8 "$db" &&
               su_q -c "ALTER DATABASE $db SET timezone = 'Asia/Shanghai'" &&
               PGOPTIONS='-c client_min_messages=warning' psql -X -q -v ON_ERROR_STOP=1 -d "$db" \
                   -c 'CREATE EXTENSION dsm_policy CASCADE' -f tools/sample_data.sql &&
               psql -X -q -v ON_ERROR_STOP=1 -d "$db" -v feed="$(base64 -w0 updates/provincial-awards-2022-2025.csv)" \
                   -f tools/sample_feed.sql; } 2>&1 >/dev/null ); then
        not_ok "$doc: a database with the extension and the sample data" "$setup"
        continue
    fi

    (cd "$work/root" && psql -X -v ON_ERROR_STOP=0 -d "$db" -f "$script") >"$dir/session.out" 2>&1
    # Each block's output: $dir/NNN.got, and its state in $dir/NNN.state.
    awk -v dir="$dir" '
        /^@@doc-examples block [0-9]+@@$/ { n = $3; sub(/@@$/, "", n); out = dir "/" n ".got"; printf "" > out; next }
        /^@@doc-examples end [0-9]+@@ / { n = $3; sub(/@@$/, "", n); print $4 > (dir "/" n ".state"); close(out); out = ""; next }
        out != "" { print > out }
    ' "$dir/session.out"

    ran=0 compared=0 skipped=0
    for num in "${order[@]}"; do
        file=$dir/$num.sql
        what="$doc line ${line[$num]}: ${first[$num]}"
        if [ -n "${skip[$num]:-}" ]; then
            ok "$what # SKIP ${skip[$num]}"
            skipped=$((skipped + 1))
            continue
        fi
        ran=$((ran + 1))
        # The last line that is not a comment ends the last statement.
        last=$(grep -v -e '^[[:space:]]*--' -e '^[[:space:]]*$' "$file" | tail -n 1 | sed -E 's/[[:space:]]+$//')
        if [[ "$last" != *";" && "$last" != *\\* ]]; then
            not_ok "$what: ends with a complete statement" "last line: $last"
            continue
        fi
        if [ ! -f "$dir/$num.state" ]; then
            not_ok "$what: ran to its end" "the session stopped in this block (an unterminated quote?)" \
                "$(tail -n 20 "$dir/session.out")"
            continue
        fi
        state=$(cat "$dir/$num.state")
        errors=$(grep -cE '^(psql:[^ ]*:[0-9]+: )?ERROR:  ' "$dir/$num.got")
        if [ -n "${fails[$num]:-}" ]; then
            if [ "$state" = "${fails[$num]}" ] && [ "$errors" = 1 ]; then
                result=ok; detail="fails with ${fails[$num]}, as it says"
            else
                result=no; detail="must fail with exactly one error, ${fails[$num]}; got $errors error(s), the last $state"
            fi
        elif [ "$state" = 00000 ] && [ "$errors" = 0 ]; then
            result=ok; detail=""
        else
            result=no; detail="psql reports $errors error(s), the last $state"
        fi
        if [ -n "${expect[$num]:-}" ]; then
            compared=$((compared + 1))
            if diff -u <(norm "${expect[$num]}") <(norm "$dir/$num.got") >"$dir/$num.diff"; then
                detail="${detail:+$detail; }prints what the document shows"
            else
                result=no
                detail="${detail:+$detail; }does not print what the document shows"
            fi
        fi
        if [ $result = ok ]; then
            ok "$what${detail:+ ($detail)}"
        elif [ -s "$dir/$num.diff" ]; then
            not_ok "$what: $detail" "$(tail -n +3 "$dir/$num.diff")"
        else
            not_ok "$what: $detail" "$(tail -n 30 "$dir/$num.got")"
        fi
    done
    echo "# $doc: ${#order[@]} sql blocks: $ran run ($compared with their output compared), $skipped not run"

    dropdb --if-exists "$db" >/dev/null 2>&1
    for r in $roles; do su_q -c "DROP ROLE IF EXISTS $r" >/dev/null 2>&1; done
    db='' roles=''
    unset line expect skip fails first
done

echo "1..$n"
[ $failed = 0 ]
