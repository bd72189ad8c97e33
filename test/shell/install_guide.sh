#!/usr/bin/env bash
# Follows doc/install.md, the guide for installing dsm_policy into an existing
# PostgreSQL 15 server, step by step, against the server the PG* variables
# point at (tools/run-tests.sh: a pg_virtualenv cluster, which plays the DBA's
# "existing server"), then checks what the guide promises.
#
# How the guide's code blocks are run (the convention of doc/install.md):
#
#   - Only fences at the start of a line count, and they are taken in order.
#     An indented fence is refused (a block hidden in a list would silently
#     go unchecked).
#   - ```sh   run with `bash -e` as root, from the repository root, standard
#             input /dev/null (so `su postgres -c psql`, which opens the
#             session the sql blocks are typed in, connects and ends), with
#             the PG* variables of the server in the environment: the guide's
#             commands name no port, and `su postgres -c` keeps the
#             environment, as the guide says of PGPORT.
#   - ```sql  run by psql as the superuser (the PG* variables: PGUSER
#             postgres, as `su postgres -c psql` would be), in the database the
#             guide's psql session is in: postgres at first, then the one the
#             last `\connect NAME` (or `\c NAME`) of an earlier block named,
#             as in the one session the guide opens.
#   - ```      (no info string) right after an sh or sql block: what that
#             block prints.  Its output (standard output and error together,
#             psql's "psql:<stdin>:N: " prefix removed, trailing blanks and
#             blank lines at the end ignored) must equal it.  Such a block is
#             run without ON_ERROR_STOP and its exit status is not looked at:
#             an error it is meant to show is part of the text.  An sh or sql
#             block without one must exit 0 (sql with ON_ERROR_STOP).
#   - Any other info string fails the test: every block is run or compared.
#
# One block is not run, and says so (# SKIP): an sh block that is exactly
# `apt-get update`.  It needs the network and rewrites the machine's package
# lists; the `apt-get install` block after it is run, and needs neither when
# the packages are there (tools/test.sh installed them).
#
# Then the checks: the database is UTF8 and its sessions run in Asia/Shanghai
# time, both extensions exist, the guide makes a login role in each of the
# three groups and each logs in with its password and may and may not what
# its group may, the sample data is there, and a LATIN1 database refuses
# CREATE EXTENSION with SQLSTATE 22021 leaving nothing behind.
#
# The guide's databases and login roles are dropped before and after: the
# test therefore runs only against a pg_virtualenv cluster (cluster_name
# 15/regress) unless DSM_INSTALL_GUIDE_ANY_SERVER=1.
# TAP output (plan at the end); as root, like the guide.
set -uo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
guide=doc/install.md
# English messages from psql whatever the caller's locale; the guide's reader
# has no PGOPTIONS (tools/run-tests.sh quiets notices with it).
export LC_ALL=C.UTF-8 LANG=C.UTF-8
unset PGOPTIONS

n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() {
    n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"
    shift; [ $# = 0 ] || printf '%s\n' "$@" | sed 's/^/# /'
}
# check DESCRIPTION CONDITION-COMMAND...: ok when the command succeeds.
check() { local d=$1; shift; if "$@"; then ok "$d"; else not_ok "$d" "${why:-}"; fi; why=; }
why=

# psql as the superuser, no psqlrc, unaligned, tuples only, in database $1.
su_q() { local db=$1; shift; psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" "$@"; }

if [ "$(id -u)" != 0 ]; then echo "1..0 # SKIP the guide's commands run as root"; exit 0; fi
cluster=$(su_q postgres -c 'SHOW cluster_name' 2>&1) || { echo "Bail out! no server: $cluster"; exit 1; }
if [ "${cluster##*/}" != regress ] && [ "${DSM_INSTALL_GUIDE_ANY_SERVER:-}" != 1 ]; then
    echo "Bail out! server \"$cluster\" is not a pg_virtualenv cluster: this test drops database dsm_policy (DSM_INSTALL_GUIDE_ANY_SERVER=1 to run anyway)"
    exit 1
fi
[ "$(su_q postgres -c 'SELECT rolsuper FROM pg_roles WHERE rolname = current_user')" = t ] ||
    { echo "Bail out! PGUSER is not a superuser"; exit 1; }

work=$(mktemp -d)

# The guide's login roles: name, password and group of each CREATE ROLE line.
roles=$(grep -oE "^CREATE ROLE [a-z_][a-z0-9_]* LOGIN PASSWORD '[^']*' IN ROLE dsm_policy_[a-z]+" "$guide" |
        sed -E "s/^CREATE ROLE ([a-z0-9_]+) LOGIN PASSWORD '([^']*)' IN ROLE ([a-z_]+)$/\1 \2 \3/")
# The databases it creates, and the test's own.
dbs="$(grep -oE '^CREATE DATABASE [a-z_][a-z0-9_]*' "$guide" | awk '{ print $3 }') dsm_guide_latin1"

drop_all() {
    local d r
    for d in $dbs; do su_q postgres -c "DROP DATABASE IF EXISTS $d WITH (FORCE)" >/dev/null 2>&1; done
    while read -r r _; do
        [ -z "$r" ] || su_q postgres -c "DROP ROLE IF EXISTS $r" >/dev/null 2>&1
    done <<<"$roles"
}
trap 'drop_all; rm -rf "$work"' EXIT
drop_all

# --- The blocks, in order: $work/NNN.<info> and a list "file line".
awk -v dir="$work" '
    /^[ \t]+```/ { print NR >> (dir "/indented") }
    /^```/ {
        if (!on) {
            n++; info = substr($0, 4); sub(/[ \t].*$/, "", info)
            if (info == "") info = "out"
            file = sprintf("%s/%03d.%s", dir, n, info)
            print file, NR >> (dir "/list")
            printf "" > file
            on = 1
        } else {
            on = 0; close(file)
        }
        next
    }
    on { print > file }
' "$guide"

if [ -s "$work/indented" ]; then
    not_ok "no indented code fences in $guide" "indented fences at lines: $(tr '\n' ' ' <"$work/indented")"
fi

# norm FILE: output as compared: psql's script prefix removed, trailing blanks
# and blank lines at the end dropped.
norm() {
    sed -E 's/^psql:<stdin>:[0-9]+: //; s/[[:space:]]+$//' "$1" |
        awk '{ lines[NR] = $0; if ($0 != "") last = NR } END { for (i = 1; i <= last; i++) print lines[i] }'
}

mapfile -t blocks <"$work/list"
db=postgres          # the guide's psql session starts in database postgres
stopped=
i=0
while [ $i -lt ${#blocks[@]} ]; do
    read -r file line <<<"${blocks[$i]}"
    kind=${file##*.}
    i=$((i + 1))
    expected=
    if [ $i -lt ${#blocks[@]} ] && [ "${blocks[$i]%%.out *}" != "${blocks[$i]}" ]; then
        expected=${blocks[$i]%% *}
        i=$((i + 1))
    fi
    first=$(grep -m1 . "$file" | cut -c1-70)
    what="$guide line $line ($kind): $first"
    case $kind in
        sh | sql) ;;
        out) not_ok "$what: an output block must follow an sh or sql block"; continue ;;
        *) not_ok "$what: unknown info string \"$kind\" (sh, sql, or none for output)"; continue ;;
    esac
    if [ "$(tr -d '[:space:]' <"$file")" = apt-getupdate ]; then
        ok "$what # SKIP needs the network; the install block after it needs no package lists"
        continue
    fi
    if [ -n "$stopped" ]; then
        not_ok "$what: not run, an earlier step failed"
        continue
    fi

    out=$file.got
    if [ $kind = sh ]; then
        (cd "$repo" && bash -e "$file") </dev/null >"$out" 2>&1
        rc=$?
    else
        stop=1
        [ -z "$expected" ] || stop=0
        psql -X -v ON_ERROR_STOP=$stop -d "$db" <"$file" >"$out" 2>&1
        rc=$?
        # The session moves with \connect, as the guide's one psql session does.
        to=$(grep -oE '^\\(c|connect)[[:space:]]+[A-Za-z0-9_]+' "$file" | tail -n 1 | awk '{ print $2 }')
        [ -z "$to" ] || db=$to
    fi

    if [ -n "$expected" ]; then
        if diff -u <(norm "$expected") <(norm "$out") >"$file.diff"; then
            ok "$what: prints what the guide shows"
        else
            not_ok "$what: does not print what the guide shows (line $line)" "$(tail -n +3 "$file.diff")"
            stopped=1
        fi
    elif [ $rc = 0 ]; then
        ok "$what"
    else
        not_ok "$what: exit status $rc" "$(tail -n 30 "$out")"
        stopped=1
    fi
done

# --- What the guide promises.

guide_db=dsm_policy
got=$(su_q postgres -c "SELECT pg_encoding_to_char(encoding) || ' ' || datctype FROM pg_database WHERE datname = '$guide_db'" 2>&1)
why="got: ${got:-no database $guide_db}"
check "database $guide_db is UTF8 with a UTF-8 locale" grep -qiE '^UTF8 [^ ]*\.utf-?8$' <<<"$got"

got=$(env -u PGTZ psql -X -At -d $guide_db -c 'SHOW timezone' 2>&1)
set_tz=$(su_q postgres -c "SELECT array_to_string(setconfig, ',') FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase WHERE d.datname = '$guide_db' AND s.setrole = 0" 2>&1)
why="a new session: $got; the database's settings: $set_tz"
check "database $guide_db: time zone Asia/Shanghai, set on the database (ALTER DATABASE ... SET timezone)" \
    test "$got|$set_tz" = "Asia/Shanghai|TimeZone=Asia/Shanghai"

got=$(su_q $guide_db -c "SELECT string_agg(extname, ' ' ORDER BY extname) FROM pg_extension WHERE extname IN ('btree_gist', 'dsm_policy')" 2>&1)
why="got: $got"
check "extensions dsm_policy and btree_gist (CASCADE) exist in $guide_db" test "$got" = "btree_gist dsm_policy"

got=$(su_q $guide_db -c "SELECT (SELECT count(*) FROM dsm_policy.application) || ' ' || count(DISTINCT status) || ' ' || count(*) FROM dsm_policy.award_decision" 2>&1)
read -r apps statuses decisions <<<"$got"
why="got: applications, statuses, decisions = $got"
check "the sample data is there: 324 applications or more, decided, every one of the 8 statuses" \
    test "${apps:-0}" -ge 324 -a "${statuses:-0}" = 8 -a "${apps:-0}" = "${decisions:-}"

# as_role NAME PASSWORD SQL: the role's session over TCP with its password;
# errors as their SQLSTATE ("ERROR:  42501").
as_role() {
    PGHOST=localhost PGUSER=$1 PGPASSWORD=$2 psql -X -q -At -v VERBOSITY=sqlstate -d $guide_db -c "$3" 2>&1
}
groups_seen=
while read -r role password group; do
    [ -n "$role" ] || continue
    groups_seen="$groups_seen $group"
    login=$(as_role "$role" "$password" "SELECT current_user || ' ' || pg_has_role('$group', 'MEMBER')")
    case $group in
        dsm_policy_reader)
            what="reads the decisions; may not record an application"
            may="SELECT count(*) > 0 FROM dsm_policy.award_decision"
            may_not="INSERT INTO dsm_policy.application (credit_code, clause_code, project_ref, applied_at, qualifying_date, scale) VALUES ('91230500MA0000001D', '4', 'T', '2025-03-10 09:00', '2025-02-20', 'above')"
            ;;
        dsm_policy_clerk)
            what="records an application (rolled back); may not change a parameter"
            may="BEGIN; INSERT INTO dsm_policy.application (credit_code, clause_code, project_ref, applied_at, qualifying_date, scale) VALUES ('91230500MA0000001D', '4', 'T', '2025-03-10 09:00', '2025-02-20', 'above'); ROLLBACK; SELECT true"
            may_not="UPDATE dsm_policy.parameter SET note = note WHERE false"
            ;;
        dsm_policy_admin)
            what="reads the audit trail; may not write the ledger directly"
            may="SELECT count(*) >= 0 FROM dsm_policy.activity_log"
            may_not="INSERT INTO dsm_policy.ledger DEFAULT VALUES"
            ;;
        *)
            not_ok "login role $role: unknown group $group"
            continue
            ;;
    esac
    got_may=$(as_role "$role" "$password" "$may")
    got_may_not=$(as_role "$role" "$password" "$may_not")
    why="login: $login; may ($may): $got_may; may not ($may_not): $got_may_not"
    check "login role $role ($group) logs in with its password, $what (42501)" \
        test "$login|$got_may|$got_may_not" = "$role true|t|ERROR:  42501"
done <<<"$roles"
why="groups of the guide's CREATE ROLE ... LOGIN PASSWORD ... IN ROLE lines:${groups_seen:- none}"
check "the guide gives each of the three groups a login role" \
    test "$(tr ' ' '\n' <<<"$groups_seen" | grep . | sort -u | tr '\n' ' ')" = "dsm_policy_admin dsm_policy_clerk dsm_policy_reader "

why="the guide has no output block with SQLSTATE 22021 and the refusal"
check "the guide shows a LATIN1 database refusing CREATE EXTENSION (22021)" \
    bash -c "cat '$work'/*.out | grep -q '^22021\$' && cat '$work'/*.out | grep -q 'needs a UTF8 database, not LATIN1'"

su_q postgres -c "CREATE DATABASE dsm_guide_latin1 ENCODING 'LATIN1' LOCALE 'C' TEMPLATE template0" >/dev/null 2>&1
got=$(PGOPTIONS='-c client_min_messages=warning' psql -X -q -At -v VERBOSITY=sqlstate -d dsm_guide_latin1 \
          -c 'CREATE EXTENSION dsm_policy CASCADE' 2>&1)
left=$(su_q dsm_guide_latin1 -c "SELECT string_agg(extname, ' ' ORDER BY extname) FROM pg_extension WHERE extname <> 'plpgsql'" \
            -c "SELECT count(*) FROM pg_namespace WHERE nspname = 'dsm_policy'" 2>&1 | tr '\n' '|')
why="got: $got; extensions and schemas left: $left"
check "a LATIN1 database refuses CREATE EXTENSION dsm_policy CASCADE with SQLSTATE 22021, and nothing is left (no btree_gist, no schema)" \
    test "$got|$left" = "ERROR:  22021||0|"

echo "1..$n"
[ $failed = 0 ]
