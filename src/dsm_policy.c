/*
 * dsm_policy.c
 *	  Module entry: PG_MODULE_MAGIC, the settings dsm_policy.scenario and
 *	  dsm_policy.keep, and extension-wide SQL functions.
 */
#include "postgres.h"

#include "commands/extension.h"
#include "fmgr.h"
#include "utils/guc.h"

#include "dsm_policy.h"

PG_MODULE_MAGIC;

char	   *dsm_scenario = NULL;
bool		dsm_keep = true;

void		_PG_init(void);

/* A scenario name has the form the scenario table's CHECK asks for. */
static bool
check_scenario(char **newval, void **extra, GucSource source)
{
	const char *p = *newval;

	(void) extra;
	(void) source;
	if (p == NULL || !(p[0] >= 'a' && p[0] <= 'z'))
	{
		GUC_check_errdetail("A scenario name starts with a lower case letter.");
		return false;
	}
	for (; *p; p++)
	{
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
		{
			GUC_check_errdetail("A scenario name has only lower case letters, digits and _.");
			return false;
		}
	}
	return true;
}

void
_PG_init(void)
{
	DefineCustomStringVariable("dsm_policy.scenario",
							   "The parameter scenario award decisions use.",
							   "enacted is the policy in force; a what-if scenario's rows override "
							   "enacted, which supplies every parameter the scenario does not set.",
							   &dsm_scenario,
							   DSM_ENACTED,
							   PGC_USERSET,
							   0,
							   check_scenario, NULL, NULL);
	DefineCustomBoolVariable("dsm_policy.keep",
							 "Keep the quota places and report totals up to date with every change.",
							 "off is for bulk loads: the kept state is marked out of date, the views compute "
							 "live until dsm_policy.keep_all() rebuilds it.",
							 &dsm_keep,
							 true,
							 PGC_USERSET,
							 0,
							 NULL, NULL, NULL);
	MarkGUCPrefixReserved("dsm_policy");
}

/* in_extension_script(): true while CREATE or ALTER EXTENSION runs a script */
PG_FUNCTION_INFO_V1(in_extension_script);
Datum
in_extension_script(PG_FUNCTION_ARGS)
{
	(void) fcinfo;				/* no arguments */
	PG_RETURN_BOOL(creating_extension);
}
