-- Benchmark measure (1) of bench/run.sh: N clause-1 applications reduced to
-- what a per-application award needs, and the award written the three ways an
-- analyst could write it without the engine.
--
--     psql -v ON_ERROR_STOP=1 -v n=5000000 -f bench/share.sql
--
-- Deterministic (hashint8 of the row number, never random()).  Qualifying
-- dates 2022-07-28 .. 2025-12-31 (all in force, so share_award() never
-- returns NULL); 60 % above scale, 8 % specialised; provincial amounts 50,000
-- to 3,000,000, half of them whole ten-thousands and half with any yuan and
-- fen (so that 20 % of them needs rounding, and a third reaches the 400,000 cap).

\set ON_ERROR_STOP on
SET client_min_messages = warning;
SET jit = off;

DROP TABLE IF EXISTS bench_share;
CREATE TABLE bench_share (
    qualifying_date   date NOT NULL,
    scale             text NOT NULL,
    specialized       boolean NOT NULL,
    provincial_amount numeric(14,2) NOT NULL
);

INSERT INTO bench_share
SELECT DATE '2022-07-28' + ((hashint8(g * 1000003 + 1)::bigint & 2147483647) % 1253)::integer,
       CASE WHEN (hashint8(g * 1000003 + 2)::bigint & 2147483647) % 100 < 60 THEN 'above' ELSE 'below' END,
       (hashint8(g * 1000003 + 3)::bigint & 2147483647) % 100 < 8,
       CASE WHEN (hashint8(g * 1000003 + 4)::bigint & 2147483647) % 2 = 0
            THEN (5 + (hashint8(g * 1000003 + 5)::bigint & 2147483647) % 296) * 10000            -- 50,000 .. 3,000,000
            ELSE (5000000 + (hashint8(g * 1000003 + 5)::bigint & 2147483647) % 295000001) * 0.01 -- 50,000.00 .. 3,000,000.00
       END
FROM generate_series(1, :n::bigint) AS g;

-- (c): the formula of clause 1 (20 %, rounded to the fen, cap 400,000) as a
-- PL/pgSQL function, as an analyst would write it.
CREATE OR REPLACE FUNCTION bench_share_plpgsql(provincial_amount numeric) RETURNS numeric
LANGUAGE plpgsql IMMUTABLE
AS $$
BEGIN
    RETURN least(round(provincial_amount * 0.20, 2), 400000.00);
END
$$;

VACUUM ANALYZE bench_share;
SELECT count(*) AS bench_share_rows FROM bench_share \gset
\echo share.sql: :bench_share_rows rows in bench_share
