/*
 * award.h: the award rules, in plain C99.
 *
 * No PostgreSQL header here: this is the policy, read next to doc/reference.md
 * ("The rules, in order"), unit-tested on its own (test/core/award_test.c) and
 * fuzzed (test/fuzz).  Two entry points:
 *
 *   dsm_evaluate()             steps 1 to 4 for one application on its own
 *                              (in force, conditions, amount, its own cap);
 *   dsm_decide_enterprise()    enterprise.c: steps 5 to 11 for all the
 *                              applications of one enterprise at once (once
 *                              only, quota, spending periods, caps, stacking,
 *                              status, reason and explanation).
 *
 * The glue (award_sql.c, enterprise_sql.c) resolves the parameter rows valid
 * on the qualifying date into a dsm_rule, and the columns of table
 * application into a dsm_application by name.
 *
 * Units: money in fen (int64, 1 yuan = 100 fen), ratios in millionths
 * (0.2 = 200000), dates as days since 2000-01-01 (PostgreSQL's DateADT),
 * times as microseconds since 2000-01-01 (timestamptz).
 */
#ifndef DSM_AWARD_H
#define DSM_AWARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DSM_RATIO_ONE 1000000	/* a ratio of 1 in millionths */

/* A value that may be absent (a NULL fact, a parameter with no row). */
typedef struct dsm_value
{
	bool		present;
	int64_t		value;
} dsm_value;

/* A text that may be absent (data NULL); not NUL-terminated. */
typedef struct dsm_text
{
	const char *data;
	int32_t		len;
} dsm_text;

/*
 * The columns of table application the engine reads, one line each: the
 * column (and struct field) name and how its value is read.  The glue finds
 * each column by this name.  Adding a fact to the rules is three places: the
 * column in table application, a line here, and the rule that reads it.
 *
 *   TEXT   text, NULL allowed                     dsm_text
 *   ID     bigint, not NULL                       dsm_value
 *   TIME   timestamptz (microseconds)             dsm_value
 *   DATE   date (days since 2000-01-01)           dsm_value
 *   YEAR   integer                                dsm_value
 *   SCALE  text 'above' (1) or 'below' (0)        dsm_value
 *   FLAG   boolean (1 or 0)                       dsm_value
 *   MONEY  numeric, exactly in fen                dsm_value
 *   COUNT  smallint                               dsm_value
 *   PROPOSAL text proposed (1), confirmed (2) or rejected (3); NULL: not a
 *          proposal                               dsm_value
 */
#define DSM_APPLICATION_COLUMNS(X) \
	X(application_id,     ID)    \
	X(clause_code,        TEXT)  \
	X(project_ref,        TEXT)  \
	X(enterprise_name,    TEXT)  \
	X(applied_at,         TIME)  \
	X(applied_on,         DATE)  \
	X(qualifying_date,    DATE)  \
	X(award_year,         YEAR)  \
	X(scale,              SCALE) \
	X(specialized,        FLAG)  \
	X(manufacturer,       FLAG)  \
	X(provincial_amount,  MONEY) \
	X(expenditure,        MONEY) \
	X(investment,         MONEY) \
	X(approved_amount,    MONEY) \
	X(revenue,            MONEY) \
	X(cloud_stars,        COUNT) \
	X(service_start,      DATE)  \
	X(expenditure_from,   DATE)  \
	X(expenditure_until,  DATE)  \
	X(in_use,             FLAG)  \
	X(innovative_mode,    FLAG)  \
	X(in_catalogue,       FLAG)  \
	X(in_production,      FLAG)  \
	X(reports_statistics, FLAG)  \
	X(city_made_product,  FLAG)  \
	X(proposal,           PROPOSAL) \
	X(proposal_note,      TEXT)

#define DSM_FIELD_TYPE_TEXT dsm_text
#define DSM_FIELD_TYPE_ID dsm_value
#define DSM_FIELD_TYPE_TIME dsm_value
#define DSM_FIELD_TYPE_DATE dsm_value
#define DSM_FIELD_TYPE_YEAR dsm_value
#define DSM_FIELD_TYPE_SCALE dsm_value
#define DSM_FIELD_TYPE_FLAG dsm_value
#define DSM_FIELD_TYPE_MONEY dsm_value
#define DSM_FIELD_TYPE_COUNT dsm_value
#define DSM_FIELD_TYPE_PROPOSAL dsm_value

/* One application, as the engine reads it. */
typedef struct dsm_application
{
#define DSM_DECLARE_FIELD(name, kind) DSM_FIELD_TYPE_##kind name;
	DSM_APPLICATION_COLUMNS(DSM_DECLARE_FIELD)
#undef DSM_DECLARE_FIELD
} dsm_application;

#define DSM_ABOVE_SCALE 1		/* scale.value of an above-scale (规上) enterprise */

/* proposal.value of an application the city proposed from a provincial award (免申即享) */
typedef enum dsm_proposal
{
	DSM_PROPOSED = 1,			/* offered, awaiting the enterprise's confirmation */
	DSM_CONFIRMED = 2,			/* confirmed: an application like any other */
	DSM_REJECTED = 3			/* rejected (proposal_note says why) */
} dsm_proposal;

/*
 * A row of the enterprise register (table enterprise): the facts of one
 * enterprise valid from one day to another (both included), each absent when
 * the register does not know it.
 */
typedef struct dsm_register_row
{
	int32_t		from;
	int32_t		until;
	dsm_value	scale;
	dsm_value	specialized;
	dsm_value	manufacturer;
	dsm_value	reports_statistics;
} dsm_register_row;

/*
 * The facts an application leaves empty, taken from the register row valid on
 * its qualifying date (doc/reference.md, "Facts from the enterprise
 * register"); note (size bytes) says which, "scale, manufacturer from the
 * register (2024)", or is empty.  Returns how many were taken.
 */
extern int	dsm_fill_from_register(dsm_application *a, const dsm_register_row *rows, size_t n,
							   char *note, size_t size);

typedef enum dsm_kind
{
	DSM_KIND_SHARE,				/* share_ratio x provincial_amount, capped */
	DSM_KIND_SPENDING_SHARE,	/* share_ratio x expenditure, capped */
	DSM_KIND_FIXED,				/* a fixed sum, by scale */
	DSM_KIND_APPROVED,			/* the approved_amount, case by case */
	DSM_KIND_NONE				/* support without a cash award */
} dsm_kind;

/* What one cap covers (table clause, cap_scope). */
typedef enum dsm_scope
{
	DSM_SCOPE_NONE,
	DSM_SCOPE_APPLICATION,
	DSM_SCOPE_ENTERPRISE_YEAR,	/* one enterprise in one award year */
	DSM_SCOPE_PROJECT,			/* one enterprise's project, across years */
	DSM_SCOPE_PRODUCT			/* one buyer's product, across years */
} dsm_scope;

/*
 * The parameter names the rules read (table parameter_definition), each with
 * the columns of table application its rule reads (space-separated; besides
 * credit_code and clause_code, which group, and qualifying_date, which picks
 * every rule's parameters): the view clause_requirements shows them to
 * clerks, and test/core/award_test.c checks that no other column changes what
 * steps 1 to 4 decide.  Each is read where its rule is, in award.c or
 * enterprise.c.
 */
#define DSM_PARAMETERS(X) \
	X(SHARE_RATIO,                    "share_ratio",                    "") \
	X(CAP,                            "cap",                            "") \
	X(CAP_ABOVE_SCALE,                "cap_above_scale",                "scale") \
	X(CAP_BELOW_SCALE,                "cap_below_scale",                "scale") \
	X(CAP_SPECIALIZED_SME,            "cap_specialized_sme",            "specialized") \
	X(FIXED_AMOUNT,                   "fixed_amount",                   "") \
	X(FIXED_AMOUNT_ABOVE_SCALE,       "fixed_amount_above_scale",       "scale") \
	X(FIXED_AMOUNT_BELOW_SCALE,       "fixed_amount_below_scale",       "scale") \
	X(PROVINCIAL_MAX,                 "provincial_max",                 "provincial_amount") \
	X(PROVINCIAL_MAX_SPECIALIZED_SME, "provincial_max_specialized_sme", "provincial_amount specialized") \
	X(ELIGIBLE_FROM,                  "eligible_from",                  "qualifying_date") \
	X(REQUIRES_MANUFACTURER,          "requires_manufacturer",          "manufacturer") \
	X(REQUIRES_ABOVE_SCALE,           "requires_above_scale",           "scale") \
	X(REQUIRES_STATISTICS_REPORTING,  "requires_statistics_reporting",  "reports_statistics") \
	X(MIN_REVENUE,                    "min_revenue",                    "revenue") \
	X(MIN_INVESTMENT,                 "min_investment",                 "investment") \
	X(REQUIRES_IN_CATALOGUE,          "requires_in_catalogue",          "in_catalogue") \
	X(REQUIRES_IN_PRODUCTION,         "requires_in_production",         "in_production") \
	X(REQUIRES_CITY_MADE_PRODUCT,     "requires_city_made_product",     "city_made_product") \
	X(MIN_SERVICE_START_DATE,         "min_service_start_date",         "service_start") \
	X(PURCHASE_WINDOW_YEARS,          "purchase_window_years",          "service_start applied_on") \
	X(PURCHASE_WINDOW_APPLIES_TO,     "purchase_window_applies_to",     "expenditure_from") \
	X(MIN_RUNNING_MONTHS,             "min_running_months",             "service_start applied_on") \
	X(REQUIRES_IN_USE,                "requires_in_use",                "in_use") \
	X(MIN_CLOUD_STARS,                "min_cloud_stars",                "cloud_stars") \
	X(REQUIRES_INNOVATIVE_MODE,       "requires_innovative_mode",       "innovative_mode") \
	X(EXCLUSIVE_SPENDING_PERIOD,      "exclusive_spending_period",      "expenditure_from expenditure_until service_start applied_on project_ref") \
	X(ONCE_ONLY,                      "once_only",                      "project_ref") \
	X(QUOTA_ENTERPRISES_PER_YEAR,     "quota_enterprises_per_year",     "applied_at") \
	X(STACKING_EXEMPT,                "stacking_exempt",                "") \
	X(STACKING_SCOPE,                 "stacking_scope",                 "project_ref")

typedef enum dsm_param
{
#define DSM_DECLARE_PARAM(id, name, reads) DSM_P_##id,
	DSM_PARAMETERS(DSM_DECLARE_PARAM)
#undef DSM_DECLARE_PARAM
	DSM_P_COUNT
} dsm_param;

/* parameter_definition.name of each dsm_param, and the columns its rule reads */
extern const char *const dsm_param_name[DSM_P_COUNT];
extern const char *const dsm_param_reads[DSM_P_COUNT];

/* The name of each kind of award (clause.award_kind) and the columns it reads for its amount. */
extern const char *const dsm_kind_name[DSM_KIND_NONE + 1];
extern const char *const dsm_kind_reads[DSM_KIND_NONE + 1];

/*
 * The values of the parameters of type choice (table parameter_choice), in
 * the order of their codes: the value of a choice parameter is its index.
 */
typedef enum dsm_once_only
{
	DSM_ONCE_ENTERPRISE,		/* once per enterprise (and clause) */
	DSM_ONCE_ENTERPRISE_PRODUCT,	/* once per enterprise and product (project_ref) */
	DSM_ONCE_NONE				/* no limit (a scenario's way to lift an enacted one) */
} dsm_once_only;

typedef enum dsm_window_applies_to
{
	DSM_WINDOW_SERVICE_START,	/* the service start must lie in the purchase window */
	DSM_WINDOW_EXPENDITURE_FROM	/* the spending period must start in it */
} dsm_window_applies_to;

typedef enum dsm_stacking_scope
{
	DSM_STACKING_ALL_AWARDS,	/* this policy's own awards compete too */
	DSM_STACKING_OTHER_POLICIES_ONLY	/* only against other policies' awards */
} dsm_stacking_scope;

/*
 * The choice values, per parameter: {parameter, code, value}.  The glue turns
 * a value_choice into its code with dsm_choice_code().
 */
typedef struct dsm_choice
{
	dsm_param	param;
	int			code;
	const char *value;
} dsm_choice;

extern const dsm_choice dsm_choices[];
extern const int dsm_nchoices;

/* The code of a choice value, or -1 if the parameter has no such value. */
extern int	dsm_choice_code(dsm_param param, const char *value);

/* Whether the policy applies on the qualifying date (the in_force rows). */
typedef enum dsm_in_force
{
	DSM_IN_FORCE,
	DSM_NOT_YET,				/* before the first in_force row; date = its first day */
	DSM_EXPIRED,				/* after the last one; date = its last day */
	DSM_SUSPENDED,				/* the row valid on the date says false */
	DSM_GAP,					/* between rows */
	DSM_WINDOW_NOT_OPEN			/* in force, but before the clause's eligible_from (date) */
} dsm_in_force;

/* One clause's parameters, as valid on one qualifying date. */
typedef struct dsm_rule
{
	const char *clause_code;
	dsm_kind	kind;
	dsm_scope	cap_scope;
	dsm_in_force in_force;
	int32_t		in_force_date;	/* DSM_NOT_YET, DSM_EXPIRED: that day; DSM_WINDOW_NOT_OPEN: eligible_from */
	/*
	 * An event before the policy took effect, inside the clause's window
	 * (eligible_from): decided with the rule of the policy's first day, this
	 * one.  Absent otherwise.
	 */
	dsm_value	decided_on;
	dsm_value	p[DSM_P_COUNT];
} dsm_rule;

/*
 * The statuses, in the order the rules decide them: an application gets the
 * first that applies.  DSM_ELIGIBLE is the outcome of dsm_evaluate() for an
 * application that passed steps 1 to 4 on its own; the enterprise's steps
 * turn it into one of the four after it.
 */
typedef enum dsm_status
{
	DSM_ELIGIBLE,
	DSM_NOT_IN_FORCE,
	DSM_NO_MONETARY_AWARD,
	DSM_INELIGIBLE,
	DSM_PENDING,
	DSM_OVER_QUOTA,
	DSM_CAP_EXHAUSTED,
	DSM_SUPERSEDED,
	DSM_PAYABLE
} dsm_status;

#define DSM_STATUS_COUNT (DSM_PAYABLE + 1)

/* status as award_decision shows it: "payable", "over_quota", ... */
extern const char *const dsm_status_name[DSM_STATUS_COUNT];

#define DSM_TEXT_MAX 1024

/*
 * What the rules say of one application on its own (dsm_evaluate), and what
 * its rule tells the enterprise's steps.  The texts come last: the caller
 * points them at its buffers.
 */
typedef struct dsm_outcome
{
	dsm_status	status;
	dsm_value	basis;			/* provincial_amount, expenditure or approved_amount */
	dsm_value	computed;		/* share or fixed sum, rounded, before any cap */
	dsm_value	cap;			/* the application's own cap; absent: no cap */
	dsm_value	provincial_max;	/* the known provincial maximum that applies */
	/* from the rule, for the enterprise's steps */
	dsm_scope	cap_scope;
	dsm_value	quota;			/* quota_enterprises_per_year */
	dsm_once_only once_only;	/* DSM_ONCE_NONE when absent */
	bool		stacking_exempt;
	dsm_stacking_scope stacking_scope;
	bool		exclusive_period;	/* exclusive_spending_period */
	dsm_value	period_from;	/* the spending period, defaults applied */
	dsm_value	period_until;
	dsm_value	decided_on;		/* see dsm_rule */
	/* the texts: DSM_TEXT_MAX bytes each, the caller's */
	char	   *reason;			/* why not eligible; "" when eligible */
	char	   *formula;		/* how computed was reached */
	char	   *warning;		/* implausible provincial amount; "" if none */
	const char *facts;			/* facts taken from the register (dsm_fill_from_register); NULL or "" if none */
} dsm_outcome;

/* Steps 1 to 4: decide one application on its own against its clause's rule. */
extern void dsm_evaluate(const dsm_rule *rule, const dsm_application *app, dsm_outcome *out);

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

/* Append a sentence to a "; "-separated list in buf (DSM_TEXT_MAX, truncated, never overrun). */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
extern void dsm_append(char *buf, const char *fmt,...);

#endif							/* DSM_AWARD_H */
