/*
 * money_sql.c: numeric <-> int64 fen at the boundary of the C engine.
 *
 * numeric_to_scaled() reads numeric's on-disk format: a varlena whose first
 * uint16 says short or long header, sign, display scale and weight, followed
 * by base-10000 digits, most significant first (see the comment at the top of
 * PostgreSQL's src/backend/utils/adt/numeric.c).  That format is what
 * pg_upgrade carries across major versions, so it is stable; reading it here
 * avoids a numeric_mul and numeric_int8 call (and their pallocs) per value.
 * The SQL function yuan_to_fen() exposes it so tests can compare it with
 * (value * 100)::bigint on any value.
 */
#include "postgres.h"

#include "common/int.h"
#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/numeric.h"

#include "award.h"

#include "money_sql.h"

/* The first uint16 of a numeric, as numeric.c defines it. */
#define NUM_SIGN_MASK			0xC000
#define NUM_NEG					0x4000
#define NUM_SHORT				0x8000
#define NUM_SPECIAL				0xC000
#define NUM_EXT_SIGN_MASK		0xF000
#define NUM_NAN					0xC000
#define NUM_SHORT_SIGN_MASK		0x2000
#define NUM_SHORT_WEIGHT_SIGN	0x0040
#define NUM_SHORT_WEIGHT_MASK	0x003F
#define NUM_SHORT_DSCALE_SHIFT	7
#define NUM_BASE				10000
#define NUM_BASE_DIGITS			4

static const int64 power_of_ten[] = {
	INT64CONST(1), INT64CONST(10), INT64CONST(100), INT64CONST(1000),
	INT64CONST(10000), INT64CONST(100000), INT64CONST(1000000),
	INT64CONST(10000000), INT64CONST(100000000), INT64CONST(1000000000),
	INT64CONST(10000000000), INT64CONST(100000000000),
	INT64CONST(1000000000000), INT64CONST(10000000000000),
	INT64CONST(100000000000000), INT64CONST(1000000000000000),
	INT64CONST(10000000000000000), INT64CONST(100000000000000000),
	INT64CONST(1000000000000000000)
};

static uint16
read_uint16(const char *p)
{
	uint16		v;

	memcpy(&v, p, sizeof(v));	/* a short varlena header leaves p unaligned */
	return v;
}

numeric_scaled_status
numeric_to_scaled(Datum numeric, int scale, int64 *result)
{
	struct varlena *v = pg_detoast_datum_packed((struct varlena *) DatumGetPointer(numeric));
	const char *data = VARDATA_ANY(v);
	Size		len = VARSIZE_ANY_EXHDR(v);
	uint16		header;
	bool		negative;
	int			weight;
	const char *digits;
	int			ndigits,
				i;
	int64		value = 0;

	Assert(scale >= 0 && scale <= 8);
	if (len < sizeof(uint16))
		elog(ERROR, "corrupt numeric value of %zu bytes", len);
	header = read_uint16(data);

	if ((header & NUM_SIGN_MASK) == NUM_SPECIAL)
		return (header & NUM_EXT_SIGN_MASK) == NUM_NAN ? NUMERIC_SCALED_NAN : NUMERIC_SCALED_INFINITE;

	if ((header & NUM_SIGN_MASK) == NUM_SHORT)
	{
		negative = (header & NUM_SHORT_SIGN_MASK) != 0;
		weight = (header & NUM_SHORT_WEIGHT_SIGN) ? (int) (header | ~NUM_SHORT_WEIGHT_MASK)
			: (int) (header & NUM_SHORT_WEIGHT_MASK);
		digits = data + sizeof(uint16);
		ndigits = (int) ((len - sizeof(uint16)) / sizeof(int16));
	}
	else
	{
		if (len < 2 * sizeof(uint16))
			elog(ERROR, "corrupt numeric value of %zu bytes", len);
		negative = (header & NUM_SIGN_MASK) == NUM_NEG;
		weight = (int16) read_uint16(data + sizeof(uint16));
		digits = data + 2 * sizeof(uint16);
		ndigits = (int) ((len - 2 * sizeof(uint16)) / sizeof(int16));
	}

	/* digit i is worth digit x 10000^(weight - i) = digit x 10^(4 (weight - i)) */
	for (i = 0; i < ndigits; i++)
	{
		int64		digit = (int16) read_uint16(digits + i * sizeof(int16));
		int			exponent = NUM_BASE_DIGITS * (weight - i) + scale;	/* of ten, in units */
		int64		term;

		if (digit == 0)
			continue;
		if (exponent < 0)
		{
			/* a fraction of the unit: refused unless its digits are zero */
			if (exponent <= -NUM_BASE_DIGITS || digit % power_of_ten[-exponent] != 0)
				return NUMERIC_SCALED_TOO_PRECISE;
			term = digit / power_of_ten[-exponent];
		}
		else if (exponent >= (int) lengthof(power_of_ten) ||
				 pg_mul_s64_overflow(digit, power_of_ten[exponent], &term))
			return NUMERIC_SCALED_OUT_OF_RANGE;
		if (pg_add_s64_overflow(value, term, &value))
			return NUMERIC_SCALED_OUT_OF_RANGE;
	}
	*result = negative ? -value : value;
	return NUMERIC_SCALED_OK;
}

int64
numeric_to_fen(Datum numeric, const char *field)
{
	int64		fen = 0;

	switch (numeric_to_scaled(numeric, 2, &fen))
	{
		case NUMERIC_SCALED_OK:
			break;
		case NUMERIC_SCALED_NAN:
			ereport(ERROR,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("%s must be a number, not NaN", field));
			break;
		case NUMERIC_SCALED_INFINITE:
			ereport(ERROR,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("%s must be finite", field));
			break;
		case NUMERIC_SCALED_TOO_PRECISE:
			ereport(ERROR,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("%s must be a whole number of fen", field),
					errdetail("Amounts are yuan with at most 2 decimals."));
			break;
		case NUMERIC_SCALED_OUT_OF_RANGE:
			fen = DSM_MAX_FEN;	/* reported below */
			break;
	}
	if (fen < 0)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("%s must not be negative", field));
	if (fen >= DSM_MAX_FEN)
		ereport(ERROR,
				errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				errmsg("%s is out of range", field),
				errdetail("Amounts must be below 100,000,000,000,000 yuan."));
	return fen;
}

void
require_argument(FunctionCallInfo fcinfo, int argno, const char *name)
{
	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				errmsg("%s must not be null", name));
}

#ifdef DSM_PUBLIC_NUMERIC
/*
 * numeric's public API.  bench/run.sh builds this variant to compare it with
 * the writer below (measure 6): it is kept while the writer is faster.
 */
Datum
fen_to_numeric(int64 fen)
{
	return NumericGetDatum(int64_div_fast_to_numeric(fen, 2));
}
#else
Datum
fen_to_numeric(int64 fen)
{
	/*
	 * Written directly in numeric's short format (what numeric.c's
	 * make_result writes for these values): base-10000 digits, the integer
	 * part's first, then one digit for the two decimals; leading and
	 * trailing zero digits dropped; dscale 2.  Faster than numeric's public
	 * int64_div_fast_to_numeric() (bench/run.sh, measure 6, builds and
	 * times both), and the engine returns several per application.
	 */
	int16		digits[8];		/* |fen| < 2^63: at most 5 integer digits + 1 */
	int			ndigits = 0;
	int			first = 0;
	int			weight;
	uint64		magnitude = fen < 0 ? (uint64) (-(fen + 1)) + 1 : (uint64) fen;
	uint64		integer_part = magnitude / 100;
	int16		fraction = (int16) ((magnitude % 100) * 100);
	int16		integer_digits[6];
	int			ninteger = 0;
	Numeric		result;
	uint16		header;
	Size		len;

	while (integer_part > 0)
	{
		integer_digits[ninteger++] = (int16) (integer_part % NUM_BASE);
		integer_part /= NUM_BASE;
	}
	while (ninteger > 0)
		digits[ndigits++] = integer_digits[--ninteger];
	weight = ndigits - 1;
	digits[ndigits++] = fraction;
	while (ndigits > first && digits[first] == 0)
	{
		first++;
		weight--;
	}
	while (ndigits > first && digits[ndigits - 1] == 0)
		ndigits--;
	if (ndigits == first)
		weight = 0;				/* zero */

	header = NUM_SHORT | (2 << NUM_SHORT_DSCALE_SHIFT) | (weight & NUM_SHORT_WEIGHT_MASK);
	if (weight < 0)
		header |= NUM_SHORT_WEIGHT_SIGN;
	if (fen < 0 && ndigits > first)
		header |= NUM_SHORT_SIGN_MASK;

	len = VARHDRSZ + sizeof(uint16) + (ndigits - first) * sizeof(int16);
	result = (Numeric) palloc(len);
	SET_VARSIZE(result, len);
	memcpy(VARDATA(result), &header, sizeof(uint16));
	memcpy(VARDATA(result) + sizeof(uint16), digits + first, (ndigits - first) * sizeof(int16));
	return NumericGetDatum(result);
}
#endif

/* yuan_to_fen(numeric): the amount in fen, exactly; the engine's own reading */
PG_FUNCTION_INFO_V1(yuan_to_fen);
Datum
yuan_to_fen(PG_FUNCTION_ARGS)
{
	int64		fen = 0;

	switch (numeric_to_scaled(PG_GETARG_DATUM(0), 2, &fen))
	{
		case NUMERIC_SCALED_OK:
			PG_RETURN_INT64(fen);
		case NUMERIC_SCALED_NAN:
		case NUMERIC_SCALED_INFINITE:
			ereport(ERROR,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("cannot convert %s to fen", "NaN or infinity"));
			break;
		case NUMERIC_SCALED_TOO_PRECISE:
			ereport(ERROR,
					errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					errmsg("amount must be a whole number of fen"),
					errdetail("Amounts are yuan with at most 2 decimals."));
			break;
		case NUMERIC_SCALED_OUT_OF_RANGE:
			ereport(ERROR,
					errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					errmsg("amount is out of range for fen in bigint"));
			break;
	}
	PG_RETURN_NULL();			/* not reached */
}

/* format_yuan(numeric): 1500000 -> '1,500,000.00', as explanations print money */
PG_FUNCTION_INFO_V1(format_yuan);
Datum
format_yuan(PG_FUNCTION_ARGS)
{
	int64		fen = 0;
	char		buf[40];

	if (numeric_to_scaled(PG_GETARG_DATUM(0), 2, &fen) != NUMERIC_SCALED_OK)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("format_yuan takes a finite amount in whole fen below 92,233,720,368,547,758.08"));
	dsm_format_money(fen, buf, sizeof(buf));
	PG_RETURN_TEXT_P(cstring_to_text(buf));
}
