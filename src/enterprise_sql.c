/*
 * enterprise_sql.c: the SQL entry points of the rules across one enterprise's
 * applications (doc/reference.md, "The rules, in order", steps 5 to 11).
 *
 *   other_award_item(other_award)          -> bytea
 *   enterprise_items(item bytea)           -> bytea, an aggregate: the items of one enterprise
 *   quota_claims(items bytea)              -> SETOF (clause_code, award_year, application_id, applied_at, quota)
 *   decide_enterprise(items bytea, places quota_place[]) -> SETOF the decision of each row
 *
 * award_decision gathers the items of each enterprise (application_item() of
 * its applications, other_award_item() of its other policies' awards) with
 * enterprise_items() and calls decide_enterprise() once per enterprise.  The quota is the one step
 * across enterprises: quota_claims() names each enterprise's claims, the SQL
 * numbers them in application order, and decide_enterprise() gets the
 * enterprise's places.
 *
 * Glue only: the rules are dsm_quota_claims() and dsm_decide_enterprise() in
 * enterprise.c.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"
#include "utils/typcache.h"

#include "enterprise.h"
#include "item.h"
#include "money_sql.h"

/* The columns decide_enterprise returns. */
enum
{
	D_APPLICATION_ID,
	D_OTHER_AWARD_ID,
	D_ENTERPRISE_NAME,
	D_CLAUSE_CODE,
	D_PROJECT_REF,
	D_APPLIED_AT,
	D_APPLIED_ON,
	D_QUALIFYING_DATE,
	D_AWARD_YEAR,
	D_STATUS,
	D_REASON,
	D_BASIS_AMOUNT,
	D_COMPUTED_AMOUNT,
	D_CAP_AMOUNT,
	D_CAP_SCOPE,
	D_CAPPED,
	D_AWARD_AMOUNT,
	D_PAYABLE_AMOUNT,
	D_QUOTA_RANK,
	D_QUOTA,
	D_POLICY_CODE,
	D_PARAMETER_VERSION,
	D_WARNING,
	D_PROVINCIAL_MAX,
	D_EXPLANATION,
	D_POLICY_NAME,
	D_OTHER_AMOUNT,
	D_OUTRANKED_BY,
	D_OUTRANKED_BY_PAYABLE,
	DECISION_COLUMNS
};

/* The columns quota_claims returns. */
enum
{
	Q_CLAUSE_CODE,
	Q_AWARD_YEAR,
	Q_APPLICATION_ID,
	Q_APPLIED_AT,
	Q_QUOTA,
	CLAIM_COLUMNS
};

/* The fields of type quota_place. */
enum
{
	P_CLAUSE_CODE,
	P_AWARD_YEAR,
	P_QUOTA_RANK,
	PLACE_FIELDS
};

static const char *const scope_name[] = {
	[DSM_SCOPE_NONE] = NULL,
	[DSM_SCOPE_APPLICATION] = "application",
	[DSM_SCOPE_ENTERPRISE_YEAR] = "enterprise_year",
	[DSM_SCOPE_PROJECT] = "project",
	[DSM_SCOPE_PRODUCT] = "product",
};

/* One enterprise's rows, decoded from its items. */
typedef struct Enterprise
{
	int			n;
	DsmItem    *items;
	dsm_entry  *entries;
	void	   *scratch;
} Enterprise;

/*
 * Decode the items of one or two bundles (its applications' and its other
 * awards'; either may be NULL); every entry points at its item and at text
 * buffers.
 */
static void
read_items(bytea *items, bytea *more, Enterprise *ent)
{
	ItemBundle	bundle,
				second;
	Size		pos = 0;
	int			n,
				i;
	char	   *texts;
	uint64		count;

	memset(&bundle, 0, sizeof(bundle));
	memset(&second, 0, sizeof(second));
	if (items != NULL)
		bundle_from_bytea(items, &bundle);
	if (more != NULL)
		bundle_from_bytea(more, &second);
	count = (uint64) bundle.count + second.count;
	if (count > (MaxAllocSize / (2 * DSM_TEXT_MAX)) - 1)
		ereport(ERROR,
				errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				errmsg("an enterprise has too many rows for one pass: " UINT64_FORMAT, count));
	n = (int) count;
	ent->n = n;
	ent->items = palloc0(sizeof(DsmItem) * Max(n, 1));
	ent->entries = palloc0(sizeof(dsm_entry) * Max(n, 1));
	texts = palloc(2 * DSM_TEXT_MAX * (Size) Max(n, 1));
	ent->scratch = palloc(dsm_enterprise_scratch_size(n));
	for (i = 0; i < n; i++)
	{
		DsmItem    *item = &ent->items[i];
		dsm_entry  *e = &ent->entries[i];
		const char *data;
		Size		len;

		if (i == (int) bundle.count)
		{
			bundle = second;	/* the second bundle's items follow the first's */
			pos = 0;
		}
		bundle_next_item(&bundle, &pos, &data, &len);
		item_decode(data, len, item);
		e->other = item->other;
		e->reason = texts + 2 * DSM_TEXT_MAX * (Size) i;
		e->explanation = e->reason + DSM_TEXT_MAX;
		e->reason[0] = e->explanation[0] = '\0';
		if (item->other)
		{
			e->other_award_id = item->other_award_id;
			e->other_year = item->other_year;
			e->other_project_ref = item->other_project_ref;
			e->other_amount = item->other_amount;
			e->other_policy_name = item->other_policy_name;
		}
		else
		{
			e->app = &item->app;
			e->outcome = &item->outcome;
		}
	}
	dsm_sort_entries(ent->entries, n);
}

/*
 * The aggregate enterprise_items(item bytea): an enterprise's items in one
 * bundle (item.h).  The state grows in the aggregate's memory; partial
 * states (parallel workers) travel as bundles and are appended.
 */

static ItemBundle *
new_bundle(MemoryContext context)
{
	return MemoryContextAllocZero(context, sizeof(ItemBundle));
}

static MemoryContext
aggregate_context(FunctionCallInfo fcinfo, const char *name)
{
	MemoryContext context;

	if (!AggCheckCallContext(fcinfo, &context))
		elog(ERROR, "%s called in non-aggregate context", name);
	return context;
}

PG_FUNCTION_INFO_V1(enterprise_items_transfn);
Datum
enterprise_items_transfn(PG_FUNCTION_ARGS)
{
	MemoryContext context = aggregate_context(fcinfo, "enterprise_items_transfn");
	MemoryContext old;
	ItemBundle *b = PG_ARGISNULL(0) ? new_bundle(context) : (ItemBundle *) PG_GETARG_POINTER(0);
	bytea	   *item;

	if (PG_ARGISNULL(1))
		ereport(ERROR,
				errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				errmsg("an item must not be null"),
				errhint("Items are written by application_item() and other_award_item()."));
	item = PG_GETARG_BYTEA_PP(1);
	old = MemoryContextSwitchTo(context);
	bundle_add_item(b, VARDATA_ANY(item), VARSIZE_ANY_EXHDR(item));
	MemoryContextSwitchTo(old);
	PG_RETURN_POINTER(b);
}

PG_FUNCTION_INFO_V1(enterprise_items_combine);
Datum
enterprise_items_combine(PG_FUNCTION_ARGS)
{
	MemoryContext context = aggregate_context(fcinfo, "enterprise_items_combine");
	MemoryContext old;
	ItemBundle *b;

	if (PG_ARGISNULL(1))
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	b = PG_ARGISNULL(0) ? new_bundle(context) : (ItemBundle *) PG_GETARG_POINTER(0);
	old = MemoryContextSwitchTo(context);
	bundle_add_bundle(b, (ItemBundle *) PG_GETARG_POINTER(1));
	MemoryContextSwitchTo(old);
	PG_RETURN_POINTER(b);
}

/* The bundle as a bytea: the final function and the serial function. */
PG_FUNCTION_INFO_V1(enterprise_items_final);
Datum
enterprise_items_final(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	PG_RETURN_BYTEA_P(bundle_to_bytea((ItemBundle *) PG_GETARG_POINTER(0)));
}

PG_FUNCTION_INFO_V1(enterprise_items_deserial);
Datum
enterprise_items_deserial(PG_FUNCTION_ARGS)
{
	MemoryContext context = aggregate_context(fcinfo, "enterprise_items_deserial");
	ItemBundle	read;
	ItemBundle *b = new_bundle(context);
	MemoryContext old;

	bundle_from_bytea(PG_GETARG_BYTEA_PP(0), &read);
	old = MemoryContextSwitchTo(context);
	bundle_add_bundle(b, &read);
	MemoryContextSwitchTo(old);
	PG_RETURN_POINTER(b);
}

static Datum
cstring_text(dsm_text t, bool *isnull)
{
	*isnull = t.data == NULL;
	return t.data == NULL ? (Datum) 0 : PointerGetDatum(cstring_to_text_with_len(t.data, t.len));
}

static Datum
text_or_null(const char *s, bool *isnull)
{
	*isnull = (s == NULL || s[0] == '\0');
	return *isnull ? (Datum) 0 : CStringGetTextDatum(s);
}

static Datum
fen_or_null(dsm_value v, bool *isnull)
{
	*isnull = !v.present;
	return v.present ? fen_to_numeric(v.value) : (Datum) 0;
}

/* The place of each eligible application of a quota clause, from places. */
static void
give_places(Enterprise *ent, ArrayType *places)
{
	Datum	   *elems = NULL;
	bool	   *nulls = NULL;
	int			n = 0,
				i,
				k;
	TupleDesc	desc = NULL;
	Datum	  (*fields)[PLACE_FIELDS] = NULL;
	bool		(*field_nulls)[PLACE_FIELDS] = NULL;

	if (places != NULL)
	{
		int16		typlen;
		bool		typbyval;
		char		typalign;
		Oid			elemtype = ARR_ELEMTYPE(places);

		desc = lookup_rowtype_tupdesc(elemtype, -1);
		if (desc->natts < PLACE_FIELDS)
			elog(ERROR, "places must be an array of quota_place");
		get_typlenbyvalalign(elemtype, &typlen, &typbyval, &typalign);
		deconstruct_array(places, elemtype, typlen, typbyval, typalign, &elems, &nulls, &n);
		fields = palloc(sizeof(*fields) * Max(n, 1));
		field_nulls = palloc(sizeof(*field_nulls) * Max(n, 1));
		for (k = 0; k < n; k++)
		{
			HeapTupleHeader t;
			HeapTupleData tuple;
			Datum		values[64];
			bool		isnull[64];

			if (nulls[k] || desc->natts > 64)
				elog(ERROR, "a quota place must not be null");
			t = DatumGetHeapTupleHeader(elems[k]);
			tuple.t_len = HeapTupleHeaderGetDatumLength(t);
			ItemPointerSetInvalid(&tuple.t_self);
			tuple.t_tableOid = InvalidOid;
			tuple.t_data = t;
			heap_deform_tuple(&tuple, desc, values, isnull);
			memcpy(fields[k], values, sizeof(Datum) * PLACE_FIELDS);
			memcpy(field_nulls[k], isnull, sizeof(bool) * PLACE_FIELDS);
		}
		ReleaseTupleDesc(desc);
	}

	for (i = 0; i < ent->n; i++)
	{
		dsm_entry  *e = &ent->entries[i];

		if (e->other || !e->outcome->quota.present)
			continue;
		for (k = 0; k < n; k++)
		{
			text	   *code;

			if (field_nulls[k][P_CLAUSE_CODE] || field_nulls[k][P_AWARD_YEAR] || field_nulls[k][P_QUOTA_RANK])
				continue;
			code = DatumGetTextPP(fields[k][P_CLAUSE_CODE]);
			if (DatumGetInt32(fields[k][P_AWARD_YEAR]) == e->app->award_year.value &&
				VARSIZE_ANY_EXHDR(code) == (Size) e->app->clause_code.len &&
				memcmp(VARDATA_ANY(code), e->app->clause_code.data, e->app->clause_code.len) == 0)
			{
				e->quota_rank.present = true;
				e->quota_rank.value = DatumGetInt32(fields[k][P_QUOTA_RANK]);
				break;
			}
		}
	}
}

/*
 * decide_enterprise(items bytea, places quota_place[], other_items bytea):
 * steps 5 to 11 for the rows of one enterprise (the items of its
 * applications, and of its other policies' awards), one result row per item
 */
PG_FUNCTION_INFO_V1(decide_enterprise);
Datum
decide_enterprise(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MemoryContext pass;
	MemoryContext old;
	Enterprise	ent;
	int			i;

	/* the result's descriptor is the planner's: not built again per enterprise */
	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	if (PG_ARGISNULL(0) && (PG_NARGS() < 3 || PG_ARGISNULL(2)))
		PG_RETURN_NULL();
	if (rsinfo->setDesc->natts != DECISION_COLUMNS)
		elog(ERROR, "decide_enterprise must return %d columns", DECISION_COLUMNS);

	/* everything of one enterprise in a context of its own, freed at the end */
	pass = AllocSetContextCreate(CurrentMemoryContext, "dsm_policy enterprise", ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(pass);
	CHECK_FOR_INTERRUPTS();
	read_items(PG_ARGISNULL(0) ? NULL : PG_GETARG_BYTEA_PP(0),
			   PG_NARGS() < 3 || PG_ARGISNULL(2) ? NULL : PG_GETARG_BYTEA_PP(2), &ent);
	give_places(&ent, PG_ARGISNULL(1) ? NULL : PG_GETARG_ARRAYTYPE_P(1));

	switch (dsm_decide_enterprise(ent.entries, ent.n, ent.scratch))
	{
		case DSM_DECIDED:
			break;
		case DSM_NO_QUOTA_PLACE:
			ereport(ERROR,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("an eligible application of a clause with a quota has no quota place"),
					errhint("places must hold the enterprise's place in each clause and award year it claims (quota_claims)."));
			break;
		case DSM_OVERFLOW:
			ereport(ERROR,
					errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					errmsg("the awards of a cap group add up to more than the engine can hold"));
			break;
	}

	for (i = 0; i < ent.n; i++)
	{
		dsm_entry  *e = &ent.entries[i];
		Datum		values[DECISION_COLUMNS];
		bool		nulls[DECISION_COLUMNS];
		int			k;

		for (k = 0; k < DECISION_COLUMNS; k++)
		{
			values[k] = (Datum) 0;
			nulls[k] = true;
		}
		values[D_EXPLANATION] = text_or_null(e->explanation, &nulls[D_EXPLANATION]);
		values[D_AWARD_YEAR] = Int32GetDatum(e->year);
		nulls[D_AWARD_YEAR] = false;
		if (e->other)
		{
			values[D_OTHER_AWARD_ID] = Int64GetDatum(e->other_award_id);
			nulls[D_OTHER_AWARD_ID] = false;
			values[D_PROJECT_REF] = cstring_text(e->other_project_ref, &nulls[D_PROJECT_REF]);
			values[D_POLICY_NAME] = cstring_text(e->other_policy_name, &nulls[D_POLICY_NAME]);
			values[D_OTHER_AMOUNT] = fen_to_numeric(e->other_amount);
			nulls[D_OTHER_AMOUNT] = false;
			if (e->outranked_by >= 0)
			{
				const dsm_entry *w = &ent.entries[e->outranked_by];

				values[D_OUTRANKED_BY] = Int64GetDatum(w->app->application_id.value);
				values[D_OUTRANKED_BY_PAYABLE] = fen_to_numeric(w->payable);
				nulls[D_OUTRANKED_BY] = nulls[D_OUTRANKED_BY_PAYABLE] = false;
			}
		}
		else
		{
			const dsm_application *a = e->app;
			const dsm_outcome *o = e->outcome;
			const DsmItem *item = (const DsmItem *) ((const char *) a - offsetof(DsmItem, app));

			values[D_APPLICATION_ID] = Int64GetDatum(a->application_id.value);
			values[D_ENTERPRISE_NAME] = cstring_text(a->enterprise_name, &nulls[D_ENTERPRISE_NAME]);
			values[D_CLAUSE_CODE] = cstring_text(a->clause_code, &nulls[D_CLAUSE_CODE]);
			values[D_PROJECT_REF] = cstring_text(a->project_ref, &nulls[D_PROJECT_REF]);
			values[D_APPLIED_AT] = TimestampTzGetDatum(a->applied_at.value);
			values[D_APPLIED_ON] = DateADTGetDatum((DateADT) a->applied_on.value);
			values[D_QUALIFYING_DATE] = DateADTGetDatum((DateADT) a->qualifying_date.value);
			nulls[D_APPLICATION_ID] = nulls[D_APPLIED_AT] = false;
			nulls[D_APPLIED_ON] = !a->applied_on.present;
			nulls[D_QUALIFYING_DATE] = !a->qualifying_date.present;
			values[D_STATUS] = CStringGetTextDatum(dsm_status_name[e->status]);
			nulls[D_STATUS] = false;
			values[D_REASON] = text_or_null(e->reason, &nulls[D_REASON]);
			values[D_BASIS_AMOUNT] = fen_or_null(o->basis, &nulls[D_BASIS_AMOUNT]);
			values[D_COMPUTED_AMOUNT] = fen_or_null(e->computed, &nulls[D_COMPUTED_AMOUNT]);
			values[D_CAP_AMOUNT] = fen_or_null(e->cap, &nulls[D_CAP_AMOUNT]);
			values[D_CAP_SCOPE] = text_or_null(scope_name[o->cap_scope], &nulls[D_CAP_SCOPE]);
			values[D_CAPPED] = BoolGetDatum(e->capped);
			values[D_AWARD_AMOUNT] = fen_to_numeric(e->award);
			values[D_PAYABLE_AMOUNT] = fen_to_numeric(e->payable);
			nulls[D_CAPPED] = nulls[D_AWARD_AMOUNT] = nulls[D_PAYABLE_AMOUNT] = false;
			values[D_QUOTA_RANK] = Int32GetDatum((int32) e->quota_rank.value);
			nulls[D_QUOTA_RANK] = !e->placed;
			values[D_QUOTA] = Int32GetDatum((int32) o->quota.value);
			nulls[D_QUOTA] = !o->quota.present;
			values[D_POLICY_CODE] = text_or_null(item->policy_code, &nulls[D_POLICY_CODE]);
			values[D_PARAMETER_VERSION] = text_or_null(item->parameter_version, &nulls[D_PARAMETER_VERSION]);
			values[D_WARNING] = text_or_null(o->warning, &nulls[D_WARNING]);
			values[D_PROVINCIAL_MAX] = fen_or_null(o->provincial_max, &nulls[D_PROVINCIAL_MAX]);
		}
		MemoryContextSwitchTo(old);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		MemoryContextSwitchTo(pass);
	}
	MemoryContextSwitchTo(old);
	MemoryContextDelete(pass);
	return (Datum) 0;
}

/*
 * quota_claims(items bytea): the enterprise's claims on quotas, its first
 * eligible application of each clause with a quota and award year (steps 5
 * and 6)
 */
PG_FUNCTION_INFO_V1(quota_claims);
Datum
quota_claims(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MemoryContext pass;
	MemoryContext old;
	Enterprise	ent;
	size_t	   *claims;
	size_t		nclaims,
				i;

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	if (rsinfo->setDesc->natts != CLAIM_COLUMNS)
		elog(ERROR, "quota_claims must return %d columns", CLAIM_COLUMNS);
	pass = AllocSetContextCreate(CurrentMemoryContext, "dsm_policy quota claims", ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(pass);
	read_items(PG_GETARG_BYTEA_PP(0), NULL, &ent);
	claims = palloc(sizeof(size_t) * Max(ent.n, 1));
	nclaims = dsm_quota_claims(ent.entries, ent.n, claims, ent.scratch);
	for (i = 0; i < nclaims; i++)
	{
		const dsm_application *a = ent.entries[claims[i]].app;
		const dsm_outcome *o = ent.entries[claims[i]].outcome;
		Datum		values[CLAIM_COLUMNS];
		bool		nulls[CLAIM_COLUMNS] = {false};

		values[Q_CLAUSE_CODE] = PointerGetDatum(cstring_to_text_with_len(a->clause_code.data, a->clause_code.len));
		values[Q_AWARD_YEAR] = Int32GetDatum((int32) a->award_year.value);
		values[Q_APPLICATION_ID] = Int64GetDatum(a->application_id.value);
		values[Q_APPLIED_AT] = TimestampTzGetDatum(a->applied_at.value);
		values[Q_QUOTA] = Int32GetDatum((int32) o->quota.value);
		MemoryContextSwitchTo(old);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		MemoryContextSwitchTo(pass);
	}
	MemoryContextSwitchTo(old);
	MemoryContextDelete(pass);
	return (Datum) 0;
}

/* A field of a row, by name: its value, or an error naming it. */
static Datum
field_by_name(HeapTupleHeader row, const char *name, Oid type, bool *isnull)
{
	TupleDesc	desc = lookup_rowtype_tupdesc(HeapTupleHeaderGetTypeId(row), HeapTupleHeaderGetTypMod(row));
	HeapTupleData tuple;
	Datum		value = (Datum) 0;
	int			a;

	tuple.t_len = HeapTupleHeaderGetDatumLength(row);
	ItemPointerSetInvalid(&tuple.t_self);
	tuple.t_tableOid = InvalidOid;
	tuple.t_data = row;
	for (a = 0; a < desc->natts; a++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, a);

		if (!att->attisdropped && strcmp(NameStr(att->attname), name) == 0)
		{
			if (getBaseType(att->atttypid) != type)
				elog(ERROR, "column %s has type %s, not %s", name, format_type_be(att->atttypid),
					 format_type_be(type));
			value = heap_getattr(&tuple, a + 1, desc, isnull);
			ReleaseTupleDesc(desc);
			return value;
		}
	}
	ReleaseTupleDesc(desc);
	ereport(ERROR,
			errcode(ERRCODE_UNDEFINED_COLUMN),
			errmsg("the row has no column %s", name));
	return value;				/* not reached */
}

static dsm_text
text_field(HeapTupleHeader row, const char *name)
{
	bool		isnull;
	Datum		d = field_by_name(row, name, TEXTOID, &isnull);
	dsm_text	t = {NULL, 0};

	if (!isnull)
	{
		text	   *x = DatumGetTextPP(d);

		t.data = VARDATA_ANY(x);
		t.len = VARSIZE_ANY_EXHDR(x);
	}
	return t;
}

/* other_award_item(other_award): an award under another city policy, as an item */
PG_FUNCTION_INFO_V1(other_award_item);
Datum
other_award_item(PG_FUNCTION_ARGS)
{
	HeapTupleHeader row;
	bool		isnull_id,
				isnull_year,
				isnull_amount;
	Datum		id,
				year,
				amount;
	dsm_text	project_ref,
				policy_name;

	require_argument(fcinfo, 0, "other_award");
	row = PG_GETARG_HEAPTUPLEHEADER(0);
	id = field_by_name(row, "other_award_id", INT8OID, &isnull_id);
	year = field_by_name(row, "award_year", INT4OID, &isnull_year);
	amount = field_by_name(row, "amount", NUMERICOID, &isnull_amount);
	project_ref = text_field(row, "project_ref");
	policy_name = text_field(row, "policy_name");
	if (isnull_id || isnull_year || isnull_amount || project_ref.data == NULL)
		ereport(ERROR,
				errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				errmsg("other_award_id, award_year, amount and project_ref must not be null"));
	PG_RETURN_BYTEA_P(item_of_other_award(DatumGetInt64(id), DatumGetInt32(year),
										  numeric_to_fen(amount, "amount"), project_ref, policy_name));
}
