-- The C functions never crash the backend, whatever they are given: random
-- and extreme arguments (NULL, NaN, infinities, 1e30, fractions of a fen,
-- dates at the ends of the calendar), corrupt aggregate states, and random
-- CSV files for the parameter loader.  Each call either answers or raises an
-- error of class 22 (data exception) -- for the loader also 23 (a rule of
-- the parameter table); anything else fails the test.
BEGIN;
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION dsm_policy CASCADE;

SELECT plan(7);

CREATE FUNCTION pg_temp.pick(values_ anyarray, i integer) RETURNS anyelement LANGUAGE sql AS
$$ SELECT values_[1 + abs(hashint4(i)) % array_length(values_, 1)] $$;

CREATE TEMP TABLE outcome (what text, answered integer, refused integer);

DO $$
DECLARE
    i integer;
    answered integer := 0;
    refused integer := 0;
    -- valid values weighted so that many calls get past the argument checks
    clauses text[] := ARRAY(SELECT clause_code FROM dsm_policy.clause) || ARRAY['', 'x', NULL];
    amounts numeric[] := ARRAY[NULL, 0, 0.01, 123456.78, 2e7, 1e9, 99999999999999.99,
                               -0.01, 'NaN', 'Infinity', '-Infinity', 1e30, 0.001]::numeric[];
    days date[] := ARRAY[NULL, '2022-07-28', '2022-07-27', '2025-12-31', '2026-01-01', '2000-02-29',
                         '2023-03-31', '-infinity', 'infinity', '4713-01-01 BC', '5874897-12-31']::date[];
    flags boolean[] := ARRAY[true, false, NULL];
BEGIN
    FOR i IN 1..20000 LOOP
        BEGIN
            PERFORM dsm_policy.evaluate_application(
                pg_temp.pick(clauses, i), pg_temp.pick(days[1:7], i * 3), pg_temp.pick(days, i * 5),
                pg_temp.pick(ARRAY['above', 'below', 'above', 'below', 'Above', ''], i * 7),
                pg_temp.pick(ARRAY[true, false, true, false, NULL], i * 11),
                pg_temp.pick(ARRAY[true, false, true, false, NULL], i * 13),
                pg_temp.pick(amounts, i * 17), pg_temp.pick(amounts, i * 19), pg_temp.pick(amounts[1:7], i * 23),
                pg_temp.pick(amounts[1:7], i * 29), pg_temp.pick(amounts[1:7], i * 31),
                pg_temp.pick(ARRAY[NULL, -32768, 0, 3, 5, 32767]::smallint[], i * 37),
                pg_temp.pick(days, i * 41),
                pg_temp.pick(flags, i * 43), pg_temp.pick(flags, i * 47), pg_temp.pick(flags, i * 53),
                pg_temp.pick(flags, i * 59), pg_temp.pick(flags, i * 61));
            answered := answered + 1;
        EXCEPTION WHEN data_exception OR null_value_not_allowed THEN
            refused := refused + 1;
        END;
    END LOOP;
    INSERT INTO outcome VALUES ('evaluate_application', answered, refused);
END
$$;

DO $$
DECLARE
    i integer;
    answered integer := 0;
    refused integer := 0;
    states text[] := ARRAY['{1,0,0,0,0,0,0}', '{2,0,1,0,0}', '{2,1,1,0,0,1,1,1,1}',
                           '{1,9223372036854775807,1,1,0,0,0}', '{2,2147483647,1,0,0}', '{}', '{2}',
                           '{1,1,1,1,1,1,1,1}', '{2,1,0,0,0,-9223372036854775808,-1,0,-1}',
                           '{2,1,1,9223372036854775807,0,0,0,5,5}', '{{1,0},{0,0}}', '{1,1,1,5,1,0,0}'];
    amounts numeric[] := ARRAY[NULL, 0, 0.01, 1e13, 'NaN', '-Infinity', 1e30, -5]::numeric[];
    s1 bigint[];
    s2 bigint[];
BEGIN
    FOR i IN 1..8000 LOOP
        BEGIN
            s1 := pg_temp.pick(states, i)::bigint[];
            s2 := pg_temp.pick(states, i * 3)::bigint[];
            CASE i % 8
                WHEN 0 THEN PERFORM dsm_policy.stacking_combine(s1, s2);
                WHEN 1 THEN PERFORM dsm_policy.cap_allocation_combine(s1, s2);
                WHEN 2 THEN PERFORM dsm_policy.stacking_winner_final(s1);
                WHEN 3 THEN PERFORM dsm_policy.cap_allocation_final(s1);
                WHEN 4 THEN PERFORM dsm_policy.cap_allocated_final(s1);
                WHEN 5 THEN PERFORM dsm_policy.stacking_transition(s1, pg_temp.pick(ARRAY[NULL, 1, i]::bigint[], i), now(), pg_temp.pick(amounts, i));
                WHEN 6 THEN PERFORM dsm_policy.cap_allocation_transition(s1, i, now(), pg_temp.pick(amounts, i), pg_temp.pick(amounts, i * 7));
                ELSE PERFORM dsm_policy.stacking_payable_final(s1);
            END CASE;
            answered := answered + 1;
        EXCEPTION WHEN data_exception OR null_value_not_allowed THEN
            refused := refused + 1;
        END;
    END LOOP;
    INSERT INTO outcome VALUES ('aggregate support functions', answered, refused);
END
$$;


-- Random CSV files: pieces of a real parameter file, shuffled and cut.
DO $$
DECLARE
    i integer;
    j integer;
    csv text;
    answered integer := 0;
    refused integer := 0;
    pieces text[] := ARRAY['policy_code', 'clause_code', 'name', 'scenario', 'valid_from', 'valid_until', 'value',
                           'sys-digital-economy-2022', '3', '1', 'share_ratio', 'cap', 'in_force', 'enacted',
                           '2026-01-01', '2026-02-30', '2027-12-31', '0.5', '60%', '-1', '1e400', 'NaN', 'true',
                           ',', ',', ',', '"', '""', E'\n', E'\r\n', E'\r', ' ', '', '万', repeat('x', 300)];
BEGIN
    FOR i IN 1..3000 LOOP
        csv := CASE WHEN i % 3 = 0 THEN E'policy_code,clause_code,name,valid_from,valid_until,value\n' ELSE '' END;
        FOR j IN 1..(abs(hashint4(i)) % 40) LOOP
            csv := csv || pg_temp.pick(pieces, i * 101 + j);
        END LOOP;
        BEGIN
            PERFORM count(*) FROM dsm_policy.csv_records(csv);
            PERFORM count(*) FROM dsm_policy.load_parameters(csv, close_open_rows => i % 2 = 0);
            answered := answered + 1;
        EXCEPTION WHEN data_exception OR integrity_constraint_violation THEN
            refused := refused + 1;
        END;
    END LOOP;
    INSERT INTO outcome VALUES ('load_parameters', answered, refused);
END
$$;

SELECT cmp_ok((SELECT answered FROM outcome WHERE what = 'evaluate_application'), '>=', 1000,
              'evaluate_application: 20,000 random and extreme calls, every one answered or refused with a data exception (answered: '
              || (SELECT answered FROM outcome WHERE what = 'evaluate_application') || ')');
SELECT cmp_ok((SELECT refused FROM outcome WHERE what = 'evaluate_application'), '>=', 2000,
              'and the bad ones refused (refused: ' || (SELECT refused FROM outcome WHERE what = 'evaluate_application') || ')');
SELECT cmp_ok((SELECT answered FROM outcome WHERE what = 'aggregate support functions'), '>=', 500,
              'aggregate states and arguments: 8,000 random and corrupt calls, every one answered or refused (answered: '
              || (SELECT answered FROM outcome WHERE what = 'aggregate support functions') || ')');
SELECT cmp_ok((SELECT refused FROM outcome WHERE what = 'aggregate support functions'), '>=', 2000,
              'and the corrupt ones refused (refused: ' || (SELECT refused FROM outcome WHERE what = 'aggregate support functions') || ')');
SELECT is((SELECT answered + refused FROM outcome WHERE what = 'load_parameters'), 3000,
          'load_parameters and csv_records: 3,000 random files, each loaded or refused with a data or rule error (refused: '
          || (SELECT refused FROM outcome WHERE what = 'load_parameters') || ')');
SELECT cmp_ok((SELECT refused FROM outcome WHERE what = 'load_parameters'), '>=', 2500,
              'nearly all of them refused');
SELECT is((SELECT 'alive'::text), 'alive', 'the backend is still up');

SELECT * FROM finish();
ROLLBACK;
