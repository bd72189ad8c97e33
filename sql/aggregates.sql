-- The aggregates an analyst can call directly: stacking_winner and
-- stacking_payable (highest only, 从高不重复), cap_allocation and cap_allocated
-- (a cap shared by a group).  Their states are bigint[]: they round-trip
-- through text, combine across parallel workers, and are checked when read.
SET datestyle = ISO;
SET timezone = 'Asia/Shanghai';
\pset null '-'
\set VERBOSITY default
\set SHOW_CONTEXT never

-- Stacking: per group, which award wins and what is paid.  application_id
-- NULL is an award under another city policy; it wins a tie.
SELECT grp, dsm_policy.stacking_winner(id, at, amount) AS winner,
       dsm_policy.stacking_payable(id, at, amount) AS payable
FROM (VALUES
    ('higher wins',      1, timestamptz '2024-01-02', 300000.00),
    ('higher wins',      2, timestamptz '2024-01-01', 100000.00),
    ('tie: earlier',     3, timestamptz '2024-01-02', 100000.00),
    ('tie: earlier',     4, timestamptz '2024-01-01', 100000.00),
    ('tie: lower id',    6, timestamptz '2024-01-01', 100000.00),
    ('tie: lower id',    5, timestamptz '2024-01-01', 100000.00),
    ('other policy tie', 7, timestamptz '2024-01-01', 100000.00),
    ('other policy tie', NULL, NULL, 100000.00),
    ('other lower',      8, timestamptz '2024-01-01', 100000.00),
    ('other lower',      NULL, NULL, 99999.99),
    ('zero and NULL',    9, timestamptz '2024-01-01', 0.00),
    ('zero and NULL',    10, timestamptz '2024-01-01', NULL)
) AS c (grp, id, at, amount)
GROUP BY grp ORDER BY grp;

-- No rows at all: NULL, as sum() gives.
SELECT dsm_policy.stacking_winner(id, at, amount), dsm_policy.stacking_payable(id, at, amount),
       dsm_policy.cap_allocation(id, at, amount, cap), dsm_policy.cap_allocated(id, at, amount, cap)
FROM (VALUES (1::bigint, now(), 1.00, 1.00)) AS c (id, at, amount, cap) WHERE false;

-- Cap allocation over a window ordered by applied_at: what each claim gets.
-- Claim 3 has a lower cap of its own; claim 5 is uncapped; claim 6 is no claim.
SELECT id, amount, cap,
       dsm_policy.cap_allocation(id, at, amount, cap) OVER w AS gets,
       dsm_policy.cap_allocated(id, at, amount, cap) OVER w AS group_so_far
FROM (VALUES
    (1::bigint, timestamptz '2024-01-01', 20000.00, 50000.00),
    (2, timestamptz '2024-02-01', 20000.00, 50000.00),
    (3, timestamptz '2024-03-01', 20000.00, 30000.00),
    (4, timestamptz '2024-04-01', 20000.00, 50000.00),
    (5, timestamptz '2024-05-01', 20000.00, NULL),
    (6, timestamptz '2024-06-01', NULL, 50000.00)
) AS c (id, at, amount, cap)
WINDOW w AS (ORDER BY at, id ROWS UNBOUNDED PRECEDING)
ORDER BY id;

-- As a plain aggregate the order of the input does not matter: the claims are
-- allocated in (applied_at, application_id) order.  cap_allocation is what
-- the latest claim gets, cap_allocated what the group gets.
SELECT dsm_policy.cap_allocation(id, at, amount, 50000.00 ORDER BY id DESC) AS latest_gets,
       dsm_policy.cap_allocated(id, at, amount, 50000.00 ORDER BY id DESC) AS group_gets
FROM (VALUES (1::bigint, timestamptz '2024-01-01', 30000.00),
             (2, timestamptz '2024-02-01', 30000.00),
             (3, timestamptz '2024-03-01', 30000.00)) AS c (id, at, amount);

-- States are bigint[]: readable, and a state through text gives the same result.
SELECT dsm_policy.stacking_transition('{1,0,0,0,0,0,0}', 42, '2024-01-01', 1234.56) AS stacking_state;
SELECT dsm_policy.stacking_payable_final(
           dsm_policy.stacking_combine(
               dsm_policy.stacking_transition('{1,0,0,0,0,0,0}', 42, '2024-01-01', 1234.56)::text::bigint[],
               dsm_policy.stacking_transition('{1,0,0,0,0,0,0}', NULL, NULL, 1234.56)::text::bigint[])) AS payable,
       dsm_policy.stacking_winner_final(
           dsm_policy.stacking_combine(
               dsm_policy.stacking_transition('{1,0,0,0,0,0,0}', 42, '2024-01-01', 1234.57)::text::bigint[],
               dsm_policy.stacking_transition('{1,0,0,0,0,0,0}', NULL, NULL, 1234.56)::text::bigint[])) AS winner;
SELECT dsm_policy.cap_allocation_transition('{2,0,1,0,0}', 7, '2024-01-01', 600.00, 500.00) AS cap_state;
SELECT dsm_policy.cap_allocated_final(
           dsm_policy.cap_allocation_combine(
               dsm_policy.cap_allocation_transition('{2,0,1,0,0}', 7, '2024-01-01', 600.00, 500.00)::text::bigint[],
               dsm_policy.cap_allocation_transition('{2,0,1,0,0}', 8, '2023-01-01', 300.00, 500.00)::text::bigint[])) AS group_gets;

-- A corrupt state is refused, never trusted.
SELECT dsm_policy.stacking_winner_final('{1,0,0,0,0,0}');
SELECT dsm_policy.stacking_payable_final('{1,1,1,-5,0,0,0}');
SELECT dsm_policy.stacking_combine('{1,0,0,0,0,0,0}', '{2,0,1,0,0}');
SELECT dsm_policy.stacking_winner_final('{1,0,NULL,0,0,0,0}');
SELECT dsm_policy.cap_allocation_final('{2,3,1,0,0}');
SELECT dsm_policy.cap_allocated_final('{2,1,0,0,0,1,1,-7,100}');
SELECT dsm_policy.cap_allocation_combine('{{2,0},{1,0}}', '{2,0,1,0,0}');
SELECT dsm_policy.cap_allocation_transition(NULL, 1, now(), 1.00, 1.00);

-- Bad arguments name the argument and the rule.
SELECT dsm_policy.stacking_payable(1, now(), -1.00);
SELECT dsm_policy.stacking_payable(1, now(), 'NaN');
SELECT dsm_policy.stacking_payable(1, now(), 'Infinity');
SELECT dsm_policy.stacking_payable(1, now(), 0.001);
SELECT dsm_policy.stacking_payable(1, NULL, 5.00);
SELECT dsm_policy.cap_allocation(NULL, now(), 5.00, 1.00);
SELECT dsm_policy.cap_allocation(1, now(), 5.00, 1e20);

-- Parallel query splits the aggregates: partial states in the workers, combined
-- by the leader.  The plan shows a Partial Aggregate and the results are those
-- of a serial run.
CREATE TABLE pg_temp.candidate AS
SELECT n AS id, 'P' || (n % 500) AS project,
       timestamptz '2024-01-01' + (n % 997) * interval '1 hour' AS at,
       ((n * 7919) % 300000)::numeric / 100 AS amount,
       ((n % 3) * 20000 + 10000)::numeric AS cap
FROM generate_series(1, 20000) AS n;
ANALYZE pg_temp.candidate;
CREATE TABLE pg_temp.serial AS
SELECT project, dsm_policy.stacking_winner(id, at, amount) AS winner,
       dsm_policy.stacking_payable(id, at, amount) AS payable,
       dsm_policy.cap_allocated(id, at, amount, cap) AS allocated
FROM pg_temp.candidate GROUP BY project;

SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
SET enable_hashagg = off;
-- pg_temp tables are not visible to workers: the same rows in a real table
CREATE TABLE aggregates_candidate AS SELECT * FROM pg_temp.candidate;
ANALYZE aggregates_candidate;
EXPLAIN (COSTS OFF)
SELECT project, dsm_policy.stacking_winner(id, at, amount), dsm_policy.stacking_payable(id, at, amount),
       dsm_policy.cap_allocated(id, at, amount, cap)
FROM aggregates_candidate GROUP BY project;
SELECT count(*) AS groups,
       count(*) FILTER (WHERE s.winner = p.winner AND s.payable = p.payable AND s.allocated = p.allocated) AS same
FROM pg_temp.serial s
JOIN (SELECT project, dsm_policy.stacking_winner(id, at, amount) AS winner,
             dsm_policy.stacking_payable(id, at, amount) AS payable,
             dsm_policy.cap_allocated(id, at, amount, cap) AS allocated
      FROM aggregates_candidate GROUP BY project) p USING (project);
SET force_parallel_mode = on;
SELECT dsm_policy.stacking_winner(id, at, amount) AS winner, dsm_policy.stacking_payable(id, at, amount) AS payable
FROM aggregates_candidate;
DROP TABLE aggregates_candidate;
RESET ALL;
