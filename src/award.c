/*
 * award.c: the award rules of one application (README.md, "Award decisions", steps
 * 1 to 4), in plain C99.
 *
 * Each rule reads its numbers from the dsm_rule the glue resolved from table
 * parameter; a condition whose parameter is absent on the qualifying date is
 * not checked.  Cap groups, the quota and stacking span several applications
 * and are in allocation.c.
 */
#include "award.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *const dsm_param_name[DSM_P_COUNT] = {
	[DSM_P_SHARE_RATIO] = "share_ratio",
	[DSM_P_CAP] = "cap",
	[DSM_P_CAP_ABOVE_SCALE] = "cap_above_scale",
	[DSM_P_CAP_BELOW_SCALE] = "cap_below_scale",
	[DSM_P_CAP_SPECIALIZED_SME] = "cap_specialized_sme",
	[DSM_P_FIXED_AMOUNT] = "fixed_amount",
	[DSM_P_FIXED_AMOUNT_ABOVE_SCALE] = "fixed_amount_above_scale",
	[DSM_P_FIXED_AMOUNT_BELOW_SCALE] = "fixed_amount_below_scale",
	[DSM_P_PROVINCIAL_MAX] = "provincial_max",
	[DSM_P_PROVINCIAL_MAX_SPECIALIZED_SME] = "provincial_max_specialized_sme",
	[DSM_P_REQUIRES_MANUFACTURER] = "requires_manufacturer",
	[DSM_P_REQUIRES_ABOVE_SCALE] = "requires_above_scale",
	[DSM_P_REQUIRES_STATISTICS_REPORTING] = "requires_statistics_reporting",
	[DSM_P_MIN_REVENUE] = "min_revenue",
	[DSM_P_MIN_INVESTMENT] = "min_investment",
	[DSM_P_REQUIRES_IN_CATALOGUE] = "requires_in_catalogue",
	[DSM_P_REQUIRES_IN_PRODUCTION] = "requires_in_production",
	[DSM_P_MIN_SERVICE_START_DATE] = "min_service_start_date",
	[DSM_P_PURCHASE_WINDOW_YEARS] = "purchase_window_years",
	[DSM_P_MIN_RUNNING_MONTHS] = "min_running_months",
	[DSM_P_REQUIRES_IN_USE] = "requires_in_use",
	[DSM_P_MIN_CLOUD_STARS] = "min_cloud_stars",
	[DSM_P_REQUIRES_INNOVATIVE_MODE] = "requires_innovative_mode",
	[DSM_P_FIRST_TIME_ONLY] = "first_time_only",
	[DSM_P_QUOTA_ENTERPRISES_PER_YEAR] = "quota_enterprises_per_year",
	[DSM_P_STACKING_EXEMPT] = "stacking_exempt",
};

/* ------------------------------------------------------------------------
 * Money
 * ------------------------------------------------------------------------ */

/*
 * ratio (millionths, 0..1000000) x amount (fen, >= 0), rounded half away from
 * zero to the fen.  amount = high * 10^6 + low keeps every product in range.
 */
bool
dsm_share(int64_t ratio, int64_t amount, int64_t *result)
{
	int64_t		high,
				low,
				whole,
				rest;

	if (ratio < 0 || ratio > DSM_RATIO_ONE || amount < 0)
		return false;
	high = amount / DSM_RATIO_ONE;
	low = amount % DSM_RATIO_ONE;
	whole = high * ratio;		/* <= amount: no overflow */
	rest = low * ratio;			/* < 10^12 */
	whole += rest / DSM_RATIO_ONE;
	if (rest % DSM_RATIO_ONE >= DSM_RATIO_ONE / 2)
		whole += 1;				/* half a fen or more: away from zero */
	*result = whole;
	return true;
}

/* 1500000.00 yuan (150000000 fen) -> "1,500,000.00" */
void
dsm_format_money(int64_t fen, char *buf, size_t size)
{
	char		digits[32];
	char		out[48];
	uint64_t	magnitude = fen < 0 ? (uint64_t) 0 - (uint64_t) fen : (uint64_t) fen;
	int			n,
				i,
				o = 0;

	n = snprintf(digits, sizeof(digits), "%llu", (unsigned long long) (magnitude / 100));
	if (fen < 0)
		out[o++] = '-';
	for (i = 0; i < n; i++)
	{
		if (i > 0 && (n - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	snprintf(out + o, sizeof(out) - o, ".%02u", (unsigned) (magnitude % 100));
	snprintf(buf, size, "%s", out);
}

/* 200000 -> "20%", 125000 -> "12.5%", 1 -> "0.0001%" */
void
dsm_format_ratio(int64_t ratio, char *buf, size_t size)
{
	int64_t		whole = ratio / 10000;
	int64_t		frac = ratio % 10000;	/* ten-thousandths of a percent */
	int			places = 4;

	if (frac == 0)
	{
		snprintf(buf, size, "%lld%%", (long long) whole);
		return;
	}
	while (frac % 10 == 0)
	{
		frac /= 10;
		places--;
	}
	snprintf(buf, size, "%lld.%0*lld%%", (long long) whole, places, (long long) frac);
}

/* ------------------------------------------------------------------------
 * Dates: days since 2000-01-01, proleptic Gregorian
 * ------------------------------------------------------------------------ */

/* Days from 2000-01-01 to year-month-day (H. Hinnant's days_from_civil). */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	int64_t		era,
				yoe,
				doy,
				doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468 - 10957;
}

void
dsm_date_to_ymd(int32_t date, int64_t *year, int *month, int *day)
{
	int64_t		z = (int64_t) date + 10957 + 719468;
	int64_t		era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t		doe = z - era * 146097;
	int64_t		yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t		doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t		mp = (5 * doy + 2) / 153;
	int			m = (int) (mp < 10 ? mp + 3 : mp - 9);

	*day = (int) (doy - (153 * mp + 2) / 5 + 1);
	*month = m;
	*year = yoe + era * 400 + (m <= 2);
}

static int
days_in_month(int64_t year, int month)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool		leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	return month == 2 && leap ? 29 : days[month - 1];
}

bool
dsm_date_from_ymd(int64_t year, int month, int day, int32_t *result)
{
	int64_t		days;

	if (year < -DSM_CALENDAR_YEARS || year > DSM_CALENDAR_YEARS || month < 1 || month > 12 ||
		day < 1 || day > days_in_month(year, month))
		return false;
	days = days_from_civil(year, month, day);
	if (days < INT32_MIN || days > INT32_MAX)
		return false;
	*result = (int32_t) days;
	return true;
}

/* date + months, as PostgreSQL adds an interval of months: Jan 31 + 1 = Feb 28/29 */
bool
dsm_add_months(int32_t date, int64_t months, int32_t *result)
{
	int64_t		year,
				index;
	int			month,
				day,
				last;

	if (months < -DSM_CALENDAR_MONTHS || months > DSM_CALENDAR_MONTHS)
		return false;
	dsm_date_to_ymd(date, &year, &month, &day);
	index = year * 12 + (month - 1) + months;
	year = (index >= 0 ? index : index - 11) / 12;
	month = (int) (index - year * 12) + 1;
	last = days_in_month(year, month);
	return dsm_date_from_ymd(year, month, day > last ? last : day, result);
}

void
dsm_format_date(int32_t date, char *buf, size_t size)
{
	int64_t		year;
	int			month,
				day;

	dsm_date_to_ymd(date, &year, &month, &day);
	snprintf(buf, size, "%04lld-%02d-%02d", (long long) year, month, day);
}

/* ------------------------------------------------------------------------
 * One application
 * ------------------------------------------------------------------------ */

/* Append a sentence to a "; "-separated list in buf (truncated, never overrun). */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void
append(char *buf, const char *fmt,...)
{
	size_t		used = strlen(buf);
	va_list		ap;

	if (used > 0 && used + 2 < DSM_TEXT_MAX)
	{
		memcpy(buf + used, "; ", 3);
		used += 2;
	}
	if (used + 1 >= DSM_TEXT_MAX)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + used, DSM_TEXT_MAX - used, fmt, ap);
	va_end(ap);
}

/* "missing fact: column", once however many conditions need the column. */
static void
append_missing(char *buf, const char *column)
{
	char		sentence[64];

	snprintf(sentence, sizeof(sentence), "missing fact: %s", column);
	if (strstr(buf, sentence) == NULL)
		append(buf, "%s", sentence);
}

static bool
flag_set(const dsm_rule *rule, dsm_param p)
{
	return rule->p[p].present && rule->p[p].value != 0;
}

/* A condition on a yes/no fact. */
static void
check_fact(char *reasons, const dsm_rule *rule, dsm_param p, dsm_tri fact,
		   const char *column, const char *failure)
{
	if (!flag_set(rule, p))
		return;
	if (fact == DSM_UNKNOWN)
		append_missing(reasons, column);
	else if (fact == DSM_NO)
		append(reasons, "%s: %s", dsm_param_name[p], failure);
}

/* A condition "fact >= minimum" on an amount. */
static void
check_minimum_amount(char *reasons, const dsm_rule *rule, dsm_param p,
					 dsm_value fact, const char *column)
{
	char		have[40],
				need[40];

	if (!rule->p[p].present)
		return;
	if (!fact.present)
	{
		append_missing(reasons, column);
		return;
	}
	if (fact.value >= rule->p[p].value)
		return;
	dsm_format_money(fact.value, have, sizeof(have));
	dsm_format_money(rule->p[p].value, need, sizeof(need));
	append(reasons, "%s: %s %s < %s", dsm_param_name[p], column, have, need);
}

/* A condition "service_start >= earliest". */
static void
check_service_start(char *reasons, dsm_param p,
					const dsm_facts *f, int32_t earliest, bool computable)
{
	char		have[16],
				need[16];

	if (!f->service_start.present)
	{
		append_missing(reasons, "service_start");
		return;
	}
	if (computable && f->service_start.value >= earliest)
		return;
	dsm_format_date((int32_t) f->service_start.value, have, sizeof(have));
	if (!computable)
		append(reasons, "%s: no date satisfies it", dsm_param_name[p]);
	else
	{
		dsm_format_date(earliest, need, sizeof(need));
		append(reasons, "%s: service_start %s < %s", dsm_param_name[p], have, need);
	}
}

/* Step 2: every condition present on the date; failures in reasons. */
static void
check_conditions(const dsm_rule *rule, const dsm_facts *f, char *reasons)
{
	check_fact(reasons, rule, DSM_P_REQUIRES_MANUFACTURER,
			   f->manufacturer ? DSM_YES : DSM_NO, "manufacturer", "not a manufacturer");
	check_fact(reasons, rule, DSM_P_REQUIRES_ABOVE_SCALE,
			   f->above_scale ? DSM_YES : DSM_NO, "scale", "the enterprise is below-scale");
	check_fact(reasons, rule, DSM_P_REQUIRES_STATISTICS_REPORTING,
			   f->reports_statistics, "reports_statistics", "statistical reporting not fulfilled");
	check_minimum_amount(reasons, rule, DSM_P_MIN_REVENUE, f->revenue, "revenue");
	check_minimum_amount(reasons, rule, DSM_P_MIN_INVESTMENT, f->investment, "investment");
	check_fact(reasons, rule, DSM_P_REQUIRES_IN_CATALOGUE,
			   f->in_catalogue, "in_catalogue", "the product is not in the catalogue");
	check_fact(reasons, rule, DSM_P_REQUIRES_IN_PRODUCTION,
			   f->in_production, "in_production", "the project is not in production");

	if (rule->p[DSM_P_MIN_SERVICE_START_DATE].present)
		check_service_start(reasons, DSM_P_MIN_SERVICE_START_DATE, f,
							(int32_t) rule->p[DSM_P_MIN_SERVICE_START_DATE].value, true);

	if (rule->p[DSM_P_PURCHASE_WINDOW_YEARS].present)
	{
		/* on or after January 1 of the application year minus N */
		int64_t		year;
		int			month,
					day;
		int32_t		earliest = 0;
		bool		ok;

		dsm_date_to_ymd(f->applied_on, &year, &month, &day);
		ok = dsm_date_from_ymd(year - rule->p[DSM_P_PURCHASE_WINDOW_YEARS].value, 1, 1, &earliest);
		/* a window that opens before the calendar begins takes every date */
		if (ok || rule->p[DSM_P_PURCHASE_WINDOW_YEARS].value <= 0 || !f->service_start.present)
			check_service_start(reasons, DSM_P_PURCHASE_WINDOW_YEARS, f, earliest, ok);
	}

	if (rule->p[DSM_P_MIN_RUNNING_MONTHS].present)
	{
		/* service_start + N months <= applied_on */
		int64_t		months = rule->p[DSM_P_MIN_RUNNING_MONTHS].value;
		int32_t		ready = 0;
		char		start[16],
					ready_s[16],
					applied[16];

		if (!f->service_start.present)
			append_missing(reasons, "service_start");
		else if (!dsm_add_months((int32_t) f->service_start.value, months, &ready))
		{
			/* beyond the calendar: never reached; before it: reached long ago */
			if (months > 0)
				append(reasons, "%s: service_start + %lld months is beyond the calendar",
					   dsm_param_name[DSM_P_MIN_RUNNING_MONTHS], (long long) months);
		}
		else if (ready > f->applied_on)
		{
			dsm_format_date((int32_t) f->service_start.value, start, sizeof(start));
			dsm_format_date(ready, ready_s, sizeof(ready_s));
			dsm_format_date(f->applied_on, applied, sizeof(applied));
			append(reasons, "%s: service_start %s + %lld months = %s is after applied_on %s",
				   dsm_param_name[DSM_P_MIN_RUNNING_MONTHS], start, (long long) months,
				   ready_s, applied);
		}
	}

	check_fact(reasons, rule, DSM_P_REQUIRES_IN_USE,
			   f->in_use, "in_use", "the service is no longer in use");

	if (rule->p[DSM_P_MIN_CLOUD_STARS].present)
	{
		if (!f->cloud_stars.present)
			append_missing(reasons, "cloud_stars");
		else if (f->cloud_stars.value < rule->p[DSM_P_MIN_CLOUD_STARS].value)
			append(reasons, "%s: cloud_stars %lld < %lld", dsm_param_name[DSM_P_MIN_CLOUD_STARS],
				   (long long) f->cloud_stars.value,
				   (long long) rule->p[DSM_P_MIN_CLOUD_STARS].value);
	}

	check_fact(reasons, rule, DSM_P_REQUIRES_INNOVATIVE_MODE,
			   f->innovative_mode, "innovative_mode", "no innovative application mode");
}

/* The first parameter present among a, b (by scale) and c; DSM_P_COUNT if none. */
static dsm_param
first_present(const dsm_rule *rule, bool use_a, dsm_param a, dsm_param b, dsm_param c)
{
	if (use_a && rule->p[a].present)
		return a;
	if (rule->p[b].present)
		return b;
	if (rule->p[c].present)
		return c;
	return DSM_P_COUNT;
}

/*
 * The share as a clerk checks it: "18,930.625, rounded to 18,930.63" when the
 * exact product has more than two decimals, else just the amount.
 */
static void
format_share(int64_t ratio, int64_t amount, char *buf, size_t size)
{
	int64_t		rounded = 0;
	int64_t		truncated = (amount / DSM_RATIO_ONE) * ratio +
		(amount % DSM_RATIO_ONE) * ratio / DSM_RATIO_ONE;
	int64_t		rest = (amount % DSM_RATIO_ONE) * ratio % DSM_RATIO_ONE; /* millionths of a fen */
	char		exact[48],
				digits[8],
				shown[40];
	int			n = 6;

	(void) dsm_share(ratio, amount, &rounded);
	dsm_format_money(rounded, shown, sizeof(shown));
	if (rest == 0)
	{
		snprintf(buf, size, "%s", shown);
		return;
	}
	snprintf(digits, sizeof(digits), "%06lld", (long long) rest);
	while (n > 0 && digits[n - 1] == '0')
		digits[--n] = '\0';
	dsm_format_money(truncated, exact, sizeof(exact));
	snprintf(buf, size, "%s%s, rounded to %s", exact, digits, shown);
}

static void
not_in_force(const dsm_rule *rule, dsm_outcome *out)
{
	char		day[16];

	out->status = DSM_NOT_IN_FORCE;
	dsm_format_date(rule->in_force_date, day, sizeof(day));
	switch (rule->in_force)
	{
		case DSM_NOT_YET:
			snprintf(out->reason, DSM_TEXT_MAX, "the policy takes effect on %s", day);
			break;
		case DSM_EXPIRED:
			snprintf(out->reason, DSM_TEXT_MAX, "the policy expired on %s", day);
			break;
		case DSM_SUSPENDED:
			snprintf(out->reason, DSM_TEXT_MAX, "the policy is suspended on this date");
			break;
		case DSM_GAP:
		case DSM_IN_FORCE:
			snprintf(out->reason, DSM_TEXT_MAX, "no in_force row covers this date");
			break;
	}
}

static void
clause_lacks(const dsm_rule *rule, const dsm_facts *f, const char *what, dsm_outcome *out)
{
	char		day[16];

	dsm_format_date(f->qualifying_date, day, sizeof(day));
	out->status = DSM_NOT_IN_FORCE;
	snprintf(out->reason, DSM_TEXT_MAX, "clause %s has no %s on %s", rule->clause_code, what, day);
}

/*
 * The provincial layer: a provincial amount above the known maximum is most
 * likely a data-entry error.  Flagged whatever the decision.
 */
static void
check_provincial_max(const dsm_rule *rule, const dsm_facts *f, dsm_outcome *out)
{
	dsm_param	max_param;
	char		a[40],
				b[40];

	if (rule->kind != DSM_KIND_SHARE || !f->provincial_amount.present)
		return;
	max_param = first_present(rule, f->specialized, DSM_P_PROVINCIAL_MAX_SPECIALIZED_SME,
							  DSM_P_PROVINCIAL_MAX, DSM_P_PROVINCIAL_MAX);
	if (max_param == DSM_P_COUNT)
		return;
	out->provincial_max = rule->p[max_param];
	if (f->provincial_amount.value > rule->p[max_param].value)
	{
		dsm_format_money(f->provincial_amount.value, a, sizeof(a));
		dsm_format_money(rule->p[max_param].value, b, sizeof(b));
		snprintf(out->warning, DSM_TEXT_MAX,
				 "provincial_amount %s exceeds the known provincial maximum %s (%s): check the record",
				 a, b, dsm_param_name[max_param]);
	}
}

dsm_value
dsm_share_cap(const dsm_rule *rule, bool specialized, bool above_scale)
{
	dsm_param	cap_param = first_present(rule, specialized, DSM_P_CAP_SPECIALIZED_SME,
										  above_scale ? DSM_P_CAP_ABOVE_SCALE : DSM_P_CAP_BELOW_SCALE,
										  DSM_P_CAP);
	dsm_value	none = {false, 0};

	return cap_param == DSM_P_COUNT ? none : rule->p[cap_param];
}

bool
dsm_capped_share(const dsm_rule *rule, bool specialized, bool above_scale, int64_t basis, int64_t *amount)
{
	dsm_value	cap;

	if (rule->in_force != DSM_IN_FORCE ||
		(rule->kind != DSM_KIND_SHARE && rule->kind != DSM_KIND_SPENDING_SHARE) ||
		!rule->p[DSM_P_SHARE_RATIO].present ||
		!dsm_share(rule->p[DSM_P_SHARE_RATIO].value, basis, amount))
		return false;
	cap = dsm_share_cap(rule, specialized, above_scale);
	if (cap.present && *amount > cap.value)
		*amount = cap.value;
	return true;
}

void
dsm_evaluate(const dsm_rule *rule, const dsm_facts *f, dsm_outcome *out)
{
	dsm_param	amount_param = DSM_P_COUNT;
	char		a[128],
				b[128],
				c[128];

	/* the texts come last: empty them rather than clear 3 kB per application */
	memset(out, 0, offsetof(dsm_outcome, reason));
	out->reason[0] = out->formula[0] = out->warning[0] = '\0';

	/* The basis is shown whatever the decision. */
	if (rule->kind == DSM_KIND_SHARE)
		out->basis = f->provincial_amount;
	else if (rule->kind == DSM_KIND_SPENDING_SHARE)
		out->basis = f->expenditure;
	else if (rule->kind == DSM_KIND_APPROVED)
		out->basis = f->approved_amount;
	check_provincial_max(rule, f, out);

	/* 1. In force: the policy on the date, then the clause's own numbers. */
	if (rule->in_force != DSM_IN_FORCE)
	{
		not_in_force(rule, out);
		return;
	}
	switch (rule->kind)
	{
		case DSM_KIND_NONE:
			out->status = DSM_NO_MONETARY_AWARD;
			snprintf(out->reason, DSM_TEXT_MAX, "clause %s gives no cash award under this policy",
					 rule->clause_code);
			return;
		case DSM_KIND_SHARE:
		case DSM_KIND_SPENDING_SHARE:
			if (!rule->p[DSM_P_SHARE_RATIO].present)
			{
				clause_lacks(rule, f, "share_ratio", out);
				return;
			}
			break;
		case DSM_KIND_FIXED:
			amount_param = first_present(rule, true,
										 f->above_scale ? DSM_P_FIXED_AMOUNT_ABOVE_SCALE
										 : DSM_P_FIXED_AMOUNT_BELOW_SCALE,
										 DSM_P_FIXED_AMOUNT, DSM_P_FIXED_AMOUNT);
			if (amount_param == DSM_P_COUNT)
			{
				clause_lacks(rule, f, "fixed_amount", out);
				return;
			}
			break;
		case DSM_KIND_APPROVED:
			break;
	}

	/* 2. Conditions: the basis first, then every condition parameter. */
	if ((rule->kind == DSM_KIND_SHARE || rule->kind == DSM_KIND_SPENDING_SHARE) && !out->basis.present)
		append_missing(out->reason,
					   rule->kind == DSM_KIND_SHARE ? "provincial_amount" : "expenditure");
	check_conditions(rule, f, out->reason);
	if (out->reason[0] != '\0')
	{
		out->status = DSM_INELIGIBLE;
		return;
	}
	if (rule->kind == DSM_KIND_APPROVED && !out->basis.present)
	{
		out->status = DSM_PENDING;
		snprintf(out->reason, DSM_TEXT_MAX, "approved_amount not yet recorded (decided case by case)");
		return;
	}

	/* 3. Amount, and 4. the cap of share clauses. */
	out->status = DSM_ELIGIBLE;
	out->computed.present = true;
	switch (rule->kind)
	{
		case DSM_KIND_SHARE:
		case DSM_KIND_SPENDING_SHARE:
			/* both inputs are range-checked by the glue: cannot fail */
			(void) dsm_share(rule->p[DSM_P_SHARE_RATIO].value, out->basis.value, &out->computed.value);
			dsm_format_ratio(rule->p[DSM_P_SHARE_RATIO].value, a, sizeof(a));
			dsm_format_money(out->basis.value, b, sizeof(b));
			format_share(rule->p[DSM_P_SHARE_RATIO].value, out->basis.value, c, sizeof(c));
			snprintf(out->formula, DSM_TEXT_MAX, "%s x %s = %s", a, b, c);

			out->cap = dsm_share_cap(rule, f->specialized, f->above_scale);
			break;
		case DSM_KIND_FIXED:
			out->computed.value = rule->p[amount_param].value;
			dsm_format_money(out->computed.value, c, sizeof(c));
			snprintf(out->formula, DSM_TEXT_MAX, "fixed sum%s: %s",
					 amount_param == DSM_P_FIXED_AMOUNT ? ""
					 : f->above_scale ? " for an above-scale enterprise" : " for a below-scale enterprise",
					 c);
			break;
		case DSM_KIND_APPROVED:
			out->computed.value = out->basis.value;
			dsm_format_money(out->computed.value, c, sizeof(c));
			snprintf(out->formula, DSM_TEXT_MAX, "amount approved by the responsible unit: %s", c);
			break;
		case DSM_KIND_NONE:
			break;
	}
}
