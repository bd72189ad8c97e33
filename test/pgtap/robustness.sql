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
                clause_code => pg_temp.pick(clauses, i), qualifying_date => pg_temp.pick(days[1:7], i * 3),
                applied_on => pg_temp.pick(days, i * 5),
                scale => pg_temp.pick(ARRAY['above', 'below', 'above', 'below', 'Above', ''], i * 7),
                specialized => pg_temp.pick(ARRAY[true, false, true, false, NULL], i * 11),
                manufacturer => pg_temp.pick(ARRAY[true, false, true, false, NULL], i * 13),
                provincial_amount => pg_temp.pick(amounts, i * 17), expenditure => pg_temp.pick(amounts, i * 19),
                investment => pg_temp.pick(amounts[1:7], i * 23), approved_amount => pg_temp.pick(amounts[1:7], i * 29),
                revenue => pg_temp.pick(amounts[1:7], i * 31),
                cloud_stars => pg_temp.pick(ARRAY[NULL, -32768, 0, 3, 5, 32767, 40000, -2147483648]::integer[], i * 37),
                service_start => pg_temp.pick(days, i * 41),
                expenditure_from => pg_temp.pick(days[1:7], i * 67), expenditure_until => pg_temp.pick(days[1:7], i * 71),
                in_use => pg_temp.pick(flags, i * 43), innovative_mode => pg_temp.pick(flags, i * 47),
                in_catalogue => pg_temp.pick(flags, i * 53), in_production => pg_temp.pick(flags, i * 59),
                reports_statistics => pg_temp.pick(flags, i * 61), city_made_product => pg_temp.pick(flags, i * 73));
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

-- decide_enterprise over random enterprises: random applications (as rows of
-- type application, through application_item) and other awards, random quota
-- places; and items or bundles that are not: random bytes, cut short, a byte
-- changed.  Each call answers or raises a data exception.
CREATE FUNCTION pg_temp.app(i integer, n integer) RETURNS dsm_policy.application LANGUAGE sql AS $f$
    SELECT ROW(n, '91230500MA0000001D', NULL,
               (ARRAY['1', '3', '3', '13', '15', '2.3', '12', '4'])[1 + abs(hashint4(i * 7 + n)) % 8],
               (ARRAY['P1', 'P2', 'P3'])[1 + abs(hashint4(i * 5 + n)) % 3],
               timestamptz '2023-01-01' + (abs(hashint4(i * 11 + n)) % 900) * interval '1 day',
               date '2023-01-01' + abs(hashint4(i * 11 + n)) % 900,
               q, extract(year FROM q)::integer,
               (ARRAY['above', 'below', NULL])[1 + abs(hashint4(i * 13 + n)) % 3], false, true,
               (ARRAY[0, 100, 2500000, NULL, 999999999999.99]::numeric[])[1 + abs(hashint4(i * 17 + n)) % 5],
               (ARRAY[0, 80000, 150000.5, NULL]::numeric[])[1 + abs(hashint4(i * 19 + n)) % 4],
               50000000, NULL, NULL, 4::smallint,
               q - (abs(hashint4(i * 23 + n)) % 400),
               true, true, true, true, true,
               (ARRAY[true, false, NULL])[1 + abs(hashint4(i * 29 + n)) % 3],
               NULL, NULL,
               NULL, (ARRAY[NULL, 'proposed', 'confirmed', 'rejected'])[1 + abs(hashint4(i * 37 + n)) % 4], 'a note')::dsm_policy.application
    FROM (SELECT date '2022-01-01' + abs(hashint4(i * 31 + n)) % 1500 AS q) d
$f$;
DO $$
DECLARE
    i integer;
    answered integer := 0;
    refused integer := 0;
    items bytea[];
    bundle bytea;
    places dsm_policy.quota_place[];
BEGIN
    FOR i IN 1..300 LOOP
        BEGIN
            SELECT array_agg(dsm_policy.application_item(pg_temp.app(i, n))) INTO items
            FROM generate_series(1, 1 + i % 40) AS n;
            items := items || ARRAY(
                SELECT dsm_policy.other_award_item(ROW(n, '91230500MA0000001D', (ARRAY['P1', 'P2'])[1 + n % 2],
                                                       2022 + n % 4, 'Other', n * 25000)::dsm_policy.other_award)
                FROM generate_series(1, i % 4) AS n);
            places := ARRAY(SELECT ROW('3', y, 1 + abs(hashint4(i * y)) % 40)::dsm_policy.quota_place
                            FROM generate_series(2022, 2026) AS y);
            -- one enterprise in four: an item damaged (cut short, a byte changed, or random bytes)
            IF i % 8 = 0 THEN
                items[1] := CASE i % 3
                                WHEN 0 THEN substr(items[1], 1, abs(hashint4(i)) % length(items[1]))
                                WHEN 1 THEN set_byte(items[1], abs(hashint4(i)) % length(items[1]), abs(hashint4(i * 3)) % 256)
                                ELSE decode(md5(i::text) || md5((i + 1)::text), 'hex') END;
            END IF;
            SELECT dsm_policy.enterprise_items(x) INTO bundle FROM unnest(items) AS x;
            -- or the bundle of items damaged in the same ways
            IF i % 8 = 4 THEN
                bundle := CASE i % 3
                              WHEN 0 THEN substr(bundle, 1, abs(hashint4(i)) % length(bundle))
                              WHEN 1 THEN set_byte(bundle, abs(hashint4(i)) % length(bundle), abs(hashint4(i * 3)) % 256)
                              ELSE decode(md5(i::text) || md5((i + 1)::text), 'hex') END;
            END IF;
            PERFORM count(*), sum(d.payable_amount) FROM dsm_policy.decide_enterprise(bundle, places) d;
            PERFORM count(*) FROM dsm_policy.quota_claims(bundle);
            answered := answered + 1;
        EXCEPTION WHEN data_exception OR null_value_not_allowed THEN
            refused := refused + 1;
        END;
    END LOOP;
    INSERT INTO outcome VALUES ('decide_enterprise', answered, refused);
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
SELECT is((SELECT answered + refused FROM outcome WHERE what = 'decide_enterprise'), 300,
          'decide_enterprise and quota_claims: 300 random enterprises of 1 to 40 applications, other awards and quota places, and in one of four an item or the bundle (enterprise_items) cut short, changed or random: each answered or refused (answered: '
          || (SELECT answered FROM outcome WHERE what = 'decide_enterprise') || ')');
SELECT cmp_ok((SELECT answered FROM outcome WHERE what = 'decide_enterprise'), '>=', 225,
              'every enterprise without a damaged item or bundle answered');
SELECT is((SELECT 'alive'::text), 'alive', 'the backend is still up');

SELECT * FROM finish();
ROLLBACK;
