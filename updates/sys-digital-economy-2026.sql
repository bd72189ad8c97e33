-- An example yearly update: a successor policy for 2026-2027 that keeps the
-- 2022 numbers except three (clause 3: 40 % of cloud spending, 50 enterprises
-- a year; clause 13: cap 800,000 per project).  The document is a row of
-- table policy; its numbers are the CSV file, loaded in one go.
--
-- From the repository root:
--   psql -v ON_ERROR_STOP=1 -f updates/sys-digital-economy-2026.sql
\set csv `cat updates/sys-digital-economy-2026.csv`

BEGIN;

INSERT INTO dsm_policy.policy (policy_code, title_zh, title_en, issuer_zh, issuer_en,
                               adopted_on, published_on, in_force, stacking_rule, stacking_rule_zh)
VALUES ('sys-digital-economy-2026',
        '双鸭山市推动数字经济高质量发展若干政策措施（2026—2027年）（示例）',
        'Successor measures 2026-2027 (example)',
        '双鸭山市人民政府', 'Shuangyashan City People''s Government',
        '2025-11-20', '2025-12-01', daterange('2026-01-01', '2027-12-31', '[]'), 'highest_only',
        '在同一年度内按“从高不重复”的原则予以支持');

SELECT count(*) AS rows_loaded FROM dsm_policy.load_parameters(:'csv');

COMMIT;
