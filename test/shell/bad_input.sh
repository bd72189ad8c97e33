#!/usr/bin/env bash
# Every row of the bad-input table in doc/reference.md ("Bad input, and the
# error it gets"): the input is tried, must be refused with the SQLSTATE and
# the start of the message the table gives, its detail or hint must say what
# the table's last column quotes (what is allowed), and nothing may be
# stored.  The table is read from the document itself, so the two cannot
# drift apart.
# TAP output; needs the PG* variables of a running server (tools/run-tests.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."

db=dsm_bad_input
trap 'dropdb --if-exists $db' EXIT
dropdb --if-exists $db >/dev/null 2>&1
createdb $db
psql -X -q -v ON_ERROR_STOP=1 -d $db >/dev/null <<'SQL'
SET client_min_messages = warning;
CREATE EXTENSION dsm_policy CASCADE;
-- try(where, column, value): one valid row with one column replaced by value
-- (an SQL literal; for load_parameters a CSV field), inserted or loaded;
-- returns 'SQLSTATE|message|detail and hint|rows stored by the attempt' (the
-- fields separated by the unit separator, 0x1f), or 'accepted'.
CREATE FUNCTION try(target text, col text, val text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    cols text[];
    vals text[];
    before bigint;
    after bigint;
    state text;
    message text;
    detail text;
    hint text;
    tbl text := CASE target WHEN 'load_parameters' THEN 'parameter' ELSE target END;
BEGIN
    CASE target
    WHEN 'application' THEN
        cols := ARRAY['credit_code', 'enterprise_name', 'clause_code', 'project_ref', 'applied_at', 'qualifying_date',
                      'scale', 'provincial_amount', 'expenditure', 'cloud_stars'];
        vals := ARRAY['''91230500MA0000001D''', '''Test''', '''1''', '''P1''', '''2023-05-01 09:00+08''',
                      '''2023-04-01''', '''above''', '1500000', 'NULL', 'NULL'];
    WHEN 'other_award' THEN
        cols := ARRAY['credit_code', 'project_ref', 'award_year', 'policy_name', 'amount'];
        vals := ARRAY['''91230500MA0000001D''', '''P1''', '2023', '''Other fund''', '1000'];
    WHEN 'parameter' THEN
        cols := ARRAY['policy_code', 'clause_code', 'name', 'validity', 'value_ratio'];
        vals := ARRAY['''sys-digital-economy-2022''', '''1''', '''share_ratio''', '''[2026-01-01,2026-12-31]''', '0.2'];
    WHEN 'load_parameters' THEN
        cols := ARRAY['policy_code', 'clause_code', 'name', 'valid_from', 'valid_until', 'value'];
        vals := ARRAY['sys-digital-economy-2022', '1', 'share_ratio', '2026-01-01', '2026-12-31', '0.2'];
    ELSE
        RAISE EXCEPTION 'unknown target %', target;
    END CASE;
    IF NOT col = ANY (cols) THEN
        RAISE EXCEPTION 'column % is not in the base row of %', col, target;
    END IF;
    vals[array_position(cols, col)] := val;
    EXECUTE format('SELECT count(*) FROM dsm_policy.%I', tbl) INTO before;
    BEGIN
        IF target = 'load_parameters' THEN
            PERFORM dsm_policy.load_parameters(array_to_string(cols, ',') || E'\n' || array_to_string(vals, ',') || E'\n');
        ELSE
            EXECUTE format('INSERT INTO dsm_policy.%I (%s) VALUES (%s)', tbl, array_to_string(cols, ', '),
                           array_to_string(vals, ', '));
        END IF;
    EXCEPTION WHEN OTHERS THEN
        GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT,
                                detail = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT;
    END;
    EXECUTE format('SELECT count(*) FROM dsm_policy.%I', tbl) INTO after;
    RETURN coalesce(state || E'\x1f' || message || E'\x1f' || translate(concat_ws(' ', detail, hint), E'\n', ' '), 'accepted')
           || E'\x1f' || (after - before);
END
$$;
SQL

# The table's rows: | input | where | column | `value` | message start | SQLSTATE | and says |
rows=$(awk '/<!-- bad-input-table/ { on = 1; next } /<!-- end of bad-input-table/ { on = 0 } on && /^\| / && !/^\| bad input/ && !/^\|---/' doc/reference.md)
[ -n "$rows" ] || { echo "1..1"; echo "not ok 1 - doc/reference.md has a bad-input table"; exit 1; }
n=$(printf '%s\n' "$rows" | grep -c .)
echo "1..$n"
i=0
while IFS= read -r line; do
    i=$((i + 1))
    IFS='|' read -r _ what target col value message state says _ <<<"$line"
    what=$(echo "$what" | xargs -0 | sed 's/^ *//; s/ *$//')
    target=$(echo "$target" | tr -d ' ')
    col=$(echo "$col" | tr -d ' ')
    value=$(echo "$value" | sed 's/^ *`//; s/` *$//')
    message=$(echo "$message" | sed 's/^ *//; s/ *$//')
    state=$(echo "$state" | tr -d ' ')
    says=$(echo "$says" | sed 's/^ *//; s/ *$//; s/^`//; s/`$//')
    # (psql interpolates variables in its input, not in -c)
    got=$(echo "SELECT try(:'t', :'c', :'v')" | psql -X -At -d $db -v t="$target" -v c="$col" -v v="$value" 2>&1 || true)
    IFS=$'\x1f' read -r got_state got_message got_more stored <<<"$got"
    if [ "$got_state" = "$state" ] && [ "${got_message#"$message"}" != "$got_message" ] && [ "$stored" = 0 ] &&
       { [ -z "$says" ] || [[ "$got_more" == *"$says"* ]]; }; then
        echo "ok $i - $what: $state, \"$message\"${says:+, says \"$says\"}, nothing stored"
    else
        echo "not ok $i - $what: want $state \"$message\"${says:+ saying \"$says\"} and nothing stored"
        echo "# got: $(tr '\037' '|' <<<"$got")"
    fi
done <<<"$rows"
