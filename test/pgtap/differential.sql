-- Differential test of the award engine (1.2): dsm_policy.award_decision (C)
-- against dsm_reference.decision, a second implementation of
-- doc/reference.md ("The rules, in order") in plain SQL
-- (test/differential/reference.sql), on about 109,000 generated applications
-- (test/differential/generate.sql).  The two must agree row for row on every
-- column that decides money, and on the other policies' awards our
-- applications outrank.  Coverage checks make sure the data exercises every
-- rule at its boundary, so that the test cannot pass on data that misses one.
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
CREATE TEMP TABLE timing (step text PRIMARY KEY, took interval);

CREATE TEMP TABLE clock AS SELECT clock_timestamp() AS started;
CREATE TEMP TABLE engine_decision AS
SELECT application_id, award_year, status, basis_amount::numeric AS basis_amount,
       computed_amount::numeric AS computed_amount, cap_amount::numeric AS cap_amount, capped,
       award_amount::numeric AS award_amount, payable_amount::numeric AS payable_amount,
       quota_rank::bigint AS quota_rank,
       clause_code, qualifying_date, applied_on, credit_code::text AS credit_code, project_ref, reason,
       warning IS NOT NULL AS flagged
FROM dsm_policy.award_decision;
INSERT INTO timing SELECT 'engine: award_decision', clock_timestamp() - started FROM clock;

-- The reference is one large query: compiling it with JIT takes longer than
-- running it, so it runs without.
SET LOCAL jit = off;
UPDATE clock SET started = clock_timestamp();
CREATE TEMP TABLE reference_decision AS
SELECT application_id, award_year, status, basis_amount::numeric AS basis_amount,
       computed_amount::numeric AS computed_amount, cap_amount::numeric AS cap_amount, capped,
       award_amount::numeric AS award_amount, payable_amount::numeric AS payable_amount,
       quota_rank::bigint AS quota_rank,
       clause_code, qualifying_date, applied_on, credit_code::text AS credit_code, project_ref, reason,
       warning IS NOT NULL AS flagged
FROM dsm_reference.decision;
INSERT INTO timing SELECT 'reference: dsm_reference.decision', clock_timestamp() - started FROM clock;

-- The other policies' awards one of ours outranks (step 9): the engine's view.
UPDATE clock SET started = clock_timestamp();
CREATE TEMP TABLE engine_outranked AS
SELECT other_award_id, application_id, payable_amount::numeric AS payable_amount
FROM dsm_policy.other_award_outranked;
INSERT INTO timing SELECT 'engine: view other_award_outranked', clock_timestamp() - started FROM clock;

UPDATE clock SET started = clock_timestamp();
CREATE TEMP TABLE reference_outranked AS
SELECT other_award_id, application_id, payable_amount::numeric AS payable_amount
FROM dsm_reference.other_award_outranked;
INSERT INTO timing SELECT 'reference: dsm_reference.other_award_outranked', clock_timestamp() - started FROM clock;
RESET jit;

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

-- Facts the coverage checks read next to the decisions.
CREATE TEMP TABLE fact AS
SELECT e.*, a.applied_at, a.service_start, a.expenditure_from, a.city_made_product,
       coalesce(a.expenditure_from, a.service_start) AS spending_from,
       coalesce(a.expenditure_until, e.applied_on) AS spending_until,
       substring(e.reason FROM '^(?:once_only|exclusive_spending_period): .*application (\d+)')::bigint AS earlier_id
FROM engine_decision e
JOIN dsm_policy.application a USING (application_id);
-- Clause 3 and 13 applications by enterprise and project / service, for the
-- checks that look at earlier award years.
CREATE TEMP TABLE project_fact AS
SELECT * FROM fact WHERE clause_code IN ('3', '13');
ANALYZE engine_decision;
ANALYZE reference_decision;
ANALYZE fact;
ANALYZE project_fact;

SELECT plan(58);

SELECT diag(format('%s: %s', step, took)) FROM timing ORDER BY step;
SELECT diag(format('engine and reference rows: %s and %s decisions, %s and %s outranked other awards',
                   (SELECT count(*) FROM engine_decision), (SELECT count(*) FROM reference_decision),
                   (SELECT count(*) FROM engine_outranked), (SELECT count(*) FROM reference_outranked)));

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

-- The other policies' awards our applications outrank, both ways.
SELECT is_empty(
    $$(SELECT 'engine only' AS side, * FROM (SELECT * FROM engine_outranked EXCEPT ALL SELECT * FROM reference_outranked) e
       UNION ALL
       SELECT 'reference only', * FROM (SELECT * FROM reference_outranked EXCEPT ALL SELECT * FROM engine_outranked) r)
      ORDER BY other_award_id, side
      LIMIT 20$$,
    'engine and reference list the same outranked other awards (other_award_id, application_id, payable_amount)');
SELECT cmp_ok((SELECT count(*)::integer FROM engine_outranked), '>=', 100,
              'at least 100 other policies'' awards are outranked by one of ours');

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
              OR r.reason LIKE 'once\_only: %' OR r.reason LIKE 'eligible\_from: %'
              OR r.reason LIKE 'exclusive\_spending\_period: the spending of % overlaps that of application %'
              OR r.reason LIKE 'quota: %')
         AND r.reason IS DISTINCT FROM e.reason
       ORDER BY r.application_id
       LIMIT 20$$,
    'the reasons the contract spells out (in force, eligible_from, missing share_ratio, once_only, quota, exclusive_spending_period) have the same words');

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

------------------------------------------------------------------------------
-- Coverage of the rules of 1.2: each at its boundary, many times
------------------------------------------------------------------------------

-- Step 1: the clause's window (eligible_from).
SELECT cmp_ok((SELECT count(*)::integer FROM fact
                WHERE clause_code = '12' AND qualifying_date < DATE '2022-07-28' AND status = 'payable'), '>=', 50,
              'eligible_from: at least 50 clause-12 events before 2022-07-28 are paid (parameters of the first day)');
SELECT cmp_ok((SELECT count(*)::integer FROM fact
                WHERE clause_code = '12' AND award_year = 2021 AND status = 'payable'), '>=', 20,
              'eligible_from: at least 20 clause-12 events of 2021 are paid, in award year 2021');
SELECT cmp_ok((SELECT count(*)::integer FROM fact
                WHERE clause_code = '12' AND qualifying_date < DATE '2021-01-01' AND status = 'not_in_force'), '>=', 10,
              'eligible_from: at least 10 clause-12 events before 2021-01-01 are not in force');
SELECT cmp_ok((SELECT count(*)::integer FROM fact WHERE reason LIKE 'eligible\_from: %'), '>=', 100,
              'eligible_from: at least 100 events in force but before the clause''s window are not in force');
SELECT cmp_ok((SELECT count(*)::integer FROM fact
                WHERE qualifying_date BETWEEN DATE '2026-11-01' AND DATE '2026-11-14' AND status = 'payable'), '>=', 20,
              'eligible_from: at least 20 events in the 2026 gap are paid with the parameters of 2026-11-15');

-- Step 2: requires_city_made_product, and the purchase window on the spending period.
SELECT cmp_ok((SELECT least(count(*) FILTER (WHERE city_made_product = false),
                            count(*) FILTER (WHERE city_made_product IS NULL))::integer
                 FROM fact WHERE clause_code = '15' AND status = 'ineligible'), '>=', 50,
              'requires_city_made_product: at least 50 clause-15 applications each not made in the city and not saying');
SELECT cmp_ok((SELECT count(*)::integer FROM fact
                WHERE clause_code = '3' AND award_year = 2026 AND status = 'payable'
                  AND service_start < make_date(extract(year FROM applied_on)::integer - 1, 1, 1)), '>=', 5,
              'purchase_window_applies_to expenditure_from (2026): at least 5 paid whose service started before the window');
SELECT cmp_ok((SELECT count(*)::integer FROM fact
                WHERE clause_code = '3' AND award_year < 2026 AND status = 'ineligible' AND reason LIKE '%purchase\_window\_years%'
                  AND expenditure_from >= make_date(extract(year FROM applied_on)::integer - 1, 1, 1)), '>=', 20,
              'purchase_window_applies_to service_start (before 2026): at least 20 refused although the spending starts in the window');
SELECT cmp_ok((SELECT count(*)::integer FROM fact
                WHERE clause_code = '3' AND status = 'ineligible' AND (spending_from IS NULL OR spending_until < spending_from)),
              '>=', 50,
              'exclusive_spending_period (step 2): at least 50 clause-3 applications without a spending period, or one ending before it starts');

-- Step 5: once only.
SELECT cmp_ok((SELECT count(*)::integer FROM fact x JOIN fact f ON f.application_id = x.earlier_id
                WHERE x.reason LIKE 'once\_only: %' AND f.award_year = x.award_year), '>=', 100,
              'once_only: at least 100 repeats in the award year of the first are refused');
SELECT cmp_ok((SELECT count(*)::integer FROM fact x JOIN fact f ON f.application_id = x.earlier_id
                WHERE x.reason LIKE 'once\_only: %' AND f.award_year < x.award_year), '>=', 100,
              'once_only: at least 100 repeats in a later award year are refused');
SELECT cmp_ok((SELECT count(*)::integer FROM fact x JOIN fact f ON f.application_id = x.earlier_id
                WHERE x.reason LIKE 'once\_only: %' AND f.award_year > x.award_year), '>=', 20,
              'once_only: at least 20 repeats are refused although their award year is earlier (application order decides)');
SELECT cmp_ok((SELECT count(*)::integer FROM fact x JOIN fact f ON f.application_id = x.earlier_id
                WHERE x.reason LIKE 'once\_only: %' AND f.status = 'superseded'), '>=', 20,
              'once_only: at least 20 repeats are refused whose first application was superseded (it keeps its place)');
SELECT cmp_ok((SELECT count(*)::integer FROM fact
                WHERE clause_code = '15' AND reason LIKE 'once\_only: % (once per enterprise and product)'), '>=', 100,
              'once_only enterprise_product: at least 100 clause-15 repeats of the same product are refused');
SELECT cmp_ok((SELECT count(*)::integer FROM (SELECT credit_code FROM fact WHERE clause_code = '15' AND status = 'payable'
                                              GROUP BY credit_code HAVING count(DISTINCT project_ref) >= 2) x), '>=', 20,
              'once_only enterprise_product: at least 20 enterprises are paid for two products');

-- Step 7: spending periods.
SELECT cmp_ok((SELECT count(*)::integer FROM fact
                WHERE reason LIKE 'exclusive\_spending\_period: the spending of % overlaps that of application %'), '>=', 100,
              'exclusive_spending_period: at least 100 applications overlapping an earlier subsidised one are refused');
SELECT cmp_ok((SELECT count(*)::integer FROM fact x JOIN fact f ON f.application_id = x.earlier_id
                WHERE x.reason LIKE 'exclusive\_spending\_period: the spending of %'
                  AND (x.spending_from = f.spending_until OR x.spending_until = f.spending_from)), '>=', 20,
              'exclusive_spending_period: at least 20 refused that overlap by exactly one day');
SELECT cmp_ok((SELECT count(*)::integer FROM fact x JOIN fact f ON f.application_id = x.earlier_id
                WHERE x.reason LIKE 'exclusive\_spending\_period: the spending of %' AND f.award_year = x.award_year), '>=', 20,
              'exclusive_spending_period: at least 20 refused for an earlier application of the same award year');
SELECT cmp_ok((SELECT count(*)::integer FROM fact x JOIN fact f ON f.application_id = x.earlier_id
                WHERE x.reason LIKE 'exclusive\_spending\_period: the spending of %' AND f.award_year < x.award_year
                  AND f.status = 'payable'), '>=', 20,
              'exclusive_spending_period: at least 20 refused for a payable application of an earlier award year');
SELECT cmp_ok((SELECT count(DISTINCT x.application_id)::integer
                 FROM project_fact x
                 JOIN project_fact p USING (clause_code, credit_code, project_ref)
                WHERE x.clause_code = '3' AND x.status = 'payable'
                  AND p.award_year < x.award_year AND p.status = 'payable'
                  AND p.spending_until + 1 = x.spending_from), '>=', 20,
              'exclusive_spending_period: at least 20 paid whose period starts the day after an earlier paid one ends');
SELECT cmp_ok((SELECT count(DISTINCT x.application_id)::integer
                 FROM project_fact x
                 JOIN project_fact p USING (clause_code, credit_code, project_ref)
                WHERE x.clause_code = '3' AND x.status = 'payable'
                  AND p.award_year < x.award_year AND p.status = 'over_quota'
                  AND daterange(p.spending_from, p.spending_until, '[]')
                      && daterange(x.spending_from, x.spending_until, '[]')), '>=', 10,
              'exclusive_spending_period: at least 10 paid that overlap an earlier over-quota application');
SELECT cmp_ok((SELECT count(DISTINCT x.application_id)::integer
                 FROM project_fact x
                 JOIN project_fact p USING (clause_code, credit_code, project_ref)
                WHERE x.clause_code = '3' AND x.status = 'payable'
                  AND p.award_year < x.award_year AND p.status IN ('superseded', 'cap_exhausted')
                  AND daterange(p.spending_from, p.spending_until, '[]')
                      && daterange(x.spending_from, x.spending_until, '[]')), '>=', 10,
              'exclusive_spending_period: at least 10 paid that overlap an earlier superseded or cap-exhausted application');
SELECT cmp_ok((SELECT count(*)::integer FROM fact
                WHERE reason LIKE 'exclusive\_spending\_period: the spending of %' AND expenditure_from IS NULL), '>=', 10,
              'exclusive_spending_period: at least 10 refused whose period starts on service_start (expenditure_from NULL)');

-- Steps 8 and 10: caps count only what was paid.
SELECT cmp_ok((SELECT count(*)::integer
                 FROM project_fact x
                 JOIN (SELECT credit_code, project_ref,
                              min(award_year) FILTER (WHERE status = 'superseded') AS first_superseded,
                              min(award_year) FILTER (WHERE status = 'payable') AS first_paid
                         FROM project_fact WHERE clause_code = '13'
                        GROUP BY credit_code, project_ref) g USING (credit_code, project_ref)
                WHERE x.clause_code = '13' AND x.status = 'payable' AND x.award_amount = least(x.computed_amount, x.cap_amount)
                  AND g.first_superseded < x.award_year AND g.first_paid = x.award_year), '>=', 20,
              'caps: at least 20 clause-13 projects superseded one year get the whole cap the next');
SELECT cmp_ok((SELECT count(*)::integer
                 FROM project_fact x
                 JOIN (SELECT credit_code, project_ref, min(award_year) AS first_paid
                         FROM project_fact WHERE clause_code = '13' AND status = 'payable' AND payable_amount > 0
                        GROUP BY credit_code, project_ref) g USING (credit_code, project_ref)
                WHERE x.clause_code = '13' AND x.status IN ('payable', 'cap_exhausted') AND x.capped
                  AND g.first_paid < x.award_year), '>=', 20,
              'caps: at least 20 clause-13 claims cut or exhausted by what earlier award years paid');
SELECT cmp_ok((SELECT count(*)::integer FROM (SELECT credit_code, project_ref FROM fact
                                              WHERE clause_code = '13' AND award_year = 2026 AND status = 'payable'
                                              GROUP BY credit_code, project_ref HAVING count(*) >= 2 AND bool_or(capped)) x),
              '>=', 10,
              'caps: in at least 10 clause-13 projects of 2026 several winners share the cap');

-- Step 9: stacking.
SELECT cmp_ok((SELECT count(*)::integer FROM fact WHERE status = 'superseded' AND computed_amount = 0), '>=', 50,
              'stacking: at least 50 claims of 0.00 are superseded');
SELECT cmp_ok((SELECT count(*)::integer FROM fact WHERE status = 'payable' AND computed_amount = 0), '>=', 50,
              'stacking: at least 50 awards of 0.00 are payable');
SELECT cmp_ok((SELECT count(*)::integer FROM (SELECT credit_code, project_ref FROM fact
                                              WHERE award_year = 2026 AND status = 'payable' AND clause_code NOT IN ('2.3', '17')
                                              GROUP BY credit_code, project_ref HAVING count(*) >= 2) x), '>=', 100,
              'stacking_scope other_policies_only (2026): at least 100 groups pay two or more of our applications');
SELECT is_empty(
    $$SELECT f.credit_code, f.project_ref, f.award_year
        FROM fact f
        JOIN dsm_policy.parameter p
          ON p.clause_code IS NULL AND p.name = 'stacking_scope' AND p.scenario = 'enacted'
         AND p.validity @> f.qualifying_date AND p.value_choice = 'all_awards'
       WHERE f.status = 'payable'
         AND NOT EXISTS (SELECT FROM dsm_policy.parameter x
                          WHERE x.clause_code = f.clause_code AND x.name = 'stacking_exempt' AND x.scenario = 'enacted'
                            AND x.validity @> f.qualifying_date AND x.value_flag)
       GROUP BY f.credit_code, f.project_ref, f.award_year
      HAVING count(*) > 1
       LIMIT 20$$,
    'stacking_scope all_awards: no group pays two non-exempt applications');

-- The same decisions when the planner runs parts of the query in parallel
-- workers (evaluate_application and the aggregates are PARALLEL SAFE).
CREATE TEMP VIEW evaluation_totals AS
SELECT count(*) AS applications, sum((e).computed_amount) AS computed,
       count(*) FILTER (WHERE (e).status = 'eligible') AS eligible, count(*) FILTER (WHERE (e).status = 'ineligible') AS ineligible
FROM (SELECT dsm_policy.evaluate_application(a) AS e FROM dsm_policy.application a) s;
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
