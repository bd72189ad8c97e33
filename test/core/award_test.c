/*
 * award_test.c
 *	  Unit test of the rules of one application on its own (src/award.c,
 *	  doc/reference.md "The rules, in order", steps 1 to 4) and of the money
 *	  and date arithmetic, without PostgreSQL.  Prints TAP; built with ASan
 *	  and UBSan and run by `make core-check`.  The steps across an
 *	  enterprise's applications (5 to 11) are test/core/enterprise_test.c's.
 *
 * Each rule is checked at its boundary: the value that passes and the one
 * next to it that fails, and a NULL fact where the rule reads one.  Texts
 * the contract spells out are compared exactly; the others as award.c
 * writes them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "award.h"

static int	tests = 0;
static int	failures = 0;

static void
check(int ok, const char *what)
{
	tests++;
	if (!ok)
		failures++;
	printf("%sok %d - %s\n", ok ? "" : "not ", tests, what);
}

/* A text compared exactly; on failure both are shown as TAP diagnostics. */
static void
check_text(const char *got, const char *want, const char *what)
{
	int			ok = strcmp(got, want) == 0;

	check(ok, what);
	if (!ok)
		printf("#   got:  \"%s\"\n#   want: \"%s\"\n", got, want);
}

/* A text that contains a part. */
static void
check_has(const char *got, const char *part, const char *what)
{
	int			ok = strstr(got, part) != NULL;

	check(ok, what);
	if (!ok)
		printf("#   \"%s\"\n#   does not contain \"%s\"\n", got, part);
}

static int32_t
day(int64_t year, int month, int dom)
{
	int32_t		d = 0;

	if (!dsm_date_from_ymd(year, month, dom, &d))
		printf("# bad date %lld-%d-%d\n", (long long) year, month, dom);
	return d;
}

static void
set(dsm_rule *rule, dsm_param p, int64_t value)
{
	rule->p[p].present = true;
	rule->p[p].value = value;
}

static void
unset(dsm_rule *rule, dsm_param p)
{
	rule->p[p].present = false;
	rule->p[p].value = 0;
}

static dsm_value
some(int64_t v)
{
	dsm_value	x = {true, v};

	return x;
}

static const dsm_value null_value = {false, 0};

static dsm_value
flag(int v)
{
	return some(v);
}

static dsm_text
text(const char *s)
{
	dsm_text	t = {s, (int32_t) strlen(s)};

	return t;
}

/*
 * The outcome's texts are the caller's: each its own heap buffer of exactly
 * DSM_TEXT_MAX bytes, so that ASan sees a write past one.
 */
static char *reason_buf,
		   *formula_buf,
		   *warning_buf;

static void
evaluate(const dsm_rule *rule, const dsm_application *a, dsm_outcome *o)
{
	memset(o, 0xA5, sizeof(*o));	/* whatever the caller's memory held */
	memset(reason_buf, 'x', DSM_TEXT_MAX);
	memset(formula_buf, 'x', DSM_TEXT_MAX);
	memset(warning_buf, 'x', DSM_TEXT_MAX);
	o->reason = reason_buf;
	o->formula = formula_buf;
	o->warning = warning_buf;
	dsm_evaluate(rule, a, o);
}

static dsm_rule
empty_rule(const char *code, dsm_kind kind)
{
	dsm_rule	r;

	memset(&r, 0, sizeof(r));
	r.clause_code = code;
	r.kind = kind;
	r.in_force = DSM_IN_FORCE;
	return r;
}

/* Clause 1 as shipped: 20 %, cap 400,000, provincial maximum 2,000,000. */
static dsm_rule
clause_1(void)
{
	dsm_rule	r = empty_rule("1", DSM_KIND_SHARE);

	r.cap_scope = DSM_SCOPE_APPLICATION;
	set(&r, DSM_P_SHARE_RATIO, 200000);
	set(&r, DSM_P_CAP, 40000000);
	set(&r, DSM_P_PROVINCIAL_MAX, 200000000);
	return r;
}

/* Clause 3 as shipped: 50 % of cloud spending, caps by scale, its conditions. */
static dsm_rule
clause_3(void)
{
	dsm_rule	r = empty_rule("3", DSM_KIND_SPENDING_SHARE);

	r.cap_scope = DSM_SCOPE_ENTERPRISE_YEAR;
	set(&r, DSM_P_SHARE_RATIO, 500000);
	set(&r, DSM_P_CAP_ABOVE_SCALE, 5000000);
	set(&r, DSM_P_CAP_BELOW_SCALE, 3000000);
	set(&r, DSM_P_REQUIRES_MANUFACTURER, 1);
	set(&r, DSM_P_PURCHASE_WINDOW_YEARS, 1);
	set(&r, DSM_P_MIN_RUNNING_MONTHS, 3);
	set(&r, DSM_P_REQUIRES_IN_USE, 1);
	set(&r, DSM_P_MIN_CLOUD_STARS, 3);
	set(&r, DSM_P_QUOTA_ENTERPRISES_PER_YEAR, 30);
	return r;
}

/* A manufacturer's cloud application that meets every condition of clause 3. */
static dsm_application
cloud_app(void)
{
	dsm_application a;

	memset(&a, 0, sizeof(a));
	a.application_id = some(1);
	a.clause_code = text("3");
	a.project_ref = text("cloud-1");
	a.applied_at = some(0);
	a.qualifying_date = some(day(2023, 6, 30));
	a.applied_on = some(day(2023, 6, 30));
	a.award_year = some(2023);
	a.scale = some(DSM_ABOVE_SCALE);
	a.specialized = flag(0);
	a.manufacturer = flag(1);
	a.expenditure = some(8000000);
	a.cloud_stars = some(3);
	a.service_start = some(day(2023, 3, 30));
	a.in_use = flag(1);
	/* in_catalogue, in_production, innovative_mode, reports_statistics, city_made_product: NULL */
	return a;
}

static void
test_money(void)
{
	int64_t		r = -1;
	char		buf[64];
	unsigned long long seed = 88172645463325252ULL;
	int			i,
				agree = 1;

	check(dsm_share(200000, 150000000, &r) && r == 30000000, "20% x 1,500,000.00 = 300,000.00");
	check(dsm_share(500000, 1, &r) && r == 1, "50% x 0.01: half a fen rounds away from zero to 0.01");
	check(dsm_share(200000, 2, &r) && r == 0, "20% x 0.02 = 0.004 rounds to 0.00");
	check(dsm_share(200000, 3, &r) && r == 1, "20% x 0.03 = 0.006 rounds to 0.01");
	check(dsm_share(200000, 12, &r) && r == 2, "20% x 0.12 = 0.024 rounds to 0.02");
	check(dsm_share(200000, 13, &r) && r == 3, "20% x 0.13 = 0.026 rounds to 0.03");
	check(dsm_share(1, 499999, &r) && r == 0 && dsm_share(1, 500000, &r) && r == 1,
		  "0.0001% of 4,999.99 rounds down, of 5,000.00 (exactly half a fen) up");
	check(dsm_share(1000000, 9999999999999999LL, &r) && r == 9999999999999999LL,
		  "100% of the largest amount: no overflow");
	check(dsm_share(0, 9999999999999999LL, &r) && r == 0, "0% of anything is 0.00");
	check(!dsm_share(1000001, 100, &r) && !dsm_share(-1, 100, &r) && !dsm_share(100, -1, &r),
		  "a ratio above 1 or below 0, or a negative amount, is refused");

	/* against 128-bit arithmetic on a million pseudo-random cases */
	for (i = 0; i < 1000000; i++)
	{
		int64_t		ratio,
					amount;
		__int128	exact;

		seed ^= seed << 13;
		seed ^= seed >> 7;
		seed ^= seed << 17;
		ratio = (int64_t) (seed % 1000001);
		amount = (int64_t) ((seed >> 20) % 10000000000000000ULL);
		exact = ((__int128) ratio * amount + 500000) / 1000000;
		if (!dsm_share(ratio, amount, &r) || r != (int64_t) exact)
			agree = 0;
	}
	check(agree, "a million shares agree with 128-bit round-half-up arithmetic");

	dsm_format_money(0, buf, sizeof(buf));
	check_text(buf, "0.00", "0 fen prints 0.00");
	dsm_format_money(150000000, buf, sizeof(buf));
	check_text(buf, "1,500,000.00", "1,500,000.00");
	dsm_format_money(123456789012, buf, sizeof(buf));
	check_text(buf, "1,234,567,890.12", "1,234,567,890.12");
	dsm_format_money(-99, buf, sizeof(buf));
	check_text(buf, "-0.99", "-0.99");
	dsm_format_money(INT64_MIN, buf, sizeof(buf));
	check_text(buf, "-92,233,720,368,547,758.08", "INT64_MIN fen prints without overflow");
	dsm_format_money(INT64_MAX, buf, 8);
	check_text(buf, "92,233,", "a money text is cut to its buffer");
	dsm_format_ratio(200000, buf, sizeof(buf));
	check_text(buf, "20%", "ratio 0.2 prints 20%");
	dsm_format_ratio(125000, buf, sizeof(buf));
	check_text(buf, "12.5%", "ratio 0.125 prints 12.5%");
	dsm_format_ratio(1, buf, sizeof(buf));
	check_text(buf, "0.0001%", "ratio 0.000001 prints 0.0001%");
	dsm_format_ratio(1000000, buf, sizeof(buf));
	check_text(buf, "100%", "ratio 1 prints 100%");
}

static void
test_dates(void)
{
	int32_t		d,
				r = 0;
	int64_t		y;
	int			m,
				dd,
				ok = 1;
	char		buf[16];

	check(day(2000, 1, 1) == 0 && day(2022, 7, 28) == 8244, "2000-01-01 is day 0, 2022-07-28 day 8244");
	for (d = day(1900, 1, 1); d <= day(2200, 12, 31); d++)
	{
		int32_t		back = 0;

		dsm_date_to_ymd(d, &y, &m, &dd);
		if (!dsm_date_from_ymd(y, m, dd, &back) || back != d)
			ok = 0;
	}
	check(ok, "every day 1900-2200 converts to year-month-day and back");
	dsm_format_date(day(2025, 12, 31), buf, sizeof(buf));
	check_text(buf, "2025-12-31", "2025-12-31 prints as such");
	check(dsm_add_months(day(2023, 1, 31), 1, &r) && r == day(2023, 2, 28), "2023-01-31 + 1 month = 2023-02-28");
	check(dsm_add_months(day(2024, 1, 31), 1, &r) && r == day(2024, 2, 29), "2024-01-31 + 1 month = 2024-02-29");
	check(dsm_add_months(day(2023, 11, 30), 3, &r) && r == day(2024, 2, 29), "2023-11-30 + 3 months = 2024-02-29");
	check(dsm_add_months(day(2023, 3, 15), 3, &r) && r == day(2023, 6, 15), "2023-03-15 + 3 months = 2023-06-15");
	check(dsm_add_months(day(2023, 3, 15), -15, &r) && r == day(2021, 12, 15), "2023-03-15 - 15 months = 2021-12-15");
	check(dsm_add_months(day(2024, 2, 29), 12, &r) && r == day(2025, 2, 28), "2024-02-29 + 12 months = 2025-02-28");
	check(dsm_add_months(day(2100, 1, 31), 1, &r) && r == day(2100, 2, 28) &&
		  dsm_add_months(day(2000, 1, 31), 1, &r) && r == day(2000, 2, 29),
		  "2100 is no leap year, 2000 is");
	check(!dsm_date_from_ymd(2023, 2, 29, &r) && !dsm_add_months(0, 2000000000, &r),
		  "2023-02-29 does not exist; 2e9 months is out of range");
	check(!dsm_date_from_ymd(2023, 0, 1, &r) && !dsm_date_from_ymd(2023, 13, 1, &r) &&
		  !dsm_date_from_ymd(2023, 4, 31, &r) && !dsm_date_from_ymd(2023, 1, 0, &r),
		  "month 0 or 13, April 31 and day 0 do not exist");

	/* the calendar's edges: every PostgreSQL date, 4714-11-24 BC .. 5874897-12-31 */
	check(day(-4713, 11, 24) == -2451545 && day(5874897, 12, 31) == 2145031948,
		  "PostgreSQL's first and last dates are days -2451545 and 2145031948");
	dsm_date_to_ymd(2145031948, &y, &m, &dd);
	check(y == 5874897 && m == 12 && dd == 31, "day 2145031948 is 5874897-12-31");
	dsm_date_to_ymd(INT32_MIN, &y, &m, &dd);
	check(y < -DSM_CALENDAR_YEARS && m >= 1 && m <= 12 && dd >= 1 && dd <= 31,
		  "INT32_MIN converts to a real day, before the calendar's first year");
	check(dsm_date_from_ymd(DSM_CALENDAR_YEARS, 12, 31, &r) && dsm_date_from_ymd(-DSM_CALENDAR_YEARS, 1, 1, &r) &&
		  !dsm_date_from_ymd(DSM_CALENDAR_YEARS + 1, 1, 1, &r) && !dsm_date_from_ymd(-DSM_CALENDAR_YEARS - 1, 12, 31, &r),
		  "the calendar is years -5,875,000 .. 5,875,000, no further");
	check(dsm_add_months(day(5874897, 12, 31), 1, &r) && r == day(5874898, 1, 31),
		  "a month after PostgreSQL's last date is still in the calendar");
	check(dsm_add_months(day(2000, 1, 1), DSM_CALENDAR_MONTHS, &r) == false &&
		  !dsm_add_months(0, DSM_CALENDAR_MONTHS + 1, &r) && !dsm_add_months(0, -DSM_CALENDAR_MONTHS - 1, &r),
		  "month offsets beyond the calendar are refused");
	dsm_format_date(day(-4713, 11, 24), buf, sizeof(buf));
	check_text(buf, "-4713-11-24", "4714 BC is astronomical year -4713");
}

/* Steps 1: in force, the clause's window, the clause's own numbers. */
static void
test_in_force(void)
{
	dsm_rule	r;
	dsm_application a = cloud_app();
	dsm_outcome o;

	r = clause_1();
	a.provincial_amount = some(150000000);
	r.in_force = DSM_EXPIRED;
	r.in_force_date = day(2025, 12, 31);
	evaluate(&r, &a, &o);
	check(o.status == DSM_NOT_IN_FORCE, "after the last in_force row: not_in_force");
	check_text(o.reason, "the policy expired on 2025-12-31", "  its reason: the policy expired on D (its last day)");
	check(!o.computed.present && !o.cap.present && o.formula[0] == '\0',
		  "  no computed amount, no cap, no formula");
	check(o.basis.present && o.basis.value == 150000000, "  the basis is shown whatever the decision");
	r.in_force = DSM_NOT_YET;
	r.in_force_date = day(2022, 7, 28);
	evaluate(&r, &a, &o);
	check(o.status == DSM_NOT_IN_FORCE, "before the first: not_in_force");
	check_text(o.reason, "the policy takes effect on 2022-07-28", "  its reason: the policy takes effect on D");
	r.in_force = DSM_SUSPENDED;
	evaluate(&r, &a, &o);
	check_text(o.reason, "the policy is suspended on this date", "a row saying false: the policy is suspended");
	r.in_force = DSM_GAP;
	evaluate(&r, &a, &o);
	check_text(o.reason, "no in_force row covers this date", "a gap between rows: no in_force row covers this date");
	check(o.status == DSM_NOT_IN_FORCE, "  not_in_force");

	/* the clause's window: in force on the date, eligible_from later */
	r = empty_rule("12", DSM_KIND_FIXED);
	set(&r, DSM_P_FIXED_AMOUNT, 1000000);
	set(&r, DSM_P_ELIGIBLE_FROM, day(2021, 1, 1));
	r.in_force = DSM_WINDOW_NOT_OPEN;
	r.in_force_date = day(2021, 1, 1);
	a = cloud_app();
	a.qualifying_date = some(day(2020, 12, 31));
	evaluate(&r, &a, &o);
	check(o.status == DSM_NOT_IN_FORCE, "an event a day before the clause's eligible_from: not_in_force");
	check_text(o.reason, "eligible_from: clause 12 covers events from 2021-01-01",
			   "  its reason: eligible_from: clause C covers events from E");
	check(!o.computed.present && o.formula[0] == '\0', "  no amount");

	/* the window open before the policy took effect: the rule of its first day */
	r.in_force = DSM_IN_FORCE;
	r.decided_on = some(day(2022, 7, 28));
	a.qualifying_date = some(day(2021, 1, 1));
	evaluate(&r, &a, &o);
	check(o.status == DSM_ELIGIBLE && o.computed.present && o.computed.value == 1000000,
		  "an event on eligible_from before the policy took effect: decided with D's rule, eligible");
	check_text(o.formula, "fixed sum: 10,000.00 (an event before the policy took effect: the parameters of 2022-07-28)",
			   "  its formula ends (an event before the policy took effect: the parameters of D)");
	check(o.decided_on.present && o.decided_on.value == day(2022, 7, 28), "  the outcome carries decided_on");
	r = clause_1();
	r.decided_on = some(day(2022, 7, 28));
	a = cloud_app();
	a.provincial_amount = some(1234567);
	evaluate(&r, &a, &o);
	check_text(o.formula, "20% x 12,345.67 = 2,469.134, rounded to 2,469.13 (an event before the policy took effect: the parameters of 2022-07-28)",
			   "  after a rounded share too");
	a.provincial_amount = null_value;
	evaluate(&r, &a, &o);
	check(o.status == DSM_INELIGIBLE && o.formula[0] == '\0' && o.decided_on.present,
		  "  an ineligible one has no formula, but keeps decided_on");
	r.decided_on = null_value;
	a.provincial_amount = some(1234567);
	evaluate(&r, &a, &o);
	check(!o.decided_on.present && strstr(o.formula, "before the policy took effect") == NULL,
		  "an event in force on its own date: no such words, no decided_on");

	/* in force comes first: before kind none and before every condition */
	r = empty_rule("9", DSM_KIND_NONE);
	r.in_force = DSM_NOT_YET;
	evaluate(&r, &a, &o);
	check(o.status == DSM_NOT_IN_FORCE, "a clause of kind none outside the policy's time: not_in_force first");
	r.in_force = DSM_IN_FORCE;
	set(&r, DSM_P_REQUIRES_MANUFACTURER, 1);
	a.manufacturer = flag(0);
	evaluate(&r, &a, &o);
	check(o.status == DSM_NO_MONETARY_AWARD && !o.computed.present, "kind none: no_monetary_award, before the conditions");
	check_has(o.reason, "clause 9", "  its reason names the clause");

	/* the clause's own numbers */
	r = clause_1();
	unset(&r, DSM_P_SHARE_RATIO);
	a = cloud_app();
	a.provincial_amount = some(100);
	evaluate(&r, &a, &o);
	check(o.status == DSM_NOT_IN_FORCE, "a share clause without share_ratio on the date: not_in_force");
	check_text(o.reason, "clause 1 has no share_ratio on 2023-06-30", "  clause C has no share_ratio on D (the qualifying date)");
	r = clause_3();
	unset(&r, DSM_P_SHARE_RATIO);
	a.manufacturer = flag(0);
	evaluate(&r, &a, &o);
	check(o.status == DSM_NOT_IN_FORCE && strcmp(o.reason, "clause 3 has no share_ratio on 2023-06-30") == 0,
		  "a spending_share clause likewise, before its conditions");
	r = empty_rule("12", DSM_KIND_FIXED);
	set(&r, DSM_P_FIXED_AMOUNT_ABOVE_SCALE, 2000000);
	a = cloud_app();
	a.scale = some(0);
	evaluate(&r, &a, &o);
	check(o.status == DSM_NOT_IN_FORCE, "a fixed clause with only an above-scale sum, for a below-scale enterprise: not_in_force");
	check_text(o.reason, "clause 12 has no fixed_amount on 2023-06-30", "  clause C has no fixed_amount on D");
	r = empty_rule("7", DSM_KIND_APPROVED);
	a = cloud_app();
	a.approved_amount = some(5);
	evaluate(&r, &a, &o);
	check(o.status == DSM_ELIGIBLE, "an approved clause needs no parameter");
}

/* Step 2, one condition at a time. */
static void
test_conditions(void)
{
	dsm_rule	base = empty_rule("X", DSM_KIND_FIXED);
	dsm_rule	r;
	dsm_application a;
	dsm_outcome o;

	set(&base, DSM_P_FIXED_AMOUNT, 100000);

	/* a condition on a yes/no fact: true passes, false fails, NULL is a missing fact */
	{
		static const struct
		{
			dsm_param	param;
			size_t		offset;
			const char *column;
			const char *failure;
		}			facts[] = {
			{DSM_P_REQUIRES_MANUFACTURER, offsetof(dsm_application, manufacturer), "manufacturer",
			"requires_manufacturer: not a manufacturer"},
			{DSM_P_REQUIRES_STATISTICS_REPORTING, offsetof(dsm_application, reports_statistics),
			"reports_statistics", "requires_statistics_reporting: statistical reporting not fulfilled"},
			{DSM_P_REQUIRES_IN_CATALOGUE, offsetof(dsm_application, in_catalogue), "in_catalogue",
			"requires_in_catalogue: the product is not in the catalogue"},
			{DSM_P_REQUIRES_IN_PRODUCTION, offsetof(dsm_application, in_production), "in_production",
			"requires_in_production: the project is not in production"},
			{DSM_P_REQUIRES_CITY_MADE_PRODUCT, offsetof(dsm_application, city_made_product),
			"city_made_product", "requires_city_made_product: the product is not made in the city"},
			{DSM_P_REQUIRES_IN_USE, offsetof(dsm_application, in_use), "in_use",
			"requires_in_use: the service is no longer in use"},
			{DSM_P_REQUIRES_INNOVATIVE_MODE, offsetof(dsm_application, innovative_mode), "innovative_mode",
			"requires_innovative_mode: no innovative application mode"},
		};
		size_t		i;
		char		what[160],
					missing[80];

		for (i = 0; i < sizeof(facts) / sizeof(facts[0]); i++)
		{
			dsm_value  *fact;

			r = base;
			set(&r, facts[i].param, 1);
			a = cloud_app();
			fact = (dsm_value *) ((char *) &a + facts[i].offset);
			*fact = flag(1);
			evaluate(&r, &a, &o);
			snprintf(what, sizeof(what), "%s: %s true passes", dsm_param_name[facts[i].param], facts[i].column);
			check(o.status == DSM_ELIGIBLE && o.reason[0] == '\0', what);
			*fact = flag(0);
			evaluate(&r, &a, &o);
			snprintf(what, sizeof(what), "%s: %s false fails", dsm_param_name[facts[i].param], facts[i].column);
			check(o.status == DSM_INELIGIBLE && strcmp(o.reason, facts[i].failure) == 0, what);
			*fact = null_value;
			evaluate(&r, &a, &o);
			snprintf(what, sizeof(what), "%s: %s NULL is a missing fact", dsm_param_name[facts[i].param], facts[i].column);
			snprintf(missing, sizeof(missing), "missing fact: %s", facts[i].column);
			check(o.status == DSM_INELIGIBLE && strcmp(o.reason, missing) == 0, what);
			set(&r, facts[i].param, 0);
			*fact = flag(0);
			evaluate(&r, &a, &o);
			snprintf(what, sizeof(what), "%s false imposes nothing", dsm_param_name[facts[i].param]);
			check(o.status == DSM_ELIGIBLE, what);
			unset(&r, facts[i].param);
			evaluate(&r, &a, &o);
			snprintf(what, sizeof(what), "%s without its row is not checked", dsm_param_name[facts[i].param]);
			check(o.status == DSM_ELIGIBLE, what);
		}
	}

	/* requires_above_scale: scale = 'above' */
	r = base;
	set(&r, DSM_P_REQUIRES_ABOVE_SCALE, 1);
	a = cloud_app();
	evaluate(&r, &a, &o);
	check(o.status == DSM_ELIGIBLE, "requires_above_scale: an above-scale enterprise passes");
	a.scale = some(0);
	evaluate(&r, &a, &o);
	check(o.status == DSM_INELIGIBLE, "requires_above_scale: a below-scale one fails");
	check_text(o.reason, "requires_above_scale: the enterprise is below-scale", "  its reason");
	set(&r, DSM_P_REQUIRES_ABOVE_SCALE, 0);
	evaluate(&r, &a, &o);
	check(o.status == DSM_ELIGIBLE, "requires_above_scale false imposes nothing");

	/* min_revenue and min_investment: fact >= value */
	r = base;
	set(&r, DSM_P_MIN_REVENUE, 100000000);
	set(&r, DSM_P_MIN_INVESTMENT, 50000000);
	a = cloud_app();
	a.revenue = some(100000000);
	a.investment = some(50000000);
	evaluate(&r, &a, &o);
	check(o.status == DSM_ELIGIBLE, "min_revenue and min_investment: exactly the minimum passes");
	a.revenue = some(99999999);
	evaluate(&r, &a, &o);
	check(o.status == DSM_INELIGIBLE, "min_revenue: a fen less fails");
	check_text(o.reason, "min_revenue: revenue 999,999.99 < 1,000,000.00", "  its reason shows both amounts");
	a.revenue = some(100000000);
	a.investment = some(49999999);
	evaluate(&r, &a, &o);
	check_text(o.reason, "min_investment: investment 499,999.99 < 500,000.00", "min_investment: a fen less fails");
	a.revenue = null_value;
	a.investment = null_value;
	evaluate(&r, &a, &o);
	check_text(o.reason, "missing fact: revenue; missing fact: investment", "NULL revenue and investment: missing facts, in order");

	/* min_service_start_date: service_start >= value */
	r = base;
	set(&r, DSM_P_MIN_SERVICE_START_DATE, day(2022, 1, 1));
	a = cloud_app();
	a.service_start = some(day(2022, 1, 1));
	evaluate(&r, &a, &o);
	check(o.status == DSM_ELIGIBLE, "min_service_start_date: starting on the day passes");
	a.service_start = some(day(2021, 12, 31));
	evaluate(&r, &a, &o);
	check_text(o.reason, "min_service_start_date: service_start 2021-12-31 < 2022-01-01", "min_service_start_date: a day earlier fails");
	a.service_start = null_value;
	evaluate(&r, &a, &o);
	check_text(o.reason, "missing fact: service_start", "min_service_start_date: NULL service_start is a missing fact");

	/* purchase_window_years N: on or after January 1 of (year of applied_on - N) */
	r = base;
	set(&r, DSM_P_PURCHASE_WINDOW_YEARS, 1);
	a = cloud_app();			/* applied 2023-06-30 */
	a.service_start = some(day(2022, 1, 1));
	evaluate(&r, &a, &o);
	check(o.status == DSM_ELIGIBLE, "purchase_window_years 1: bought on January 1 of the year before passes");
	a.service_start = some(day(2021, 12, 31));
	evaluate(&r, &a, &o);
	check_text(o.reason, "purchase_window_years: service_start 2021-12-31 < 2022-01-01", "  a day earlier fails");
	a.applied_on = some(day(2023, 1, 1));
	a.service_start = some(day(2022, 1, 1));
	evaluate(&r, &a, &o);
	check(o.status == DSM_ELIGIBLE, "  the window is by the year of applied_on, not a year back from the day");
	set(&r, DSM_P_PURCHASE_WINDOW_YEARS, 0);
	a = cloud_app();
	a.service_start = some(day(2023, 1, 1));
	evaluate(&r, &a, &o);
	check(o.status == DSM_ELIGIBLE, "purchase_window_years 0: January 1 of the application year passes");
	a.service_start = some(day(2022, 12, 31));
	evaluate(&r, &a, &o);
	check(o.status == DSM_INELIGIBLE, "  December 31 before fails");

	/* purchase_window_applies_to: service_start (default) or the start of the spending period */
	r = base;
	set(&r, DSM_P_PURCHASE_WINDOW_YEARS, 1);
	a = cloud_app();
	a.service_start = some(day(2021, 6, 1));	/* before the window */
	a.expenditure_from = some(day(2022, 1, 1));	/* in it */
	evaluate(&r, &a, &o);
	check_text(o.reason, "purchase_window_years: service_start 2021-06-01 < 2022-01-01",
			   "purchase_window_applies_to absent: the service start is checked");
	set(&r, DSM_P_PURCHASE_WINDOW_APPLIES_TO, DSM_WINDOW_SERVICE_START);
	evaluate(&r, &a, &o);
	check(o.status == DSM_INELIGIBLE, "purchase_window_applies_to service_start: the service start is checked");
	set(&r, DSM_P_PURCHASE_WINDOW_APPLIES_TO, DSM_WINDOW_EXPENDITURE_FROM);
	evaluate(&r, &a, &o);
	check(o.status == DSM_ELIGIBLE, "purchase_window_applies_to expenditure_from: a spending period starting on January 1 passes");
	a.expenditure_from = some(day(2021, 12, 31));
	evaluate(&r, &a, &o);
	check_text(o.reason, "purchase_window_years: expenditure_from 2021-12-31 < 2022-01-01",
			   "  starting a day earlier fails, and the reason names expenditure_from");
	a.expenditure_from = null_value;
	evaluate(&r, &a, &o);
	check_text(o.reason, "purchase_window_years: service_start 2021-06-01 < 2022-01-01",
			   "  expenditure_from NULL: the period starts at service_start, which is checked");
	a.service_start = some(day(2022, 1, 1));
	evaluate(&r, &a, &o);
	check(o.status == DSM_ELIGIBLE, "  and passes when service_start is in the window");
	a.service_start = null_value;
	evaluate(&r, &a, &o);
	check_text(o.reason, "missing fact: expenditure_from", "  both NULL: missing fact: expenditure_from (the period's own start)");
	a.expenditure_from = some(day(2022, 3, 1));
	evaluate(&r, &a, &o);
	check(o.status == DSM_ELIGIBLE, "  expenditure_from alone is enough under expenditure_from");

	/* min_running_months N: service_start + N months <= applied_on */
	r = base;
	set(&r, DSM_P_MIN_RUNNING_MONTHS, 3);
	a = cloud_app();			/* 2023-03-30 + 3 months = 2023-06-30 = applied_on */
	evaluate(&r, &a, &o);
	check(o.status == DSM_ELIGIBLE, "min_running_months 3: exactly three months passes");
	a.applied_on = some(day(2023, 6, 29));
	evaluate(&r, &a, &o);
	check_text(o.reason, "min_running_months: service_start 2023-03-30 + 3 months = 2023-06-30 is after applied_on 2023-06-29",
			   "  a day less fails");
	set(&r, DSM_P_MIN_RUNNING_MONTHS, 1);
	a.service_start = some(day(2023, 1, 31));
	a.applied_on = some(day(2023, 2, 28));
	evaluate(&r, &a, &o);
	check(o.status == DSM_ELIGIBLE, "  2023-01-31 + 1 month = 2023-02-28: applied that day passes");
	a.applied_on = some(day(2023, 2, 27));
	evaluate(&r, &a, &o);
	check(o.status == DSM_INELIGIBLE, "  applied 2023-02-27 fails");
	a.service_start = null_value;
	evaluate(&r, &a, &o);
	check_text(o.reason, "missing fact: service_start", "  NULL service_start: missing fact");
	set(&r, DSM_P_MIN_RUNNING_MONTHS, 0);
	a = cloud_app();
	a.service_start = a.applied_on;
	evaluate(&r, &a, &o);
	check(o.status == DSM_ELIGIBLE, "min_running_months 0: a service starting on the application day passes");
	a.service_start = some(a.applied_on.value + 1);
	evaluate(&r, &a, &o);
	check(o.status == DSM_INELIGIBLE, "  one starting the day after fails");

	/* min_cloud_stars N: cloud_stars >= N */
	r = base;
	set(&r, DSM_P_MIN_CLOUD_STARS, 3);
	a = cloud_app();
	evaluate(&r, &a, &o);
	check(o.status == DSM_ELIGIBLE, "min_cloud_stars 3: three stars pass");
	a.cloud_stars = some(2);
	evaluate(&r, &a, &o);
	check_text(o.reason, "min_cloud_stars: cloud_stars 2 < 3", "  two fail");
	a.cloud_stars = null_value;
	evaluate(&r, &a, &o);
	check_text(o.reason, "missing fact: cloud_stars", "  NULL: missing fact");

	/* exclusive_spending_period: a known period that does not end before it starts */
	r = base;
	set(&r, DSM_P_EXCLUSIVE_SPENDING_PERIOD, 1);
	a = cloud_app();
	a.expenditure_from = some(day(2023, 1, 1));
	a.expenditure_until = some(day(2023, 5, 31));
	evaluate(&r, &a, &o);
	check(o.status == DSM_ELIGIBLE && o.exclusive_period, "exclusive_spending_period: a period passes, and the outcome says so");
	check(o.period_from.present && o.period_from.value == day(2023, 1, 1) &&
		  o.period_until.present && o.period_until.value == day(2023, 5, 31),
		  "  the period is expenditure_from to expenditure_until");
	a.expenditure_until = some(day(2023, 1, 1));
	evaluate(&r, &a, &o);
	check(o.status == DSM_ELIGIBLE, "  a period of one day passes");
	a.expenditure_until = some(day(2022, 12, 31));
	evaluate(&r, &a, &o);
	check(o.status == DSM_INELIGIBLE, "  a period ending the day before it starts fails");
	check_text(o.reason, "exclusive_spending_period: the spending period 2023-01-01 to 2022-12-31 ends before it starts",
			   "  its reason");
	a.expenditure_from = null_value;
	a.expenditure_until = null_value;
	evaluate(&r, &a, &o);
	check(o.status == DSM_ELIGIBLE && o.period_from.value == day(2023, 3, 30) && o.period_until.value == day(2023, 6, 30),
		  "  defaults: from service_start to applied_on");
	a.service_start = some(day(2023, 7, 1));
	evaluate(&r, &a, &o);
	check_text(o.reason, "exclusive_spending_period: the spending period 2023-07-01 to 2023-06-30 ends before it starts",
			   "  a service starting after the application day: the default period ends before it starts");
	a.expenditure_from = some(day(2023, 6, 30));
	evaluate(&r, &a, &o);
	check(o.status == DSM_ELIGIBLE && o.period_from.value == day(2023, 6, 30),
		  "  expenditure_from comes before service_start");
	a.expenditure_from = null_value;
	a.service_start = null_value;
	a.expenditure_until = some(day(2023, 5, 31));
	evaluate(&r, &a, &o);
	check(o.status == DSM_INELIGIBLE && !o.period_from.present && o.period_until.present,
		  "  no start at all: ineligible, the period has no start");
	check_text(o.reason, "missing fact: expenditure_from", "  the reason: missing fact: expenditure_from (the period's own start)");
	set(&r, DSM_P_EXCLUSIVE_SPENDING_PERIOD, 0);
	evaluate(&r, &a, &o);
	check(o.status == DSM_ELIGIBLE && !o.exclusive_period, "exclusive_spending_period false imposes nothing");
	set(&r, DSM_P_MIN_RUNNING_MONTHS, 3);
	set(&r, DSM_P_EXCLUSIVE_SPENDING_PERIOD, 1);
	set(&r, DSM_P_MIN_SERVICE_START_DATE, 0);
	evaluate(&r, &a, &o);
	check_text(o.reason, "missing fact: service_start; missing fact: expenditure_from",
			   "a NULL service_start that two conditions need is reported once, and the period's start as expenditure_from");

	/* every failed condition, in the contract's order, joined by "; " */
	r = empty_rule("3", DSM_KIND_SPENDING_SHARE);
	set(&r, DSM_P_SHARE_RATIO, 500000);
	set(&r, DSM_P_REQUIRES_MANUFACTURER, 1);
	set(&r, DSM_P_REQUIRES_ABOVE_SCALE, 1);
	set(&r, DSM_P_REQUIRES_STATISTICS_REPORTING, 1);
	set(&r, DSM_P_MIN_REVENUE, 1);
	set(&r, DSM_P_MIN_INVESTMENT, 1);
	set(&r, DSM_P_REQUIRES_IN_CATALOGUE, 1);
	set(&r, DSM_P_REQUIRES_IN_PRODUCTION, 1);
	set(&r, DSM_P_REQUIRES_CITY_MADE_PRODUCT, 1);
	set(&r, DSM_P_MIN_SERVICE_START_DATE, day(2024, 1, 1));
	set(&r, DSM_P_PURCHASE_WINDOW_YEARS, 0);
	set(&r, DSM_P_MIN_RUNNING_MONTHS, 12);
	set(&r, DSM_P_REQUIRES_IN_USE, 1);
	set(&r, DSM_P_MIN_CLOUD_STARS, 4);
	set(&r, DSM_P_REQUIRES_INNOVATIVE_MODE, 1);
	set(&r, DSM_P_EXCLUSIVE_SPENDING_PERIOD, 1);
	a = cloud_app();
	a.expenditure = null_value;
	a.manufacturer = flag(0);
	a.scale = some(0);
	a.revenue = some(0);
	a.investment = some(0);
	a.in_use = flag(0);
	a.service_start = some(day(2022, 12, 31));
	a.expenditure_until = some(day(2022, 1, 1));
	evaluate(&r, &a, &o);
	check_text(o.reason, "missing fact: expenditure; requires_manufacturer: not a manufacturer; "
			   "requires_above_scale: the enterprise is below-scale; missing fact: reports_statistics; "
			   "min_revenue: revenue 0.00 < 0.01; min_investment: investment 0.00 < 0.01; "
			   "missing fact: in_catalogue; missing fact: in_production; missing fact: city_made_product; "
			   "min_service_start_date: service_start 2022-12-31 < 2024-01-01; "
			   "purchase_window_years: service_start 2022-12-31 < 2023-01-01; "
			   "min_running_months: service_start 2022-12-31 + 12 months = 2023-12-31 is after applied_on 2023-06-30; "
			   "requires_in_use: the service is no longer in use; min_cloud_stars: cloud_stars 3 < 4; "
			   "missing fact: innovative_mode; "
			   "exclusive_spending_period: the spending period 2022-12-31 to 2022-01-01 ends before it starts",
			   "every failed condition is reported, the basis first, then in the contract's order");
	check(o.status == DSM_INELIGIBLE && !o.computed.present && !o.cap.present && o.formula[0] == '\0',
		  "  ineligible, no amount, no cap, no formula");
	check(o.basis.present == false, "  the basis (NULL expenditure) is shown as NULL");

	/* the basis of a share is checked first: NULL = missing fact */
	r = clause_1();
	set(&r, DSM_P_REQUIRES_MANUFACTURER, 1);
	a = cloud_app();
	a.manufacturer = null_value;
	evaluate(&r, &a, &o);
	check_text(o.reason, "missing fact: provincial_amount; missing fact: manufacturer",
			   "a share without provincial_amount: missing fact first");

	/* approved: pending only when nothing else fails */
	r = empty_rule("7", DSM_KIND_APPROVED);
	set(&r, DSM_P_REQUIRES_IN_CATALOGUE, 1);
	a = cloud_app();
	a.in_catalogue = flag(1);
	evaluate(&r, &a, &o);
	check(o.status == DSM_PENDING && !o.computed.present && o.basis.present == false,
		  "an approved clause without an approved amount: pending");
	check_has(o.reason, "approved_amount", "  its reason names approved_amount");
	a.in_catalogue = flag(0);
	evaluate(&r, &a, &o);
	check(o.status == DSM_INELIGIBLE, "  with a failed condition: ineligible, not pending");
	a.in_catalogue = flag(1);
	a.approved_amount = some(0);
	evaluate(&r, &a, &o);
	check(o.status == DSM_ELIGIBLE && o.computed.value == 0, "  an approved amount of 0.00 is an amount: eligible");
}

/* Steps 3 and 4: the amount and the application's own cap. */
static void
test_amounts(void)
{
	dsm_rule	r;
	dsm_application a;
	dsm_outcome o;

	/* clause 1: share, cap not reached, then capped */
	r = clause_1();
	a = cloud_app();
	a.provincial_amount = some(150000000);
	evaluate(&r, &a, &o);
	check(o.status == DSM_ELIGIBLE && o.computed.value == 30000000 && o.cap.value == 40000000 && o.warning[0] == '\0' &&
		  o.reason[0] == '\0', "clause 1: 20% x 1,500,000.00 = 300,000.00, cap 400,000.00, no reason");
	check_text(o.formula, "20% x 1,500,000.00 = 300,000.00", "  its formula");
	check(o.basis.present && o.basis.value == 150000000 && o.provincial_max.present && o.provincial_max.value == 200000000,
		  "  basis provincial_amount, provincial maximum shown");
	a.provincial_amount = some(250000000);
	evaluate(&r, &a, &o);
	check(o.computed.value == 50000000 && o.cap.value == 40000000,
		  "clause 1: 2,500,000.00 computes 500,000.00, the cap is the enterprise steps' to apply");
	check_text(o.warning, "provincial_amount 2,500,000.00 exceeds the known provincial maximum 2,000,000.00 (provincial_max): check the record",
			   "  flagged above the provincial maximum");
	a.provincial_amount = some(200000000);
	evaluate(&r, &a, &o);
	check(o.warning[0] == '\0', "  exactly the provincial maximum is not flagged");
	a.provincial_amount = some(200000001);
	r.in_force = DSM_EXPIRED;
	evaluate(&r, &a, &o);
	check(o.status == DSM_NOT_IN_FORCE && o.warning[0] != '\0', "  a fen above it is, whatever the decision");
	r = clause_1();
	set(&r, DSM_P_PROVINCIAL_MAX_SPECIALIZED_SME, 300000000);
	a.specialized = flag(1);
	evaluate(&r, &a, &o);
	check(o.warning[0] == '\0' && o.provincial_max.value == 300000000,
		  "  a specialised SME is held to provincial_max_specialized_sme");
	a.specialized = null_value;
	evaluate(&r, &a, &o);
	check(o.warning[0] != '\0' && o.provincial_max.value == 200000000, "  specialized NULL: not a specialised SME");
	r = clause_3();
	a = cloud_app();
	set(&r, DSM_P_PROVINCIAL_MAX, 1);
	a.provincial_amount = some(2);
	evaluate(&r, &a, &o);
	check(o.warning[0] == '\0' && !o.provincial_max.present, "  the provincial maximum concerns share clauses only");

	r = clause_1();
	a = cloud_app();
	a.provincial_amount = some(123456789);
	evaluate(&r, &a, &o);
	check(o.computed.value == 24691358, "20% x 1,234,567.89 = 246,913.578 rounds to 246,913.58");
	check_text(o.formula, "20% x 1,234,567.89 = 246,913.578, rounded to 246,913.58",
			   "  a share with more than two decimals shows the exact product and the rounding");
	a.provincial_amount = some(3);
	evaluate(&r, &a, &o);
	check(o.computed.value == 1, "20% x 0.03 = 0.006 rounds to 0.01");
	check_text(o.formula, "20% x 0.03 = 0.006, rounded to 0.01", "  its formula");
	r = empty_rule("1", DSM_KIND_SHARE);
	set(&r, DSM_P_SHARE_RATIO, 500000);
	a.provincial_amount = some(1);
	evaluate(&r, &a, &o);
	check(o.computed.value == 1 && !o.cap.present, "50% x 0.01 = 0.005 rounds away from zero to 0.01; no cap row: no cap");
	check_text(o.formula, "50% x 0.01 = 0.005, rounded to 0.01", "  its formula");
	set(&r, DSM_P_SHARE_RATIO, 1);
	a.provincial_amount = some(499999);
	evaluate(&r, &a, &o);
	check(o.computed.value == 0, "0.0001% of 4,999.99 = 0.00499999 rounds to 0.00");
	check_text(o.formula, "0.0001% x 4,999.99 = 0.00499999, rounded to 0.00", "  its formula");
	a.provincial_amount = some(0);
	evaluate(&r, &a, &o);
	check(o.status == DSM_ELIGIBLE && o.computed.present && o.computed.value == 0,
		  "a basis of 0.00 computes 0.00 and is eligible");

	/* spending_share: the basis is expenditure */
	r = clause_3();
	a = cloud_app();
	a.provincial_amount = some(999999999);
	evaluate(&r, &a, &o);
	check(o.status == DSM_ELIGIBLE && o.computed.value == 4000000 && o.cap.value == 5000000 &&
		  o.basis.value == 8000000, "clause 3: 50% x 80,000.00 (expenditure) = 40,000.00, above-scale cap 50,000.00");
	check_text(o.formula, "50% x 80,000.00 = 40,000.00", "  its formula");
	a.scale = some(0);
	evaluate(&r, &a, &o);
	check(o.cap.value == 3000000, "clause 3 below-scale: cap_below_scale 30,000.00");
	a.expenditure = null_value;
	evaluate(&r, &a, &o);
	check_text(o.reason, "missing fact: expenditure", "clause 3 without expenditure: missing fact");

	/* step 4: which cap */
	r = clause_1();
	set(&r, DSM_P_CAP, 10000000);
	set(&r, DSM_P_CAP_ABOVE_SCALE, 15000000);
	set(&r, DSM_P_CAP_SPECIALIZED_SME, 20000000);
	a = cloud_app();
	a.provincial_amount = some(100000000);
	a.specialized = flag(1);
	evaluate(&r, &a, &o);
	check(o.cap.value == 20000000, "a specialised SME gets cap_specialized_sme");
	a.specialized = flag(0);
	evaluate(&r, &a, &o);
	check(o.cap.value == 15000000, "an above-scale enterprise gets cap_above_scale");
	a.scale = some(0);
	evaluate(&r, &a, &o);
	check(o.cap.value == 10000000, "a below-scale one without cap_below_scale gets cap");
	unset(&r, DSM_P_CAP_SPECIALIZED_SME);
	a.specialized = flag(1);
	evaluate(&r, &a, &o);
	check(o.cap.value == 10000000, "a specialised SME without cap_specialized_sme gets its scale's cap, else cap");
	unset(&r, DSM_P_CAP);
	evaluate(&r, &a, &o);
	check(!o.cap.present && o.computed.value == 20000000, "no cap row that applies: no cap");
	check(dsm_share_cap(&r, true, true).value == 15000000 && !dsm_share_cap(&r, true, false).present,
		  "dsm_share_cap agrees");

	/* fixed sums, approved amounts: no cap */
	r = empty_rule("12", DSM_KIND_FIXED);
	set(&r, DSM_P_FIXED_AMOUNT_ABOVE_SCALE, 2000000);
	set(&r, DSM_P_FIXED_AMOUNT_BELOW_SCALE, 1000000);
	set(&r, DSM_P_FIXED_AMOUNT, 500000);
	set(&r, DSM_P_CAP, 1);
	a = cloud_app();
	a.scale = some(0);
	evaluate(&r, &a, &o);
	check(o.status == DSM_ELIGIBLE && o.computed.value == 1000000 && !o.cap.present && !o.basis.present,
		  "clause 12 below-scale: fixed 10,000.00, no cap (a cap row does not apply to a fixed sum), no basis");
	check_text(o.formula, "fixed sum for a below-scale enterprise: 10,000.00", "  its formula");
	a.scale = some(DSM_ABOVE_SCALE);
	evaluate(&r, &a, &o);
	check(o.computed.value == 2000000, "above-scale: fixed_amount_above_scale");
	check_text(o.formula, "fixed sum for an above-scale enterprise: 20,000.00", "  its formula");
	unset(&r, DSM_P_FIXED_AMOUNT_ABOVE_SCALE);
	evaluate(&r, &a, &o);
	check(o.computed.value == 500000, "no row for the scale: fixed_amount");
	check_text(o.formula, "fixed sum: 5,000.00", "  its formula");
	r = empty_rule("7", DSM_KIND_APPROVED);
	set(&r, DSM_P_CAP, 1);
	a.approved_amount = some(8000000);
	evaluate(&r, &a, &o);
	check(o.status == DSM_ELIGIBLE && o.computed.value == 8000000 && !o.cap.present && o.basis.value == 8000000,
		  "approved amount 80,000.00 is the amount, uncapped, and the basis");
	check_text(o.formula, "amount approved by the responsible unit: 80,000.00", "  its formula");
}

/* What the rule tells the enterprise's steps, whatever the outcome. */
static void
test_rule_copied(void)
{
	dsm_rule	r = clause_3();
	dsm_application a = cloud_app();
	dsm_outcome o;

	evaluate(&r, &a, &o);
	check(o.cap_scope == DSM_SCOPE_ENTERPRISE_YEAR && o.quota.present && o.quota.value == 30 &&
		  o.once_only == DSM_ONCE_NONE && !o.stacking_exempt && o.stacking_scope == DSM_STACKING_ALL_AWARDS &&
		  !o.exclusive_period && !o.decided_on.present,
		  "defaults: no once_only row is none, no stacking_scope row is all_awards");
	set(&r, DSM_P_ONCE_ONLY, DSM_ONCE_ENTERPRISE_PRODUCT);
	set(&r, DSM_P_STACKING_EXEMPT, 1);
	set(&r, DSM_P_STACKING_SCOPE, DSM_STACKING_OTHER_POLICIES_ONLY);
	set(&r, DSM_P_EXCLUSIVE_SPENDING_PERIOD, 1);
	r.in_force = DSM_SUSPENDED;
	evaluate(&r, &a, &o);
	check(o.once_only == DSM_ONCE_ENTERPRISE_PRODUCT && o.stacking_exempt &&
		  o.stacking_scope == DSM_STACKING_OTHER_POLICIES_ONLY && o.exclusive_period &&
		  o.period_from.value == day(2023, 3, 30) && o.period_until.value == day(2023, 6, 30),
		  "the rule's once_only, stacking and period are copied even when not in force");
	set(&r, DSM_P_STACKING_EXEMPT, 0);
	evaluate(&r, &a, &o);
	check(!o.stacking_exempt, "stacking_exempt false is not exempt");

	check(dsm_choice_code(DSM_P_ONCE_ONLY, "enterprise") == DSM_ONCE_ENTERPRISE &&
		  dsm_choice_code(DSM_P_ONCE_ONLY, "enterprise_product") == DSM_ONCE_ENTERPRISE_PRODUCT &&
		  dsm_choice_code(DSM_P_ONCE_ONLY, "none") == DSM_ONCE_NONE,
		  "once_only choices: enterprise, enterprise_product, none");
	check(dsm_choice_code(DSM_P_PURCHASE_WINDOW_APPLIES_TO, "service_start") == DSM_WINDOW_SERVICE_START &&
		  dsm_choice_code(DSM_P_PURCHASE_WINDOW_APPLIES_TO, "expenditure_from") == DSM_WINDOW_EXPENDITURE_FROM &&
		  dsm_choice_code(DSM_P_STACKING_SCOPE, "all_awards") == DSM_STACKING_ALL_AWARDS &&
		  dsm_choice_code(DSM_P_STACKING_SCOPE, "other_policies_only") == DSM_STACKING_OTHER_POLICIES_ONLY,
		  "purchase_window_applies_to and stacking_scope choices");
	check(dsm_choice_code(DSM_P_ONCE_ONLY, "all_awards") == -1 && dsm_choice_code(DSM_P_CAP, "none") == -1 &&
		  dsm_choice_code(DSM_P_STACKING_SCOPE, "") == -1, "a value of another parameter, or none, is no choice");
	check(strcmp(dsm_param_name[DSM_P_REQUIRES_CITY_MADE_PRODUCT], "requires_city_made_product") == 0 &&
		  strcmp(dsm_param_name[DSM_P_ELIGIBLE_FROM], "eligible_from") == 0 &&
		  strcmp(dsm_param_name[DSM_P_STACKING_SCOPE], "stacking_scope") == 0,
		  "parameter names as table parameter_definition spells them");
	check(strcmp(dsm_status_name[DSM_PAYABLE], "payable") == 0 && strcmp(dsm_status_name[DSM_OVER_QUOTA], "over_quota") == 0 &&
		  strcmp(dsm_status_name[DSM_CAP_EXHAUSTED], "cap_exhausted") == 0 &&
		  strcmp(dsm_status_name[DSM_NO_MONETARY_AWARD], "no_monetary_award") == 0,
		  "status names as award_decision shows them");
}

/* The calendar's edges (found by the fuzzer, finding 1): every PostgreSQL date is in it. */
static void
test_calendar_rules(void)
{
	dsm_rule	r = clause_3();
	dsm_application a;
	dsm_outcome o;

	set(&r, DSM_P_PURCHASE_WINDOW_YEARS, 5000000);
	a = cloud_app();
	a.service_start = some(day(-4713, 11, 24));
	a.applied_on = some(day(2023, 6, 30));
	set(&r, DSM_P_MIN_RUNNING_MONTHS, 3);
	evaluate(&r, &a, &o);
	check(o.status == DSM_ELIGIBLE, "a purchase window opening before the calendar takes every date, 4714 BC included");
	set(&r, DSM_P_PURCHASE_WINDOW_YEARS, 1);
	a = cloud_app();
	a.applied_on = a.qualifying_date = some(day(5874897, 12, 31));
	a.service_start = some(day(5874897, 9, 30));
	evaluate(&r, &a, &o);
	check(o.status == DSM_ELIGIBLE, "5874897-12-31, PostgreSQL's last date, runs the rules like any other");
	set(&r, DSM_P_PURCHASE_WINDOW_YEARS, -1);
	evaluate(&r, &a, &o);
	check_text(o.reason, "purchase_window_years: service_start 5874897-09-30 < 5874898-01-01",
			   "a window opening after PostgreSQL's last date takes none of its dates");
	set(&r, DSM_P_PURCHASE_WINDOW_YEARS, -10000);
	evaluate(&r, &a, &o);
	check_text(o.reason, "purchase_window_years: no date satisfies it",
			   "a window opening after the calendar ends: no date satisfies it");
	set(&r, DSM_P_PURCHASE_WINDOW_YEARS, 1);
	set(&r, DSM_P_MIN_RUNNING_MONTHS, 1000000000);
	evaluate(&r, &a, &o);
	check(o.status == DSM_INELIGIBLE, "a running time beyond the calendar is never reached");
	check_text(o.reason, "min_running_months: service_start + 1000000000 months is beyond the calendar", "  its reason");
	set(&r, DSM_P_MIN_RUNNING_MONTHS, -1000000000);
	evaluate(&r, &a, &o);
	check(o.status == DSM_ELIGIBLE, "a negative running time reaching back before the calendar is reached");
	set(&r, DSM_P_MIN_RUNNING_MONTHS, 0);
	a.service_start = a.applied_on;
	evaluate(&r, &a, &o);
	check(o.status == DSM_ELIGIBLE, "0 months from PostgreSQL's last date is that date");
}

/* Texts are the caller's, DSM_TEXT_MAX bytes, never overrun. */
static void
test_texts(void)
{
	static char long_code[3000];
	dsm_rule	r;
	dsm_application a = cloud_app();
	dsm_outcome o;
	char	   *buf = malloc(DSM_TEXT_MAX);
	int			i;

	memset(long_code, 'C', sizeof(long_code) - 1);
	long_code[sizeof(long_code) - 1] = '\0';
	r = empty_rule(long_code, DSM_KIND_NONE);
	evaluate(&r, &a, &o);
	check(o.status == DSM_NO_MONETARY_AWARD && strlen(o.reason) == DSM_TEXT_MAX - 1,
		  "a clause code longer than the reason is cut to DSM_TEXT_MAX - 1 bytes");
	r.kind = DSM_KIND_SHARE;
	r.in_force = DSM_WINDOW_NOT_OPEN;
	evaluate(&r, &a, &o);
	check(strlen(o.reason) == DSM_TEXT_MAX - 1, "  in the eligible_from reason too");

	buf[0] = '\0';
	for (i = 0; i < 200; i++)
		dsm_append(buf, "sentence %d", i);
	check(strlen(buf) < DSM_TEXT_MAX && strncmp(buf, "sentence 0; sentence 1; ", 24) == 0,
		  "dsm_append joins by \"; \" and stops at the buffer's end");
	free(buf);
}

/* share_award's arithmetic: the same amount and cap as dsm_evaluate, without the conditions. */
static void
test_capped_share(void)
{
	dsm_rule	r1 = clause_1();
	dsm_rule	r3 = clause_3();
	dsm_rule	fixed;
	dsm_application a = cloud_app();
	dsm_outcome out;
	int64_t		amount = -1;
	int64_t		basis;
	int			mismatches = 0;

	check(dsm_capped_share(&r1, false, true, 150000000, &amount) && amount == 30000000,
		  "capped share: 20% x 1,500,000.00 = 300,000.00 under the 400,000.00 cap");
	check(dsm_capped_share(&r1, false, true, 300000000, &amount) && amount == 40000000,
		  "capped share: 20% x 3,000,000.00 is cut to the cap 400,000.00");
	check(dsm_capped_share(&r3, false, false, 8000000, &amount) && amount == 3000000,
		  "capped share: clause 3 below scale, 50% x 80,000.00 cut to 30,000.00");
	check(dsm_capped_share(&r1, false, true, 1, &amount) && amount == 0 &&
		  dsm_capped_share(&r3, false, true, 1, &amount) && amount == 1,
		  "capped share rounds half away from zero: 20% of 0.01 is 0.00, 50% of 0.01 is 0.01");
	r1.in_force = DSM_EXPIRED;
	check(!dsm_capped_share(&r1, false, true, 100, &amount), "no share when the policy is not in force");
	r1.in_force = DSM_WINDOW_NOT_OPEN;
	check(!dsm_capped_share(&r1, false, true, 100, &amount), "no share before the clause's eligible_from");
	r1 = clause_1();
	unset(&r1, DSM_P_SHARE_RATIO);
	check(!dsm_capped_share(&r1, false, true, 100, &amount), "no share without a share_ratio row");
	fixed = empty_rule("12", DSM_KIND_FIXED);
	set(&fixed, DSM_P_SHARE_RATIO, 200000);
	check(!dsm_capped_share(&fixed, false, true, 100, &amount), "no share for a clause that is not a share clause");
	check(!dsm_capped_share(&r3, false, true, -1, &amount), "no share of a negative basis");
	check(dsm_capped_share(&r3, false, true, INT64_MAX, &amount) && amount == 5000000,
		  "the largest basis does not overflow: its share is cut to the 50,000.00 cap");
	unset(&r3, DSM_P_CAP_ABOVE_SCALE);
	check(dsm_capped_share(&r3, false, true, INT64_MAX, &amount) && amount == INT64_MAX / 2 + 1,
		  "without a cap: 50% of the largest basis, exactly, rounded half away from zero");
	r3 = clause_3();

	/* against dsm_evaluate over a range of bases and both sizes */
	for (basis = 0; basis < 20000000; basis += 997)
	{
		bool		above = (basis / 997) % 2 == 0;

		a.expenditure = some(basis);
		a.scale = some(above ? DSM_ABOVE_SCALE : 0);
		evaluate(&r3, &a, &out);
		if (!dsm_capped_share(&r3, false, above, basis, &amount) || out.status != DSM_ELIGIBLE ||
			amount != (out.cap.present && out.computed.value > out.cap.value ? out.cap.value : out.computed.value))
			mismatches++;
	}
	check(mismatches == 0, "capped share equals dsm_evaluate's computed amount cut to its cap, on 20,061 bases");
}


/*
 * The columns each rule reads (award.h: DSM_PARAMETERS, dsm_kind_reads),
 * which the view clause_requirements shows clerks, against what
 * dsm_evaluate() does: for each kind of award alone, and with each
 * parameter, an application with every fact present is changed one column at
 * a time (made NULL, low, high).  A column that changes the outcome (status,
 * reason, formula, warning, basis, amount, cap) must be listed; a listed
 * column that steps 1 to 4 read must change it one way or another.
 */
typedef enum
{
	COL_TEXT, COL_ID, COL_TIME, COL_DATE, COL_YEAR, COL_SCALE, COL_FLAG, COL_MONEY, COL_COUNT, COL_PROPOSAL
} col_kind;

static const struct
{
	const char *name;
	size_t		offset;
	col_kind	kind;
}			app_columns[] = {
#define READS_COLUMN(name, kind) {#name, offsetof(dsm_application, name), COL_##kind},
	DSM_APPLICATION_COLUMNS(READS_COLUMN)
#undef READS_COLUMN
};

/* Whether a space-separated list names a column. */
static int
listed(const char *list, const char *name)
{
	size_t		len = strlen(name);
	const char *p = list;

	while ((p = strstr(p, name)) != NULL)
	{
		if ((p == list || p[-1] == ' ') && (p[len] == ' ' || p[len] == '\0'))
			return 1;
		p += len;
	}
	return 0;
}

static dsm_application
full_app(void)
{
	dsm_application a = cloud_app();

	a.specialized = flag(1);
	a.provincial_amount = some(100000000);
	a.investment = some(100000000);
	a.approved_amount = some(100000000);
	a.revenue = some(INT64_C(200000000000));
	a.expenditure_from = some(day(2023, 1, 1));
	a.expenditure_until = some(day(2023, 6, 30));
	a.in_catalogue = a.in_production = a.innovative_mode = a.reports_statistics = a.city_made_product = flag(1);
	return a;
}

/* One column changed: 0 NULL, 1 low, 2 high. */
static void
change_column(dsm_application *a, int c, int how)
{
	char	   *field = (char *) a + app_columns[c].offset;
	dsm_value  *v = (dsm_value *) field;

	if (app_columns[c].kind == COL_TEXT)
		return;
	if (how == 0)
	{
		v->present = false;
		v->value = 0;
		return;
	}
	v->present = true;
	switch (app_columns[c].kind)
	{
		case COL_DATE:
			v->value = how == 1 ? day(1995, 1, 1) : day(2030, 1, 1);
			break;
		case COL_SCALE:
		case COL_FLAG:
			v->value = how == 1 ? 0 : 1;
			break;
		case COL_COUNT:
			v->value = how == 1 ? 1 : 5;
			break;
		default:
			v->value = how == 1 ? 0 : INT64_C(90000000000000);
			break;
	}
}

static int
same_outcome(const dsm_outcome *x, const char *xr, const char *xf, const char *xw, const dsm_outcome *y)
{
	return x->status == y->status && strcmp(xr, y->reason) == 0 && strcmp(xf, y->formula) == 0 &&
		strcmp(xw, y->warning) == 0 && x->basis.present == y->basis.present && x->basis.value == y->basis.value &&
		x->computed.present == y->computed.present && x->computed.value == y->computed.value &&
		x->cap.present == y->cap.present && x->cap.value == y->cap.value;
}

/* A value that makes parameter p ask something the full application gives. */
static int64_t
asking_value(dsm_param p)
{
	switch (p)
	{
		case DSM_P_SHARE_RATIO:
			return 200000;
		case DSM_P_MIN_REVENUE:
		case DSM_P_MIN_INVESTMENT:
			return 100;
		case DSM_P_MIN_SERVICE_START_DATE:
			return day(2020, 1, 1);
		case DSM_P_ELIGIBLE_FROM:
			return day(2000, 1, 1);
		case DSM_P_PURCHASE_WINDOW_YEARS:
			return 5;
		case DSM_P_PURCHASE_WINDOW_APPLIES_TO:
			return DSM_WINDOW_EXPENDITURE_FROM;
		case DSM_P_MIN_RUNNING_MONTHS:
		case DSM_P_MIN_CLOUD_STARS:
		case DSM_P_QUOTA_ENTERPRISES_PER_YEAR:
			return 1;
		case DSM_P_ONCE_ONLY:
			return DSM_ONCE_ENTERPRISE_PRODUCT;
		case DSM_P_STACKING_SCOPE:
			return DSM_STACKING_ALL_AWARDS;
		case DSM_P_CAP:
		case DSM_P_CAP_ABOVE_SCALE:
		case DSM_P_CAP_BELOW_SCALE:
		case DSM_P_CAP_SPECIALIZED_SME:
			return 5000000;
		case DSM_P_FIXED_AMOUNT:
		case DSM_P_FIXED_AMOUNT_ABOVE_SCALE:
		case DSM_P_FIXED_AMOUNT_BELOW_SCALE:
			return 1000000;
		case DSM_P_PROVINCIAL_MAX:
		case DSM_P_PROVINCIAL_MAX_SPECIALIZED_SME:
			return 50000000;	/* below the full application's 1,000,000.00: a warning, not a refusal */
		default:
			return 1;			/* the flags: true */
	}
}

static void
test_reads(void)
{
	int			k,
				p,
				c,
				how,
				unlisted = 0,
				unread = 0,
				cases = 0;

	for (k = 0; k <= DSM_KIND_NONE; k++)
	{
		for (p = -1; p < DSM_P_COUNT; p++)
		{
			dsm_rule	r = empty_rule("t", (dsm_kind) k);
			dsm_application a = full_app();
			dsm_outcome base;
			char		br[DSM_TEXT_MAX],
						bf[DSM_TEXT_MAX],
						bw[DSM_TEXT_MAX],
						allowed[512];

			if (k == DSM_KIND_SHARE || k == DSM_KIND_SPENDING_SHARE)
				set(&r, DSM_P_SHARE_RATIO, 200000);
			if (k == DSM_KIND_FIXED)
				set(&r, DSM_P_FIXED_AMOUNT, 1000000);
			snprintf(allowed, sizeof(allowed), "%s", dsm_kind_reads[k]);
			if (p >= 0)
			{
				set(&r, (dsm_param) p, asking_value((dsm_param) p));
				snprintf(allowed + strlen(allowed), sizeof(allowed) - strlen(allowed), " %s", dsm_param_reads[p]);
				/* the window's date alone does nothing: with the window */
				if (p == DSM_P_PURCHASE_WINDOW_APPLIES_TO)
				{
					set(&r, DSM_P_PURCHASE_WINDOW_YEARS, 5);
					snprintf(allowed + strlen(allowed), sizeof(allowed) - strlen(allowed), " %s",
							 dsm_param_reads[DSM_P_PURCHASE_WINDOW_YEARS]);
				}
			}
			/* the full application passes: the reads are what can stop it */
			evaluate(&r, &a, &base);
			if (base.status != DSM_ELIGIBLE && !(k == DSM_KIND_NONE && base.status == DSM_NO_MONETARY_AWARD))
			{
				printf("# kind %s, parameter %s: the full application is %s: %s\n", dsm_kind_name[k],
					   p >= 0 ? dsm_param_name[p] : "-", dsm_status_name[base.status], base.reason);
				unlisted++;
				continue;
			}
			strcpy(br, base.reason);
			strcpy(bf, base.formula);
			strcpy(bw, base.warning);
			cases++;
			for (c = 0; c < (int) (sizeof(app_columns) / sizeof(app_columns[0])); c++)
			{
				int			changed = 0;
				const char *name = app_columns[c].name;

				/*
				 * identity and grouping, the glue's (qualifying_date picks the
				 * rule) and steps 5 to 11's; and the proposal's state, which is
				 * not a fact of a clause (test_proposals)
				 */
				if (app_columns[c].kind == COL_TEXT || app_columns[c].kind == COL_ID ||
					app_columns[c].kind == COL_PROPOSAL ||
					app_columns[c].kind == COL_TIME || app_columns[c].kind == COL_YEAR ||
					strcmp(name, "qualifying_date") == 0)
					continue;
				for (how = 0; how < 3; how++)
				{
					dsm_application b = a;
					dsm_outcome o;

					change_column(&b, c, how);
					evaluate(&r, &b, &o);
					if (!same_outcome(&base, br, bf, bw, &o))
						changed = 1;
				}
				if (changed && !listed(allowed, name))
				{
					printf("# kind %s, parameter %s: column %s changes the outcome but is not listed\n",
						   dsm_kind_name[k], p >= 0 ? dsm_param_name[p] : "-", name);
					unlisted++;
				}
				/* listed by the parameter itself and read in steps 1 to 4: it must matter */
				if (!changed && p >= 0 && k != DSM_KIND_NONE && listed(dsm_param_reads[p], name) &&
					p != DSM_P_ONCE_ONLY && p != DSM_P_QUOTA_ENTERPRISES_PER_YEAR &&
					p != DSM_P_STACKING_SCOPE && p != DSM_P_ELIGIBLE_FROM &&
					/* the period's fallbacks, unused when expenditure_from and _until are given */
					!(p == DSM_P_EXCLUSIVE_SPENDING_PERIOD &&
					  (strcmp(name, "service_start") == 0 || strcmp(name, "applied_on") == 0)) &&
					!(p == DSM_P_PROVINCIAL_MAX_SPECIALIZED_SME && k != DSM_KIND_SHARE) &&
					!(p == DSM_P_PROVINCIAL_MAX && k != DSM_KIND_SHARE) &&
					!((p == DSM_P_CAP_ABOVE_SCALE || p == DSM_P_CAP_BELOW_SCALE || p == DSM_P_CAP_SPECIALIZED_SME) &&
					  k != DSM_KIND_SHARE && k != DSM_KIND_SPENDING_SHARE) &&
					!((p == DSM_P_FIXED_AMOUNT_ABOVE_SCALE || p == DSM_P_FIXED_AMOUNT_BELOW_SCALE) && k != DSM_KIND_FIXED))
				{
					printf("# kind %s, parameter %s: listed column %s changes nothing in steps 1 to 4\n",
						   dsm_kind_name[k], dsm_param_name[p], name);
					unread++;
				}
			}
		}
	}
	check(unlisted == 0, "every column that changes what steps 1 to 4 decide is listed for its rule (award.h)");
	check(unread == 0, "every listed column of a rule of steps 1 to 4 changes its outcome one way or another");
	check(cases == (DSM_KIND_NONE + 1) * (DSM_P_COUNT + 1), "  over every kind of award, alone and with each parameter");
}

/*
 * 免申即享: facts from the enterprise register where the application leaves
 * them empty, and the proposals the city makes from provincial awards.
 */
static void
test_proposals(void)
{
	dsm_register_row rows[2];
	dsm_application a;
	dsm_outcome o;
	dsm_rule	r;
	char		note[DSM_TEXT_MAX];
	int			taken;

	memset(rows, 0, sizeof(rows));
	rows[0].from = day(2023, 1, 1);
	rows[0].until = day(2023, 12, 31);
	rows[0].scale = some(DSM_ABOVE_SCALE);
	rows[0].manufacturer = flag(1);
	rows[1].from = day(2024, 1, 1);
	rows[1].until = day(2024, 12, 31);
	rows[1].scale = some(0);
	rows[1].specialized = flag(1);

	a = cloud_app();
	a.scale = null_value;
	a.manufacturer = null_value;
	a.qualifying_date = some(day(2023, 6, 30));
	taken = dsm_fill_from_register(&a, rows, 2, note, sizeof(note));
	check(taken == 2 && a.scale.present && a.scale.value == DSM_ABOVE_SCALE && a.manufacturer.present &&
		  a.manufacturer.value == 1, "register: the facts an application leaves empty, from the row valid on its qualifying date");
	check_text(note, "scale, manufacturer from the register (2023)", "  and the note says which and of what year");
	a = cloud_app();
	a.qualifying_date = some(day(2024, 3, 1));
	a.scale = some(DSM_ABOVE_SCALE);
	taken = dsm_fill_from_register(&a, rows, 2, note, sizeof(note));
	check(taken == 0 && a.scale.value == DSM_ABOVE_SCALE && note[0] == '\0',
		  "  a fact the application gives is kept (2024's register says below)");
	a.specialized = null_value;
	taken = dsm_fill_from_register(&a, rows, 2, note, sizeof(note));
	check(taken == 1 && a.specialized.value == 1, "  a fact dated 2024 is taken for a qualifying date in 2024, not 2023's");
	a.specialized = null_value;
	a.qualifying_date = some(day(2025, 1, 1));
	check(dsm_fill_from_register(&a, rows, 2, note, sizeof(note)) == 0 && !a.specialized.present,
		  "  no row valid on the date: nothing taken");

	/* a missing scale, where a rule reads it */
	r = empty_rule("2.3", DSM_KIND_FIXED);
	set(&r, DSM_P_FIXED_AMOUNT_ABOVE_SCALE, 10000000);
	set(&r, DSM_P_FIXED_AMOUNT_BELOW_SCALE, 5000000);
	a = cloud_app();
	a.scale = null_value;
	evaluate(&r, &a, &o);
	check(o.status == DSM_INELIGIBLE, "a fixed sum by scale without the scale: ineligible");
	check_text(o.reason, "missing fact: scale", "  missing fact: scale");
	r = clause_1();
	a.provincial_amount = some(100000000);
	evaluate(&r, &a, &o);
	check(o.status == DSM_ELIGIBLE, "a clause whose rules never read the scale does not need it");

	/* proposals */
	r = clause_1();
	a = cloud_app();
	a.clause_code = text("1");
	a.provincial_amount = some(100000000);
	a.proposal = some(DSM_PROPOSED);
	evaluate(&r, &a, &o);
	check(o.status == DSM_PENDING, "a proposal awaiting confirmation is pending");
	check_text(o.reason, "proposed from a provincial award: awaiting the enterprise's confirmation", "  with its reason");
	a.proposal = some(DSM_CONFIRMED);
	evaluate(&r, &a, &o);
	check(o.status == DSM_ELIGIBLE && o.computed.value == 20000000, "a confirmed proposal is an application like any other");
	a.proposal = some(DSM_REJECTED);
	a.proposal_note = text("the enterprise declined");
	evaluate(&r, &a, &o);
	check(o.status == DSM_INELIGIBLE, "a rejected proposal is ineligible");
	check_text(o.reason, "proposal rejected: the enterprise declined", "  with the reason given");
	r = empty_rule("13", DSM_KIND_SHARE);
	set(&r, DSM_P_SHARE_RATIO, 200000);
	set(&r, DSM_P_MIN_INVESTMENT, 5000000000);
	set(&r, DSM_P_REQUIRES_IN_CATALOGUE, 1);
	a = cloud_app();
	a.clause_code = text("13");
	a.provincial_amount = some(100000000);
	a.proposal = some(DSM_CONFIRMED);
	evaluate(&r, &a, &o);
	check(o.status == DSM_PENDING, "a proposal that lacks facts its clause needs is pending, confirmed or not");
	check_text(o.reason, "missing fact: investment; missing fact: in_catalogue", "  naming the missing facts");
	a.proposal = null_value;
	evaluate(&r, &a, &o);
	check(o.status == DSM_INELIGIBLE, "  an application lacking them is ineligible, as before");
	a.proposal = some(DSM_PROPOSED);
	a.investment = some(1000);
	evaluate(&r, &a, &o);
	check(o.status == DSM_INELIGIBLE, "  a proposal that fails a condition is ineligible, not pending");
}

int
main(void)
{
	reason_buf = malloc(DSM_TEXT_MAX);
	formula_buf = malloc(DSM_TEXT_MAX);
	warning_buf = malloc(DSM_TEXT_MAX);
	if (reason_buf == NULL || formula_buf == NULL || warning_buf == NULL)
		return 2;
	test_money();
	test_dates();
	test_in_force();
	test_conditions();
	test_amounts();
	test_rule_copied();
	test_calendar_rules();
	test_texts();
	test_capped_share();
	test_reads();
	test_proposals();
	printf("1..%d\n", tests);
	free(reason_buf);
	free(formula_buf);
	free(warning_buf);
	return failures == 0 ? 0 : 1;
}
