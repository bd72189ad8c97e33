/*
 * credit_code.c
 *	  Check of the unified social credit code, GB 32100-2015.
 *
 * The code has 18 characters from a 31-symbol alphabet: the digits and the
 * upper-case letters without I, O, S, V and Z.  The 18th is a check character:
 * with the value v(c) of each of the first 17 characters (its index in the
 * alphabet) and the weights 3^i mod 31,
 *
 *	  check = (31 - sum(v(c_i) * w_i) mod 31) mod 31
 *
 * Pure C99: no PostgreSQL header, so that it can be unit-tested and fuzzed.
 */
#include "credit_code.h"

static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

static const int weights[CREDIT_CODE_LENGTH - 1] = {
	1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28
};

/* Index of c in the alphabet, or -1. */
static int
symbol_value(char c)
{
	int			i;

	for (i = 0; alphabet[i] != '\0'; i++)
		if (alphabet[i] == c)
			return i;
	return -1;
}

char
credit_code_check_character(const char *first17)
{
	int			sum = 0;
	int			i;

	for (i = 0; i < CREDIT_CODE_LENGTH - 1; i++)
	{
		int			v = symbol_value(first17[i]);

		if (v < 0)
			return '\0';
		sum += v * weights[i];
	}
	return alphabet[(31 - sum % 31) % 31];
}

credit_code_result
credit_code_validate(const char *code, size_t len)
{
	credit_code_result r = {CREDIT_CODE_OK, 0, '\0', '\0', len};
	size_t		i;

	/*
	 * Characters first, stopping at the first bad one: every character before
	 * it is a single ASCII byte, so the byte position is the character
	 * position too.
	 */
	for (i = 0; i < len; i++)
	{
		char		c = code[i];

		if (symbol_value(c) >= 0)
			continue;
		r.position = i + 1;
		r.found = c;
		if (c >= 'a' && c <= 'z')
			r.status = CREDIT_CODE_LOWER_CASE;
		else if (c == 'I' || c == 'O' || c == 'S' || c == 'V' || c == 'Z')
			r.status = CREDIT_CODE_UNUSED_LETTER;
		else
			r.status = CREDIT_CODE_BAD_CHARACTER;
		return r;
	}

	if (len != CREDIT_CODE_LENGTH)
	{
		r.status = CREDIT_CODE_BAD_LENGTH;
		return r;
	}

	r.expected = credit_code_check_character(code);
	if (code[CREDIT_CODE_LENGTH - 1] != r.expected)
	{
		r.status = CREDIT_CODE_BAD_CHECK;
		r.position = CREDIT_CODE_LENGTH;
		r.found = code[CREDIT_CODE_LENGTH - 1];
	}
	return r;
}
