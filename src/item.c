/*
 * item.c: the bytea of one row of an enterprise (item.h).
 *
 * Layout: a fixed part (ItemFixed, copied with memcpy: the bytea's data may
 * be unaligned), then the texts, each ending in a NUL byte.  Only the columns
 * the enterprise pass reads travel: the facts stay behind, decided on by
 * dsm_evaluate() already.
 */
#include "postgres.h"

#include "utils/memutils.h"

#include "item.h"

#define ITEM_MAGIC			0x494D5344	/* "DSMI" */
#define ITEM_VERSION		2
#define KIND_APPLICATION	1
#define KIND_OTHER_AWARD	2

/* The optional numbers, by position in values[] and bit in present. */
enum
{
	V_APPLIED_ON,
	V_QUALIFYING_DATE,
	V_BASIS,					/* other award: its amount */
	V_COMPUTED,
	V_CAP,
	V_PROVINCIAL_MAX,
	V_QUOTA,
	V_PERIOD_FROM,
	V_PERIOD_UNTIL,
	V_DECIDED_ON,
	N_VALUES
};

/* The texts, by position in texts[]; absent: offset -1. */
enum
{
	T_CLAUSE_CODE,
	T_PROJECT_REF,
	T_ENTERPRISE_NAME,			/* other award: its policy's name */
	T_REASON,
	T_FORMULA,
	T_WARNING,
	T_POLICY_CODE,
	T_PARAMETER_VERSION,
	T_FACTS,					/* the facts taken from the register */
	N_TEXTS
};

typedef struct StoredText
{
	int32		offset;			/* from the start of the texts; -1: absent */
	int32		len;			/* bytes, without the NUL */
} StoredText;

typedef struct ItemFixed
{
	uint32		magic;
	uint16		version;
	uint16		kind;
	uint32		present;		/* bit i: values[i] is present */
	int32		status;
	int32		cap_scope;
	int32		once_only;
	int32		stacking_scope;
	uint8		stacking_exempt;
	uint8		exclusive_period;
	uint8		padding[2];
	int32		award_year;
	int64		id;				/* application_id or other_award_id */
	int64		applied_at;
	int64		values[N_VALUES];
	StoredText	texts[N_TEXTS];
} ItemFixed;

static void
put_value(ItemFixed *f, int i, dsm_value v)
{
	if (v.present)
	{
		f->present |= (uint32) 1 << i;
		f->values[i] = v.value;
	}
}

/* The texts of an item, gathered before it is written in one piece. */
typedef struct Texts
{
	const char *data[N_TEXTS];
	int			len[N_TEXTS];
} Texts;

static void
put_text(Texts *t, int i, const char *data, int len)
{
	t->data[i] = data;
	t->len[i] = data != NULL ? len : 0;
}

static void
put_cstring(Texts *t, int i, const char *s)
{
	put_text(t, i, s, s != NULL ? (int) strlen(s) : 0);
}

/* The bytea: the fixed part, then each text and its NUL. */
static bytea *
finish(ItemFixed *f, const Texts *t)
{
	Size		len = VARHDRSZ + sizeof(ItemFixed);
	bytea	   *result;
	char	   *p;
	int32		offset = 0;
	int			i;

	for (i = 0; i < N_TEXTS; i++)
		if (t->data[i] != NULL)
			len += t->len[i] + 1;
	result = palloc(len);
	SET_VARSIZE(result, len);
	p = VARDATA(result) + sizeof(ItemFixed);
	for (i = 0; i < N_TEXTS; i++)
	{
		if (t->data[i] == NULL)
		{
			f->texts[i].offset = -1;
			f->texts[i].len = 0;
			continue;
		}
		f->texts[i].offset = offset;
		f->texts[i].len = t->len[i];
		memcpy(p + offset, t->data[i], t->len[i]);
		p[offset + t->len[i]] = '\0';
		offset += t->len[i] + 1;
	}
	memcpy(VARDATA(result), f, sizeof(ItemFixed));
	return result;
}

bytea *
item_of_application(const dsm_application *app, const dsm_outcome *o,
					const char *policy_code, const char *parameter_version)
{
	ItemFixed	f;
	Texts		texts;

	memset(&f, 0, sizeof(f));
	memset(&texts, 0, sizeof(texts));
	f.magic = ITEM_MAGIC;
	f.version = ITEM_VERSION;
	f.kind = KIND_APPLICATION;
	f.status = o->status;
	f.cap_scope = o->cap_scope;
	f.once_only = o->once_only;
	f.stacking_scope = o->stacking_scope;
	f.stacking_exempt = o->stacking_exempt;
	f.exclusive_period = o->exclusive_period;
	f.award_year = (int32) app->award_year.value;
	f.id = app->application_id.value;
	f.applied_at = app->applied_at.value;
	put_value(&f, V_APPLIED_ON, app->applied_on);
	put_value(&f, V_QUALIFYING_DATE, app->qualifying_date);
	put_value(&f, V_BASIS, o->basis);
	put_value(&f, V_COMPUTED, o->computed);
	put_value(&f, V_CAP, o->cap);
	put_value(&f, V_PROVINCIAL_MAX, o->provincial_max);
	put_value(&f, V_QUOTA, o->quota);
	put_value(&f, V_PERIOD_FROM, o->period_from);
	put_value(&f, V_PERIOD_UNTIL, o->period_until);
	put_value(&f, V_DECIDED_ON, o->decided_on);
	put_text(&texts, T_CLAUSE_CODE, app->clause_code.data, app->clause_code.len);
	put_text(&texts, T_PROJECT_REF, app->project_ref.data, app->project_ref.len);
	put_text(&texts, T_ENTERPRISE_NAME, app->enterprise_name.data, app->enterprise_name.len);
	put_cstring(&texts, T_REASON, o->reason);
	put_cstring(&texts, T_FORMULA, o->formula);
	put_cstring(&texts, T_WARNING, o->warning);
	put_cstring(&texts, T_POLICY_CODE, policy_code);
	put_cstring(&texts, T_PARAMETER_VERSION, parameter_version);
	put_cstring(&texts, T_FACTS, o->facts != NULL && o->facts[0] != '\0' ? o->facts : NULL);
	return finish(&f, &texts);
}

bytea *
item_of_other_award(int64 other_award_id, int32 award_year, int64 amount,
					dsm_text project_ref, dsm_text policy_name)
{
	ItemFixed	f;
	Texts		texts;
	dsm_value	v = {true, amount};

	memset(&f, 0, sizeof(f));
	memset(&texts, 0, sizeof(texts));
	f.magic = ITEM_MAGIC;
	f.version = ITEM_VERSION;
	f.kind = KIND_OTHER_AWARD;
	f.award_year = award_year;
	f.id = other_award_id;
	put_value(&f, V_BASIS, v);
	put_text(&texts, T_PROJECT_REF, project_ref.data, project_ref.len);
	put_text(&texts, T_ENTERPRISE_NAME, policy_name.data, policy_name.len);
	return finish(&f, &texts);
}

static void
corrupt(const char *why)
{
	ereport(ERROR,
			errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			errmsg("invalid dsm_policy item"),
			errdetail("%s", why),
			errhint("Items are written by application_item() and other_award_item(), gathered by enterprise_items() and read by decide_enterprise() and quota_claims() in the same query."));
}

static dsm_value
get_value(const ItemFixed *f, int i)
{
	dsm_value	v = {false, 0};

	if (f->present & ((uint32) 1 << i))
	{
		v.present = true;
		v.value = f->values[i];
	}
	return v;
}

/* A text of the item; its bounds were checked. */
static dsm_text
get_text(const ItemFixed *f, const char *texts, int i)
{
	dsm_text	t = {NULL, 0};

	if (f->texts[i].offset >= 0)
	{
		t.data = texts + f->texts[i].offset;
		t.len = f->texts[i].len;
	}
	return t;
}

static bool
in_range(int32 value, int32 low, int32 high)
{
	return value >= low && value <= high;
}

void
item_decode(const char *data, Size len, DsmItem *out)
{
	const char *texts = data + sizeof(ItemFixed);
	Size		texts_len;
	ItemFixed	f;
	int			i;

	if (len < sizeof(ItemFixed))
		corrupt("The bytea is shorter than an item.");
	memcpy(&f, data, sizeof(ItemFixed));
	if (f.magic != ITEM_MAGIC || f.version != ITEM_VERSION)
		corrupt("The bytea does not start as an item of this version of dsm_policy.");
	if (f.kind != KIND_APPLICATION && f.kind != KIND_OTHER_AWARD)
		corrupt("Unknown kind of item.");
	if ((f.present >> N_VALUES) != 0)
		corrupt("Unknown values in the item.");
	texts_len = len - sizeof(ItemFixed);
	for (i = 0; i < N_TEXTS; i++)
	{
		const StoredText *t = &f.texts[i];

		if (t->offset == -1)
			continue;
		if (t->offset < 0 || t->len < 0 || (Size) t->offset + (Size) t->len + 1 > texts_len ||
			texts[t->offset + t->len] != '\0')
			corrupt("A text of the item lies outside it.");
	}

	memset(out, 0, sizeof(*out));
	out->other = f.kind == KIND_OTHER_AWARD;
	if (out->other)
	{
		dsm_value	amount = get_value(&f, V_BASIS);

		if (!amount.present || amount.value < 0)
			corrupt("Another policy's award has no amount.");
		out->other_award_id = f.id;
		out->other_year = f.award_year;
		out->other_amount = amount.value;
		out->other_project_ref = get_text(&f, texts, T_PROJECT_REF);
		out->other_policy_name = get_text(&f, texts, T_ENTERPRISE_NAME);
		if (out->other_project_ref.data == NULL)
			corrupt("Another policy's award has no project.");
		return;
	}

	if (!in_range(f.status, DSM_ELIGIBLE, DSM_PENDING) ||
		!in_range(f.cap_scope, DSM_SCOPE_NONE, DSM_SCOPE_PRODUCT) ||
		!in_range(f.once_only, DSM_ONCE_ENTERPRISE, DSM_ONCE_NONE) ||
		!in_range(f.stacking_scope, DSM_STACKING_ALL_AWARDS, DSM_STACKING_OTHER_POLICIES_ONLY) ||
		f.stacking_exempt > 1 || f.exclusive_period > 1)
		corrupt("A code of the item is out of range.");
	for (i = T_CLAUSE_CODE; i <= T_PROJECT_REF; i++)
		if (f.texts[i].offset < 0)
			corrupt("An application's item has no clause or project.");
	for (i = T_REASON; i <= T_WARNING; i++)
		if (f.texts[i].offset < 0)
			corrupt("An application's item lacks a text.");

	out->app.application_id.present = true;
	out->app.application_id.value = f.id;
	out->app.applied_at.present = true;
	out->app.applied_at.value = f.applied_at;
	out->app.award_year.present = true;
	out->app.award_year.value = f.award_year;
	out->app.applied_on = get_value(&f, V_APPLIED_ON);
	out->app.qualifying_date = get_value(&f, V_QUALIFYING_DATE);
	out->app.clause_code = get_text(&f, texts, T_CLAUSE_CODE);
	out->app.project_ref = get_text(&f, texts, T_PROJECT_REF);
	out->app.enterprise_name = get_text(&f, texts, T_ENTERPRISE_NAME);

	out->outcome.status = (dsm_status) f.status;
	out->outcome.cap_scope = (dsm_scope) f.cap_scope;
	out->outcome.once_only = (dsm_once_only) f.once_only;
	out->outcome.stacking_scope = (dsm_stacking_scope) f.stacking_scope;
	out->outcome.stacking_exempt = f.stacking_exempt != 0;
	out->outcome.exclusive_period = f.exclusive_period != 0;
	out->outcome.basis = get_value(&f, V_BASIS);
	out->outcome.computed = get_value(&f, V_COMPUTED);
	out->outcome.cap = get_value(&f, V_CAP);
	out->outcome.provincial_max = get_value(&f, V_PROVINCIAL_MAX);
	out->outcome.quota = get_value(&f, V_QUOTA);
	out->outcome.period_from = get_value(&f, V_PERIOD_FROM);
	out->outcome.period_until = get_value(&f, V_PERIOD_UNTIL);
	out->outcome.decided_on = get_value(&f, V_DECIDED_ON);
	if ((out->outcome.status == DSM_ELIGIBLE) != out->outcome.computed.present ||
		(out->outcome.computed.present && out->outcome.computed.value < 0) ||
		(out->outcome.cap.present && out->outcome.cap.value < 0) ||
		(out->outcome.period_from.present != out->outcome.period_until.present && out->outcome.period_from.present))
		corrupt("The item's amounts do not fit its status.");
	/* the pass reads these texts only */
	out->outcome.reason = unconstify(char *, get_text(&f, texts, T_REASON).data);
	out->outcome.formula = unconstify(char *, get_text(&f, texts, T_FORMULA).data);
	out->outcome.warning = unconstify(char *, get_text(&f, texts, T_WARNING).data);
	out->policy_code = get_text(&f, texts, T_POLICY_CODE).data;
	out->parameter_version = get_text(&f, texts, T_PARAMETER_VERSION).data;
	out->outcome.facts = get_text(&f, texts, T_FACTS).data;
}

/*
 * Bundles
 */

#define BUNDLE_MAGIC		0x424D5344	/* "DSMB" */
#define BUNDLE_VERSION		1
#define BUNDLE_HEADER		(3 * sizeof(uint32))

/* Room for extra more bytes, doubling. */
static void
bundle_reserve(ItemBundle *b, Size extra)
{
	Size		need = b->len + extra;

	if (need > MaxAllocSize - VARHDRSZ - BUNDLE_HEADER)
		ereport(ERROR,
				errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				errmsg("the items of one enterprise exceed %zu bytes", (Size) (MaxAllocSize - VARHDRSZ - BUNDLE_HEADER)));
	if (need <= b->cap)
		return;
	b->cap = Max(need, Min(2 * b->cap, (Size) (MaxAllocSize - VARHDRSZ - BUNDLE_HEADER)));
	b->cap = Max(b->cap, 256);
	b->data = b->data == NULL ? palloc(b->cap) : repalloc(b->data, b->cap);
}

void
bundle_add_item(ItemBundle *b, const char *item, Size len)
{
	uint32		len32 = (uint32) len;

	if (b->count == PG_UINT32_MAX || len > PG_UINT32_MAX)
		ereport(ERROR,
				errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				errmsg("an enterprise has too many items"));
	bundle_reserve(b, sizeof(uint32) + len);
	memcpy(b->data + b->len, &len32, sizeof(uint32));
	memcpy(b->data + b->len + sizeof(uint32), item, len);
	b->len += sizeof(uint32) + len;
	b->count++;
}

void
bundle_add_bundle(ItemBundle *b, const ItemBundle *other)
{
	if ((uint64) b->count + other->count > PG_UINT32_MAX)
		ereport(ERROR,
				errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				errmsg("an enterprise has too many items"));
	if (other->len == 0)
		return;
	bundle_reserve(b, other->len);
	memcpy(b->data + b->len, other->data, other->len);
	b->len += other->len;
	b->count += other->count;
}

bytea *
bundle_to_bytea(const ItemBundle *b)
{
	bytea	   *result = palloc(VARHDRSZ + BUNDLE_HEADER + b->len);
	uint32		header[3] = {BUNDLE_MAGIC, BUNDLE_VERSION, b->count};

	SET_VARSIZE(result, VARHDRSZ + BUNDLE_HEADER + b->len);
	memcpy(VARDATA(result), header, BUNDLE_HEADER);
	if (b->len > 0)
		memcpy(VARDATA(result) + BUNDLE_HEADER, b->data, b->len);
	return result;
}

/* The bundle's items in place (bundle detoasted): every length checked. */
void
bundle_from_bytea(bytea *bundle, ItemBundle *out)
{
	const char *data = VARDATA_ANY(bundle);
	Size		len = VARSIZE_ANY_EXHDR(bundle);
	uint32		header[3];
	Size		pos = 0;
	uint32		i;

	if (len < BUNDLE_HEADER)
		corrupt("The bytea is shorter than a bundle of items.");
	memcpy(header, data, BUNDLE_HEADER);
	if (header[0] != BUNDLE_MAGIC || header[1] != BUNDLE_VERSION)
		corrupt("The bytea does not start as a bundle of items of this version of dsm_policy (enterprise_items()).");
	out->data = unconstify(char *, data + BUNDLE_HEADER);
	out->len = out->cap = len - BUNDLE_HEADER;
	out->count = header[2];
	for (i = 0; i < out->count; i++)
	{
		uint32		item_len;

		if (out->len - pos < sizeof(uint32))
			corrupt("The bundle holds fewer items than it says.");
		memcpy(&item_len, out->data + pos, sizeof(uint32));
		if (out->len - pos - sizeof(uint32) < item_len)
			corrupt("An item of the bundle lies outside it.");
		pos += sizeof(uint32) + item_len;
	}
	if (pos != out->len)
		corrupt("The bundle holds more than its items.");
}

void
bundle_next_item(const ItemBundle *b, Size *pos, const char **item, Size *len)
{
	uint32		item_len;

	Assert(*pos + sizeof(uint32) <= b->len);
	memcpy(&item_len, b->data + *pos, sizeof(uint32));
	*item = b->data + *pos + sizeof(uint32);
	*len = item_len;
	*pos += sizeof(uint32) + item_len;
}
