-- A second, independent implementation of the award rules in plain SQL,
-- written from README.md ("Award decisions") alone (not from the engine's C code or its
-- view).  test/pgtap/differential.sql compares it with
-- dsm_policy.award_decision row for row.
--
-- View dsm_reference.decision: one row per dsm_policy.application, with the
-- columns of award_decision that decide money (and a reason, a warning and the
-- parameter rows used, for reading).  It reads only dsm_policy.application,
-- dsm_policy.other_award, dsm_policy.clause and dsm_policy.parameter (scenario
-- enacted) and calls no dsm_policy function.
--
-- The steps, as CTEs, follow the contract's rules in order:
--   app          applications with their clause and the Shanghai application date
--   clause_param the parameter rows of each clause valid on each qualifying date, pivoted
--   day_force    the policy-level in_force row valid on each qualifying date
--   checked      1. in force  2. conditions (one reason per failed condition)
--   first_time   2. first_time_only: the first qualifying application of the enterprise and clause
--   amounts      2. pending; 3. computed amount; 4. the application's own cap
--   allocation   4. sequential cap allocation within enterprise_year / project / product groups
--   quota        5. enterprise rank per clause and award year
--   awarded      6. award after cap and quota
--   candidate,
--   stacking     7. highest award per (enterprise, project, award year) wins
--   (final)      8. payable amount and status

DROP SCHEMA IF EXISTS dsm_reference CASCADE;
CREATE SCHEMA dsm_reference;
COMMENT ON SCHEMA dsm_reference IS
'Test only: an independent plain-SQL implementation of README.md ("Award decisions"), compared with dsm_policy.award_decision.';

CREATE VIEW dsm_reference.decision AS
WITH RECURSIVE
app AS (
    SELECT a.application_id,
           a.credit_code,
           a.enterprise_name,
           a.clause_code,
           a.project_ref,
           a.applied_at,
           (a.applied_at AT TIME ZONE 'Asia/Shanghai')::date AS applied_on,
           a.qualifying_date,
           extract(year FROM a.qualifying_date)::integer AS award_year,
           a.scale,
           a.specialized,
           a.manufacturer,
           a.provincial_amount,
           a.expenditure,
           a.investment,
           a.approved_amount,
           a.revenue,
           a.cloud_stars,
           a.service_start,
           a.in_use,
           a.innovative_mode,
           a.in_catalogue,
           a.in_production,
           a.reports_statistics,
           c.award_kind,
           c.basis,
           c.cap_scope,
           CASE c.basis
               WHEN 'provincial_amount' THEN a.provincial_amount
               WHEN 'expenditure'       THEN a.expenditure
               WHEN 'approved_amount'   THEN a.approved_amount
           END AS basis_amount
    FROM dsm_policy.application a
    JOIN dsm_policy.clause c ON c.clause_code = a.clause_code
),
clause_day AS (
    SELECT DISTINCT clause_code, qualifying_date FROM app
),
clause_param AS (
    SELECT d.clause_code,
           d.qualifying_date,
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
           coalesce(bool_or(p.value_flag) FILTER (WHERE p.name = 'requires_manufacturer'), false)         AS requires_manufacturer,
           coalesce(bool_or(p.value_flag) FILTER (WHERE p.name = 'requires_above_scale'), false)          AS requires_above_scale,
           coalesce(bool_or(p.value_flag) FILTER (WHERE p.name = 'requires_statistics_reporting'), false) AS requires_statistics_reporting,
           coalesce(bool_or(p.value_flag) FILTER (WHERE p.name = 'requires_in_catalogue'), false)         AS requires_in_catalogue,
           coalesce(bool_or(p.value_flag) FILTER (WHERE p.name = 'requires_in_production'), false)        AS requires_in_production,
           coalesce(bool_or(p.value_flag) FILTER (WHERE p.name = 'requires_in_use'), false)               AS requires_in_use,
           coalesce(bool_or(p.value_flag) FILTER (WHERE p.name = 'requires_innovative_mode'), false)      AS requires_innovative_mode,
           coalesce(bool_or(p.value_flag) FILTER (WHERE p.name = 'first_time_only'), false)               AS first_time_only,
           coalesce(bool_or(p.value_flag) FILTER (WHERE p.name = 'stacking_exempt'), false)               AS stacking_exempt
    FROM clause_day d
    LEFT JOIN dsm_policy.parameter p
           ON p.clause_code = d.clause_code
          AND p.scenario = 'enacted'
          AND p.validity @> d.qualifying_date
    GROUP BY d.clause_code, d.qualifying_date
),
in_force_row AS (
    SELECT parameter_id, validity, value_flag
    FROM dsm_policy.parameter
    WHERE clause_code IS NULL AND name = 'in_force' AND scenario = 'enacted'
),
in_force_span AS (
    SELECT min(lower(validity))             AS first_day,
           max(upper(validity))             AS end_day,      -- the day after the last day
           coalesce(bool_or(upper_inf(validity)), false) AS open_ended
    FROM in_force_row
),
day_force AS (
    SELECT d.qualifying_date,
           f.value_flag   AS in_force,
           s.first_day,
           s.end_day,
           s.open_ended
    FROM (SELECT DISTINCT qualifying_date FROM app) d
    LEFT JOIN in_force_row f ON f.validity @> d.qualifying_date
    CROSS JOIN in_force_span s
),
-- The parameter rows read for a clause on a date: its own and the in_force row.
parameter_version AS (
    SELECT u.clause_code, u.qualifying_date,
           string_agg(u.parameter_id::text, ',' ORDER BY u.parameter_id) AS parameter_version
    FROM (
        SELECT d.clause_code, d.qualifying_date, p.parameter_id
        FROM clause_day d
        JOIN dsm_policy.parameter p
          ON p.clause_code = d.clause_code AND p.scenario = 'enacted' AND p.validity @> d.qualifying_date
      UNION ALL
        SELECT d.clause_code, d.qualifying_date, f.parameter_id
        FROM clause_day d
        JOIN in_force_row f ON f.validity @> d.qualifying_date
    ) u
    GROUP BY u.clause_code, u.qualifying_date
),
-- Steps 1 and 2 for each application on its own.
checked AS (
    SELECT a.*,
           p.share_ratio, p.quota, p.first_time_only, p.stacking_exempt,
           v.parameter_version,
           CASE
               WHEN f.in_force IS NULL AND a.qualifying_date < f.first_day
                   THEN 'the policy takes effect on ' || to_char(f.first_day, 'YYYY-MM-DD')
               WHEN f.in_force IS NULL AND NOT f.open_ended AND a.qualifying_date >= f.end_day
                   THEN 'the policy expired on ' || to_char(f.end_day - 1, 'YYYY-MM-DD')
               WHEN f.in_force IS NULL
                   THEN 'no in_force row covers this date'
               WHEN NOT f.in_force
                   THEN 'the policy is suspended on this date'
           END AS not_in_force_reason,
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
           concat_ws('; ',
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
               CASE WHEN p.min_service_start_date IS NOT NULL THEN
                   CASE WHEN a.service_start IS NULL THEN 'missing fact: service_start'
                        WHEN a.service_start < p.min_service_start_date
                        THEN 'min_service_start_date: ' || to_char(a.service_start, 'YYYY-MM-DD') || ' < '
                             || to_char(p.min_service_start_date, 'YYYY-MM-DD') END END,
               CASE WHEN p.purchase_window_years IS NOT NULL THEN
                   CASE WHEN a.service_start IS NULL THEN 'missing fact: service_start'
                        WHEN a.service_start < make_date(extract(year FROM a.applied_on)::integer - p.purchase_window_years, 1, 1)
                        THEN 'purchase_window_years: service started ' || to_char(a.service_start, 'YYYY-MM-DD') END END,
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
                        WHEN NOT a.innovative_mode THEN 'requires_innovative_mode: no innovative mode' END END
           ) AS failed_conditions
    FROM app a
    JOIN clause_param p ON p.clause_code = a.clause_code AND p.qualifying_date = a.qualifying_date
    JOIN day_force f ON f.qualifying_date = a.qualifying_date
    LEFT JOIN parameter_version v ON v.clause_code = a.clause_code AND v.qualifying_date = a.qualifying_date
),
-- first_time_only: the first, in (applied_at, application_id) order, of the
-- enterprise's applications under the clause that passed everything above.
first_time AS (
    SELECT c.*,
           (c.not_in_force_reason IS NULL AND c.award_kind <> 'none'
            AND c.missing_parameter_reason IS NULL AND c.failed_conditions = '') AS qualified,
           first_value(c.application_id) OVER (
               PARTITION BY c.credit_code, c.clause_code,
                            (c.not_in_force_reason IS NULL AND c.award_kind <> 'none'
                             AND c.missing_parameter_reason IS NULL AND c.failed_conditions = '')
               ORDER BY c.applied_at, c.application_id) AS first_qualified_id
    FROM checked c
),
-- Status of steps 1-2 (NULL = passed), computed amount (step 3) and own cap (step 4).
amounts AS (
    SELECT t.*,
           CASE WHEN t.early_status IS NULL THEN
               CASE t.award_kind
                   WHEN 'share'          THEN round(t.share_ratio * t.basis_amount, 2)
                   WHEN 'spending_share' THEN round(t.share_ratio * t.basis_amount, 2)
                   WHEN 'fixed'          THEN t.fixed_for_scale
                   WHEN 'approved'       THEN t.approved_amount
               END
           END AS computed_amount,
           CASE WHEN t.early_status IS NULL THEN t.own_cap END AS cap_amount
    FROM (
        SELECT f.*,
               CASE
                   WHEN f.not_in_force_reason IS NOT NULL THEN 'not_in_force'
                   WHEN f.award_kind = 'none' THEN 'no_monetary_award'
                   WHEN f.missing_parameter_reason IS NOT NULL THEN 'not_in_force'
                   WHEN f.failed_conditions <> '' THEN 'ineligible'
                   WHEN f.first_time_only AND f.first_qualified_id <> f.application_id THEN 'ineligible'
                   WHEN f.award_kind = 'approved' AND f.approved_amount IS NULL THEN 'pending'
               END AS early_status,
               CASE
                   WHEN f.not_in_force_reason IS NOT NULL THEN f.not_in_force_reason
                   WHEN f.award_kind = 'none' THEN 'clause ' || f.clause_code || ' carries no monetary award'
                   WHEN f.missing_parameter_reason IS NOT NULL THEN f.missing_parameter_reason
                   WHEN f.failed_conditions <> '' THEN f.failed_conditions
                   WHEN f.first_time_only AND f.first_qualified_id <> f.application_id
                       THEN 'first_time_only: application ' || f.first_qualified_id || ' qualified first'
                   WHEN f.award_kind = 'approved' AND f.approved_amount IS NULL THEN 'missing fact: approved_amount'
               END AS early_reason
        FROM first_time f
    ) t
),
-- Step 4, groups that share one cap: numbered in (applied_at, application_id) order.
cap_group AS (
    SELECT application_id,
           clause_code,
           credit_code,
           CASE cap_scope WHEN 'enterprise_year' THEN award_year::text ELSE project_ref END AS cap_unit,
           computed_amount,
           cap_amount,
           row_number() OVER (
               PARTITION BY clause_code, credit_code,
                            CASE cap_scope WHEN 'enterprise_year' THEN award_year::text ELSE project_ref END
               ORDER BY applied_at, application_id) AS position
    FROM amounts
    WHERE early_status IS NULL
      AND cap_scope IN ('enterprise_year', 'project', 'product')
),
allocation (application_id, clause_code, credit_code, cap_unit, position, granted, used) AS (
    SELECT g.application_id, g.clause_code, g.credit_code, g.cap_unit, g.position,
           CASE WHEN g.cap_amount IS NULL THEN g.computed_amount
                ELSE least(g.computed_amount, greatest(0, g.cap_amount)) END,
           CASE WHEN g.cap_amount IS NULL THEN g.computed_amount
                ELSE least(g.computed_amount, greatest(0, g.cap_amount)) END
    FROM cap_group g
    WHERE g.position = 1
  UNION ALL
    SELECT g.application_id, g.clause_code, g.credit_code, g.cap_unit, g.position,
           CASE WHEN g.cap_amount IS NULL THEN g.computed_amount
                ELSE least(g.computed_amount, greatest(0, g.cap_amount - a.used)) END,
           a.used + CASE WHEN g.cap_amount IS NULL THEN g.computed_amount
                         ELSE least(g.computed_amount, greatest(0, g.cap_amount - a.used)) END
    FROM allocation a
    JOIN cap_group g
      ON g.clause_code = a.clause_code
     AND g.credit_code = a.credit_code
     AND g.cap_unit = a.cap_unit
     AND g.position = a.position + 1
),
granted AS (
    SELECT m.*,
           CASE
               WHEN m.early_status IS NOT NULL THEN NULL
               WHEN al.application_id IS NOT NULL THEN al.granted
               WHEN m.cap_amount IS NULL THEN m.computed_amount
               ELSE least(m.computed_amount, greatest(0, m.cap_amount))
           END AS granted_amount
    FROM amounts m
    LEFT JOIN allocation al ON al.application_id = m.application_id
),
-- Step 5: each enterprise ranks by its earliest application that passed steps 1-2.
enterprise_first AS (
    SELECT g.*,
           first_value(g.applied_at) OVER w AS enterprise_first_at,
           first_value(g.application_id) OVER w AS enterprise_first_id
    FROM granted g
    WINDOW w AS (PARTITION BY g.clause_code, g.award_year, g.credit_code, (g.early_status IS NULL)
                 ORDER BY g.applied_at, g.application_id)
),
quota AS (
    SELECT e.*,
           CASE WHEN e.early_status IS NULL AND e.quota IS NOT NULL THEN
               dense_rank() OVER (PARTITION BY e.clause_code, e.award_year, (e.early_status IS NULL)
                                  ORDER BY e.enterprise_first_at, e.enterprise_first_id)
           END AS quota_rank
    FROM enterprise_first e
),
-- Step 6.
awarded AS (
    SELECT q.*,
           coalesce(q.early_status,
                    CASE WHEN q.quota_rank > q.quota THEN 'over_quota'
                         WHEN q.computed_amount > 0 AND q.granted_amount = 0 THEN 'cap_exhausted' END) AS award_status,
           coalesce(q.early_reason,
                    CASE WHEN q.quota_rank > q.quota
                             THEN 'enterprise ranks ' || q.quota_rank || ' of a quota of ' || q.quota
                         WHEN q.computed_amount > 0 AND q.granted_amount = 0
                             THEN 'the ' || q.cap_scope || ' cap is used up' END) AS award_reason
    FROM quota q
),
-- Step 7: stacking candidates, by (enterprise, project, award year).
candidate AS (
    SELECT w.credit_code::text AS credit_code, w.project_ref, w.award_year,
           w.granted_amount AS amount, 1 AS source_order, w.applied_at, w.application_id,
           NULL::bigint AS other_award_id
    FROM awarded w
    WHERE w.award_status IS NULL AND w.granted_amount > 0 AND NOT w.stacking_exempt
  UNION ALL
    SELECT o.credit_code::text, o.project_ref, o.award_year,
           o.amount, 0, NULL, NULL, o.other_award_id
    FROM dsm_policy.other_award o
    WHERE o.amount > 0
),
stacking AS (
    SELECT c.application_id,
           row_number() OVER w AS place,
           first_value(c.application_id) OVER w AS winner_application_id,
           first_value(c.other_award_id) OVER w AS winner_other_award_id,
           first_value(c.amount) OVER w AS winner_amount
    FROM candidate c
    WINDOW w AS (PARTITION BY c.credit_code, c.project_ref, c.award_year
                 ORDER BY c.amount DESC, c.source_order, c.applied_at, c.application_id)
)
SELECT w.application_id,
       w.credit_code,
       w.enterprise_name,
       w.clause_code,
       w.project_ref,
       w.applied_on,
       w.qualifying_date,
       w.award_year,
       coalesce(w.award_status, CASE WHEN s.place > 1 THEN 'superseded' ELSE 'payable' END) AS status,
       coalesce(w.award_reason,
                CASE WHEN s.place > 1 THEN
                    'superseded by ' || coalesce('application ' || s.winner_application_id,
                                                 'other award ' || s.winner_other_award_id)
                    || ' of ' || s.winner_amount END) AS reason,
       w.basis_amount,
       w.computed_amount,
       w.cap_amount,
       w.cap_scope,
       coalesce(w.granted_amount < w.computed_amount, false) AS capped,
       CASE WHEN w.award_status IS NULL THEN w.granted_amount ELSE 0.00 END AS award_amount,
       CASE WHEN w.award_status IS NULL AND coalesce(s.place, 1) = 1 THEN w.granted_amount ELSE 0.00 END AS payable_amount,
       w.quota_rank,
       w.quota,
       w.stacking_exempt,
       w.parameter_version,
       w.warning
FROM awarded w
LEFT JOIN stacking s ON s.application_id = w.application_id;

COMMENT ON VIEW dsm_reference.decision IS
'Test only: the award decision of every application by an independent plain-SQL reading of README.md ("Award decisions"); must equal dsm_policy.award_decision on the money columns.';
