-- Differential test of the award engine: dsm_policy.award_decision (C) against
-- dsm_reference.decision, a second implementation of README.md ("Award decisions") in
-- plain SQL (test/differential/reference.sql), on about 102,000 generated
-- applications (test/differential/generate.sql).  The two must agree row for
-- row on every column that decides money.
BEGIN;
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION dsm_policy CASCADE;
SET search_path = dsm_policy, public;
-- Decisions depend on Asia/Shanghai dates only, never on the session's zone.
SET TIME ZONE 'America/Los_Angeles';

\ir ../differential/generate.sql
\ir ../differential/reference.sql

-- Each side evaluated once.
CREATE TEMP TABLE engine_decision AS
SELECT application_id, award_year, status, basis_amount::numeric AS basis_amount,
       computed_amount::numeric AS computed_amount, cap_amount::numeric AS cap_amount, capped,
       award_amount::numeric AS award_amount, payable_amount::numeric AS payable_amount,
       quota_rank::bigint AS quota_rank,
       clause_code, qualifying_date, applied_on, credit_code::text AS credit_code, project_ref, reason,
       warning IS NOT NULL AS flagged
FROM dsm_policy.award_decision;

CREATE TEMP TABLE reference_decision AS
SELECT application_id, award_year, status, basis_amount::numeric AS basis_amount,
       computed_amount::numeric AS computed_amount, cap_amount::numeric AS cap_amount, capped,
       award_amount::numeric AS award_amount, payable_amount::numeric AS payable_amount,
       quota_rank::bigint AS quota_rank,
       clause_code, qualifying_date, applied_on, credit_code::text AS credit_code, project_ref, reason,
       warning IS NOT NULL AS flagged
FROM dsm_reference.decision;

-- The money columns, both ways.
CREATE TEMP TABLE engine_only AS
SELECT application_id, award_year, status, basis_amount, computed_amount, cap_amount, capped,
       award_amount, payable_amount, quota_rank FROM engine_decision
EXCEPT ALL
SELECT application_id, award_year, status, basis_amount, computed_amount, cap_amount, capped,
       award_amount, payable_amount, quota_rank FROM reference_decision;

CREATE TEMP TABLE reference_only AS
SELECT application_id, award_year, status, basis_amount, computed_amount, cap_amount, capped,
       award_amount, payable_amount, quota_rank FROM reference_decision
EXCEPT ALL
SELECT application_id, award_year, status, basis_amount, computed_amount, cap_amount, capped,
       award_amount, payable_amount, quota_rank FROM engine_decision;

SELECT plan(26);

-- Size.
SELECT cmp_ok((SELECT count(*)::integer FROM dsm_policy.application), '>=', 100000,
              'at least 100,000 generated applications');
SELECT is((SELECT count(*)::integer FROM engine_decision), (SELECT count(*)::integer FROM reference_decision),
          'engine and reference decide the same number of applications');
SELECT is((SELECT count(DISTINCT application_id)::integer FROM engine_decision),
          (SELECT count(*)::integer FROM dsm_policy.application),
          'the engine decides every application exactly once');

-- Row for row.
SELECT is((SELECT count(*)::integer FROM engine_only), 0,
          'no engine row differs from the reference on (application_id, award_year, status, basis_amount, computed_amount, cap_amount, capped, award_amount, payable_amount, quota_rank)');
SELECT is((SELECT count(*)::integer FROM reference_only), 0,
          'no reference row is missing from the engine on the same columns');

-- On a difference: how many rows differ in each column, and up to 20 rows side by side.
SELECT diag(format('%s rows differ: award_year %s, status %s, basis_amount %s, computed_amount %s, cap_amount %s, '
                   'capped %s, award_amount %s, payable_amount %s, quota_rank %s, row missing %s',
                   count(*),
                   count(*) FILTER (WHERE e.award_year IS DISTINCT FROM r.award_year),
                   count(*) FILTER (WHERE e.status IS DISTINCT FROM r.status),
                   count(*) FILTER (WHERE e.basis_amount IS DISTINCT FROM r.basis_amount),
                   count(*) FILTER (WHERE e.computed_amount IS DISTINCT FROM r.computed_amount),
                   count(*) FILTER (WHERE e.cap_amount IS DISTINCT FROM r.cap_amount),
                   count(*) FILTER (WHERE e.capped IS DISTINCT FROM r.capped),
                   count(*) FILTER (WHERE e.award_amount IS DISTINCT FROM r.award_amount),
                   count(*) FILTER (WHERE e.payable_amount IS DISTINCT FROM r.payable_amount),
                   count(*) FILTER (WHERE e.quota_rank IS DISTINCT FROM r.quota_rank),
                   count(*) FILTER (WHERE e.application_id IS NULL OR r.application_id IS NULL)))
FROM (SELECT application_id FROM engine_only UNION SELECT application_id FROM reference_only) d
LEFT JOIN engine_decision e USING (application_id)
LEFT JOIN reference_decision r USING (application_id)
HAVING count(*) > 0;

SELECT diag(x.line)
FROM (
    SELECT 0 AS application_id,
           'application (clause, qualifying date): (award_year, status, basis_amount, computed_amount, cap_amount, '
           'capped, award_amount, payable_amount, quota_rank) engine | reference' AS line
    WHERE EXISTS (SELECT FROM engine_only) OR EXISTS (SELECT FROM reference_only)
  UNION ALL
    SELECT d.application_id,
           format('%s (clause %s, %s): engine %s | reference %s',
                  d.application_id,
                  coalesce(e.clause_code, r.clause_code),
                  coalesce(e.qualifying_date, r.qualifying_date),
                  coalesce(ROW(e.award_year, e.status, e.basis_amount, e.computed_amount, e.cap_amount, e.capped,
                               e.award_amount, e.payable_amount, e.quota_rank)::text, 'no row'),
                  coalesce(ROW(r.award_year, r.status, r.basis_amount, r.computed_amount, r.cap_amount, r.capped,
                               r.award_amount, r.payable_amount, r.quota_rank)::text, 'no row'))
    FROM (
        -- up to 20 rows, at most 5 of each kind of difference (which columns differ)
        SELECT application_id
        FROM (
            SELECT d.application_id,
                   row_number() OVER (
                       PARTITION BY e.application_id IS NULL, r.application_id IS NULL,
                                    e.award_year IS DISTINCT FROM r.award_year, e.status IS DISTINCT FROM r.status,
                                    e.basis_amount IS DISTINCT FROM r.basis_amount,
                                    e.computed_amount IS DISTINCT FROM r.computed_amount,
                                    e.cap_amount IS DISTINCT FROM r.cap_amount, e.capped IS DISTINCT FROM r.capped,
                                    e.award_amount IS DISTINCT FROM r.award_amount,
                                    e.payable_amount IS DISTINCT FROM r.payable_amount,
                                    e.quota_rank IS DISTINCT FROM r.quota_rank
                       ORDER BY d.application_id) AS nth
            FROM (SELECT application_id FROM engine_only UNION SELECT application_id FROM reference_only) d
            LEFT JOIN engine_decision e USING (application_id)
            LEFT JOIN reference_decision r USING (application_id)
        ) k
        WHERE k.nth <= 5
        ORDER BY k.nth, k.application_id
        LIMIT 20
    ) d
    LEFT JOIN engine_decision e USING (application_id)
    LEFT JOIN reference_decision r USING (application_id)
) x
ORDER BY x.application_id;

-- The data is not vacuous: every status at least 100 times in the engine's output.
SELECT cmp_ok(coalesce(c.n, 0), '>=', 100, format('status %s occurs at least 100 times (%s)', s.status, coalesce(c.n, 0)))
FROM unnest(ARRAY['payable', 'superseded', 'over_quota', 'cap_exhausted', 'ineligible', 'not_in_force',
                  'pending', 'no_monetary_award']) WITH ORDINALITY AS s (status, i)
LEFT JOIN (SELECT status, count(*)::integer AS n FROM engine_decision GROUP BY status) c USING (status)
ORDER BY s.i;

SELECT is_empty(
    $$SELECT c.clause_code
        FROM dsm_policy.clause c
        LEFT JOIN engine_decision e ON e.clause_code = c.clause_code
       GROUP BY c.clause_code, c.award_kind
      HAVING count(e.application_id) < 100
          OR (c.award_kind <> 'none' AND count(*) FILTER (WHERE e.status = 'payable' AND e.award_amount > 0) = 0)$$,
    'every clause has at least 100 applications, and every clause with money at least one paid award');

SELECT ok(EXISTS (SELECT FROM engine_decision WHERE capped), 'some award is capped');
SELECT ok(EXISTS (SELECT FROM engine_decision WHERE quota_rank > 30), 'some enterprise ranks beyond 30 in a quota');

-- The 2026 parameter rows (generate.sql) decide 2026 applications.
SELECT ok(EXISTS (SELECT FROM engine_decision
                   WHERE clause_code = '3' AND award_year = 2026 AND status = 'payable'
                     AND computed_amount = round(0.60 * basis_amount, 2)
                     AND computed_amount <> round(0.50 * basis_amount, 2)),
          'clause 3 pays 60 % of the spending in 2026 (50 % before)');
SELECT ok(EXISTS (SELECT FROM engine_decision
                   WHERE clause_code = '13'
                   GROUP BY credit_code, project_ref
                  HAVING count(DISTINCT cap_amount) = 2 AND min(cap_amount) = 600000 AND max(cap_amount) = 800000
                     AND bool_or(capped) AND bool_or(award_year = 2026 AND award_amount > 0)),
          'a clause-13 project spans caps of 600,000 (2025) and 800,000 (2026) and is capped');

-- Reasons whose words the contract gives.
SELECT is_empty(
    $$SELECT r.application_id, r.reason, e.reason
        FROM reference_decision r
        JOIN engine_decision e USING (application_id)
       WHERE (r.reason LIKE 'the policy %' OR r.reason LIKE 'no in\_force row %' OR r.reason LIKE '% has no share\_ratio on %'
              OR r.reason LIKE 'first\_time\_only: %')
         AND r.reason IS DISTINCT FROM e.reason
       ORDER BY r.application_id
       LIMIT 20$$,
    'the reasons the contract spells out (in force, missing share_ratio, first_time_only) have the same words');

SELECT is_empty(
    $$SELECT r.application_id, r.applied_on, e.applied_on
        FROM reference_decision r
        JOIN engine_decision e USING (application_id)
       WHERE r.applied_on IS DISTINCT FROM e.applied_on
       ORDER BY r.application_id
       LIMIT 20$$,
    'applied_on is the Asia/Shanghai date of applied_at');

SELECT is_empty(
    $$SELECT r.application_id, r.flagged, e.flagged
        FROM reference_decision r
        JOIN engine_decision e USING (application_id)
       WHERE r.flagged IS DISTINCT FROM e.flagged
       ORDER BY r.application_id
       LIMIT 20$$,
    'the same applications are flagged for a provincial amount above the known maximum');
SELECT cmp_ok((SELECT count(*) FROM engine_decision WHERE flagged), '>=', 100::bigint,
              'at least 100 applications are flagged');

-- The same decisions when the planner runs parts of the query in parallel
-- workers (evaluate_application and the aggregates are PARALLEL SAFE).
CREATE TEMP VIEW evaluation_totals AS
SELECT count(*) AS applications, sum((e).computed_amount) AS computed,
       count(*) FILTER (WHERE (e).status = 'eligible') AS eligible, count(*) FILTER (WHERE (e).status = 'ineligible') AS ineligible
FROM (SELECT dsm_policy.evaluate_application(clause_code, qualifying_date, applied_on, scale, specialized,
             manufacturer, provincial_amount, expenditure, investment, approved_amount, revenue, cloud_stars,
             service_start, in_use, innovative_mode, in_catalogue, in_production, reports_statistics) AS e
      FROM dsm_policy.application) s;
CREATE TEMP TABLE serial_evaluation AS SELECT * FROM evaluation_totals;
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL min_parallel_index_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
SET LOCAL parallel_leader_participation = off;
CREATE FUNCTION pg_temp.plan_of(query text) RETURNS SETOF text LANGUAGE plpgsql AS
$$ BEGIN RETURN QUERY EXECUTE 'EXPLAIN (COSTS OFF) ' || query; END $$;
SELECT ok(EXISTS (SELECT FROM pg_temp.plan_of('SELECT * FROM evaluation_totals') AS line
                   WHERE line LIKE '%Partial Aggregate%'),
          'the plan evaluates applications under a Partial Aggregate in the workers');
SELECT results_eq('SELECT * FROM evaluation_totals', 'SELECT * FROM serial_evaluation',
                  'evaluate_application in two parallel workers (each reading the parameters itself) gives the serial totals');
SET LOCAL force_parallel_mode = on;
SELECT is_empty(
    $$SELECT application_id, award_year, status, basis_amount::numeric, computed_amount::numeric,
             cap_amount::numeric, capped, award_amount::numeric, payable_amount::numeric, quota_rank::bigint
        FROM dsm_policy.award_decision
      EXCEPT
      SELECT application_id, award_year, status, basis_amount, computed_amount,
             cap_amount, capped, award_amount, payable_amount, quota_rank
        FROM engine_decision$$,
    'with parallel plans forced, award_decision gives the same decisions');
RESET force_parallel_mode;

-- share_award, the engine's arithmetic for one amount, gives what the
-- decisions computed for every eligible application of a share clause.
SELECT is_empty(
    $$SELECT e.application_id
        FROM dsm_policy.application_evaluation e
        JOIN dsm_policy.application a USING (application_id)
        JOIN dsm_policy.clause c ON c.clause_code = e.clause_code AND c.award_kind IN ('share', 'spending_share')
       WHERE e.status = 'eligible'
         AND dsm_policy.share_award(e.clause_code, e.qualifying_date, a.scale, a.specialized, e.basis_amount)
             IS DISTINCT FROM least(e.computed_amount, e.cap_amount)$$,
    'share_award equals the computed amount cut to the cap for every eligible share-clause application');

SELECT * FROM finish();
ROLLBACK;
