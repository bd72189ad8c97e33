-- Beyond one machine, in simulation (doc/internals.md, "Beyond one machine"):
-- the applications and other awards hash-partitioned 4 ways by credit_code,
-- as Citus would distribute them; each partition's enterprises claim their
-- quota places on their own (quota_claims), the claims are numbered once
-- across all partitions (the one global step), and each partition decides its
-- own enterprises (decide_enterprise) with those places.  The decisions must
-- be exactly the single-table ones.
BEGIN;
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION dsm_policy CASCADE;
SET search_path = dsm_policy, public;

SELECT plan(6);

-- 4,000 applications of 400 enterprises, clause 3 weighted so that the 30
-- places of a year run out, and other awards on some projects.
CREATE FUNCTION pg_temp.cc(n integer) RETURNS text LANGUAGE sql AS $$
    SELECT p || credit_code_check_character(p) FROM (SELECT '91230500MA' || lpad(n::text, 7, '0') AS p) s
$$;
CREATE FUNCTION pg_temp.r(seed integer, m integer) RETURNS integer LANGUAGE sql AS $$
    SELECT abs(hashint4(seed)) % m
$$;
INSERT INTO application (credit_code, enterprise_name, clause_code, project_ref, applied_at, qualifying_date, scale,
                         manufacturer, specialized, provincial_amount, expenditure, investment, revenue, cloud_stars,
                         service_start, in_use, innovative_mode, in_catalogue, in_production, reports_statistics,
                         city_made_product)
SELECT pg_temp.cc(e), 'Enterprise ' || e, c, 'P' || pg_temp.r(g * 7, 3),
       (q + 10 + pg_temp.r(g * 11, 40)) + time '09:00' + pg_temp.r(g * 13, 600) * interval '1 minute', q,
       (ARRAY['above', 'below'])[1 + pg_temp.r(g * 19, 2)], pg_temp.r(g * 23, 8) > 0, pg_temp.r(g * 29, 5) = 0,
       (100000 + pg_temp.r(g * 31, 3000000))::numeric, (10000 + pg_temp.r(g * 37, 140000))::numeric,
       50000000, 1500000000, 4::smallint, q - 100 - pg_temp.r(g * 41, 200), true, true, true, true, true, true
FROM generate_series(1, 4000) AS g
CROSS JOIN LATERAL (SELECT pg_temp.r(g * 3, 400) AS e,
                           (ARRAY['1', '3', '3', '3', '4', '13', '15', '2.3', '12', '14'])[1 + pg_temp.r(g * 5, 10)] AS c,
                           date '2022-07-28' + pg_temp.r(g * 17, 1250) AS q) x;
INSERT INTO other_award (credit_code, project_ref, award_year, policy_name, amount)
SELECT pg_temp.cc(pg_temp.r(g, 400)), 'P' || pg_temp.r(g * 7, 3), 2022 + pg_temp.r(g * 3, 4), 'Other policy',
       (20000 + pg_temp.r(g * 11, 400000))::numeric
FROM generate_series(1, 300) AS g;

-- The shards: applications and other awards distributed by credit_code.
CREATE SCHEMA shard;
CREATE TABLE shard.application (LIKE application) PARTITION BY HASH (credit_code);
CREATE TABLE shard.other_award (LIKE other_award) PARTITION BY HASH (credit_code);
DO $$
BEGIN
    FOR i IN 0 .. 3 LOOP
        EXECUTE format('CREATE TABLE shard.application_%s PARTITION OF shard.application FOR VALUES WITH (MODULUS 4, REMAINDER %s)', i, i);
        EXECUTE format('CREATE TABLE shard.other_award_%s PARTITION OF shard.other_award FOR VALUES WITH (MODULUS 4, REMAINDER %s)', i, i);
    END LOOP;
END
$$;
INSERT INTO shard.application SELECT * FROM application;
INSERT INTO shard.other_award SELECT * FROM other_award;

-- 1. On each shard, its enterprises' claims (quota_claims, per enterprise).
CREATE TEMP TABLE claims (shard integer, credit_code text, clause_code text, award_year integer,
                          application_id bigint, applied_at timestamptz);
DO $$
BEGIN
    FOR i IN 0 .. 3 LOOP
        EXECUTE format($q$
            INSERT INTO claims
            SELECT %1$s, g.credit_code, c.clause_code, c.award_year, c.application_id, c.applied_at
            FROM (SELECT a.credit_code::text AS credit_code,
                         dsm_policy.enterprise_items(dsm_policy.application_item(ROW(a.*)::dsm_policy.application)) AS items
                  FROM shard.application_%1$s a
                  GROUP BY a.credit_code) g
            CROSS JOIN LATERAL dsm_policy.quota_claims(g.items) c$q$, i);
    END LOOP;
END
$$;

-- 2. The one global step: the claims of all shards numbered per clause and year.
CREATE TEMP TABLE places AS
SELECT credit_code, clause_code, award_year,
       row_number() OVER (PARTITION BY clause_code, award_year ORDER BY applied_at, application_id)::integer AS quota_rank
FROM claims;

-- 3. On each shard, its enterprises decided with their places.
CREATE TEMP TABLE sharded (shard integer, application_id bigint, status text, award_amount numeric,
                           payable_amount numeric, quota_rank integer, reason text, explanation text);
DO $$
BEGIN
    FOR i IN 0 .. 3 LOOP
        EXECUTE format($q$
            INSERT INTO sharded
            SELECT %1$s, d.application_id, d.status, d.award_amount, d.payable_amount, d.quota_rank, d.reason, d.explanation
            FROM (SELECT r.credit_code, dsm_policy.enterprise_items(r.item) AS items
                  FROM (SELECT a.credit_code::text AS credit_code,
                               dsm_policy.application_item(ROW(a.*)::dsm_policy.application) AS item
                        FROM shard.application_%1$s a
                        UNION ALL
                        SELECT o.credit_code::text, dsm_policy.other_award_item(ROW(o.*)::dsm_policy.other_award)
                        FROM shard.other_award_%1$s o) r
                  GROUP BY r.credit_code) e
            LEFT JOIN (SELECT p.credit_code,
                              array_agg(ROW(p.clause_code, p.award_year, p.quota_rank)::dsm_policy.quota_place) AS places
                       FROM places p GROUP BY p.credit_code) p USING (credit_code)
            CROSS JOIN LATERAL dsm_policy.decide_enterprise(e.items, p.places) d
            WHERE d.application_id IS NOT NULL$q$, i);
    END LOOP;
END
$$;

SELECT is((SELECT count(DISTINCT shard)::integer FROM sharded), 4, 'the applications are spread over 4 shards');
SELECT is((SELECT count(*)::integer FROM (SELECT credit_code FROM shard.application
                                          GROUP BY credit_code HAVING count(DISTINCT tableoid) > 1) x), 0,
          'every enterprise lives on one shard: its rules need nothing from another');
SELECT cmp_ok((SELECT count(*)::integer FROM award_decision WHERE status = 'over_quota'), '>', 0,
              'the quota binds across shards (some applications are over quota)');
SELECT is((SELECT count(*)::integer FROM sharded), (SELECT count(*)::integer FROM application),
          'every application is decided once');
SELECT is_empty(
    $$SELECT application_id, status, award_amount, payable_amount, quota_rank, reason, explanation FROM sharded
      EXCEPT
      SELECT application_id, status, award_amount, payable_amount, quota_rank, reason, explanation FROM award_decision$$,
    'the sharded decisions are the single-table ones, to the reason and the explanation');
SELECT is((SELECT sum(payable_amount) FROM sharded), (SELECT sum(payable_amount) FROM award_decision),
          'and the totals agree');

SELECT * FROM finish();
ROLLBACK;
