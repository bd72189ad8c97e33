-- 免申即享 in the sample: the provincial programmes mapped to clauses, the
-- provincial awards the province published (updates/provincial-awards-2022-2025.csv,
-- made by tools/make_sample_feed.sql), the enterprise register of the
-- enterprises awarded, and the proposals the city makes from them.  The main
-- job (tools/main.sh) runs it after tools/sample_data.sql:
--
--     psql -v ON_ERROR_STOP=1 -v feed="$(base64 -w0 updates/provincial-awards-2022-2025.csv)" -f tools/sample_feed.sql
--
-- The feed is given as its bytes (base64), the way a file that may not be
-- UTF-8 is loaded (doc/dba.md).  Deterministic: the register is made from
-- md5 of the credit codes, as tools/sample_data.sql makes its data.
-- One transaction.

BEGIN;
SET LOCAL client_min_messages = warning;

-- The provincial programmes whose awards the clauses take a share of
-- (the clauses' own words: "获评省级…", "获得省级…").
INSERT INTO dsm_policy.programme_clause (programme_code, name_zh, name_en, clause_code, note)
VALUES ('HLJ-IIM', '黑龙江省工业互联网新模式新业态示范企业', 'Provincial demonstration enterprise of new industrial-internet modes', '1',
        '对获评省级工业互联网新模式示范企业的，按照省级奖补资金的20%给予奖励'),
       ('MIIT-IIF', '工信部工业互联网创新发展工程专项资金项目', 'MIIT industrial-internet innovation special fund project', '2.1',
        '获得工信部工业互联网领域专项资金支持项目的牵头单位'),
       ('MIIT-PILOT', '工信部试点示范项目（工业互联网、大数据、5G、信息消费）', 'MIIT pilot demonstration project', '2.2',
        '获评工信部工业互联网、大数据、5G、信息消费等试点示范的牵头单位'),
       ('HLJ-SME-DIGI', '黑龙江省中小企业数字化示范标杆', 'Provincial SME digital-transformation demonstration benchmark', '4',
        '获评省级中小企业数字化示范标杆的'),
       ('HLJ-SME-CLOUD', '黑龙江省中小企业上云标杆示范平台', 'Provincial benchmark platform of SMEs adopting cloud services', '5',
        '获评省级标杆示范工业互联网平台的'),
       ('HLJ-DIGI-IND', '黑龙江省数字产业企业营业收入首次突破奖励', 'Provincial award for a digital-industry enterprise first passing a revenue mark', '9',
        '营业收入首次达到10亿元的数字产业企业'),
       ('HLJ-DIGI-PROD', '黑龙江省重点数字产品制造项目', 'Provincial key digital-product manufacturing project', '13',
        '列入省级重点数字产品目录的产品'),
       ('HLJ-SOFT-SCALE', '黑龙江省软件和信息技术服务业新增规上企业奖励', 'Provincial award for software and IT-service enterprises newly above scale', '14',
        '首次纳入规上统计的软件和信息技术服务业企业'),
       ('HLJ-FIRST-SOFT', '黑龙江省首版次软件产品', 'Provincial first-version software product', '15',
        '市内首版次软件创新产品');

-- The feed: loaded whole or not at all; loading it again adds nothing.
SELECT count(*) FILTER (WHERE loaded) AS provincial_awards_loaded
FROM dsm_policy.load_provincial_awards(decode(:'feed', 'base64'));

-- The register: every enterprise awarded, each statistical year 2022-2025;
-- one in twelve has no register row (its facts stay unknown), and the
-- statistics bureau does not know reports_statistics for one in six.
CREATE FUNCTION pg_temp.h(key text, m integer) RETURNS integer
LANGUAGE sql IMMUTABLE
AS $$ SELECT (('x' || substr(md5(key), 1, 8))::bit(32)::bigint % m)::integer $$;

INSERT INTO dsm_policy.enterprise (credit_code, validity, enterprise_name, scale, specialized, manufacturer,
                                   reports_statistics, source)
SELECT e.credit_code, daterange(make_date(y, 1, 1), make_date(y, 12, 31), '[]'), e.enterprise_name,
       -- above scale from a year on (some enterprises grow into it)
       CASE WHEN y >= 2022 + pg_temp.h('scale-' || e.credit_code, 5) THEN 'above' ELSE 'below' END,
       pg_temp.h('sme-' || e.credit_code, 4) = 0 AND y >= 2023,
       pg_temp.h('mfg-' || e.credit_code, 3) > 0,
       CASE WHEN pg_temp.h('stat-' || e.credit_code || y, 6) = 0 THEN NULL ELSE true END,
       '市统计局、市工信局 ' || y || ' 年度名录（示例）'
FROM (SELECT DISTINCT ON (credit_code) credit_code, enterprise_name
      FROM dsm_policy.provincial_award ORDER BY credit_code, granted_on) e
CROSS JOIN generate_series(2022, 2025) AS y
WHERE pg_temp.h('registered-' || e.credit_code, 12) > 0
ORDER BY e.credit_code, y;

-- The proposals: every award that maps to a clause and has no application.
SELECT count(*) AS proposals_made FROM dsm_policy.propose_applications();

COMMIT;
