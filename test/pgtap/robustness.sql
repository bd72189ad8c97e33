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

SELECT plan(11);

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


-- share_award, yuan_to_fen, format_yuan: random and extreme arguments.
DO $$
DECLARE
    i integer;
    answered integer := 0;
    refused integer := 0;
    clauses text[] := ARRAY(SELECT clause_code FROM dsm_policy.clause) || ARRAY['', 'x'];
    amounts numeric[] := ARRAY[0, 0.01, 123456.78, 2e7, 99999999999999.99, -0.01, 'NaN', 'Infinity',
                               '-Infinity', 1e30, 0.001, 1e-30, -1e30]::numeric[];
    days date[] := ARRAY['2022-07-28', '2025-12-31', '2026-01-01', '-infinity', 'infinity',
                         '4713-01-01 BC', '5874897-12-31']::date[];
BEGIN
    FOR i IN 1..20000 LOOP
        BEGIN
            CASE i % 3
                WHEN 0 THEN PERFORM dsm_policy.share_award(pg_temp.pick(clauses, i), pg_temp.pick(days, i * 3),
                                                           pg_temp.pick(ARRAY['above', 'below', 'Above', ''], i * 5),
                                                           i % 2 = 0, pg_temp.pick(amounts, i * 7));
                WHEN 1 THEN PERFORM dsm_policy.yuan_to_fen(pg_temp.pick(amounts, i * 11));
                ELSE PERFORM dsm_policy.format_yuan(pg_temp.pick(amounts, i * 13));
            END CASE;
            answered := answered + 1;
        EXCEPTION WHEN data_exception OR null_value_not_allowed THEN
            refused := refused + 1;
        END;
    END LOOP;
    INSERT INTO outcome VALUES ('share_award and money', answered, refused);
END
$$;

-- enterprise_steps over random enterprises: NULL keys and amounts, NaN,
-- negative and huge amounts and caps, other awards without a time.
DO $$
DECLARE
    i integer;
    answered integer := 0;
    refused integer := 0;
BEGIN
    FOR i IN 1..300 LOOP
        BEGIN
            PERFORM count((s).allocated), sum((s).winning_amount)
            FROM (SELECT dsm_policy.enterprise_steps(ROW(
                         CASE WHEN abs(hashint4(i * 1000 + n)) % 5 = 0 THEN NULL ELSE n END,
                         CASE WHEN i % 4 = 0 AND abs(hashint4(i * 7 + n)) % 9 = 0 THEN NULL ELSE timestamptz '2023-01-01' + n * interval '1 hour' END,
                         (ARRAY['1', '3', NULL, ''])[1 + abs(hashint4(i + n)) % 4],
                         (ARRAY[2023, NULL, -1])[1 + abs(hashint4(i * 3 + n)) % 3],
                         (ARRAY['P1', NULL, ''])[1 + abs(hashint4(i * 5 + n)) % 3],
                         (ARRAY[n::bigint, NULL, -9223372036854775808])[1 + abs(hashint4(i * 11 + n)) % 3],
                         (ARRAY['P1', 'P2', NULL])[1 + abs(hashint4(i * 13 + n)) % 3],
                         (ARRAY[2023, 2024, NULL])[1 + abs(hashint4(i * 17 + n)) % 3],
                         -- one enterprise in four gets bad amounts; the others must be answered
                         CASE WHEN i % 4 = 0
                              THEN (ARRAY[0, 100, NULL, 'NaN', -1, 99999999999999.99, 1e30, 0.001]::numeric[])[1 + abs(hashint4(i * 19 + n)) % 8]
                              ELSE (ARRAY[0, 100, NULL, 2500.5, 99999999999999.99]::numeric[])[1 + abs(hashint4(i * 19 + n)) % 5] END,
                         CASE WHEN i % 4 = 0
                              THEN (ARRAY[NULL, 0, 50000, -5, 'Infinity']::numeric[])[1 + abs(hashint4(i * 23 + n)) % 5]
                              ELSE (ARRAY[NULL, 0, 50000, 120.25]::numeric[])[1 + abs(hashint4(i * 23 + n)) % 4] END,
                         (ARRAY[true, false, NULL])[1 + abs(hashint4(i * 29 + n)) % 3],
                         (ARRAY[true, false, NULL])[1 + abs(hashint4(i * 31 + n)) % 3])::dsm_policy.group_step_input)
                         OVER (PARTITION BY n % 3 ORDER BY n) AS s
                  FROM generate_series(1, 1 + i % 40) AS n) x;
            answered := answered + 1;
        EXCEPTION WHEN data_exception OR null_value_not_allowed THEN
            refused := refused + 1;
        END;
    END LOOP;
    INSERT INTO outcome VALUES ('enterprise_steps', answered, refused);
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
SELECT is((SELECT answered + refused FROM outcome WHERE what = 'share_award and money'), 20000,
          'share_award, yuan_to_fen, format_yuan: 20,000 random and extreme calls, each answered or refused with a data exception (refused: '
          || (SELECT refused FROM outcome WHERE what = 'share_award and money') || ')');
SELECT cmp_ok((SELECT answered FROM outcome WHERE what = 'share_award and money'), '>=', 5000,
              'and the valid ones answered (' || (SELECT answered FROM outcome WHERE what = 'share_award and money') || ')');
SELECT is((SELECT answered + refused FROM outcome WHERE what = 'enterprise_steps'), 300,
          'enterprise_steps: 300 random enterprises of 1 to 40 rows with NULL keys, and in one of four NaN, negative, huge and infinite amounts: each answered or refused (answered: '
          || (SELECT answered FROM outcome WHERE what = 'enterprise_steps') || ')');
SELECT cmp_ok((SELECT answered FROM outcome WHERE what = 'enterprise_steps'), '>=', 225,
              'every enterprise without a bad amount answered');
SELECT is((SELECT 'alive'::text), 'alive', 'the backend is still up');

SELECT * FROM finish();
ROLLBACK;
