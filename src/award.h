/*
 * award.h: the award rules of one application, in plain C99.
 *
 * No PostgreSQL header here: this is the policy, read next to
 * README.md, "Award decisions"; unit-tested on its own (test/core/award_test.c).
 * The glue (award_sql.c) resolves the parameter rows valid on the qualifying
 * date into a dsm_rule and the application's columns into dsm_facts.
 *
 * Units: money in fen (int64, 1 yuan = 100 fen), ratios in millionths
 * (0.2 = 200000), dates as days since 2000-01-01 (PostgreSQL's DateADT).
 */
#ifndef DSM_AWARD_H
#define DSM_AWARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DSM_RATIO_ONE 1000000	/* a ratio of 1 in millionths */

typedef enum dsm_kind
{
	DSM_KIND_SHARE,				/* share_ratio x provincial_amount, capped */
	DSM_KIND_SPENDING_SHARE,	/* share_ratio x expenditure, capped */
	DSM_KIND_FIXED,				/* a fixed sum, by scale */
	DSM_KIND_APPROVED,			/* the approved_amount, case by case */
	DSM_KIND_NONE				/* support without a cash award */
} dsm_kind;

typedef enum dsm_scope
{
	DSM_SCOPE_NONE,
	DSM_SCOPE_APPLICATION,
	DSM_SCOPE_ENTERPRISE_YEAR,
	DSM_SCOPE_PROJECT,
	DSM_SCOPE_PRODUCT
} dsm_scope;

/* The parameter names the rules read (table parameter_definition). */
typedef enum dsm_param
{
	DSM_P_SHARE_RATIO,
	DSM_P_CAP,
	DSM_P_CAP_ABOVE_SCALE,
	DSM_P_CAP_BELOW_SCALE,
	DSM_P_CAP_SPECIALIZED_SME,
	DSM_P_FIXED_AMOUNT,
	DSM_P_FIXED_AMOUNT_ABOVE_SCALE,
	DSM_P_FIXED_AMOUNT_BELOW_SCALE,
	DSM_P_PROVINCIAL_MAX,
	DSM_P_PROVINCIAL_MAX_SPECIALIZED_SME,
	DSM_P_REQUIRES_MANUFACTURER,
	DSM_P_REQUIRES_ABOVE_SCALE,
	DSM_P_REQUIRES_STATISTICS_REPORTING,
	DSM_P_MIN_REVENUE,
	DSM_P_MIN_INVESTMENT,
	DSM_P_REQUIRES_IN_CATALOGUE,
	DSM_P_REQUIRES_IN_PRODUCTION,
	DSM_P_MIN_SERVICE_START_DATE,
	DSM_P_PURCHASE_WINDOW_YEARS,
	DSM_P_MIN_RUNNING_MONTHS,
	DSM_P_REQUIRES_IN_USE,
	DSM_P_MIN_CLOUD_STARS,
	DSM_P_REQUIRES_INNOVATIVE_MODE,
	DSM_P_FIRST_TIME_ONLY,
	DSM_P_QUOTA_ENTERPRISES_PER_YEAR,
	DSM_P_STACKING_EXEMPT,
	DSM_P_COUNT
} dsm_param;

/* parameter_definition.name of each dsm_param */
extern const char *const dsm_param_name[DSM_P_COUNT];

/* A value that may be absent (a NULL fact, a parameter with no row). */
typedef struct dsm_value
{
	bool		present;
	int64_t		value;
} dsm_value;

/* Whether the policy applies on the qualifying date (the in_force rows). */
typedef enum dsm_in_force
{
	DSM_IN_FORCE,
	DSM_NOT_YET,				/* before the first in_force row; date = its first day */
	DSM_EXPIRED,				/* after the last one; date = its last day */
	DSM_SUSPENDED,				/* the row valid on the date says false */
	DSM_GAP						/* between rows */
} dsm_in_force;

/* One clause's parameters, as valid on one qualifying date. */
typedef struct dsm_rule
{
	const char *clause_code;
	dsm_kind	kind;
	dsm_in_force in_force;
	int32_t		in_force_date;	/* for DSM_NOT_YET and DSM_EXPIRED */
	dsm_value	p[DSM_P_COUNT];
} dsm_rule;

typedef enum dsm_tri
{
	DSM_UNKNOWN = -1,
	DSM_NO = 0,
	DSM_YES = 1
} dsm_tri;

/* One application's facts. */
typedef struct dsm_facts
{
	int32_t		qualifying_date;
	int32_t		applied_on;		/* applied_at as a date in Asia/Shanghai */
	bool		above_scale;
	bool		specialized;
	bool		manufacturer;
	dsm_value	provincial_amount;	/* fen */
	dsm_value	expenditure;
	dsm_value	investment;
	dsm_value	approved_amount;
	dsm_value	revenue;
	dsm_value	cloud_stars;
	dsm_value	service_start;	/* date */
	dsm_tri		in_use;
	dsm_tri		innovative_mode;
	dsm_tri		in_catalogue;
	dsm_tri		in_production;
	dsm_tri		reports_statistics;
} dsm_facts;

typedef enum dsm_status
{
	DSM_ELIGIBLE,				/* amount computed; cap groups, quota and stacking decide the rest */
	DSM_NOT_IN_FORCE,
	DSM_NO_MONETARY_AWARD,
	DSM_INELIGIBLE,
	DSM_PENDING
} dsm_status;

#define DSM_TEXT_MAX 1024

/* What the rules say of one application on its own (the texts last). */
typedef struct dsm_outcome
{
	dsm_status	status;
	dsm_value	basis;			/* provincial_amount, expenditure or approved_amount */
	dsm_value	computed;		/* share or fixed sum, rounded, before any cap */
	dsm_value	cap;			/* absent: no cap */
	dsm_value	provincial_max;	/* the known provincial maximum that applies */
	char		reason[DSM_TEXT_MAX];	/* why not eligible; "" when eligible */
	char		formula[DSM_TEXT_MAX];	/* how computed was reached */
	char		warning[DSM_TEXT_MAX];	/* implausible provincial amount; "" if none */
} dsm_outcome;

/* Decide one application against its clause's rule. */
extern void dsm_evaluate(const dsm_rule *rule, const dsm_facts *facts, dsm_outcome *out);

/*
 * The cap of an application of a share clause: the specialised-SME cap for a
 * specialised SME, else the cap of its size class, else the general cap.
 */
extern dsm_value dsm_share_cap(const dsm_rule *rule, bool specialized, bool above_scale);

/*
 * Steps 3 and 4 alone, for a share clause: ratio x basis rounded half away
 * from zero, cut to the application's cap.  No condition is checked and no
 * text is written.  false when the rule gives no share: not in force, not a
 * share clause, no share_ratio, or an overflow.
 */
extern bool dsm_capped_share(const dsm_rule *rule, bool specialized, bool above_scale,
							 int64_t basis, int64_t *amount);

/*
 * The calendar the date functions cover: years -5,875,000 .. 5,875,000, which
 * holds every PostgreSQL date (4713 BC .. 5874897 AD) and stays within int32
 * days; month offsets up to twice its length.
 */
#define DSM_CALENDAR_YEARS INT64_C(5875000)
#define DSM_CALENDAR_MONTHS (DSM_CALENDAR_YEARS * 24)

/* Money and dates, exact.  The bool functions return false on overflow. */
extern bool dsm_share(int64_t ratio, int64_t amount, int64_t *result);
extern bool dsm_add_months(int32_t date, int64_t months, int32_t *result);
extern void dsm_date_to_ymd(int32_t date, int64_t *year, int *month, int *day);
extern bool dsm_date_from_ymd(int64_t year, int month, int day, int32_t *result);
extern void dsm_format_money(int64_t fen, char *buf, size_t size);
extern void dsm_format_ratio(int64_t ratio, char *buf, size_t size);
extern void dsm_format_date(int32_t date, char *buf, size_t size);

#endif							/* DSM_AWARD_H */
