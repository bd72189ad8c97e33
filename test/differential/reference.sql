-- A second, independent implementation of the award rules (version 1.2) in
-- plain SQL, written from doc/reference.md alone ("Inputs", "Parameters",
-- "The rules, in order", "Statuses", "Output columns"), not from the engine's
-- C code or its views.  test/pgtap/differential.sql compares it with
-- dsm_policy.award_decision row for row.
--
-- View dsm_reference.decision: one row per dsm_policy.application, with the
-- columns of award_decision that decide money, a reason, a warning and the
-- parameter rows used, and a few helper columns (applied_at, claim_amount,
-- stacking_exempt, stacking_scope, parameters_of).  View
-- dsm_reference.other_award_outranked: the other policies' awards one of
-- ours outranks (step 9).  Both read only dsm_policy.application,
-- dsm_policy.other_award, dsm_policy.clause and dsm_policy.parameter
-- (scenario enacted) and call no dsm_policy function.  Plain SQL: CTEs,
-- window functions and recursive CTEs, no PL/pgSQL.
--
-- The CTEs follow the contract's rules in order:
--   app              applications with their clause, basis and spending period
--   day_force        the policy-level in_force row of each qualifying date, and
--                    the first day in force after it
--   clause_window,   1. in force and the clause's window (eligible_from): the
--   clause_day          day whose parameters apply (parameters_of: an event
--                       before the policy took effect, or in a gap, may take
--                       those of the first day D in force after it)
--   clause_param     the parameter rows of a clause on that day, pivoted
--   conditions,      1. kind none, missing share_ratio / fixed amount;
--   evaluated        2. conditions; 3. computed amount; 4. own cap
--   once             5. once only
--   quota_claim,
--   quota            6. quota places across enterprises
--   stage            the applications steps 7 to 10 decide
--   year_round       7 to 10, award year by award year (recursive): each round
--                    decides one award year of every enterprise, knowing every
--                    decision of the earlier rounds:
--                      spend_chain, spend_walk  7. spending periods, walked in
--                                                  application order
--                      pooled, claimed          8. claim on what the cap group
--                                                  has left after earlier years
--                      stacked                  9. stacking (从高不重复)
--                      share_chain, share_walk  10. cap sharing, walked in
--                                                   application order
--   (final select)   11. status, amounts, capped
--
-- Large sets meet only through window functions, single-column joins and
-- walks along arrays, so that the planner's guesses about CTE sizes cannot
-- turn a join into a nested loop over 100,000 rows.  On the differential
-- data (about 109,000 applications) the view takes about 10 seconds on two
-- cores with jit = off; JIT compilation of this one large query costs more
-- than running it (about 13 seconds more), so the test turns it off.

DROP SCHEMA IF EXISTS dsm_reference CASCADE;
CREATE SCHEMA dsm_reference;
COMMENT ON SCHEMA dsm_reference IS
'Test only: an independent plain-SQL implementation of doc/reference.md ("The rules, in order"), compared with dsm_policy.award_decision.';

-- The composite types the year-by-year steps (7 to 10) carry in arrays.

-- An application steps 7 to 10 decide (eligible after step 6).
CREATE TYPE dsm_reference.stage_application AS (
    application_id             bigint,
    credit_code                text,
    clause_code                text,
    project_ref                text,
    applied_at                 timestamptz,
    award_year                 integer,
    computed_amount            numeric,
    cap_amount                 numeric,
    cap_unit                   text,        -- the cap group within clause and enterprise
    stacking_exempt            boolean,
    stacking_scope             text,
    exclusive_spending_period  boolean,
    spending_period            daterange    -- NULL when not known
);

-- A spending period that counts as subsidised (step 7).
CREATE TYPE dsm_reference.subsidised AS (
    application_id  bigint,
    award_year      integer,
    applied_at      timestamptz,
    period          daterange
);

-- A claim that takes part in cap sharing (step 10).
CREATE TYPE dsm_reference.claim AS (
    application_id   bigint,
    credit_code      text,
    clause_code      text,
    project_ref      text,
    cap_unit         text,
    award_year       integer,
    applied_at       timestamptz,
    spending_period  daterange,
    computed_amount  numeric,
    cap_amount       numeric,
    paid_before      numeric,     -- what the cap group paid in earlier award years
    claim_amount     numeric
);

-- What steps 7 to 10 decided about one application (with the keys the next
-- award years need).
CREATE TYPE dsm_reference.year_decision AS (
    application_id   bigint,
    credit_code      text,
    clause_code      text,
    project_ref      text,
    cap_unit         text,
    award_year       integer,
    applied_at       timestamptz,
    spending_period  daterange,
    status           text,        -- payable, superseded, cap_exhausted, or ineligible (step 7)
    reason           text,
    claim_amount     numeric,     -- NULL when step 7 refused it
    award_amount     numeric,
    payable_amount   numeric
);

CREATE VIEW dsm_reference.decision AS
WITH RECURSIVE
app AS (
    SELECT a.application_id,
           a.credit_code::text AS credit_code,
           a.enterprise_name,
           a.clause_code,
           a.project_ref,
           a.applied_at,
           (a.applied_at AT TIME ZONE 'Asia/Shanghai')::date AS applied_on,
           a.qualifying_date,
           extract(year FROM a.qualifying_date)::integer AS award_year,
           a.scale, a.specialized, a.manufacturer,
           a.provincial_amount, a.expenditure, a.investment, a.approved_amount, a.revenue,
           a.cloud_stars, a.service_start, a.expenditure_from, a.expenditure_until,
           a.in_use, a.innovative_mode, a.in_catalogue, a.in_production, a.reports_statistics,
           a.city_made_product,
           c.award_kind,
           c.basis,
           c.cap_scope,
           CASE c.basis
               WHEN 'provincial_amount' THEN a.provincial_amount
               WHEN 'expenditure'       THEN a.expenditure
               WHEN 'approved_amount'   THEN a.approved_amount
           END AS basis_amount,
           -- The spending period: from expenditure_from, else service_start, to
           -- expenditure_until, else applied_on; both days included.
           coalesce(a.expenditure_from, a.service_start) AS spending_from,
           coalesce(a.expenditure_until, (a.applied_at AT TIME ZONE 'Asia/Shanghai')::date) AS spending_until,
           a.clause_code || ' ' || a.qualifying_date AS date_key
    FROM dsm_policy.application a
    JOIN dsm_policy.clause c ON c.clause_code = a.clause_code
),
enacted AS (
    SELECT * FROM dsm_policy.parameter WHERE scenario = 'enacted'
),
in_force_row AS (
    SELECT parameter_id, validity, value_flag FROM enacted WHERE clause_code IS NULL AND name = 'in_force'
),
-- The eligible_from rows (step 1) and the other policy-level rows.
eligible_from_row AS MATERIALIZED (
    SELECT clause_code, validity, value_date FROM enacted WHERE name = 'eligible_from'
),
policy_row AS MATERIALIZED (
    SELECT parameter_id, name, validity, value_flag, value_choice FROM enacted WHERE clause_code IS NULL
),
in_force_span AS (
    SELECT min(lower(validity)) AS first_day,                       -- the policy takes effect
           max(upper(validity)) AS end_day,                         -- the day after its last day
           coalesce(bool_or(upper_inf(validity)), false) AS open_ended
    FROM in_force_row
),
-- Step 1, the policy: the in_force row valid on each qualifying date, and the
-- first day after it on which the policy is in force (for a date before the
-- policy took effect or in a gap).
day_force AS (
    SELECT d.qualifying_date,
           f.value_flag AS in_force,
           s.first_day, s.end_day, s.open_ended,
           (SELECT min(lower(t.validity)) FROM in_force_row t
             WHERE t.value_flag AND lower(t.validity) > d.qualifying_date) AS next_in_force_day
    FROM (SELECT DISTINCT qualifying_date FROM app) d
    LEFT JOIN in_force_row f ON f.validity @> d.qualifying_date
    CROSS JOIN in_force_span s
),
-- Step 1, the clause's window, and the parameters: for each clause and
-- qualifying date, which day's parameter rows decide (parameters_of: the date
-- itself, or the first day D in force after an event before the policy took
-- effect or in a gap), why it is not in force if it is not, and those rows
-- pivoted.  Keyed by date_key, so that the applications meet it in one
-- single-column join.
clause_window AS (
    SELECT v.*,
           -- before the policy took effect, or in a gap: the first day D in force
           -- after the date has an eligible_from row of the clause on or before it
           (v.in_force IS NULL AND v.next_in_force_day IS NOT NULL
            AND v.eligible_from_on_next_day <= v.qualifying_date) AS backdated
    FROM (
        SELECT cd.clause_code, f.*,
               (SELECT p.value_date FROM eligible_from_row p
                 WHERE p.clause_code = cd.clause_code AND p.validity @> cd.qualifying_date) AS eligible_from_on_date,
               (SELECT p.value_date FROM eligible_from_row p
                 WHERE p.clause_code = cd.clause_code AND p.validity @> f.next_in_force_day) AS eligible_from_on_next_day
        FROM (SELECT DISTINCT clause_code, qualifying_date FROM app) cd
        JOIN day_force f ON f.qualifying_date = cd.qualifying_date
    ) v
),
clause_day AS MATERIALIZED (
    SELECT w.clause_code || ' ' || w.qualifying_date AS date_key,
           w.clause_code,
           w.qualifying_date,
           CASE
               WHEN w.backdated THEN NULL
               WHEN w.in_force IS NULL AND w.qualifying_date < w.first_day
                   THEN 'the policy takes effect on ' || to_char(w.first_day, 'YYYY-MM-DD')
               WHEN w.in_force IS NULL AND NOT w.open_ended AND w.qualifying_date >= w.end_day
                   THEN 'the policy expired on ' || to_char(w.end_day - 1, 'YYYY-MM-DD')
               WHEN w.in_force IS NULL
                   THEN 'no in_force row covers this date'
               WHEN NOT w.in_force
                   THEN 'the policy is suspended on this date'
               WHEN w.eligible_from_on_date > w.qualifying_date
                   THEN 'eligible_from: clause ' || w.clause_code || ' covers events from '
                        || to_char(w.eligible_from_on_date, 'YYYY-MM-DD')
           END AS not_in_force_reason,
           CASE WHEN w.backdated THEN w.next_in_force_day ELSE w.qualifying_date END AS parameters_of
    FROM clause_window w
),
clause_param AS (
    SELECT d.date_key,
           d.not_in_force_reason,
           d.parameters_of,
           max(p.value_ratio)  FILTER (WHERE p.name = 'share_ratio')                    AS share_ratio,
           max(p.value_amount) FILTER (WHERE p.name = 'cap')                            AS cap,
           max(p.value_amount) FILTER (WHERE p.name = 'cap_above_scale')                AS cap_above_scale,
           max(p.value_amount) FILTER (WHERE p.name = 'cap_below_scale')                AS cap_below_scale,
           max(p.value_amount) FILTER (WHERE p.name = 'cap_specialized_sme')            AS cap_specialized_sme,
           max(p.value_amount) FILTER (WHERE p.name = 'fixed_amount')                   AS fixed_amount,
           max(p.value_amount) FILTER (WHERE p.name = 'fixed_amount_above_scale')       AS fixed_amount_above_scale,
           max(p.value_amount) FILTER (WHERE p.name = 'fixed_amount_below_scale')       AS fixed_amount_below_scale,
           max(p.value_amount) FILTER (WHERE p.name = 'provincial_max')                 AS provincial_max,
           max(p.value_amount) FILTER (WHERE p.name = 'provincial_max_specialized_sme') AS provincial_max_specialized_sme,
           max(p.value_amount) FILTER (WHERE p.name = 'min_investment')                 AS min_investment,
           max(p.value_amount) FILTER (WHERE p.name = 'min_revenue')                    AS min_revenue,
           max(p.value_count)  FILTER (WHERE p.name = 'min_cloud_stars')                AS min_cloud_stars,
           max(p.value_count)  FILTER (WHERE p.name = 'min_running_months')             AS min_running_months,
           max(p.value_count)  FILTER (WHERE p.name = 'purchase_window_years')          AS purchase_window_years,
           max(p.value_count)  FILTER (WHERE p.name = 'quota_enterprises_per_year')     AS quota,
           max(p.value_date)   FILTER (WHERE p.name = 'min_service_start_date')         AS min_service_start_date,
           coalesce(max(p.value_choice) FILTER (WHERE p.name = 'purchase_window_applies_to'), 'service_start')
                                                                                        AS purchase_window_applies_to,
           coalesce(max(p.value_choice) FILTER (WHERE p.name = 'once_only'), 'none')     AS once_only,
           -- a flag parameter whose value is false imposes nothing; absent = false
           coalesce(bool_or(p.value_flag) FILTER (WHERE p.name = 'requires_manufacturer'), false)         AS requires_manufacturer,
           coalesce(bool_or(p.value_flag) FILTER (WHERE p.name = 'requires_above_scale'), false)          AS requires_above_scale,
           coalesce(bool_or(p.value_flag) FILTER (WHERE p.name = 'requires_statistics_reporting'), false) AS requires_statistics_reporting,
           coalesce(bool_or(p.value_flag) FILTER (WHERE p.name = 'requires_in_catalogue'), false)         AS requires_in_catalogue,
           coalesce(bool_or(p.value_flag) FILTER (WHERE p.name = 'requires_in_production'), false)        AS requires_in_production,
           coalesce(bool_or(p.value_flag) FILTER (WHERE p.name = 'requires_city_made_product'), false)    AS requires_city_made_product,
           coalesce(bool_or(p.value_flag) FILTER (WHERE p.name = 'requires_in_use'), false)               AS requires_in_use,
           coalesce(bool_or(p.value_flag) FILTER (WHERE p.name = 'requires_innovative_mode'), false)      AS requires_innovative_mode,
           coalesce(bool_or(p.value_flag) FILTER (WHERE p.name = 'exclusive_spending_period'), false)     AS exclusive_spending_period,
           coalesce(bool_or(p.value_flag) FILTER (WHERE p.name = 'stacking_exempt'), false)               AS stacking_exempt,
           (SELECT coalesce(max(s.value_choice), 'all_awards') FROM policy_row s
             WHERE s.name = 'stacking_scope' AND s.validity @> d.parameters_of)        AS stacking_scope,
           -- every row used: the clause's rows and the policy-level rows of the day
           (SELECT string_agg(u.id::text, ',' ORDER BY u.id)
              FROM (SELECT unnest(array_agg(p.parameter_id)) AS id
                    UNION ALL
                    SELECT s.parameter_id FROM policy_row s WHERE s.validity @> d.parameters_of) u
             WHERE u.id IS NOT NULL)                                                  AS parameter_version
    FROM clause_day d
    LEFT JOIN enacted p
           ON p.clause_code = d.clause_code
          AND p.validity @> d.parameters_of
    GROUP BY d.date_key, d.clause_code, d.not_in_force_reason, d.parameters_of
),
-- Steps 1 to 4, each application on its own.
conditions AS (
    SELECT a.*,
           p.not_in_force_reason,
           p.parameters_of,
           p.share_ratio, p.quota, p.once_only, p.stacking_exempt, p.stacking_scope,
           p.exclusive_spending_period, p.parameter_version,
           CASE
               WHEN a.award_kind IN ('share', 'spending_share') AND p.share_ratio IS NULL
                   THEN 'clause ' || a.clause_code || ' has no share_ratio on ' || to_char(a.qualifying_date, 'YYYY-MM-DD')
               WHEN a.award_kind = 'fixed'
                    AND CASE a.scale WHEN 'above' THEN p.fixed_amount_above_scale ELSE p.fixed_amount_below_scale END IS NULL
                    AND p.fixed_amount IS NULL
                   THEN 'clause ' || a.clause_code || ' has no '
                        || CASE a.scale WHEN 'above' THEN 'fixed_amount_above_scale' ELSE 'fixed_amount_below_scale' END
                        || ' or fixed_amount on ' || to_char(a.qualifying_date, 'YYYY-MM-DD')
           END AS missing_parameter_reason,
           CASE a.award_kind
               WHEN 'fixed' THEN coalesce(CASE a.scale WHEN 'above' THEN p.fixed_amount_above_scale
                                                       ELSE p.fixed_amount_below_scale END,
                                          p.fixed_amount)
           END AS fixed_for_scale,
           CASE
               WHEN a.award_kind NOT IN ('share', 'spending_share') THEN NULL
               WHEN a.specialized AND p.cap_specialized_sme IS NOT NULL THEN p.cap_specialized_sme
               ELSE coalesce(CASE a.scale WHEN 'above' THEN p.cap_above_scale ELSE p.cap_below_scale END, p.cap)
           END AS own_cap,
           CASE
               WHEN a.provincial_amount > coalesce(CASE WHEN a.specialized THEN p.provincial_max_specialized_sme END,
                                                   p.provincial_max)
                   THEN 'provincial_amount ' || a.provincial_amount || ' exceeds the provincial maximum '
                        || coalesce(CASE WHEN a.specialized THEN p.provincial_max_specialized_sme END, p.provincial_max)
           END AS warning,
           -- Step 2: every condition present, in the contract's order (NULL = passed).
           ARRAY[
               CASE WHEN a.award_kind IN ('share', 'spending_share') AND a.basis_amount IS NULL
                    THEN 'missing fact: ' || a.basis END,
               CASE WHEN p.requires_manufacturer THEN
                   CASE WHEN a.manufacturer IS NULL THEN 'missing fact: manufacturer'
                        WHEN NOT a.manufacturer THEN 'requires_manufacturer: not a manufacturer' END END,
               CASE WHEN p.requires_above_scale AND a.scale <> 'above'
                    THEN 'requires_above_scale: scale is ' || a.scale END,
               CASE WHEN p.requires_statistics_reporting THEN
                   CASE WHEN a.reports_statistics IS NULL THEN 'missing fact: reports_statistics'
                        WHEN NOT a.reports_statistics THEN 'requires_statistics_reporting: does not report statistics' END END,
               CASE WHEN p.min_revenue IS NOT NULL THEN
                   CASE WHEN a.revenue IS NULL THEN 'missing fact: revenue'
                        WHEN a.revenue < p.min_revenue THEN 'min_revenue: ' || a.revenue || ' < ' || p.min_revenue END END,
               CASE WHEN p.min_investment IS NOT NULL THEN
                   CASE WHEN a.investment IS NULL THEN 'missing fact: investment'
                        WHEN a.investment < p.min_investment THEN 'min_investment: ' || a.investment || ' < ' || p.min_investment END END,
               CASE WHEN p.requires_in_catalogue THEN
                   CASE WHEN a.in_catalogue IS NULL THEN 'missing fact: in_catalogue'
                        WHEN NOT a.in_catalogue THEN 'requires_in_catalogue: not in the catalogue' END END,
               CASE WHEN p.requires_in_production THEN
                   CASE WHEN a.in_production IS NULL THEN 'missing fact: in_production'
                        WHEN NOT a.in_production THEN 'requires_in_production: not in production' END END,
               CASE WHEN p.requires_city_made_product THEN
                   CASE WHEN a.city_made_product IS NULL THEN 'missing fact: city_made_product'
                        WHEN NOT a.city_made_product THEN 'requires_city_made_product: not made in the city' END END,
               CASE WHEN p.min_service_start_date IS NOT NULL THEN
                   CASE WHEN a.service_start IS NULL THEN 'missing fact: service_start'
                        WHEN a.service_start < p.min_service_start_date
                        THEN 'min_service_start_date: ' || to_char(a.service_start, 'YYYY-MM-DD') || ' < '
                             || to_char(p.min_service_start_date, 'YYYY-MM-DD') END END,
               -- the purchase window: on service_start, or on the start of the
               -- spending period (expenditure_from, else service_start)
               CASE WHEN p.purchase_window_years IS NOT NULL THEN
                   CASE WHEN p.purchase_window_applies_to = 'expenditure_from' AND a.spending_from IS NULL
                            THEN 'missing fact: expenditure_from'
                        WHEN p.purchase_window_applies_to <> 'expenditure_from' AND a.service_start IS NULL
                            THEN 'missing fact: service_start'
                        WHEN CASE p.purchase_window_applies_to WHEN 'expenditure_from' THEN a.spending_from
                                                               ELSE a.service_start END
                             < make_date(extract(year FROM a.applied_on)::integer - p.purchase_window_years, 1, 1)
                        THEN 'purchase_window_years: ' || p.purchase_window_applies_to || ' '
                             || to_char(CASE p.purchase_window_applies_to WHEN 'expenditure_from' THEN a.spending_from
                                                                          ELSE a.service_start END, 'YYYY-MM-DD')
                             || ' before ' || to_char(make_date(extract(year FROM a.applied_on)::integer
                                                                - p.purchase_window_years, 1, 1), 'YYYY-MM-DD') END END,
               CASE WHEN p.min_running_months IS NOT NULL THEN
                   CASE WHEN a.service_start IS NULL THEN 'missing fact: service_start'
                        WHEN (a.service_start + make_interval(months => p.min_running_months))::date > a.applied_on
                        THEN 'min_running_months: running since ' || to_char(a.service_start, 'YYYY-MM-DD') END END,
               CASE WHEN p.requires_in_use THEN
                   CASE WHEN a.in_use IS NULL THEN 'missing fact: in_use'
                        WHEN NOT a.in_use THEN 'requires_in_use: not in use' END END,
               CASE WHEN p.min_cloud_stars IS NOT NULL THEN
                   CASE WHEN a.cloud_stars IS NULL THEN 'missing fact: cloud_stars'
                        WHEN a.cloud_stars < p.min_cloud_stars THEN 'min_cloud_stars: ' || a.cloud_stars || ' < ' || p.min_cloud_stars END END,
               CASE WHEN p.requires_innovative_mode THEN
                   CASE WHEN a.innovative_mode IS NULL THEN 'missing fact: innovative_mode'
                        WHEN NOT a.innovative_mode THEN 'requires_innovative_mode: no innovative mode' END END,
               CASE WHEN p.exclusive_spending_period THEN
                   CASE WHEN a.spending_from IS NULL THEN 'missing fact: expenditure_from'
                        WHEN a.spending_until < a.spending_from
                        THEN 'exclusive_spending_period: the spending period ends on ' || to_char(a.spending_until, 'YYYY-MM-DD')
                             || ', before it starts on ' || to_char(a.spending_from, 'YYYY-MM-DD') END END
           ] AS failed
    FROM app a
    JOIN clause_param p ON p.date_key = a.date_key
),
evaluated AS (
    SELECT e.*,
           CASE WHEN e.status4 = 'eligible' THEN
               CASE e.award_kind
                   WHEN 'share'          THEN round(e.share_ratio * e.basis_amount, 2)
                   WHEN 'spending_share' THEN round(e.share_ratio * e.basis_amount, 2)
                   WHEN 'fixed'          THEN e.fixed_for_scale
                   WHEN 'approved'       THEN e.approved_amount
               END
           END AS computed_amount,
           CASE WHEN e.status4 = 'eligible' THEN e.own_cap END AS cap_amount
    FROM (
        SELECT c.*,
               CASE
                   WHEN c.not_in_force_reason IS NOT NULL THEN 'not_in_force'
                   WHEN c.award_kind = 'none' THEN 'no_monetary_award'
                   WHEN c.missing_parameter_reason IS NOT NULL THEN 'not_in_force'
                   WHEN f.failures IS NOT NULL THEN 'ineligible'
                   WHEN c.award_kind = 'approved' AND c.approved_amount IS NULL THEN 'pending'
                   ELSE 'eligible'
               END AS status4,
               CASE
                   WHEN c.not_in_force_reason IS NOT NULL THEN c.not_in_force_reason
                   WHEN c.award_kind = 'none' THEN 'clause ' || c.clause_code || ' carries no monetary award'
                   WHEN c.missing_parameter_reason IS NOT NULL THEN c.missing_parameter_reason
                   WHEN f.failures IS NOT NULL THEN f.failures
                   WHEN c.award_kind = 'approved' AND c.approved_amount IS NULL THEN 'pending: no approved_amount yet'
               END AS reason4
        FROM conditions c
        -- all failed conditions joined by '; ', each missing fact once
        CROSS JOIN LATERAL (
            SELECT string_agg(x.failure, '; ' ORDER BY x.first_at) AS failures
            FROM (SELECT u.failure, min(u.at) AS first_at
                  FROM unnest(c.failed) WITH ORDINALITY AS u (failure, at)
                  WHERE u.failure IS NOT NULL
                  GROUP BY u.failure) x
        ) f
    ) e
),
-- Step 5: once only.  In each group (enterprise and clause, or enterprise,
-- clause and product) the first application eligible or pending after step 4,
-- in application order and whatever its award year, keeps its place.
once AS (
    SELECT g.*,
           CASE WHEN g.first_id <> g.application_id THEN 'ineligible' ELSE g.status4 END AS status5,
           CASE WHEN g.first_id <> g.application_id
                THEN 'once_only: application ' || g.first_id || ' qualified first ('
                     || CASE g.once_only WHEN 'enterprise' THEN 'once per enterprise'
                                         ELSE 'once per enterprise and product' END || ')'
                ELSE g.reason4 END AS reason5
    FROM (
        SELECT e.*,
               CASE WHEN e.in_once_group THEN
                   first_value(e.application_id) OVER (
                       PARTITION BY e.in_once_group, e.credit_code, e.clause_code, e.once_only,
                                    CASE e.once_only WHEN 'enterprise_product' THEN e.project_ref END
                       ORDER BY e.applied_at, e.application_id)
               END AS first_id
        FROM (SELECT v.*,
                     (v.status4 IN ('eligible', 'pending') AND v.once_only IN ('enterprise', 'enterprise_product'))
                         AS in_once_group
              FROM evaluated v) e
    ) g
),
-- Step 6: an enterprise's claim on the quota of a clause and award year is
-- its first eligible application (after step 5); the claims of all
-- enterprises are numbered in application order, and each application of the
-- enterprise shows its claim's number.
quota_claim AS (
    SELECT c.*,
           CASE WHEN c.is_claim
                THEN count(*) FILTER (WHERE c.is_claim) OVER (
                         PARTITION BY c.in_quota, c.clause_code, c.award_year
                         ORDER BY c.applied_at, c.application_id)
           END AS claim_rank
    FROM (
        SELECT o.*,
               row_number() OVER (PARTITION BY o.in_quota, o.clause_code, o.award_year, o.credit_code
                                  ORDER BY o.applied_at, o.application_id) = 1 AND o.in_quota AS is_claim
        FROM (SELECT x.*, (x.status5 = 'eligible' AND x.quota IS NOT NULL) AS in_quota FROM once x) o
    ) c
),
quota AS (
    SELECT r.*,
           CASE WHEN r.quota_rank > r.quota THEN 'over_quota' ELSE r.status5 END AS status6,
           CASE WHEN r.quota_rank > r.quota
                THEN 'quota: enterprise ' || r.quota_rank || ' of ' || r.quota || ' places in ' || r.award_year || ', over quota'
                ELSE r.reason5 END AS reason6
    FROM (
        SELECT c.*,
               CASE WHEN c.in_quota THEN
                   first_value(c.claim_rank) OVER (PARTITION BY c.in_quota, c.clause_code, c.award_year, c.credit_code
                                                   ORDER BY c.applied_at, c.application_id)
               END AS quota_rank
        FROM quota_claim c
    ) r
),
-- The applications steps 7 to 10 decide: eligible after step 6.
stage AS (
    SELECT q.application_id, q.credit_code, q.clause_code, q.project_ref, q.applied_at, q.award_year,
           q.computed_amount, q.cap_amount,
           -- the cap group, within the clause and the enterprise
           CASE coalesce(q.cap_scope, 'application')
               WHEN 'application'     THEN 'application ' || q.application_id
               WHEN 'enterprise_year' THEN 'year ' || q.award_year
               ELSE 'project ' || q.project_ref
           END AS cap_unit,
           q.stacking_exempt, q.stacking_scope, q.exclusive_spending_period,
           CASE WHEN q.spending_from IS NOT NULL AND q.spending_until >= q.spending_from
                THEN daterange(q.spending_from, q.spending_until, '[]') END AS spending_period
    FROM quota q
    WHERE q.status6 = 'eligible'
),
other AS (
    SELECT o.other_award_id, o.credit_code::text AS credit_code, o.project_ref, o.award_year, o.amount
    FROM dsm_policy.other_award o
    WHERE o.amount > 0
),
-- Steps 7 to 10, award year by award year, from the earliest: each round
-- decides the stage applications of one award year (of every enterprise:
-- every group lies within one enterprise), knowing every decision of the
-- earlier rounds, which it carries on.
year_round (award_year, decided) AS (
    SELECT min(award_year) - 1, ARRAY[]::dsm_reference.year_decision[] FROM stage
  UNION ALL
    SELECT r.award_year + 1, r.decided || y.decided
    FROM year_round r
    CROSS JOIN LATERAL (
        WITH RECURSIVE
        this_year AS (
            SELECT s.* FROM stage s WHERE s.award_year = r.award_year + 1
        ),
        -- what earlier award years paid
        paid_before AS (
            SELECT d.* FROM unnest(r.decided) d WHERE d.status = 'payable'
        ),
        ---------------------------------------------------------------- step 7
        -- Per enterprise, clause and service: this year's applications in
        -- application order, and the periods earlier years subsidised.
        spend_chain AS (
            SELECT array_agg(u.application ORDER BY (u.application).applied_at, (u.application).application_id)
                       FILTER (WHERE u.kind = 'this year') AS chain,
                   coalesce(array_agg(u.subsidised ORDER BY (u.subsidised).award_year, (u.subsidised).applied_at,
                                                            (u.subsidised).application_id)
                                FILTER (WHERE u.kind = 'paid before'), '{}') AS subsidised
            FROM (
                SELECT 'this year' AS kind, t.credit_code, t.clause_code, t.project_ref,
                       ROW(t.*)::dsm_reference.stage_application AS application,
                       NULL::dsm_reference.subsidised AS subsidised
                FROM this_year t
              UNION ALL
                SELECT 'paid before', p.credit_code, p.clause_code, p.project_ref, NULL,
                       ROW(p.application_id, p.award_year, p.applied_at, p.spending_period)::dsm_reference.subsidised
                FROM paid_before p
                WHERE p.spending_period IS NOT NULL
            ) u
            GROUP BY u.credit_code, u.clause_code, u.project_ref
            HAVING bool_or(u.kind = 'this year')
        ),
        -- Walk each chain: an application of a clause with
        -- exclusive_spending_period whose period overlaps a subsidised one is
        -- refused; every other one (still eligible) counts as subsidised for
        -- the later ones.  Position 0 is the start of the walk.
        spend_walk (chain, position, application, overlapped, subsidised) AS (
            SELECT c.chain, 0, NULL::dsm_reference.stage_application, NULL::dsm_reference.subsidised, c.subsidised
            FROM spend_chain c
          UNION ALL
            SELECT w.chain, w.position + 1, x.application, x.overlapped,
                   w.subsidised
                   || CASE WHEN x.overlapped IS NULL AND (x.application).spending_period IS NOT NULL
                           THEN ARRAY[ROW((x.application).application_id, (x.application).award_year,
                                          (x.application).applied_at, (x.application).spending_period
                                      )::dsm_reference.subsidised]
                           ELSE ARRAY[]::dsm_reference.subsidised[] END
            FROM spend_walk w
            CROSS JOIN LATERAL (
                SELECT a.application,
                       CASE WHEN (a.application).exclusive_spending_period THEN
                           (SELECT s FROM unnest(w.subsidised) s
                             WHERE s.period && (a.application).spending_period
                             ORDER BY s.award_year, s.applied_at, s.application_id
                             LIMIT 1)
                       END AS overlapped
                FROM (SELECT w.chain[w.position + 1] AS application) a
            ) x
            WHERE w.position < cardinality(w.chain)
        ),
        ------------------------------------------------------------ steps 8, 9
        -- This year's applications, what earlier years paid and other
        -- policies' awards of this year, side by side: the cap groups and
        -- stacking groups are windows over them.
        pooled AS (
            SELECT 'application' AS kind, (w.application).*, w.overlapped,
                   NULL::bigint AS other_award_id, NULL::numeric AS amount
            FROM spend_walk w
            WHERE w.position > 0
          UNION ALL
            SELECT 'paid before', p.application_id, p.credit_code, p.clause_code, p.project_ref, p.applied_at,
                   p.award_year, NULL, NULL, p.cap_unit, NULL, NULL, NULL, NULL, NULL,
                   NULL, p.payable_amount
            FROM paid_before p
          UNION ALL
            SELECT 'other award', NULL, o.credit_code, NULL, o.project_ref, NULL,
                   o.award_year, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                   o.other_award_id, o.amount
            FROM other o
            WHERE o.award_year = r.award_year + 1
        ),
        -- Step 8: the claim on what the cap group has left after earlier years.
        claimed AS (
            SELECT c.*,
                   CASE WHEN c.kind <> 'application' THEN NULL
                        WHEN c.overlapped IS NOT NULL THEN 'ineligible'
                        WHEN c.computed_amount > 0 AND c.claim_amount = 0 THEN 'cap_exhausted'
                        ELSE 'eligible' END AS status8
            FROM (
                SELECT g.*,
                       CASE WHEN g.cap_amount IS NULL THEN g.computed_amount
                            ELSE least(g.computed_amount, greatest(0, g.cap_amount - g.paid_before)) END AS claim_amount
                FROM (
                    SELECT p.*,
                           coalesce(sum(p.amount) FILTER (WHERE p.kind = 'paid before')
                                        OVER (PARTITION BY p.clause_code, p.credit_code, p.cap_unit), 0) AS paid_before
                    FROM pooled p
                ) g
                WHERE g.kind <> 'paid before'
            ) c
        ),
        -- Step 9: stacking.  Candidates: the claims of eligible, non-exempt
        -- applications (0.00 too) and the other policies' awards (amount > 0).
        stacked AS (
            SELECT s.*,
                   CASE
                       WHEN s.status8 <> 'eligible' OR s.stacking_exempt THEN s.status8
                       -- another policy's award outranks it (a tie goes to the other policy)
                       WHEN s.best_other >= s.claim_amount THEN 'superseded'
                       -- all_awards: the group's other applications compete too
                       WHEN s.stacking_scope = 'all_awards' AND s.best_application_id <> s.application_id
                           THEN 'superseded'
                       ELSE 'eligible'
                   END AS status9,
                   CASE
                       WHEN s.status8 <> 'eligible' OR s.stacking_exempt THEN NULL
                       WHEN s.best_other >= s.claim_amount
                           THEN 'superseded: another policy''s award of ' || s.best_other
                                || ' outranks the claim of ' || s.claim_amount
                       WHEN s.stacking_scope = 'all_awards' AND s.best_application_id <> s.application_id
                           THEN 'superseded: application ' || s.best_application_id || ' claims ' || s.best_claim
                                || ', outranking the claim of ' || s.claim_amount
                   END AS reason9
            FROM (
                SELECT c.*,
                       max(c.amount) FILTER (WHERE c.kind = 'other award') OVER stacking_group AS best_other,
                       first_value(c.application_id) OVER candidates AS best_application_id,
                       first_value(c.claim_amount) OVER candidates AS best_claim
                FROM claimed c
                WINDOW stacking_group AS (PARTITION BY c.credit_code, c.project_ref, c.award_year),
                       candidates AS (PARTITION BY c.credit_code, c.project_ref, c.award_year,
                                                   (c.kind = 'application' AND c.status8 = 'eligible'
                                                    AND NOT c.stacking_exempt)
                                      ORDER BY c.claim_amount DESC, c.applied_at, c.application_id)
            ) s
            WHERE s.kind = 'application'
        ),
        --------------------------------------------------------------- step 10
        -- The winners and the exempt share each cap group's remainder in
        -- application order.
        share_chain AS (
            SELECT array_agg(ROW(s.application_id, s.credit_code, s.clause_code, s.project_ref, s.cap_unit,
                                 s.award_year, s.applied_at, s.spending_period, s.computed_amount, s.cap_amount,
                                 s.paid_before, s.claim_amount)::dsm_reference.claim
                             ORDER BY s.applied_at, s.application_id) AS chain
            FROM stacked s
            WHERE s.status9 = 'eligible'
            GROUP BY s.clause_code, s.credit_code, s.cap_unit
        ),
        share_walk (chain, position, claim, award_amount, got) AS (
            SELECT c.chain, 0, NULL::dsm_reference.claim, NULL::numeric, 0::numeric
            FROM share_chain c
          UNION ALL
            SELECT w.chain, w.position + 1, x.claim, x.award_amount, w.got + x.award_amount
            FROM share_walk w
            CROSS JOIN LATERAL (
                SELECT a.claim,
                       CASE WHEN (a.claim).cap_amount IS NULL THEN (a.claim).claim_amount
                            ELSE least((a.claim).claim_amount,
                                       greatest(0, (a.claim).cap_amount - (a.claim).paid_before - w.got)) END AS award_amount
                FROM (SELECT w.chain[w.position + 1] AS claim) a
            ) x
            WHERE w.position < cardinality(w.chain)
        )
        SELECT coalesce(array_agg(d.decision), ARRAY[]::dsm_reference.year_decision[]) AS decided
        FROM (
            -- refused at step 7, cap_exhausted at step 8, superseded at step 9
            SELECT ROW(s.application_id, s.credit_code, s.clause_code, s.project_ref, s.cap_unit, s.award_year,
                       s.applied_at, s.spending_period,
                       s.status9,
                       CASE s.status9
                           WHEN 'ineligible'
                               THEN 'exclusive_spending_period: the spending of '
                                    || to_char(lower(s.spending_period), 'YYYY-MM-DD') || ' to '
                                    || to_char(upper(s.spending_period) - 1, 'YYYY-MM-DD') || ' overlaps that of application '
                                    || (s.overlapped).application_id || ' ('
                                    || to_char(lower((s.overlapped).period), 'YYYY-MM-DD') || ' to '
                                    || to_char(upper((s.overlapped).period) - 1, 'YYYY-MM-DD') || '), already subsidised'
                           WHEN 'cap_exhausted'
                               THEN 'cap_exhausted: the cap group paid ' || s.paid_before || ' in earlier award years'
                           ELSE s.reason9
                       END,
                       CASE WHEN s.status9 <> 'ineligible' THEN s.claim_amount END,
                       CASE WHEN s.status9 = 'superseded' THEN s.claim_amount ELSE 0 END,
                       0
                   )::dsm_reference.year_decision AS decision
            FROM stacked s
            WHERE s.status9 <> 'eligible'
          UNION ALL
            -- step 10
            SELECT ROW((w.claim).application_id, (w.claim).credit_code, (w.claim).clause_code, (w.claim).project_ref,
                       (w.claim).cap_unit, (w.claim).award_year, (w.claim).applied_at, (w.claim).spending_period,
                       CASE WHEN (w.claim).computed_amount > 0 AND w.award_amount = 0 THEN 'cap_exhausted' ELSE 'payable' END,
                       CASE WHEN (w.claim).computed_amount > 0 AND w.award_amount = 0
                            THEN 'cap_exhausted: earlier applications of the group took what the cap left' END,
                       (w.claim).claim_amount,
                       w.award_amount,
                       CASE WHEN (w.claim).computed_amount > 0 AND w.award_amount = 0 THEN 0 ELSE w.award_amount END
                   )::dsm_reference.year_decision
            FROM share_walk w
            WHERE w.position > 0
        ) d
    ) y
    WHERE r.award_year < (SELECT max(award_year) FROM stage)
),
decided AS (
    SELECT d.*
    FROM (SELECT decided FROM year_round ORDER BY award_year DESC LIMIT 1) l
    CROSS JOIN LATERAL unnest(l.decided) d
)
SELECT q.application_id,
       q.credit_code,
       q.enterprise_name,
       q.clause_code,
       q.project_ref,
       q.applied_on,
       q.qualifying_date,
       q.award_year,
       coalesce(d.status, q.status6) AS status,
       coalesce(d.reason, CASE WHEN d.application_id IS NULL THEN q.reason6 END) AS reason,
       q.basis_amount,
       -- NULL when steps 1, 2, 5 or 7 refused it
       CASE WHEN q.status5 = 'eligible' AND d.status IS DISTINCT FROM 'ineligible'
            THEN q.computed_amount END AS computed_amount,
       CASE WHEN q.status5 = 'eligible' AND d.status IS DISTINCT FROM 'ineligible'
            THEN q.cap_amount END AS cap_amount,
       q.cap_scope,
       coalesce(CASE d.status
                    WHEN 'payable'       THEN d.award_amount < q.computed_amount
                    WHEN 'cap_exhausted' THEN d.award_amount < q.computed_amount
                    WHEN 'superseded'    THEN d.claim_amount < q.computed_amount
                END, false) AS capped,
       coalesce(d.award_amount, 0.00) AS award_amount,
       coalesce(d.payable_amount, 0.00) AS payable_amount,
       q.quota_rank,
       q.quota,
       q.parameter_version,
       q.warning,
       -- helpers, for reading and for other_award_outranked
       q.applied_at,
       d.claim_amount,
       q.stacking_exempt,
       q.stacking_scope,
       q.parameters_of
FROM quota q
LEFT JOIN decided d ON d.application_id = q.application_id;

COMMENT ON VIEW dsm_reference.decision IS
'Test only: the award decision of every application by an independent plain-SQL reading of doc/reference.md; must equal dsm_policy.award_decision on the money columns.';

-- Other policies' awards that one of ours outranks (step 9): an other_award
-- row with amount > 0 is outranked by the best payable, non-exempt
-- application of its stacking group whose claim outranks it (is higher: a
-- tie goes to the other policy).
CREATE VIEW dsm_reference.other_award_outranked AS
SELECT DISTINCT ON (o.other_award_id)
       o.other_award_id,
       d.application_id,
       d.payable_amount
FROM dsm_policy.other_award o
JOIN dsm_reference.decision d
  ON d.credit_code = o.credit_code::text
 AND d.project_ref = o.project_ref
 AND d.award_year = o.award_year
WHERE o.amount > 0
  AND d.status = 'payable'
  AND NOT d.stacking_exempt
  AND d.claim_amount > o.amount
ORDER BY o.other_award_id, d.claim_amount DESC, d.applied_at, d.application_id;

COMMENT ON VIEW dsm_reference.other_award_outranked IS
'Test only: the other_award rows one of this policy''s payable applications outranks (doc/reference.md, step 9), by the reading of dsm_reference.decision.';
