/*
 * award_test.c
 *	  Unit test of the award core (src/award.c, src/allocation.c), without
 *	  PostgreSQL.  Prints TAP; built and run by `make core-check`.
 */
#include <stdio.h>
#include <string.h>

#include "allocation.h"
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

static int32_t
day(int year, int month, int dom)
{
	int32_t		d = 0;

	if (!dsm_date_from_ymd(year, month, dom, &d))
		printf("# bad date %d-%d-%d\n", year, month, dom);
	return d;
}

static void
set(dsm_rule *rule, dsm_param p, int64_t value)
{
	rule->p[p].present = true;
	rule->p[p].value = value;
}

static dsm_value
some(int64_t v)
{
	dsm_value	x = {true, v};

	return x;
}

/* Clause 1 as shipped: 20 %, cap 400,000, provincial maximum 2,000,000. */
static dsm_rule
clause_1(void)
{
	dsm_rule	r;

	memset(&r, 0, sizeof(r));
	r.clause_code = "1";
	r.kind = DSM_KIND_SHARE;
	r.in_force = DSM_IN_FORCE;
	set(&r, DSM_P_SHARE_RATIO, 200000);
	set(&r, DSM_P_CAP, 40000000);
	set(&r, DSM_P_PROVINCIAL_MAX, 200000000);
	return r;
}

/* Clause 3 as shipped: 50 % of cloud spending, caps by scale, six conditions. */
static dsm_rule
clause_3(void)
{
	dsm_rule	r;

	memset(&r, 0, sizeof(r));
	r.clause_code = "3";
	r.kind = DSM_KIND_SPENDING_SHARE;
	r.in_force = DSM_IN_FORCE;
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
static dsm_facts
cloud_facts(void)
{
	dsm_facts	f;

	memset(&f, 0, sizeof(f));
	f.qualifying_date = day(2023, 6, 30);
	f.applied_on = day(2023, 6, 30);
	f.above_scale = true;
	f.manufacturer = true;
	f.expenditure = some(8000000);
	f.cloud_stars = some(3);
	f.service_start = some(day(2023, 3, 30));
	f.in_use = DSM_YES;
	f.in_catalogue = f.in_production = f.innovative_mode = f.reports_statistics = DSM_UNKNOWN;
	return f;
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
	check(strcmp(buf, "0.00") == 0, "0 fen prints 0.00");
	dsm_format_money(150000000, buf, sizeof(buf));
	check(strcmp(buf, "1,500,000.00") == 0, "1,500,000.00");
	dsm_format_money(123456789012, buf, sizeof(buf));
	check(strcmp(buf, "1,234,567,890.12") == 0, "1,234,567,890.12");
	dsm_format_money(-99, buf, sizeof(buf));
	check(strcmp(buf, "-0.99") == 0, "-0.99");
	dsm_format_ratio(200000, buf, sizeof(buf));
	check(strcmp(buf, "20%") == 0, "ratio 0.2 prints 20%");
	dsm_format_ratio(125000, buf, sizeof(buf));
	check(strcmp(buf, "12.5%") == 0, "ratio 0.125 prints 12.5%");
	dsm_format_ratio(1, buf, sizeof(buf));
	check(strcmp(buf, "0.0001%") == 0, "ratio 0.000001 prints 0.0001%");
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
	check(strcmp(buf, "2025-12-31") == 0, "2025-12-31 prints as such");
	check(dsm_add_months(day(2023, 1, 31), 1, &r) && r == day(2023, 2, 28), "2023-01-31 + 1 month = 2023-02-28");
	check(dsm_add_months(day(2024, 1, 31), 1, &r) && r == day(2024, 2, 29), "2024-01-31 + 1 month = 2024-02-29");
	check(dsm_add_months(day(2023, 11, 30), 3, &r) && r == day(2024, 2, 29), "2023-11-30 + 3 months = 2024-02-29");
	check(dsm_add_months(day(2023, 3, 15), 3, &r) && r == day(2023, 6, 15), "2023-03-15 + 3 months = 2023-06-15");
	check(dsm_add_months(day(2023, 3, 15), -15, &r) && r == day(2021, 12, 15), "2023-03-15 - 15 months = 2021-12-15");
	check(!dsm_date_from_ymd(2023, 2, 29, &r) && !dsm_add_months(0, 2000000000, &r),
		  "2023-02-29 does not exist; 2e9 months is out of range");
}

static void
test_rules(void)
{
	dsm_rule	r;
	dsm_facts	f;
	dsm_outcome o;

	/* clause 1: share, cap not reached, then capped */
	r = clause_1();
	f = cloud_facts();
	f.provincial_amount = some(150000000);
	dsm_evaluate(&r, &f, &o);
	check(o.status == DSM_ELIGIBLE && o.computed.value == 30000000 && o.cap.value == 40000000 &&
		  strcmp(o.formula, "20% x 1,500,000.00 = 300,000.00") == 0 && o.warning[0] == '\0',
		  "clause 1: 20% x 1,500,000.00 = 300,000.00, cap 400,000.00");
	f.provincial_amount = some(250000000);
	dsm_evaluate(&r, &f, &o);
	check(o.computed.value == 50000000 && strstr(o.warning, "2,500,000.00 exceeds") != NULL,
		  "clause 1: 2,500,000.00 computes 500,000.00 and is flagged above the provincial maximum");
	f.provincial_amount = some(123456789);
	dsm_evaluate(&r, &f, &o);
	check(o.computed.value == 24691358 &&
		  strcmp(o.formula, "20% x 1,234,567.89 = 246,913.578, rounded to 246,913.58") == 0,
		  "a share with more than two decimals shows the exact product and the rounding");
	f.provincial_amount.present = false;
	dsm_evaluate(&r, &f, &o);
	check(o.status == DSM_INELIGIBLE && strcmp(o.reason, "missing fact: provincial_amount") == 0,
		  "clause 1 without provincial_amount: missing fact");

	/* not in force */
	r.in_force = DSM_EXPIRED;
	r.in_force_date = day(2025, 12, 31);
	dsm_evaluate(&r, &f, &o);
	check(o.status == DSM_NOT_IN_FORCE && strcmp(o.reason, "the policy expired on 2025-12-31") == 0,
		  "after the last in_force row: the policy expired on 2025-12-31");
	r.in_force = DSM_NOT_YET;
	r.in_force_date = day(2022, 7, 28);
	dsm_evaluate(&r, &f, &o);
	check(o.status == DSM_NOT_IN_FORCE && strcmp(o.reason, "the policy takes effect on 2022-07-28") == 0,
		  "before the first: the policy takes effect on 2022-07-28");
	r = clause_1();
	r.p[DSM_P_SHARE_RATIO].present = false;
	f.provincial_amount = some(100);
	dsm_evaluate(&r, &f, &o);
	check(o.status == DSM_NOT_IN_FORCE && strstr(o.reason, "clause 1 has no share_ratio on 2023-06-30") != NULL,
		  "a clause without share_ratio on the date is not in force");

	/* clause 3: all conditions met, then each boundary */
	r = clause_3();
	f = cloud_facts();
	dsm_evaluate(&r, &f, &o);
	check(o.status == DSM_ELIGIBLE && o.computed.value == 4000000 && o.cap.value == 5000000,
		  "clause 3: 50% x 80,000.00 = 40,000.00, above-scale cap 50,000.00");
	f.above_scale = false;
	dsm_evaluate(&r, &f, &o);
	check(o.cap.value == 3000000, "clause 3 below-scale: cap 30,000.00");
	f = cloud_facts();
	f.applied_on = day(2023, 6, 29);
	dsm_evaluate(&r, &f, &o);
	check(o.status == DSM_INELIGIBLE && strstr(o.reason, "min_running_months: service_start 2023-03-30 + 3 months = 2023-06-30 is after applied_on 2023-06-29") != NULL,
		  "running 3 months less a day: ineligible, reason names min_running_months");
	f = cloud_facts();
	f.service_start = some(day(2022, 1, 1));
	dsm_evaluate(&r, &f, &o);
	check(o.status == DSM_ELIGIBLE, "service bought on January 1 of the year before: eligible");
	f.service_start = some(day(2021, 12, 31));
	dsm_evaluate(&r, &f, &o);
	check(o.status == DSM_INELIGIBLE && strstr(o.reason, "purchase_window_years: service_start 2021-12-31 < 2022-01-01") != NULL,
		  "bought a day earlier: outside the purchase window");

	/* The calendar's edges (found by the fuzzer): every PostgreSQL date is in it. */
	set(&r, DSM_P_PURCHASE_WINDOW_YEARS, 5000000);
	f = cloud_facts();
	f.service_start = some(day(-4712, 1, 1));
	dsm_evaluate(&r, &f, &o);
	check(o.status == DSM_ELIGIBLE, "a purchase window opening before the calendar takes every date, 4713 BC included");
	set(&r, DSM_P_PURCHASE_WINDOW_YEARS, 1);
	f = cloud_facts();
	f.applied_on = f.qualifying_date = day(5874897, 12, 31);
	f.service_start = some(day(5874897, 9, 30));
	dsm_evaluate(&r, &f, &o);
	check(o.status == DSM_ELIGIBLE, "5874897-12-31, PostgreSQL's last date, runs the rules like any other");
	set(&r, DSM_P_MIN_RUNNING_MONTHS, 1000000000);
	dsm_evaluate(&r, &f, &o);
	check(o.status == DSM_INELIGIBLE && strstr(o.reason, "is beyond the calendar") != NULL,
		  "a running time beyond the calendar is never reached");
	set(&r, DSM_P_MIN_RUNNING_MONTHS, 3);
	f = cloud_facts();
	f.cloud_stars = some(2);
	f.manufacturer = false;
	f.in_use = DSM_UNKNOWN;
	dsm_evaluate(&r, &f, &o);
	check(o.status == DSM_INELIGIBLE &&
		  strcmp(o.reason, "requires_manufacturer: not a manufacturer; missing fact: in_use; min_cloud_stars: cloud_stars 2 < 3") == 0,
		  "every failed condition is reported, in order");
	f = cloud_facts();
	f.service_start.present = false;
	dsm_evaluate(&r, &f, &o);
	check(strcmp(o.reason, "missing fact: service_start") == 0, "a missing fact is reported once");
	r.p[DSM_P_MIN_CLOUD_STARS].present = false;
	f = cloud_facts();
	f.cloud_stars.present = false;
	dsm_evaluate(&r, &f, &o);
	check(o.status == DSM_ELIGIBLE, "a condition without its parameter row is not checked");
	r.p[DSM_P_REQUIRES_IN_USE].value = 0;
	f.in_use = DSM_NO;
	dsm_evaluate(&r, &f, &o);
	check(o.status == DSM_ELIGIBLE, "a flag parameter set to false imposes nothing");

	/* clause 4: the specialised SME cap */
	r = clause_1();
	set(&r, DSM_P_CAP, 10000000);
	set(&r, DSM_P_CAP_SPECIALIZED_SME, 20000000);
	f = cloud_facts();
	f.provincial_amount = some(100000000);
	f.specialized = true;
	dsm_evaluate(&r, &f, &o);
	check(o.cap.value == 20000000, "a specialised SME gets cap_specialized_sme");
	f.specialized = false;
	dsm_evaluate(&r, &f, &o);
	check(o.cap.value == 10000000, "other enterprises get cap");

	/* fixed sums, approved amounts, no cash award */
	memset(&r, 0, sizeof(r));
	r.clause_code = "12";
	r.kind = DSM_KIND_FIXED;
	r.in_force = DSM_IN_FORCE;
	set(&r, DSM_P_FIXED_AMOUNT_ABOVE_SCALE, 2000000);
	set(&r, DSM_P_FIXED_AMOUNT_BELOW_SCALE, 1000000);
	f = cloud_facts();
	f.above_scale = false;
	dsm_evaluate(&r, &f, &o);
	check(o.status == DSM_ELIGIBLE && o.computed.value == 1000000 && !o.cap.present &&
		  strcmp(o.formula, "fixed sum for a below-scale enterprise: 10,000.00") == 0,
		  "clause 12 below-scale: fixed 10,000.00, no cap");
	r.p[DSM_P_FIXED_AMOUNT_BELOW_SCALE].present = false;
	dsm_evaluate(&r, &f, &o);
	check(o.status == DSM_NOT_IN_FORCE, "no fixed amount for the scale: not in force");
	r.kind = DSM_KIND_APPROVED;
	dsm_evaluate(&r, &f, &o);
	check(o.status == DSM_PENDING, "approved clause without an approved amount: pending");
	f.approved_amount = some(8000000);
	dsm_evaluate(&r, &f, &o);
	check(o.status == DSM_ELIGIBLE && o.computed.value == 8000000, "approved amount 80,000.00 is the award");
	r.kind = DSM_KIND_NONE;
	dsm_evaluate(&r, &f, &o);
	check(o.status == DSM_NO_MONETARY_AWARD, "a clause of kind none: no monetary award");
}

static void
test_allocation(void)
{
	dsm_claim	c[4] = {
		{300, 4, 3000000, 5000000},	/* sorted last */
		{100, 2, 4000000, 5000000},
		{100, 1, 500000, 5000000},	/* same time, lower id: first */
		{200, 3, 4000000, 3000000},	/* a lower cap of its own */
	};
	int64_t		last = -1,
				total = -1;
	dsm_candidate ours1 = {100, false, 10, 1};
	dsm_candidate ours2 = {100, false, 10, 2};
	dsm_candidate early = {100, false, 5, 9};
	dsm_candidate other = {100, true, 0, 0};
	dsm_candidate higher = {101, false, 99, 99};

	dsm_claims_sort(c, 4);
	check(c[0].application_id == 1 && c[1].application_id == 2 && c[3].application_id == 4,
		  "claims sort by applied_at, then application_id");
	check(dsm_claim_award(&c[0], 0) == 500000 && dsm_claim_award(&c[1], 500000) == 4000000 &&
		  dsm_claim_award(&c[2], 4500000) == 0 && dsm_claim_award(&c[3], 4500000) == 500000,
		  "each claim gets min(amount, its cap - allocated): 5,000 + 40,000; 0 under its own 30,000 cap; 5,000");
	check(dsm_allocate(c, 4, &last, &total) && last == 500000 && total == 5000000,
		  "the group gets exactly its 50,000.00 cap");
	c[0].cap = c[1].cap = c[2].cap = c[3].cap = DSM_NO_CAP;
	check(dsm_allocate(c, 4, &last, &total) && total == 11500000, "without a cap every claim is paid in full");
	check(dsm_allocate(c, 0, &last, &total) && total == 0, "an empty group allocates nothing");

	check(dsm_candidate_beats(&higher, &other), "the higher amount wins");
	check(dsm_candidate_beats(&other, &early) && !dsm_candidate_beats(&early, &other),
		  "on a tie an award under another policy wins");
	check(dsm_candidate_beats(&early, &ours1), "then the earlier application");
	check(dsm_candidate_beats(&ours1, &ours2) && !dsm_candidate_beats(&ours2, &ours1),
		  "then the lower application_id");
	check(!dsm_candidate_beats(&ours1, &ours1), "a candidate does not beat itself");
}

/* share_award's arithmetic: the same amount and cap as dsm_evaluate, without the conditions. */
static void
test_capped_share(void)
{
	dsm_rule	r1 = clause_1();
	dsm_rule	r3 = clause_3();
	dsm_rule	fixed;
	dsm_facts	f = cloud_facts();
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
	r1 = clause_1();
	r1.p[DSM_P_SHARE_RATIO].present = false;
	check(!dsm_capped_share(&r1, false, true, 100, &amount), "no share without a share_ratio row");
	memset(&fixed, 0, sizeof(fixed));
	fixed.kind = DSM_KIND_FIXED;
	fixed.in_force = DSM_IN_FORCE;
	set(&fixed, DSM_P_SHARE_RATIO, 200000);
	check(!dsm_capped_share(&fixed, false, true, 100, &amount), "no share for a clause that is not a share clause");
	check(dsm_capped_share(&r3, false, true, INT64_MAX, &amount) && amount == 5000000,
		  "the largest basis does not overflow: its share is cut to the 50,000.00 cap");
	r3.p[DSM_P_CAP_ABOVE_SCALE].present = false;
	check(dsm_capped_share(&r3, false, true, INT64_MAX, &amount) && amount == INT64_MAX / 2 + 1,
		  "without a cap: 50% of the largest basis, exactly, rounded half away from zero");
	r3 = clause_3();

	/* against dsm_evaluate over a range of bases and both sizes */
	for (basis = 0; basis < 20000000; basis += 997)
	{
		f.expenditure = some(basis);
		f.above_scale = (basis / 997) % 2 == 0;
		dsm_evaluate(&r3, &f, &out);
		if (!dsm_capped_share(&r3, f.specialized, f.above_scale, basis, &amount) || out.status != DSM_ELIGIBLE ||
			amount != (out.cap.present && out.computed.value > out.cap.value ? out.cap.value : out.computed.value))
			mismatches++;
	}
	check(mismatches == 0, "capped share equals dsm_evaluate's computed amount cut to its cap, on 20,061 bases");
}

/* One enterprise's group steps at once: caps, quota, stacking. */
static void
test_group_steps(void)
{
	/*
	 * In (applied_at, application_id) order: three clause-3 applications of
	 * one year sharing a 50,000.00 cap (group 0), the second over quota; a
	 * clause-1 award on project P (group 1) that another policy's award of
	 * 300,000.00 on P beats; a clause-4 award on project Q (group 2) that
	 * beats an earlier, lower clause-5 award on Q (group 3); an exempt one.
	 */
	dsm_group_row rows[8];
	int64_t		totals[8];
	int32_t		best[8];
	int			i;

	memset(rows, 0, sizeof(rows));
	for (i = 0; i < 8; i++)
	{
		rows[i].application_id = i + 1;
		rows[i].applied_at = 1000 * i;
		rows[i].claims = true;
		rows[i].cap = DSM_NO_CAP;
	}
	/* cap group 0: 30,000 + 30,000 + 30,000 under 50,000; stacking groups 0, 1, 2 (own projects) */
	for (i = 0; i < 3; i++)
	{
		rows[i].amount = 3000000;
		rows[i].cap = 5000000;
		rows[i].cap_group = 0;
		rows[i].stacking_group = i;
	}
	rows[1].over_quota = true;
	rows[3].amount = 20000000;	/* clause 1 on P */
	rows[3].cap_group = 1;
	rows[3].stacking_group = 3;
	rows[4].other = true;		/* another policy on P */
	rows[4].claims = false;
	rows[4].amount = 30000000;
	rows[4].stacking_group = 3;
	rows[5].amount = 8000000;	/* clause 5 on Q, first */
	rows[5].cap_group = 3;
	rows[5].stacking_group = 4;
	rows[6].amount = 9000000;	/* clause 4 on Q, later but higher */
	rows[6].cap_group = 2;
	rows[6].stacking_group = 4;
	rows[7].amount = 100;		/* exempt, alone */
	rows[7].stacking_exempt = true;
	rows[7].cap_group = 4;
	rows[7].stacking_group = 5;

	check(dsm_group_steps(rows, 8, totals, best), "group steps: no overflow");
	check(rows[0].allocated == 3000000 && rows[1].allocated == 2000000 && rows[2].allocated == 0,
		  "group steps: the shared cap goes 30,000 / 20,000 / 0 in order, over quota or not");
	check(rows[0].allocated_so_far == 3000000 && rows[1].allocated_so_far == 5000000 &&
		  rows[2].allocated_so_far == 5000000, "group steps: the group's total so far");
	check(rows[0].award == 3000000 && rows[1].award == 0 && rows[2].award == 0,
		  "group steps: over quota awards 0 though its cap share is taken");
	check(rows[3].winner == 4 && rows[4].winner == 4, "group steps: the higher award under another policy wins");
	check(rows[5].winner == 6 && rows[6].winner == 6, "group steps: the higher award wins over the earlier one");
	check(rows[0].winner == 0 && rows[1].winner == -1 && rows[2].winner == -1,
		  "group steps: an award of 0 is no candidate");
	check(rows[7].winner == -1 && rows[7].award == 100, "group steps: an exempt award is paid and no candidate");
	rows[6].amount = 8000000;
	check(dsm_group_steps(rows, 8, totals, best) && rows[5].winner == 5,
		  "group steps: on a tie the earlier application wins");
	rows[0].amount = INT64_MAX;
	rows[0].cap = DSM_NO_CAP;
	rows[1].amount = INT64_MAX;
	rows[1].cap = DSM_NO_CAP;
	check(!dsm_group_steps(rows, 8, totals, best), "group steps: a group total that overflows is reported");
}

int
main(void)
{
	test_money();
	test_dates();
	test_rules();
	test_allocation();
	test_capped_share();
	test_group_steps();
	printf("1..%d\n", tests);
	return failures == 0 ? 0 : 1;
}
