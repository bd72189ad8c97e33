-- The credit code check: SQLSTATEs, and properties over many generated codes.
BEGIN;
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION dsm_policy CASCADE;
SET search_path = dsm_policy, public;

SELECT plan(13);

SELECT ok(credit_code_is_valid('91350100M000100Y43'), 'the example code is valid');
SELECT is(credit_code_check_character('91350100M000100Y4'), '3', 'its check character is 3');
SELECT lives_ok($$SELECT '91350100M000100Y43'::credit_code$$, 'the domain accepts it');

SELECT throws_ok(format('SELECT %L::dsm_policy.credit_code', code), '23514', NULL, why)
FROM (VALUES ('91350100M000100Y44', 'a wrong check character is refused'),
             ('91350100M000100Y4', 'a 17-character code is refused'),
             ('91350100M000100Y433', 'a 19-character code is refused'),
             ('91350100m000100Y43', 'lower case is refused'),
             ('91350100I000100Y43', 'the letter I is refused'),
             ('9135 0100M000100Y4', 'a space is refused')) AS t (code, why);

SELECT throws_ok($$SELECT credit_code_check_character('12345')$$, '22023', NULL,
                 'the check character needs 17 characters');

-- Random codes over the whole alphabet (seeded, so a failure can be replayed).
DO $$ BEGIN PERFORM setseed(0.2022); END $$;
CREATE TEMP TABLE generated AS
SELECT prefix, prefix || credit_code_check_character(prefix) AS code
FROM (SELECT string_agg(substr('0123456789ABCDEFGHJKLMNPQRTUWXY', 1 + floor(random() * 31)::int, 1), '') AS prefix
        FROM generate_series(1, 5000) AS n, generate_series(1, 17) AS pos
       GROUP BY n) AS g;

SELECT is((SELECT count(*)::int FROM generated WHERE credit_code_is_valid(code)), 5000,
          '5000 random prefixes with their check character are valid codes');

-- Any other 18th character makes each of them invalid.
SELECT is_empty(
    $$SELECT g.code, c
        FROM generated g,
             regexp_split_to_table('0123456789ABCDEFGHJKLMNPQRTUWXY', '') AS c
       WHERE c <> right(g.code, 1) AND credit_code_is_valid(g.prefix || c)$$,
    'every other check character makes the code invalid (150,000 codes)');

-- Changing any one of the first 17 characters changes the check character
-- (31 is prime and every weight is a unit mod 31).
SELECT is_empty(
    $$SELECT g.code, pos
        FROM (SELECT * FROM generated LIMIT 200) g,
             generate_series(1, 17) AS pos,
             regexp_split_to_table('0123456789ABCDEFGHJKLMNPQRTUWXY', '') AS c
       WHERE c <> substr(g.code, pos, 1)
         AND credit_code_is_valid(overlay(g.code PLACING c FROM pos FOR 1))$$,
    'a single changed character is always detected (102,000 codes)');

SELECT * FROM finish();
ROLLBACK;
