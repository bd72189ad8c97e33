/*
 * fuzz_credit_code.c
 *	  libFuzzer harness of src/credit_code.c: any bytes as a code.
 *
 * The oracle is written from GB 32100-2015 itself, apart from the code: the
 * alphabet is the digits and the capital letters but I, O, S, V and Z; the
 * weight of position i (0-based) is 3^i mod 31, computed here by
 * multiplying; the check character is the one whose value makes the
 * weighted sum of all 18 characters 0 mod 31.
 *
 * Invariants:
 *	- credit_code_validate says OK iff the input is 18 characters of the
 *	  alphabet whose 18th is credit_code_check_character of the first 17;
 *	- otherwise it reports the first character outside the alphabet (its
 *	  1-based position, the byte, and lower case / unused letter / other),
 *	  else the length, else the check character expected and found;
 *	- credit_code_check_character returns '\0' iff one of the 17 is outside
 *	  the alphabet, else the standard's check character;
 *	- a valid code with one character replaced by another of the alphabet,
 *	  or two different characters of the first 17 swapped, is invalid;
 *	- neither reads a byte past the input (ASan: the input is copied at
 *	  its exact size, and the 17 characters given alone).
 */
#include "credit_code.h"
#include "fuzz_input.h"

/* a symbol's value by the standard's rule, or -1 */
static int
rule_value(unsigned char c)
{
	int			v = 0;
	unsigned char x;

	for (x = '0'; x <= '9'; x++, v++)
		if (c == x)
			return v;
	for (x = 'A'; x <= 'Z'; x++)
	{
		if (x == 'I' || x == 'O' || x == 'S' || x == 'V' || x == 'Z')
			continue;
		if (c == x)
			return v;
		v++;
	}
	return -1;
}

/* the rule tabulated once: value of each byte, symbol of each value */
static int	value_of[256];
static char symbol_of[31];

static void
oracle_init(void)
{
	int			c;

	for (c = 0; c < 256; c++)
	{
		value_of[c] = rule_value((unsigned char) c);
		if (value_of[c] >= 0)
			symbol_of[value_of[c]] = (char) c;
	}
}

static int
oracle_value(unsigned char c)
{
	return value_of[c];
}

static char
oracle_symbol(int v)
{
	return v >= 0 && v < 31 ? symbol_of[v] : '\0';
}

/* the standard's check character of 17 characters of the alphabet */
static char
oracle_check(const char *first17)
{
	int			sum = 0,
				w = 1,
				i;

	for (i = 0; i < 17; i++)
	{
		sum = (sum + oracle_value((unsigned char) first17[i]) * w) % 31;
		w = (w * 3) % 31;
	}
	return oracle_symbol((31 - sum) % 31);
}

static void
check_validate(const char *input, size_t len)
{
	char	   *code = malloc(len > 0 ? len : 1);
	credit_code_result r;
	size_t		i,
				bad = len;

	if (code == NULL)
		abort();
	memcpy(code, input, len);
	r = credit_code_validate(code, len);

	for (i = 0; i < len; i++)
		if (oracle_value((unsigned char) code[i]) < 0)
		{
			bad = i;
			break;
		}
	if (bad < len)
	{
		unsigned char c = (unsigned char) code[bad];
		credit_code_status want = (c >= 'a' && c <= 'z') ? CREDIT_CODE_LOWER_CASE
			: (c == 'I' || c == 'O' || c == 'S' || c == 'V' || c == 'Z') ? CREDIT_CODE_UNUSED_LETTER
			: CREDIT_CODE_BAD_CHARACTER;

		FUZZ_CHECK(r.status == want && r.position == bad + 1 && r.found == code[bad],
				   "len %zu: status %d position %zu found 0x%02x; expected %d at %zu (0x%02x)", len,
				   (int) r.status, r.position, (unsigned char) r.found, (int) want, bad + 1, c);
	}
	else if (len != CREDIT_CODE_LENGTH)
		FUZZ_CHECK(r.status == CREDIT_CODE_BAD_LENGTH && r.length == len,
				   "len %zu: status %d length %zu", len, (int) r.status, r.length);
	else
	{
		char		want = oracle_check(code);
		char		got = credit_code_check_character(code);

		FUZZ_CHECK(got == want, "check character of \"%.17s\": '%c', expected '%c'", code, got, want);
		if (code[17] == want)
			FUZZ_CHECK(r.status == CREDIT_CODE_OK, "\"%.18s\" is valid, status %d", code, (int) r.status);
		else
			FUZZ_CHECK(r.status == CREDIT_CODE_BAD_CHECK && r.position == 18 && r.found == code[17] &&
					   r.expected == want,
					   "\"%.18s\": status %d position %zu found '%c' expected '%c', should expect '%c'", code,
					   (int) r.status, r.position, r.found, r.expected, want);
	}
	FUZZ_CHECK((r.status == CREDIT_CODE_OK) ==
			   (len == CREDIT_CODE_LENGTH && bad == len && code[17] == oracle_check(code)),
			   "validity of a %zu-byte input", len);
	free(code);
}

/* the check character of any 17 bytes, given at their exact size */
static void
check_character(const char *input)
{
	char	   *first17 = malloc(17);
	bool		in_alphabet = true;
	char		got;
	int			i;

	if (first17 == NULL)
		abort();
	memcpy(first17, input, 17);
	for (i = 0; i < 17; i++)
		if (oracle_value((unsigned char) first17[i]) < 0)
			in_alphabet = false;
	got = credit_code_check_character(first17);
	FUZZ_CHECK(got == (in_alphabet ? oracle_check(first17) : '\0'),
			   "credit_code_check_character: '%c' (0x%02x)", got, (unsigned char) got);
	free(first17);
}

/*
 * From 20 bytes, a valid code; then replacing one of its characters (the
 * position chosen by byte 18) by any other of the alphabet makes it invalid,
 * and so does swapping two different characters among the first 17 (the
 * positions chosen by bytes 18 and 19): the weights 3^i mod 31 are distinct
 * and never 0, since 3 has order 30 mod 31.
 */
static void
check_changes(const uint8_t *data)
{
	char		code[CREDIT_CODE_LENGTH];
	int			i = data[18] % 18,
				j = data[19] % 17,
				k = data[18] % 17,
				v;
	char		keep;
	credit_code_result r;

	for (v = 0; v < 17; v++)
		code[v] = oracle_symbol(data[v] % 31);
	code[17] = credit_code_check_character(code);
	FUZZ_CHECK(credit_code_validate(code, 18).status == CREDIT_CODE_OK, "\"%.18s\" built valid is refused", code);

	keep = code[i];
	for (v = 0; v < 31; v++)
	{
		code[i] = oracle_symbol(v);
		if (code[i] == keep)
			continue;
		r = credit_code_validate(code, 18);
		FUZZ_CHECK(r.status == CREDIT_CODE_BAD_CHECK, "\"%.18s\": one change at %d, status %d", code, i + 1,
				   (int) r.status);
	}
	code[i] = keep;

	if (code[j] != code[k])
	{
		keep = code[j];
		code[j] = code[k];
		code[k] = keep;
		r = credit_code_validate(code, 18);
		FUZZ_CHECK(r.status == CREDIT_CODE_BAD_CHECK, "\"%.18s\": positions %d and %d swapped, status %d", code,
				   j + 1, k + 1, (int) r.status);
	}
}

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool alphabet_checked = false;

	if (!alphabet_checked)
	{
		/* the oracle's own alphabet: 31 symbols, values 0 .. 30 */
		int			n = 0,
					c;

		oracle_init();
		for (c = 0; c < 256; c++)
			n += oracle_value((unsigned char) c) >= 0;
		FUZZ_CHECK(n == 31 && oracle_symbol(30) == 'Y', "the oracle's alphabet has %d symbols", n);
		alphabet_checked = true;
	}

	check_validate((const char *) data, size);
	if (size >= 17)
		check_character((const char *) data);
	if (size >= 20)
		check_changes(data);
	/* the input made valid: its first 17 bytes mapped into the alphabet */
	if (size >= 17)
	{
		char		code[CREDIT_CODE_LENGTH];
		int			i;

		for (i = 0; i < 17; i++)
			code[i] = oracle_value(data[i]) >= 0 ? (char) data[i] : oracle_symbol(data[i] % 31);
		code[17] = oracle_check(code);
		check_validate(code, CREDIT_CODE_LENGTH);
	}
	return 0;
}
