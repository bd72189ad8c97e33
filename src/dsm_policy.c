/*
 * dsm_policy.c
 *	  Module entry: PG_MODULE_MAGIC, the settings dsm_policy.scenario,
 *	  dsm_policy.keep and dsm_policy.allow_drop_with_ledger, and
 *	  extension-wide SQL functions, among them the event trigger that refuses
 *	  to drop the extension while its ledger holds settled money.
 */
#include "postgres.h"

#include "commands/event_trigger.h"
#include "commands/extension.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "nodes/parsenodes.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/guc.h"

#include "dsm_policy.h"

PG_MODULE_MAGIC;

char	   *dsm_scenario = NULL;
bool		dsm_keep = true;
bool		dsm_proposals_as_confirmed = false;
static bool allow_drop_with_ledger = false;

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
							 "off is for bulk loads, by a superuser: the kept state is marked out of date, the views "
							 "compute live until dsm_policy.keep_all() rebuilds it.",
							 &dsm_keep,
							 true,
							 PGC_SUSET,
							 0,
							 NULL, NULL, NULL);
	DefineCustomBoolVariable("dsm_policy.proposals_as_confirmed",
							 "Decide the proposals awaiting confirmation as if their enterprises had confirmed them.",
							 "What the view entitlement reads: what each enterprise could receive without applying. "
							 "The kept tables are not read while it is on.",
							 &dsm_proposals_as_confirmed,
							 false,
							 PGC_USERSET,
							 0,
							 NULL, NULL, NULL);
	DefineCustomBoolVariable("dsm_policy.allow_drop_with_ledger",
							 "Let DROP EXTENSION dsm_policy destroy a ledger that holds settled entries.",
							 "Off: the extension cannot be dropped while its ledger holds entries. A superuser "
							 "turns it on for one transaction (SET LOCAL) to drop it deliberately.",
							 &allow_drop_with_ledger,
							 false,
							 PGC_SUSET,
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

/* Whether a name list of a DROP statement holds name. */
static bool
names_hold(List *objects, const char *name)
{
	ListCell   *lc;

	foreach(lc, objects)
	{
		Node	   *object = lfirst(lc);

		if (IsA(object, String) && strcmp(strVal(object), name) == 0)
			return true;
	}
	return false;
}

/*
 * Whether the statement would drop the extension: DROP EXTENSION dsm_policy;
 * with CASCADE, DROP EXTENSION of one it needs (btree_gist, and plpgsql, the
 * language of its functions) or DROP SCHEMA of its schema; DROP OWNED BY its
 * owner.
 */
static bool
drops_extension(Node *parsetree, const char *schema, Oid owner)
{
	if (IsA(parsetree, DropStmt))
	{
		DropStmt   *drop = (DropStmt *) parsetree;
		bool		cascade = drop->behavior == DROP_CASCADE;

		if (drop->removeType == OBJECT_EXTENSION)
			return names_hold(drop->objects, "dsm_policy") ||
				(cascade && (names_hold(drop->objects, "btree_gist") ||
							 names_hold(drop->objects, "plpgsql")));
		if (drop->removeType == OBJECT_SCHEMA)
			return cascade && names_hold(drop->objects, schema);
	}
	else if (IsA(parsetree, DropOwnedStmt))
	{
		ListCell   *lc;

		foreach(lc, ((DropOwnedStmt *) parsetree)->roles)
		{
			if (get_rolespec_oid(lfirst(lc), true) == owner)
				return true;
		}
	}
	return false;
}

/*
 * guard_drop(): the event trigger on ddl_command_start that refuses a
 * statement dropping the extension while its ledger holds entries, unless a
 * superuser has set dsm_policy.allow_drop_with_ledger.  Settled amounts never
 * change: not by a DROP either.
 */
PG_FUNCTION_INFO_V1(guard_drop);
Datum
guard_drop(PG_FUNCTION_ARGS)
{
	EventTriggerData *trigger;
	char	   *schema_name;
	Oid			owner;
	int64		entries;
	bool		isnull;

	if (!CALLED_AS_EVENT_TRIGGER(fcinfo))
		elog(ERROR, "guard_drop() must be called as an event trigger");
	trigger = (EventTriggerData *) fcinfo->context;
	if (allow_drop_with_ledger)
		PG_RETURN_VOID();

	SPI_connect();
	if (SPI_execute("SELECT e.extowner, n.nspname::text FROM pg_catalog.pg_extension e "
					"JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace "
					"WHERE e.extname = 'dsm_policy'", true, 1) != SPI_OK_SELECT)
		elog(ERROR, "cannot read pg_extension");
	if (SPI_processed != 1)
	{
		SPI_finish();
		PG_RETURN_VOID();
	}
	owner = DatumGetObjectId(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	schema_name = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2);
	if (!drops_extension(trigger->parsetree, schema_name, owner))
	{
		SPI_finish();
		PG_RETURN_VOID();
	}
	if (SPI_execute(psprintf("SELECT count(*) FROM %s.ledger", quote_identifier(schema_name)), true, 1) != SPI_OK_SELECT)
		elog(ERROR, "cannot count the ledger");
	entries = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	SPI_finish();
	if (entries > 0)
		ereport(ERROR,
				errcode(ERRCODE_DEPENDENT_OBJECTS_STILL_EXIST),
				errmsg("cannot drop extension dsm_policy: its ledger holds " INT64_FORMAT " settled entries", entries),
				errdetail("%s would destroy the ledger, the applications and the audit trail; settled amounts never change.",
						  trigger->tag == CMDTAG_DROP_EXTENSION ? "DROP EXTENSION" :
						  trigger->tag == CMDTAG_DROP_SCHEMA ? "DROP SCHEMA" : "DROP OWNED"),
				errhint("Take a backup (pg_dump) first. To drop it deliberately, a superuser runs in one transaction: "
						"SET LOCAL dsm_policy.allow_drop_with_ledger = on; then the DROP."));
	PG_RETURN_VOID();
}

/*
 * keeping(): the setting dsm_policy.keep, read through the module so that a
 * value set before the module was loaded is checked (a user who is not a
 * superuser cannot turn it off)
 */
PG_FUNCTION_INFO_V1(keeping);
Datum
keeping(PG_FUNCTION_ARGS)
{
	(void) fcinfo;				/* no arguments */
	PG_RETURN_BOOL(dsm_keep);
}
