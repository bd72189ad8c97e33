# dsm_policy: PGXS build.  `make && make install`, then `make installcheck`
# against a running server (tools/test.sh does all of it in a throwaway cluster).

EXTENSION   = dsm_policy
EXTVERSION  = $(shell sed -n "s/^default_version *= *'\(.*\)'/\1/p" $(EXTENSION).control)

MODULE_big  = $(EXTENSION)
OBJS        = src/credit_code.o src/credit_code_sql.o src/dsm_policy.o
PG_CFLAGS   = -Wall -Wextra -Werror

# One full install script is kept in sql/; the versioned copy is built from it.
# Upgrade scripts (sql/dsm_policy--A--B.sql) are installed as they are.
DATA_built  = sql/$(EXTENSION)--$(EXTVERSION).sql
DATA        = $(wildcard sql/$(EXTENSION)--*--*.sql)

# pg_regress: every other sql/*.sql is a test, its expected output in expected/.
REGRESS      = $(sort $(patsubst sql/%.sql,%,$(filter-out sql/$(EXTENSION)%,$(wildcard sql/*.sql))))
REGRESS_OPTS = --encoding=UTF8 --load-extension=btree_gist --load-extension=$(EXTENSION)

EXTRA_CLEAN = $(DATA_built) test/core/credit_code_test

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

sql/$(EXTENSION)--$(EXTVERSION).sql: sql/$(EXTENSION).sql
	cp $< $@

.PHONY: prove
# pgTAP assertions; needs a running server reachable through the PG* variables.
prove:
	pg_prove --failures --ext .sql -r test/pgtap

# Unit test of the pure C core, no server needed (TAP).
.PHONY: core-check
core-check: test/core/credit_code_test
	test/core/credit_code_test

test/core/credit_code_test: test/core/credit_code_test.c src/credit_code.c src/credit_code.h
	$(CC) -std=c99 -Wall -Wextra -Werror -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
		-Isrc -o $@ test/core/credit_code_test.c src/credit_code.c
