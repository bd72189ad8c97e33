/*
 * award.c: the rules of one application on its own (doc/reference.md, "The
 * rules, in order", steps 1 to 4), in plain C99, and the money and date
 * arithmetic every rule uses.
 *
 * Each rule reads its numbers from the dsm_rule the glue resolved from table
 * parameter; a condition whose parameter is absent on the qualifying date is
 * not checked.  The rules that look at several applications of an
 * enterprise (once only, quota, spending periods, caps, stacking) are in
 * enterprise.c.
 */
#include "award.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *const dsm_param_name[DSM_P_COUNT] = {
#define DSM_PARAM_NAME(id, name, reads) [DSM_P_##id] = name,
	DSM_PARAMETERS(DSM_PARAM_NAME)
#undef DSM_PARAM_NAME
};

const char *const dsm_param_reads[DSM_P_COUNT] = {
#define DSM_PARAM_READS(id, name, reads) [DSM_P_##id] = reads,
	DSM_PARAMETERS(DSM_PARAM_READS)
#undef DSM_PARAM_READS
};

const char *const dsm_kind_name[DSM_KIND_NONE + 1] = {
	[DSM_KIND_SHARE] = "share",
	[DSM_KIND_SPENDING_SHARE] = "spending_share",
	[DSM_KIND_FIXED] = "fixed",
	[DSM_KIND_APPROVED] = "approved",
	[DSM_KIND_NONE] = "none",
};

/*
 * the basis of a share, the approved amount; a fixed sum reads the scale only
 * through its by-scale parameters (fixed_amount_above_scale, _below_scale)
 */
const char *const dsm_kind_reads[DSM_KIND_NONE + 1] = {
	[DSM_KIND_SHARE] = "provincial_amount",
	[DSM_KIND_SPENDING_SHARE] = "expenditure",
	[DSM_KIND_FIXED] = "",
	[DSM_KIND_APPROVED] = "approved_amount",
	[DSM_KIND_NONE] = "",
};

/* The values of the choice parameters (table parameter_choice lists the same). */
const dsm_choice dsm_choices[] = {
	{DSM_P_ONCE_ONLY, DSM_ONCE_ENTERPRISE, "enterprise"},
	{DSM_P_ONCE_ONLY, DSM_ONCE_ENTERPRISE_PRODUCT, "enterprise_product"},
	{DSM_P_ONCE_ONLY, DSM_ONCE_NONE, "none"},
	{DSM_P_PURCHASE_WINDOW_APPLIES_TO, DSM_WINDOW_SERVICE_START, "service_start"},
	{DSM_P_PURCHASE_WINDOW_APPLIES_TO, DSM_WINDOW_EXPENDITURE_FROM, "expenditure_from"},
	{DSM_P_STACKING_SCOPE, DSM_STACKING_ALL_AWARDS, "all_awards"},
	{DSM_P_STACKING_SCOPE, DSM_STACKING_OTHER_POLICIES_ONLY, "other_policies_only"},
};
const int	dsm_nchoices = (int) (sizeof(dsm_choices) / sizeof(dsm_choices[0]));

int
dsm_choice_code(dsm_param param, const char *value)
{
	int			i;

	for (i = 0; i < dsm_nchoices; i++)
		if (dsm_choices[i].param == param && strcmp(dsm_choices[i].value, value) == 0)
			return dsm_choices[i].code;
	return -1;
}

/* ------------------------------------------------------------------------
 * Facts from the enterprise register (免申即享)
 * ------------------------------------------------------------------------ */

/* The facts the register holds, in the order a note names them. */
static const struct
{
	const char *column;
	size_t		app_offset;
	size_t		row_offset;
}			register_facts[] = {
	{"scale", offsetof(dsm_application, scale), offsetof(dsm_register_row, scale)},
	{"specialized", offsetof(dsm_application, specialized), offsetof(dsm_register_row, specialized)},
	{"manufacturer", offsetof(dsm_application, manufacturer), offsetof(dsm_register_row, manufacturer)},
	{"reports_statistics", offsetof(dsm_application, reports_statistics), offsetof(dsm_register_row, reports_statistics)},
};

int
dsm_fill_from_register(dsm_application *a, const dsm_register_row *rows, size_t n, char *note, size_t size)
{
	const dsm_register_row *row = NULL;
	size_t		i;
	int			taken = 0;
	int64_t		year;
	int			month,
				day;

	if (size > 0)
		note[0] = '\0';
	if (!a->qualifying_date.present)
		return 0;
	for (i = 0; i < n && row == NULL; i++)
		if (rows[i].from <= a->qualifying_date.value && a->qualifying_date.value <= rows[i].until)
			row = &rows[i];
	if (row == NULL)
		return 0;
	for (i = 0; i < sizeof(register_facts) / sizeof(register_facts[0]); i++)
	{
		dsm_value  *fact = (dsm_value *) ((char *) a + register_facts[i].app_offset);
		const dsm_value *known = (const dsm_value *) ((const char *) row + register_facts[i].row_offset);
		size_t		used = size > 0 ? strlen(note) : 0;

		if (fact->present || !known->present)
			continue;
		*fact = *known;
		taken++;
		if (used + 1 < size)
			snprintf(note + used, size - used, "%s%s", taken > 1 ? ", " : "", register_facts[i].column);
	}
	if (taken > 0 && size > 0)
	{
		size_t		used = strlen(note);

		dsm_date_to_ymd(row->from, &year, &month, &day);
		if (used + 1 < size)
			snprintf(note + used, size - used, " from the register (%lld)", (long long) year);
	}
	return taken;
}

const char *const dsm_status_name[DSM_STATUS_COUNT] = {
	[DSM_ELIGIBLE] = "eligible",
	[DSM_NOT_IN_FORCE] = "not_in_force",
	[DSM_NO_MONETARY_AWARD] = "no_monetary_award",
	[DSM_INELIGIBLE] = "ineligible",
	[DSM_PENDING] = "pending",
	[DSM_OVER_QUOTA] = "over_quota",
	[DSM_CAP_EXHAUSTED] = "cap_exhausted",
	[DSM_SUPERSEDED] = "superseded",
	[DSM_PAYABLE] = "payable",
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

/*
 * The texts are written without printf: an application's formula and its
 * explanation are formatted for every one of a million rows.
 */

/* The decimal digits of v at p (no terminator); returns the end. */
static char *
put_digits(char *p, uint64_t v)
{
	char		rev[24];
	int			n = 0;

	do
	{
		rev[n++] = (char) ('0' + v % 10);
		v /= 10;
	} while (v > 0);
	while (n > 0)
		*p++ = rev[--n];
	return p;
}

/* Copy s into buf (size bytes), truncated, always terminated. */
static void
put_string(char *buf, size_t size, const char *s, size_t len)
{
	if (size == 0)
		return;
	if (len >= size)
		len = size - 1;
	memcpy(buf, s, len);
	buf[len] = '\0';
}

/* The strings given, up to a NULL, one after the other into buf (size bytes), truncated. */
static void
join(char *buf, size_t size,...)
{
	va_list		ap;
	const char *s;
	size_t		used = 0;

	if (size == 0)
		return;
	va_start(ap, size);
	while ((s = va_arg(ap, const char *)) != NULL)
	{
		size_t		len = strlen(s);

		if (used + len >= size)
			len = size - 1 - used;
		memcpy(buf + used, s, len);
		used += len;
		if (used == size - 1)
			break;
	}
	va_end(ap);
	buf[used] = '\0';
}

/* 1500000.00 yuan (150000000 fen) -> "1,500,000.00" */
void
dsm_format_money(int64_t fen, char *buf, size_t size)
{
	char		digits[24];
	char		out[48];
	uint64_t	magnitude = fen < 0 ? (uint64_t) 0 - (uint64_t) fen : (uint64_t) fen;
	uint64_t	cents = magnitude % 100;
	int			n = (int) (put_digits(digits, magnitude / 100) - digits);
	int			i,
				o = 0;

	if (fen < 0)
		out[o++] = '-';
	for (i = 0; i < n; i++)
	{
		if (i > 0 && (n - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	out[o++] = '.';
	out[o++] = (char) ('0' + cents / 10);
	out[o++] = (char) ('0' + cents % 10);
	put_string(buf, size, out, (size_t) o);
}

/* 200000 -> "20%", 125000 -> "12.5%", 1 -> "0.0001%" */
void
dsm_format_ratio(int64_t ratio, char *buf, size_t size)
{
	char		out[48];
	char	   *p = out;
	uint64_t	magnitude = ratio < 0 ? (uint64_t) 0 - (uint64_t) ratio : (uint64_t) ratio;
	uint64_t	frac = magnitude % 10000;	/* ten-thousandths of a percent */
	int			places = 4;

	if (ratio < 0)
		*p++ = '-';
	p = put_digits(p, magnitude / 10000);
	if (frac != 0)
	{
		while (frac % 10 == 0)
		{
			frac /= 10;
			places--;
		}
		*p++ = '.';
		p += places;
		for (char *q = p - 1; places > 0; places--, frac /= 10)
			*q-- = (char) ('0' + frac % 10);
	}
	*p++ = '%';
	put_string(buf, size, out, (size_t) (p - out));
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
	char		out[32];

	dsm_date_to_ymd(date, &year, &month, &day);
	if (year < 0 || year > 9999)
	{
		snprintf(buf, size, "%04lld-%02d-%02d", (long long) year, month, day);
		return;
	}
	out[0] = (char) ('0' + year / 1000);
	out[1] = (char) ('0' + year / 100 % 10);
	out[2] = (char) ('0' + year / 10 % 10);
	out[3] = (char) ('0' + year % 10);
	out[4] = '-';
	out[5] = (char) ('0' + month / 10);
	out[6] = (char) ('0' + month % 10);
	out[7] = '-';
	out[8] = (char) ('0' + day / 10);
	out[9] = (char) ('0' + day % 10);
	put_string(buf, size, out, 10);
}

/* ------------------------------------------------------------------------
 * Texts
 * ------------------------------------------------------------------------ */

void
dsm_append(char *buf, const char *fmt,...)
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
		dsm_append(buf, "%s", sentence);
}

/* ------------------------------------------------------------------------
 * One application (steps 1 to 4)
 * ------------------------------------------------------------------------ */

static bool
flag_set(const dsm_rule *rule, dsm_param p)
{
	return rule->p[p].present && rule->p[p].value != 0;
}

/* A yes/no fact that is true. */
static bool
is_true(dsm_value fact)
{
	return fact.present && fact.value != 0;
}

/* A condition on a yes/no fact. */
static void
check_fact(char *reasons, const dsm_rule *rule, dsm_param p, dsm_value fact,
		   const char *column, const char *failure)
{
	if (!flag_set(rule, p))
		return;
	if (!fact.present)
		append_missing(reasons, column);
	else if (fact.value == 0)
		dsm_append(reasons, "%s: %s", dsm_param_name[p], failure);
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
	dsm_append(reasons, "%s: %s %s < %s", dsm_param_name[p], column, have, need);
}

/* A condition "date >= earliest" on the date of a column. */
static void
check_date_from(char *reasons, dsm_param p, dsm_value date, const char *column,
				int32_t earliest, bool computable)
{
	char		have[16],
				need[16];

	if (!date.present)
	{
		append_missing(reasons, column);
		return;
	}
	if (computable && date.value >= earliest)
		return;
	dsm_format_date((int32_t) date.value, have, sizeof(have));
	if (!computable)
		dsm_append(reasons, "%s: no date satisfies it", dsm_param_name[p]);
	else
	{
		dsm_format_date(earliest, need, sizeof(need));
		dsm_append(reasons, "%s: %s %s < %s", dsm_param_name[p], column, have, need);
	}
}

/*
 * The spending period of an application: expenditure_from, else the service
 * start; expenditure_until, else the application date.
 */
static void
spending_period(const dsm_application *a, dsm_value *from, dsm_value *until)
{
	*from = a->expenditure_from.present ? a->expenditure_from : a->service_start;
	*until = a->expenditure_until.present ? a->expenditure_until : a->applied_on;
}

/* Whether a word list (award.h: dsm_kind_reads, dsm_param_reads) names a column. */
static bool
names_column(const char *list, const char *column)
{
	size_t		len = strlen(column);
	const char *p = list;

	while ((p = strstr(p, column)) != NULL)
	{
		if ((p == list || p[-1] == ' ') && (p[len] == ' ' || p[len] == '\0'))
			return true;
		p += len;
	}
	return false;
}

/* Whether the rule reads a column: its kind, or one of its parameters present on the date. */
static bool
rule_reads(const dsm_rule *rule, const char *column)
{
	int			p;

	if (names_column(dsm_kind_reads[rule->kind], column))
		return true;
	for (p = 0; p < DSM_P_COUNT; p++)
		if (rule->p[p].present && names_column(dsm_param_reads[p], column))
			return true;
	return false;
}

/* Whether every sentence of a "; "-separated list of reasons is a missing fact. */
static bool
only_missing_facts(const char *reasons)
{
	const char *p = reasons;

	while (*p)
	{
		if (strncmp(p, "missing fact: ", 14) != 0)
			return false;
		p = strstr(p, "; ");
		if (p == NULL)
			break;
		p += 2;
	}
	return true;
}

/* Step 2: every condition present on the date; failures in reasons. */
static void
check_conditions(const dsm_rule *rule, const dsm_application *a, char *reasons)
{
	dsm_value	from,
				until;

	spending_period(a, &from, &until);

	/* the scale, where a rule of the clause reads it (award.h's lists) */
	if (!a->scale.present && rule_reads(rule, "scale"))
		append_missing(reasons, "scale");
	check_fact(reasons, rule, DSM_P_REQUIRES_MANUFACTURER, a->manufacturer,
			   "manufacturer", "not a manufacturer");
	if (flag_set(rule, DSM_P_REQUIRES_ABOVE_SCALE) && a->scale.present && a->scale.value != DSM_ABOVE_SCALE)
		dsm_append(reasons, "%s: the enterprise is below-scale", dsm_param_name[DSM_P_REQUIRES_ABOVE_SCALE]);
	check_fact(reasons, rule, DSM_P_REQUIRES_STATISTICS_REPORTING, a->reports_statistics,
			   "reports_statistics", "statistical reporting not fulfilled");
	check_minimum_amount(reasons, rule, DSM_P_MIN_REVENUE, a->revenue, "revenue");
	check_minimum_amount(reasons, rule, DSM_P_MIN_INVESTMENT, a->investment, "investment");
	check_fact(reasons, rule, DSM_P_REQUIRES_IN_CATALOGUE, a->in_catalogue,
			   "in_catalogue", "the product is not in the catalogue");
	check_fact(reasons, rule, DSM_P_REQUIRES_IN_PRODUCTION, a->in_production,
			   "in_production", "the project is not in production");
	check_fact(reasons, rule, DSM_P_REQUIRES_CITY_MADE_PRODUCT, a->city_made_product,
			   "city_made_product", "the product is not made in the city");

	if (rule->p[DSM_P_MIN_SERVICE_START_DATE].present)
		check_date_from(reasons, DSM_P_MIN_SERVICE_START_DATE, a->service_start, "service_start",
						(int32_t) rule->p[DSM_P_MIN_SERVICE_START_DATE].value, true);

	if (rule->p[DSM_P_PURCHASE_WINDOW_YEARS].present)
	{
		/* on or after January 1 of the application year minus N */
		int64_t		years = rule->p[DSM_P_PURCHASE_WINDOW_YEARS].value;
		bool		on_period = rule->p[DSM_P_PURCHASE_WINDOW_APPLIES_TO].present &&
			rule->p[DSM_P_PURCHASE_WINDOW_APPLIES_TO].value == DSM_WINDOW_EXPENDITURE_FROM;
		dsm_value	date = on_period ? from : a->service_start;
		/* the period's start is expenditure_from, which a NULL start misses */
		const char *column = on_period && (a->expenditure_from.present || !a->service_start.present)
			? "expenditure_from" : "service_start";
		int64_t		year;
		int			month,
					day;
		int32_t		earliest = 0;
		bool		ok;

		dsm_date_to_ymd((int32_t) a->applied_on.value, &year, &month, &day);
		ok = dsm_date_from_ymd(year - years, 1, 1, &earliest);
		/* a window that opens before the calendar begins takes every date */
		if (ok || years <= 0 || !date.present)
			check_date_from(reasons, DSM_P_PURCHASE_WINDOW_YEARS, date, column, earliest, ok);
	}

	if (rule->p[DSM_P_MIN_RUNNING_MONTHS].present)
	{
		/* service_start + N months <= applied_on */
		int64_t		months = rule->p[DSM_P_MIN_RUNNING_MONTHS].value;
		int32_t		ready = 0;
		char		start[16],
					ready_s[16],
					applied[16];

		if (!a->service_start.present)
			append_missing(reasons, "service_start");
		else if (!dsm_add_months((int32_t) a->service_start.value, months, &ready))
		{
			/* beyond the calendar: never reached; before it: reached long ago */
			if (months > 0)
				dsm_append(reasons, "%s: service_start + %lld months is beyond the calendar",
						   dsm_param_name[DSM_P_MIN_RUNNING_MONTHS], (long long) months);
		}
		else if (ready > a->applied_on.value)
		{
			dsm_format_date((int32_t) a->service_start.value, start, sizeof(start));
			dsm_format_date(ready, ready_s, sizeof(ready_s));
			dsm_format_date((int32_t) a->applied_on.value, applied, sizeof(applied));
			dsm_append(reasons, "%s: service_start %s + %lld months = %s is after applied_on %s",
					   dsm_param_name[DSM_P_MIN_RUNNING_MONTHS], start, (long long) months,
					   ready_s, applied);
		}
	}

	check_fact(reasons, rule, DSM_P_REQUIRES_IN_USE, a->in_use,
			   "in_use", "the service is no longer in use");

	if (rule->p[DSM_P_MIN_CLOUD_STARS].present)
	{
		if (!a->cloud_stars.present)
			append_missing(reasons, "cloud_stars");
		else if (a->cloud_stars.value < rule->p[DSM_P_MIN_CLOUD_STARS].value)
			dsm_append(reasons, "%s: cloud_stars %lld < %lld", dsm_param_name[DSM_P_MIN_CLOUD_STARS],
					   (long long) a->cloud_stars.value,
					   (long long) rule->p[DSM_P_MIN_CLOUD_STARS].value);
	}

	check_fact(reasons, rule, DSM_P_REQUIRES_INNOVATIVE_MODE, a->innovative_mode,
			   "innovative_mode", "no innovative application mode");

	/* a spending period that is subsidised once for any day must be a period */
	if (flag_set(rule, DSM_P_EXCLUSIVE_SPENDING_PERIOD))
	{
		char		f[16],
					u[16];

		if (!from.present)
			append_missing(reasons, "expenditure_from");
		else if (until.value < from.value)
		{
			dsm_format_date((int32_t) from.value, f, sizeof(f));
			dsm_format_date((int32_t) until.value, u, sizeof(u));
			dsm_append(reasons, "%s: the spending period %s to %s ends before it starts",
					   dsm_param_name[DSM_P_EXCLUSIVE_SPENDING_PERIOD], f, u);
		}
	}
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
		join(buf, size, shown, (const char *) NULL);
		return;
	}
	for (n = 6; n > 0; n--, rest /= 10)
		digits[n - 1] = (char) ('0' + rest % 10);
	for (n = 6; n > 0 && digits[n - 1] == '0'; n--)
		;
	digits[n] = '\0';
	dsm_format_money(truncated, exact, sizeof(exact));
	join(buf, size, exact, digits, ", rounded to ", shown, (const char *) NULL);
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
		case DSM_WINDOW_NOT_OPEN:
			snprintf(out->reason, DSM_TEXT_MAX, "eligible_from: clause %s covers events from %s",
					 rule->clause_code, day);
			break;
		case DSM_GAP:
		case DSM_IN_FORCE:
			snprintf(out->reason, DSM_TEXT_MAX, "no in_force row covers this date");
			break;
	}
}

static void
clause_lacks(const dsm_rule *rule, const dsm_application *a, const char *what, dsm_outcome *out)
{
	char		day[16];

	dsm_format_date((int32_t) a->qualifying_date.value, day, sizeof(day));
	out->status = DSM_NOT_IN_FORCE;
	snprintf(out->reason, DSM_TEXT_MAX, "clause %s has no %s on %s", rule->clause_code, what, day);
}

/*
 * The provincial layer: a provincial amount above the known maximum is most
 * likely a data-entry error.  Flagged whatever the decision.
 */
static void
check_provincial_max(const dsm_rule *rule, const dsm_application *a, dsm_outcome *out)
{
	dsm_param	max_param;
	char		x[40],
				y[40];

	if (rule->kind != DSM_KIND_SHARE || !a->provincial_amount.present)
		return;
	max_param = first_present(rule, is_true(a->specialized), DSM_P_PROVINCIAL_MAX_SPECIALIZED_SME,
							  DSM_P_PROVINCIAL_MAX, DSM_P_PROVINCIAL_MAX);
	if (max_param == DSM_P_COUNT)
		return;
	out->provincial_max = rule->p[max_param];
	if (a->provincial_amount.value > rule->p[max_param].value)
	{
		dsm_format_money(a->provincial_amount.value, x, sizeof(x));
		dsm_format_money(rule->p[max_param].value, y, sizeof(y));
		snprintf(out->warning, DSM_TEXT_MAX,
				 "provincial_amount %s exceeds the known provincial maximum %s (%s): check the record",
				 x, y, dsm_param_name[max_param]);
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

/* What the rule tells the enterprise's steps, whatever the outcome. */
static void
copy_rule(const dsm_rule *rule, const dsm_application *a, dsm_outcome *out)
{
	out->cap_scope = rule->cap_scope;
	out->quota = rule->p[DSM_P_QUOTA_ENTERPRISES_PER_YEAR];
	out->once_only = rule->p[DSM_P_ONCE_ONLY].present ? (dsm_once_only) rule->p[DSM_P_ONCE_ONLY].value
		: DSM_ONCE_NONE;
	out->stacking_exempt = flag_set(rule, DSM_P_STACKING_EXEMPT);
	out->stacking_scope = rule->p[DSM_P_STACKING_SCOPE].present
		? (dsm_stacking_scope) rule->p[DSM_P_STACKING_SCOPE].value : DSM_STACKING_ALL_AWARDS;
	out->exclusive_period = flag_set(rule, DSM_P_EXCLUSIVE_SPENDING_PERIOD);
	spending_period(a, &out->period_from, &out->period_until);
	out->decided_on = rule->decided_on;
}

void
dsm_evaluate(const dsm_rule *rule, const dsm_application *a, dsm_outcome *out)
{
	dsm_param	amount_param = DSM_P_COUNT;
	bool		above = a->scale.value == DSM_ABOVE_SCALE;
	char		x[128],
				y[128],
				z[128];

	/* the texts come last: empty them rather than clear 3 kB per application */
	memset(out, 0, offsetof(dsm_outcome, reason));
	out->reason[0] = out->formula[0] = out->warning[0] = '\0';
	out->facts = NULL;			/* the caller's, after dsm_fill_from_register */
	copy_rule(rule, a, out);

	/* The basis is shown whatever the decision. */
	if (rule->kind == DSM_KIND_SHARE)
		out->basis = a->provincial_amount;
	else if (rule->kind == DSM_KIND_SPENDING_SHARE)
		out->basis = a->expenditure;
	else if (rule->kind == DSM_KIND_APPROVED)
		out->basis = a->approved_amount;
	check_provincial_max(rule, a, out);

	/* 1. In force: the policy and the clause's window on the date, then the clause's own numbers. */
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
				clause_lacks(rule, a, "share_ratio", out);
				return;
			}
			break;
		case DSM_KIND_FIXED:
			amount_param = first_present(rule, true,
										 above ? DSM_P_FIXED_AMOUNT_ABOVE_SCALE : DSM_P_FIXED_AMOUNT_BELOW_SCALE,
										 DSM_P_FIXED_AMOUNT, DSM_P_FIXED_AMOUNT);
			if (amount_param == DSM_P_COUNT)
			{
				clause_lacks(rule, a, "fixed_amount", out);
				return;
			}
			break;
		case DSM_KIND_APPROVED:
			break;
	}

	/* A proposal the enterprise or a clerk rejected is refused before anything else. */
	if (a->proposal.present && a->proposal.value == DSM_REJECTED)
	{
		out->status = DSM_INELIGIBLE;
		snprintf(out->reason, DSM_TEXT_MAX, "proposal rejected: %.*s",
				 a->proposal_note.data != NULL ? (int) a->proposal_note.len : 15,
				 a->proposal_note.data != NULL ? a->proposal_note.data : "no reason given");
		return;
	}

	/* 2. Conditions: the basis first, then every condition parameter. */
	if ((rule->kind == DSM_KIND_SHARE || rule->kind == DSM_KIND_SPENDING_SHARE) && !out->basis.present)
		append_missing(out->reason,
					   rule->kind == DSM_KIND_SHARE ? "provincial_amount" : "expenditure");
	check_conditions(rule, a, out->reason);
	if (out->reason[0] != '\0')
	{
		/* a proposal waits for the facts it lacks; an application is refused */
		out->status = a->proposal.present && only_missing_facts(out->reason) ? DSM_PENDING : DSM_INELIGIBLE;
		return;
	}
	if (rule->kind == DSM_KIND_APPROVED && !out->basis.present)
	{
		out->status = DSM_PENDING;
		snprintf(out->reason, DSM_TEXT_MAX, "approved_amount not yet recorded (decided case by case)");
		return;
	}
	if (a->proposal.present && a->proposal.value == DSM_PROPOSED)
	{
		out->status = DSM_PENDING;
		snprintf(out->reason, DSM_TEXT_MAX, "proposed from a provincial award: awaiting the enterprise's confirmation");
		return;
	}

	/* 3. Amount, and 4. the application's own cap (share clauses). */
	out->status = DSM_ELIGIBLE;
	out->computed.present = true;
	switch (rule->kind)
	{
		case DSM_KIND_SHARE:
		case DSM_KIND_SPENDING_SHARE:
			/* both inputs are range-checked by the glue: cannot fail */
			(void) dsm_share(rule->p[DSM_P_SHARE_RATIO].value, out->basis.value, &out->computed.value);
			dsm_format_ratio(rule->p[DSM_P_SHARE_RATIO].value, x, sizeof(x));
			dsm_format_money(out->basis.value, y, sizeof(y));
			format_share(rule->p[DSM_P_SHARE_RATIO].value, out->basis.value, z, sizeof(z));
			join(out->formula, DSM_TEXT_MAX, x, " x ", y, " = ", z, (const char *) NULL);

			out->cap = dsm_share_cap(rule, is_true(a->specialized), above);
			break;
		case DSM_KIND_FIXED:
			out->computed.value = rule->p[amount_param].value;
			dsm_format_money(out->computed.value, z, sizeof(z));
			join(out->formula, DSM_TEXT_MAX, "fixed sum",
				 amount_param == DSM_P_FIXED_AMOUNT ? ""
				 : above ? " for an above-scale enterprise" : " for a below-scale enterprise",
				 ": ", z, (const char *) NULL);
			break;
		case DSM_KIND_APPROVED:
			out->computed.value = out->basis.value;
			dsm_format_money(out->computed.value, z, sizeof(z));
			join(out->formula, DSM_TEXT_MAX, "amount approved by the responsible unit: ", z, (const char *) NULL);
			break;
		case DSM_KIND_NONE:
			break;
	}
	if (rule->decided_on.present)
	{
		/* an event before the policy took effect, inside the clause's window */
		char		day[16];
		size_t		used = strlen(out->formula);

		dsm_format_date((int32_t) rule->decided_on.value, day, sizeof(day));
		snprintf(out->formula + used, DSM_TEXT_MAX - used,
				 " (an event before the policy took effect: the parameters of %s)", day);
	}
}
