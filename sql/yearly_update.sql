-- Yearly parameter updates from CSV (doc/dba.md "The yearly update, step by step"): the sample successor
-- file loads in one go; a bad file is refused as a whole with every problem
-- named by line; open-ended rows are closed on request; the policy's expiry
-- and the successor decide the same applications; every change is audited.
SET datestyle = ISO;
SET timezone = 'Asia/Shanghai';
\set VERBOSITY default
\set SHOW_CONTEXT never
\pset null '-'

TRUNCATE dsm_policy.application, dsm_policy.other_award RESTART IDENTITY;
SELECT coalesce(max(change_id), 0) AS audit_start FROM dsm_policy.activity_log \gset
SELECT setval('dsm_policy.parameter_parameter_id_seq', max(parameter_id)) AS last_shipped_id
FROM dsm_policy.parameter;

-- Two enterprises apply under clause 3 (cloud) and clause 1, qualifying on
-- the last day of the 2022 measures and in 2026.
INSERT INTO dsm_policy.application (credit_code, enterprise_name, clause_code, project_ref, applied_at,
                                    qualifying_date, scale, manufacturer, provincial_amount, expenditure,
                                    cloud_stars, service_start, in_use)
VALUES ('91230500MA0000001D', 'Enterprise 1', '3', 'cloud', '2025-12-31 09:00', '2025-12-31', 'above', true,
        NULL, 80000, 4, '2025-03-01', true),
       ('91230500MA0000001D', 'Enterprise 1', '3', 'cloud', '2026-03-02 09:00', '2026-03-01', 'above', true,
        NULL, 80000, 4, '2025-03-01', true),
       ('91230500MA0000002G', 'Enterprise 2', '1', 'lighthouse', '2026-05-01 09:00', '2026-04-20', 'above', false,
        1500000, NULL, NULL, NULL, NULL);
-- the 2026 application claims the spending of 2026 (after the 2025 one)
UPDATE dsm_policy.application SET expenditure_from = '2026-01-01' WHERE qualifying_date = '2026-03-01';

CREATE VIEW pg_temp.decided AS
SELECT application_id AS id, clause_code AS clause, qualifying_date, status, payable_amount AS payable,
       policy_code, explanation
FROM dsm_policy.award_decision ORDER BY application_id;

-- 1. The 2022 measures expired on 2025-12-31: a 2026 qualifying date is not in force.
SELECT * FROM pg_temp.decided;

-- 2. A bad file is refused as a whole.  Every problem is named by its line;
--    the first is the error message, all of them the detail.
SELECT * FROM dsm_policy.load_parameters(
$csv$policy_code,clause_code,name,scenario,valid_from,valid_until,value,note
sys-digital-economy-2022,3,share_ratio,,2026-01-01,2026-12-31,0.45,fine on its own
sys-digital-economy-2022,99,share_ratio,,2026-01-01,2026-12-31,0.45,unknown clause
sys-digital-economy-2022,1,share_rate,,2026-01-01,2026-12-31,0.2,unknown parameter
sys-digital-economy-2022,1,share_ratio,,2026-01-01,2026-12-31,1.5,ratio above 1
sys-digital-economy-2022,1,cap,,2026-01-01,2026-12-31,40 万,not a number
sys-digital-economy-2022,2.1,cap,,2026-01-01,2026-12-31,300000.005,fraction of a fen
sys-digital-economy-2022,4,cap,,2026-12-31,2026-01-01,300000,empty validity
sys-digital-economy-2022,5,cap,,2026-02-30,,300000,no such day
sys-digital-economy-2022,3,share_ratio,,2026-06-01,2027-12-31,0.5,overlaps line 2
sys-digital-economy-2022,1,cap,,2025-01-01,2026-12-31,400000,overlaps the shipped cap
sys-digital-economy-2022,3,in_force,,2026-01-01,2026-12-31,true,policy-level name with a clause
sys-digital-economy-2019,3,quota_enterprises_per_year,,2026-01-01,2026-12-31,40,unknown policy
sys-digital-economy-2022,3,quota_enterprises_per_year,cloud99,2026-01-01,2026-12-31,40,unknown scenario
sys-digital-economy-2022,3,quota_enterprises_per_year,,2026-01-01,2026-12-31,-4,negative count
sys-digital-economy-2022,3,share_ratio,,2026-01-01
$csv$);
SELECT count(*) AS user_rows_after_refusal FROM dsm_policy.parameter WHERE NOT shipped;

-- Each kind of problem alone, and its SQLSTATE.
\set VERBOSITY sqlstate
SELECT * FROM dsm_policy.load_parameters(E'policy_code,clause_code,name,valid_from,value\nsys-digital-economy-2022,99,cap,2026-01-01,1\n');
SELECT * FROM dsm_policy.load_parameters(E'policy_code,clause_code,name,valid_from,value\nsys-digital-economy-2022,1,cap,2026-01-01,abc\n');
SELECT * FROM dsm_policy.load_parameters(E'policy_code,clause_code,name,valid_from,value\nsys-digital-economy-2022,1,share_ratio,2026-01-01,101%\n');
SELECT * FROM dsm_policy.load_parameters(E'policy_code,clause_code,name,valid_from,value\nsys-digital-economy-2022,1,cap,2026-13-01,1\n');
SELECT * FROM dsm_policy.load_parameters(E'policy_code,clause_code,name,valid_from,value\nsys-digital-economy-2022,1,cap,2025-12-31,1\n');
\set VERBOSITY default
-- The file itself: a missing column, an unknown one, a broken quote, no rows.
SELECT * FROM dsm_policy.load_parameters(E'policy_code,clause_code,valid_from,value\n');
SELECT * FROM dsm_policy.load_parameters(E'policy_code,clause_code,name,valid_from,value,colour\n');
SELECT * FROM dsm_policy.load_parameters(E'policy_code,clause_code,name,valid_from,value\nsys-digital-economy-2022,1,cap,"2026-01-01,1\n');
SELECT * FROM dsm_policy.load_parameters(E'policy_code,clause_code,name,valid_from,value\n\n');
SELECT * FROM dsm_policy.load_parameters('');

-- 3. The sample update: the successor policy 2026-2027, 51 rows, three numbers
--    changed.  It adds the document and loads the file in one transaction.
\i updates/sys-digital-economy-2026.sql
SELECT policy_code, count(*) AS parameter_rows, min(lower(validity)) AS first_day, max(upper(validity)) - 1 AS last_day
FROM dsm_policy.parameter GROUP BY policy_code ORDER BY policy_code;
SELECT clause_code, parameter, valid_from, valid_until, value_text, policy_code
FROM dsm_policy.parameter_report
WHERE scenario = 'enacted'
  AND ((clause_code, parameter) IN (('3', 'share_ratio'), ('3', 'quota_enterprises_per_year'), ('13', 'cap'))
       OR clause_code IS NULL)
ORDER BY clause_code NULLS FIRST, parameter, valid_from;

-- 4. The same applications: 2025-12-31 under the 2022 measures; 2026 under
--    the successor (clause 3 now pays 40 %).
SELECT * FROM pg_temp.decided;

-- 5. Loading the same file again is refused: every row overlaps (the detail
--    lists all 51; the message names the first).
\set csv `cat updates/sys-digital-economy-2026.csv`
\set VERBOSITY terse
SELECT count(*) FROM dsm_policy.load_parameters(:'csv');
\set VERBOSITY default

-- 6. Open-ended rows, and closing them.  A row valid from 2028 "until further
--    notice"; a later file replaces it from 2029: refused unless asked to
--    close the open row, then loaded, the old row ending on 2028-12-31.
SELECT * FROM dsm_policy.load_parameters(
$csv$policy_code,clause_code,name,valid_from,valid_until,value
sys-digital-economy-2026,3,share_ratio,2028-01-01,,45%
$csv$);
SELECT * FROM dsm_policy.load_parameters(
$csv$policy_code,clause_code,name,valid_from,valid_until,value
sys-digital-economy-2026,3,share_ratio,2029-01-01,,0.5
$csv$);
SELECT * FROM dsm_policy.load_parameters(
$csv$policy_code,clause_code,name,valid_from,valid_until,value
sys-digital-economy-2026,3,share_ratio,2029-01-01,,0.5
$csv$, close_open_rows => true);
SELECT parameter_id, valid_from, valid_until, value_text
FROM dsm_policy.parameter_report
WHERE clause_code = '3' AND parameter = 'share_ratio' AND scenario = 'enacted'
ORDER BY valid_from;

-- 6b. Files as Windows and Excel write them.  CRLF line ends, read the
--     documented way (psql's backquotes cut the last LF, leaving a final CR),
--     and a UTF-8 byte order mark: loaded.  A GBK file, given as its bytes:
--     refused with the line, the byte and how to convert it.
\set csv `printf '\357\273\277policy_code,clause_code,name,scenario,valid_from,valid_until,value\r\nsys-digital-economy-2026,5,share_ratio,whatif,2026-01-01,2027-12-31,25%%\r\n'`
INSERT INTO dsm_policy.scenario VALUES ('whatif', 'Clause 5 at 25 %');
SELECT line, parameter_id IS NOT NULL AS loaded FROM dsm_policy.load_parameters(:'csv');
\set gbk `printf 'policy_code,clause_code,name,valid_from,value,note\nsys-digital-economy-2026,5,cap,2028-01-01,300000,市财政局\n' | iconv -f UTF-8 -t GBK | base64 -w0`
SELECT * FROM dsm_policy.load_parameters(decode(:'gbk', 'base64'));
\set utf8 `printf 'policy_code,clause_code,name,valid_from,value,note\nsys-digital-economy-2026,5,cap,2028-01-01,300000,市财政局\n' | base64 -w0`
SELECT line, parameter_id IS NOT NULL AS loaded FROM dsm_policy.load_parameters(decode(:'utf8', 'base64'));

-- 6c. What is wrong in a row comes before the overlaps: a file that loads
--     this year's rows again (each overlaps) with one typo on its last line.
\set csv `(head -4 updates/sys-digital-economy-2026.csv; echo 'sys-digital-economy-2026,3,share_ratio,,2026-01-01,2027-12-31,4O%,,')`
SELECT * FROM dsm_policy.load_parameters(:'csv');

-- 6d. A number revised from a day inside a loaded period: clause 3's 40 %
--     of 2026-2027 becomes 45 % from 2026-07-01; the old row ends on
--     2026-06-30.  A shipped row, a day no row covers and a bad value are
--     refused, nothing changed.
SELECT parameter_id > 0 AS new_row, replaced_parameter_id > 0 AS replaced, valid_until
FROM dsm_policy.revise_parameter('sys-digital-economy-2026', '3', 'share_ratio', '2026-07-01', '45%',
                                 note => 'amendment of 2026-06-15');
SELECT valid_from, valid_until, value_text, note
FROM dsm_policy.parameter_report p JOIN dsm_policy.parameter USING (parameter_id)
WHERE p.clause_code = '3' AND p.parameter = 'share_ratio' AND p.scenario = 'enacted'
ORDER BY valid_from;
SELECT * FROM dsm_policy.revise_parameter('sys-digital-economy-2022', '3', 'share_ratio', '2024-07-01', '45%');
SELECT * FROM dsm_policy.revise_parameter('sys-digital-economy-2026', '5', 'share_ratio', '2030-07-01', '30%', scenario => 'whatif');
SELECT * FROM dsm_policy.revise_parameter('sys-digital-economy-2026', '3', 'share_ratio', '2026-09-01', '4O%');

-- 7. The audit trail holds every change: the inserts of the document and its
--    rows, and the update that closed the open row (old and new validity).
SELECT table_name, operation, count(*) AS changes, bool_and(changed_by = current_user) AS by_me
FROM dsm_policy.activity_log WHERE change_id > :audit_start
GROUP BY table_name, operation ORDER BY table_name, operation;
SELECT row_key, old_row ->> 'validity' AS old_validity, new_row ->> 'validity' AS new_validity,
       new_row ->> 'value_ratio' AS ratio
FROM dsm_policy.activity_log WHERE change_id > :audit_start AND operation = 'UPDATE' AND table_name = 'parameter';

-- Leave the tables as the extension shipped them (the trail keeps the history).
TRUNCATE dsm_policy.application RESTART IDENTITY;
DELETE FROM dsm_policy.parameter WHERE NOT shipped;
DELETE FROM dsm_policy.policy WHERE NOT shipped;
DELETE FROM dsm_policy.scenario WHERE NOT shipped;
SELECT operation, count(*) FROM dsm_policy.activity_log WHERE change_id > :audit_start
GROUP BY operation ORDER BY operation;
