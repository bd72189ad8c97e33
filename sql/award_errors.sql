-- Bad input is refused with an error that names the field and the rule, and
-- nothing is stored.
SET datestyle = ISO;
SET timezone = 'Asia/Shanghai';
\set VERBOSITY default
\set SHOW_CONTEXT never

-- Start from empty tables and identities, whatever ran before.
TRUNCATE dsm_policy.application, dsm_policy.other_award RESTART IDENTITY;

CREATE FUNCTION pg_temp.cc(n integer) RETURNS text LANGUAGE sql AS $$
    SELECT p || dsm_policy.credit_code_check_character(p)
    FROM (SELECT '91230500MA' || lpad(n::text, 7, '0') AS p) s
$$;

-- Applications.
INSERT INTO dsm_policy.application (credit_code, clause_code, project_ref, applied_at, qualifying_date, scale)
VALUES ('91230500MA00000010', '1', 'P', '2023-05-01', '2023-04-01', 'above');
INSERT INTO dsm_policy.application (credit_code, clause_code, project_ref, applied_at, qualifying_date, scale)
VALUES (pg_temp.cc(1), '99', 'P', '2023-05-01', '2023-04-01', 'above');
INSERT INTO dsm_policy.application (credit_code, clause_code, project_ref, applied_at, qualifying_date, scale)
VALUES (pg_temp.cc(1), '1', '  ', '2023-05-01', '2023-04-01', 'above');
INSERT INTO dsm_policy.application (credit_code, clause_code, project_ref, applied_at, qualifying_date, scale)
VALUES (pg_temp.cc(1), '1', 'P', '2023-05-01', '2023-04-01', 'large');
INSERT INTO dsm_policy.application (credit_code, clause_code, project_ref, applied_at, qualifying_date, scale)
VALUES (pg_temp.cc(1), '1', 'P', '2023-05-01', '1999-12-31', 'above');
INSERT INTO dsm_policy.application (credit_code, clause_code, project_ref, applied_at, qualifying_date, scale)
VALUES (pg_temp.cc(1), '1', 'P', 'infinity', '2023-04-01', 'above');
INSERT INTO dsm_policy.application (credit_code, clause_code, project_ref, applied_at, qualifying_date, scale, provincial_amount)
VALUES (pg_temp.cc(1), '1', 'P', '2023-05-01', '2023-04-01', 'above', -0.01);
INSERT INTO dsm_policy.application (credit_code, clause_code, project_ref, applied_at, qualifying_date, scale, provincial_amount)
VALUES (pg_temp.cc(1), '1', 'P', '2023-05-01', '2023-04-01', 'above', 'NaN');
INSERT INTO dsm_policy.application (credit_code, clause_code, project_ref, applied_at, qualifying_date, scale, provincial_amount)
VALUES (pg_temp.cc(1), '1', 'P', '2023-05-01', '2023-04-01', 'above', 'Infinity');
INSERT INTO dsm_policy.application (credit_code, clause_code, project_ref, applied_at, qualifying_date, scale, expenditure)
VALUES (pg_temp.cc(1), '3', 'P', '2023-05-01', '2023-04-01', 'above', 1e12);
INSERT INTO dsm_policy.application (credit_code, clause_code, project_ref, applied_at, qualifying_date, scale, cloud_stars)
VALUES (pg_temp.cc(1), '3', 'P', '2023-05-01', '2023-04-01', 'above', 6);
INSERT INTO dsm_policy.application (credit_code, clause_code, project_ref, applied_at, qualifying_date, scale, service_start)
VALUES (pg_temp.cc(1), '3', 'P', '2023-05-01', '2023-04-01', 'above', '-infinity');
INSERT INTO dsm_policy.application (credit_code, clause_code, project_ref, applied_at, qualifying_date, scale, revenue)
VALUES (pg_temp.cc(1), '9', 'P', '2023-05-01', '2023-04-01', 'above', -1);
INSERT INTO dsm_policy.application (credit_code, clause_code, project_ref, applied_at, qualifying_date, scale)
VALUES (pg_temp.cc(1), '1', 'P', '2023-05-01', NULL, 'above');
-- A statement with one bad row stores none of its rows.
INSERT INTO dsm_policy.application (credit_code, clause_code, project_ref, applied_at, qualifying_date, scale, cloud_stars)
VALUES (pg_temp.cc(1), '3', 'P', '2023-05-01', '2023-04-01', 'above', 3),
       (pg_temp.cc(2), '3', 'P', '2023-05-01', '2023-04-01', 'above', 0);
SELECT count(*) AS applications_stored FROM dsm_policy.application;

-- Other awards.
INSERT INTO dsm_policy.other_award (credit_code, project_ref, award_year, policy_name, amount)
VALUES (pg_temp.cc(1), 'P', 2023, 'Talent', -5);
INSERT INTO dsm_policy.other_award (credit_code, project_ref, award_year, policy_name, amount)
VALUES (pg_temp.cc(1), 'P', 1999, 'Talent', 5);
INSERT INTO dsm_policy.other_award (credit_code, project_ref, award_year, policy_name, amount)
VALUES (pg_temp.cc(1), 'P', 2023, '', 5);
SELECT count(*) AS other_awards_stored FROM dsm_policy.other_award;

-- The per-application function called directly, with named arguments for the
-- facts that matter; bad arguments refused with the argument's name.
SELECT (dsm_policy.evaluate_application(clause_code => '1', qualifying_date => '2023-04-01', scale => 'above',
                                        provincial_amount => 1500000)).formula;
SELECT (dsm_policy.evaluate_application(clause_code => '3', qualifying_date => '2023-05-01', scale => 'below',
                                        manufacturer => true, expenditure => 50000, cloud_stars => 3,
                                        service_start => '2023-01-10', in_use => true)).formula;
SELECT dsm_policy.evaluate_application(clause_code => '99', qualifying_date => '2023-04-01', scale => 'above',
                                       provincial_amount => 1);
SELECT dsm_policy.evaluate_application(clause_code => '1', qualifying_date => NULL, scale => 'above',
                                       provincial_amount => 1);
SELECT dsm_policy.evaluate_application(clause_code => '1', qualifying_date => 'infinity', scale => 'above',
                                       provincial_amount => 1);
SELECT dsm_policy.evaluate_application(clause_code => '1', qualifying_date => '2023-04-01', scale => 'huge',
                                       provincial_amount => 1);
-- no scale: a clause whose rules read it (14, requires_above_scale) misses it; clauses 1 and 2.3 (a fixed sum
-- without amounts by scale) do not need it
SELECT (e).status, (e).reason FROM (SELECT dsm_policy.evaluate_application(clause_code => '14', qualifying_date => '2023-04-01',
                                                                           scale => NULL, provincial_amount => 1,
                                                                           reports_statistics => true) AS e) x;
SELECT (e).status, (e).computed_amount FROM (SELECT dsm_policy.evaluate_application(clause_code => '2.3', qualifying_date => '2023-04-01',
                                                                                    scale => NULL) AS e) x;
SELECT (e).status, (e).computed_amount FROM (SELECT dsm_policy.evaluate_application(clause_code => '1', qualifying_date => '2023-04-01',
                                                                                    scale => NULL, provincial_amount => 1) AS e) x;
SELECT dsm_policy.evaluate_application(clause_code => NULL, qualifying_date => '2023-04-01', scale => 'above');
SELECT dsm_policy.evaluate_application(clause_code => '1', qualifying_date => '2023-04-01', scale => 'above',
                                       provincial_amount => 0.001);
SELECT dsm_policy.evaluate_application(clause_code => '1', qualifying_date => '2023-04-01', scale => 'above',
                                       provincial_amount => 'NaN');
SELECT dsm_policy.evaluate_application(clause_code => '1', qualifying_date => '2023-04-01', scale => 'above',
                                       provincial_amount => '-Infinity');
SELECT dsm_policy.evaluate_application(clause_code => '3', qualifying_date => '2023-04-01', scale => 'above',
                                       expenditure => -3);
SELECT dsm_policy.evaluate_application(clause_code => '9', qualifying_date => '2023-04-01', scale => 'above',
                                       provincial_amount => 1, revenue => 1e30);
SELECT dsm_policy.evaluate_application(clause_code => '3', qualifying_date => '2023-04-01', scale => 'above',
                                       specialized => NULL, expenditure => 1);
SELECT dsm_policy.evaluate_application(clause_code => '3', qualifying_date => '2023-04-01', scale => 'above',
                                       service_start => '-infinity');
SELECT dsm_policy.evaluate_application(clause_code => '3', qualifying_date => '2023-04-01', scale => 'above',
                                       cloud_stars => 40000);
-- a stored application, and a row that is not one
SELECT (dsm_policy.evaluate_application(a)).status FROM dsm_policy.application a;
SELECT dsm_policy.evaluate_application(NULL::dsm_policy.application);
-- the engine's items and bundles: a bytea that is not one is refused, never read
SELECT * FROM dsm_policy.decide_enterprise('\x00'::bytea, NULL);
SELECT * FROM dsm_policy.decide_enterprise(decode(repeat('ab', 400), 'hex'), NULL);
SELECT d.* FROM (SELECT dsm_policy.enterprise_items(NULL::bytea) AS items) e, dsm_policy.decide_enterprise(e.items, NULL) d;
SELECT d.* FROM (SELECT dsm_policy.enterprise_items('\x00'::bytea) AS items) e, dsm_policy.decide_enterprise(e.items, NULL) d;
SELECT d.* FROM (SELECT dsm_policy.enterprise_items(decode(repeat('ab', 400), 'hex')) AS items) e, dsm_policy.decide_enterprise(e.items, NULL) d;
-- "DSMB", version 1, 2 items, but only one (empty) item follows
SELECT * FROM dsm_policy.decide_enterprise('\x44534d42010000000200000000000000'::bytea, NULL);
-- the same bundle with a byte too many after its one item
SELECT * FROM dsm_policy.quota_claims('\x44534d4201000000010000000000000000'::bytea);
SELECT * FROM dsm_policy.quota_claims('\x4453'::bytea);

-- The engine's arithmetic for one amount: the share and cap, or NULL where
-- the clause gives no share; bad arguments refused like evaluate_application's.
SELECT dsm_policy.share_award('1', '2023-04-01', 'above', false, 1500000) AS clause_1,
       dsm_policy.share_award('1', '2023-04-01', 'above', false, 3000000) AS capped,
       dsm_policy.share_award('4', '2023-04-01', 'above', true, 1000000) AS specialized_sme,
       dsm_policy.share_award('3', '2023-04-01', 'below', false, 80000) AS cloud_below_scale,
       dsm_policy.share_award('1', '2026-04-01', 'above', false, 1500000) AS expired,
       dsm_policy.share_award('12', '2023-04-01', 'above', false, 1500000) AS fixed_clause,
       dsm_policy.share_award('1', '2023-04-01', 'above', false, NULL) AS no_basis;
SELECT dsm_policy.share_award('99', '2023-04-01', 'above', false, 1);
SELECT dsm_policy.share_award('1', '2023-04-01', 'huge', false, 1);
SELECT dsm_policy.share_award('1', 'infinity', 'above', false, 1);
SELECT dsm_policy.share_award('1', '2023-04-01', 'above', false, 'NaN');
SELECT dsm_policy.share_award('1', '2023-04-01', 'above', false, -1);
SELECT dsm_policy.share_award('1', '2023-04-01', 'above', false, 0.001);

-- Money at the boundary: exact or refused.
SELECT dsm_policy.yuan_to_fen(1234567.89) AS fen, dsm_policy.yuan_to_fen(-0.01) AS minus_one,
       dsm_policy.yuan_to_fen(1.000000) AS trailing_zeros, dsm_policy.format_yuan(1234567.8) AS formatted;
SELECT dsm_policy.yuan_to_fen(0.001);
SELECT dsm_policy.yuan_to_fen(1e17);
SELECT dsm_policy.yuan_to_fen('NaN');
