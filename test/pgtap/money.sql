-- Money crosses into C as int64 fen, read straight from numeric's stored
-- digits: the reading must equal numeric arithmetic on every value, stored
-- (short varlena header) or computed (long header), positive or negative.
-- Shares are rounded half away from zero to the fen, as round(numeric, 2) does.
BEGIN;
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION dsm_policy CASCADE;

SELECT plan(11);

CREATE TEMP TABLE amount AS
SELECT ((hashint8(n) % 100000000000000)::numeric / 100)::numeric(14,2) AS yuan
FROM generate_series(1, 100000) AS n;

SELECT is(
    (SELECT count(*) FROM amount WHERE dsm_policy.yuan_to_fen(yuan) <> (yuan * 100)::bigint),
    0::bigint,
    '100,000 stored amounts (positive and negative, up to 10^12 yuan) read as (yuan * 100)::bigint');

SELECT is(
    (SELECT count(*) FROM amount WHERE dsm_policy.yuan_to_fen(yuan + 0) <> (yuan * 100)::bigint),
    0::bigint,
    'the same amounts computed in memory read the same');

SELECT is(
    (SELECT count(*) FROM generate_series(-100000, 100000) AS n
      WHERE dsm_policy.yuan_to_fen(n::numeric / 100) <> n),
    0::bigint,
    'every amount from -1,000.00 to 1,000.00 reads exactly');

SELECT results_eq(
    $$SELECT dsm_policy.yuan_to_fen(v) FROM (VALUES
        (0::numeric), (0.01), (0.1), (0.10), (1), (10000), (9999.99), (10000.01),
        (('1.' || repeat('0', 70))::numeric), (('-5.5' || repeat('0', 70))::numeric),
        (1e14), (92233720368547758.07)) AS t (v)$$,
    $$VALUES (0::bigint), (1), (10), (10), (100), (1000000), (999999), (1000001),
             (100), (-550), (10000000000000000), (9223372036854775807)$$,
    'edge amounts: zero, one fen, base-10000 digit boundaries, 70 trailing zeros (long header), the bigint limit');

SELECT throws_ok($$SELECT dsm_policy.yuan_to_fen(92233720368547758.08)$$, '22003', NULL,
                 'one fen beyond the bigint limit is out of range');
SELECT throws_ok($$SELECT dsm_policy.yuan_to_fen(('0.00' || repeat('0', 80) || '1')::numeric)$$, '22023', NULL,
                 'a fraction of a fen 80 places down is refused, not rounded away');
SELECT throws_ok($$SELECT dsm_policy.yuan_to_fen('-Infinity')$$, '22023', NULL, 'infinity is refused');

-- The share, against round(ratio * amount, 2), on 100,000 amounts and the
-- ratios of every share clause.
SELECT is(
    (SELECT count(*)
       FROM amount a
       CROSS JOIN (VALUES ('1', 0.20), ('3', 0.50), ('5', 0.10)) AS c (clause, ratio)
       CROSS JOIN LATERAL dsm_policy.evaluate_application(
           clause_code => c.clause, qualifying_date => '2024-06-01', scale => 'above', manufacturer => true,
           provincial_amount => CASE WHEN c.clause <> '3' THEN abs(a.yuan) END,
           expenditure => CASE WHEN c.clause = '3' THEN abs(a.yuan) END,
           cloud_stars => 5, service_start => '2024-01-01', in_use => true) AS e
      WHERE e.computed_amount IS DISTINCT FROM round(c.ratio * abs(a.yuan), 2)),
    0::bigint,
    'shares of 20 %, 50 % and 10 % of 100,000 amounts equal round(ratio x amount, 2)');

SELECT is(
    (SELECT count(*) FROM amount
      WHERE dsm_policy.format_yuan(yuan) <> to_char(yuan, 'FM999,999,999,990.00')),
    0::bigint,
    'format_yuan prints as to_char(amount, ''FM999,999,999,990.00'')');

-- The engine writes its results in numeric's own format (fen_to_numeric in
-- money_sql.c).  Seen through share_award under a scenario that pays 100 %
-- without a cap worth the name, every amount must come back equal, printed
-- the same, and stored as compactly as numeric arithmetic stores it.
INSERT INTO dsm_policy.scenario VALUES ('identity', 'test: share 100 %');
INSERT INTO dsm_policy.parameter (policy_code, clause_code, name, scenario, validity, value_ratio, value_amount)
VALUES ('sys-digital-economy-2022', '1', 'share_ratio', 'identity', '[2022-07-28,2025-12-31]', 1, NULL),
       ('sys-digital-economy-2022', '1', 'cap', 'identity', '[2022-07-28,2025-12-31]', NULL, 999999999999.99);
SET LOCAL dsm_policy.scenario = 'identity';
CREATE TEMP TABLE written AS
SELECT x, dsm_policy.share_award('1', '2023-01-01', 'above', false, x) AS y
FROM (SELECT yuan FROM amount WHERE yuan >= 0 AND yuan < 999999999999.99
      UNION ALL SELECT (n::numeric / 100)::numeric(14,2) FROM generate_series(0, 100000) AS n
      UNION ALL SELECT v FROM unnest('{0.01,0.10,1.00,100.00,10000.00,100000000.00,999999999999.98,0.05,10000.01}'::numeric[]) AS v) a (x);
SELECT is((SELECT count(*) FROM written WHERE y IS DISTINCT FROM x OR y::text <> x::text), 0::bigint,
          'results written as numeric: equal and printed the same, on ' || (SELECT count(*) FROM written) || ' amounts');
SELECT is((SELECT count(*) FROM written
            WHERE pg_column_size(dsm_policy.share_award('1', '2023-01-01', 'above', false, x)) <> pg_column_size(x + 0.00)),
          0::bigint,
          'and stored as compactly as numeric arithmetic stores them (no leading or trailing zero digits)');

SELECT * FROM finish();
ROLLBACK;
