# dsm_policy: PGXS build.  `make && make install`, then `make installcheck`
# against a running server (tools/test.sh does all of it in a throwaway cluster).

EXTENSION   = dsm_policy
EXTVERSION  = $(shell sed -n "s/^default_version *= *'\(.*\)'/\1/p" $(EXTENSION).control)

MODULE_big  = $(EXTENSION)
OBJS        = src/credit_code.o src/credit_code_sql.o src/dsm_policy.o \
              src/award.o src/award_sql.o src/enterprise.o src/enterprise_sql.o src/item.o \
              src/allocation.o src/allocation_sql.o src/money_sql.o src/compat_1_1.o \
              src/csv.o src/csv_sql.o
PG_CFLAGS   = -Wall -Wextra -Werror
# PostgreSQL's headers as system headers: -Wextra then judges only our code.
PG_CPPFLAGS = -isystem $(shell $(PG_CONFIG) --includedir-server)

# One full install script is kept in sql/; the versioned copy is built from it.
# Upgrade scripts (sql/dsm_policy--A--B.sql) and the frozen install scripts of
# earlier releases (sql/dsm_policy--1.0.sql) are installed as they are.
DATA_built  = sql/$(EXTENSION)--$(EXTVERSION).sql
DATA        = $(filter-out $(DATA_built),$(wildcard sql/$(EXTENSION)--*.sql))

# pg_regress: every other sql/*.sql is a test, its expected output in expected/.
REGRESS      = $(sort $(patsubst sql/%.sql,%,$(filter-out sql/$(EXTENSION)%,$(wildcard sql/*.sql))))
REGRESS_OPTS = --encoding=UTF8 --load-extension=btree_gist --load-extension=$(EXTENSION)

EXTRA_CLEAN = $(DATA_built) test/core/credit_code_test test/core/award_test test/core/csv_test \
              test/core/enterprise_test

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)

include $(PGXS)

# PGXS does not track headers: every object is rebuilt when one changes (a
# struct of award.h that grew must not meet an object built with the old one).
$(OBJS): $(wildcard src/*.h)

sql/$(EXTENSION)--$(EXTVERSION).sql: sql/$(EXTENSION).sql
	cp $< $@

.PHONY: prove
# pgTAP assertions; needs a running server reachable through the PG* variables.
prove:
	pg_prove --failures --ext .sql -r test/pgtap

# Unit test of the pure C core, no server needed (TAP).
.PHONY: core-check
core-check: test/core/credit_code_test test/core/award_test test/core/enterprise_test test/core/csv_test
	test/core/credit_code_test
	test/core/award_test
	test/core/enterprise_test
	test/core/csv_test

CORE_CFLAGS = -std=c99 -Wall -Wextra -Werror -O1 -g -fsanitize=address,undefined \
              -fno-sanitize-recover=all -fno-omit-frame-pointer -Isrc

test/core/credit_code_test: test/core/credit_code_test.c src/credit_code.c src/credit_code.h
	$(CC) $(CORE_CFLAGS) -o $@ test/core/credit_code_test.c src/credit_code.c

test/core/award_test: test/core/award_test.c src/award.c src/award.h
	$(CC) $(CORE_CFLAGS) -o $@ test/core/award_test.c src/award.c

test/core/enterprise_test: test/core/enterprise_test.c src/enterprise.c src/enterprise.h src/award.c src/award.h \
                           src/allocation.c src/allocation.h
	$(CC) $(CORE_CFLAGS) -o $@ test/core/enterprise_test.c src/enterprise.c src/award.c src/allocation.c

test/core/csv_test: test/core/csv_test.c src/csv.c src/csv.h
	$(CC) $(CORE_CFLAGS) -o $@ test/core/csv_test.c src/csv.c

# Fuzzing of the pure C core with libFuzzer (test/fuzz), bounded in time: each
# harness runs FUZZ_SECONDS on its seed corpus, TAP out (test/fuzz/run.sh).
FUZZ_SECONDS   ?= 10
FUZZ_CC        ?= clang
FUZZ_CFLAGS     = -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
                  -fno-omit-frame-pointer -std=c99 -Wall -Wextra -Werror -Isrc
FUZZ_HARNESSES  = test/fuzz/fuzz_award test/fuzz/fuzz_enterprise test/fuzz/fuzz_csv \
                  test/fuzz/fuzz_credit_code
EXTRA_CLEAN    += $(FUZZ_HARNESSES)

.PHONY: fuzz-check
fuzz-check: $(FUZZ_HARNESSES)
	bash test/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_HARNESSES)

test/fuzz/fuzz_award: test/fuzz/fuzz_award.c test/fuzz/fuzz_input.h src/award.c src/award.h
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ test/fuzz/fuzz_award.c src/award.c

test/fuzz/fuzz_enterprise: test/fuzz/fuzz_enterprise.c test/fuzz/fuzz_input.h src/enterprise.c src/enterprise.h \
                           src/award.c src/award.h src/allocation.c src/allocation.h
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ test/fuzz/fuzz_enterprise.c src/enterprise.c src/award.c src/allocation.c

test/fuzz/fuzz_csv: test/fuzz/fuzz_csv.c test/fuzz/fuzz_input.h src/csv.c src/csv.h
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ test/fuzz/fuzz_csv.c src/csv.c

test/fuzz/fuzz_credit_code: test/fuzz/fuzz_credit_code.c test/fuzz/fuzz_input.h src/credit_code.c src/credit_code.h
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ test/fuzz/fuzz_credit_code.c src/credit_code.c
