/*
 * credit_code_sql.c
 *	  SQL entry points for the unified social credit code check.
 *
 * Glue only: the rule itself is in credit_code.c.
 */
#include "postgres.h"

#include "fmgr.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"

#include "credit_code.h"

/* At most this many bytes of a bad value are quoted in an error message. */
#define QUOTE_LIMIT 40

/* The value as it is quoted in messages: clipped if it is long. */
static char *
quoted_value(text *t)
{
	const char *s = VARDATA_ANY(t);
	int			len = VARSIZE_ANY_EXHDR(t);
	int			clip = pg_mbcliplen(s, len, QUOTE_LIMIT);

	return psprintf("%.*s%s", clip, s, clip < len ? "..." : "");
}

/* Why the code is refused, as an errdetail sentence. */
static char *
refusal_detail(const credit_code_result *r)
{
	switch (r->status)
	{
		case CREDIT_CODE_LOWER_CASE:
			return psprintf("Character %zu is the lower-case letter \"%c\"; codes are written in upper case.",
							r->position, r->found);
		case CREDIT_CODE_UNUSED_LETTER:
			return psprintf("Character %zu is the letter \"%c\"; the letters I, O, S, V and Z are never used in codes.",
							r->position, r->found);
		case CREDIT_CODE_BAD_CHARACTER:
			return psprintf("Character %zu is not a digit or one of the letters ABCDEFGHJKLMNPQRTUWXY.",
							r->position);
		case CREDIT_CODE_BAD_LENGTH:
			return psprintf("A code has %d characters; this one has %zu.",
							CREDIT_CODE_LENGTH, r->length);
		case CREDIT_CODE_BAD_CHECK:
			return psprintf("The check character (the 18th) is \"%c\"; for the first 17 characters it must be \"%c\".",
							r->found, r->expected);
		case CREDIT_CODE_OK:
			break;
	}
	elog(ERROR, "unexpected credit code status %d", (int) r->status);
	return NULL;				/* keep compiler quiet */
}

/* credit_code_check(text): true, or an error saying what is wrong (the domain's CHECK) */
PG_FUNCTION_INFO_V1(credit_code_check);
Datum
credit_code_check(PG_FUNCTION_ARGS)
{
	text	   *code = PG_GETARG_TEXT_PP(0);
	credit_code_result r = credit_code_validate(VARDATA_ANY(code),
												VARSIZE_ANY_EXHDR(code));

	if (r.status != CREDIT_CODE_OK)
		ereport(ERROR,
				errcode(ERRCODE_CHECK_VIOLATION),
				errmsg("invalid unified social credit code \"%s\"",
					   quoted_value(code)),
				errdetail_internal("%s", refusal_detail(&r)),
				errhint("A unified social credit code follows GB 32100-2015: 18 characters, the last a check character."));
	PG_RETURN_BOOL(true);
}

/* credit_code_is_valid(text): true or false, never an error */
PG_FUNCTION_INFO_V1(credit_code_is_valid);
Datum
credit_code_is_valid(PG_FUNCTION_ARGS)
{
	text	   *code = PG_GETARG_TEXT_PP(0);

	PG_RETURN_BOOL(credit_code_validate(VARDATA_ANY(code),
										VARSIZE_ANY_EXHDR(code)).status == CREDIT_CODE_OK);
}

/* credit_code_check_character(text): the check character for 17 characters */
PG_FUNCTION_INFO_V1(credit_code_check_character_sql);
Datum
credit_code_check_character_sql(PG_FUNCTION_ARGS)
{
	text	   *first17 = PG_GETARG_TEXT_PP(0);
	const char *s = VARDATA_ANY(first17);
	int			len = VARSIZE_ANY_EXHDR(first17);
	credit_code_result r;
	char		check;

	if (len == CREDIT_CODE_LENGTH - 1)
	{
		check = credit_code_check_character(s);
		if (check != '\0')
			PG_RETURN_TEXT_P(cstring_to_text_with_len(&check, 1));
	}

	/* Say what is wrong: a character, in the words of the full check, or the length. */
	r = credit_code_validate(s, len);
	if (r.status == CREDIT_CODE_BAD_LENGTH || r.status == CREDIT_CODE_OK)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("cannot compute a check character for \"%s\"", quoted_value(first17)),
				errdetail("The check character is computed from the first %d characters of a code; this value has %d.",
						  CREDIT_CODE_LENGTH - 1, len));
	ereport(ERROR,
			errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			errmsg("cannot compute a check character for \"%s\"", quoted_value(first17)),
			errdetail_internal("%s", refusal_detail(&r)));
	PG_RETURN_NULL();			/* keep compiler quiet */
}
