/* A tiny assertion header for unit tests: checks count failures and carry
 * on, so one run shows every broken rule; main returns the count. */
#ifndef VV_TST_H
#define VV_TST_H

#include <stdio.h>
#include <string.h>

static int tst_failures;

#define TST_CHECK(cond)                                                        \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, \
				__LINE__, #cond);                              \
			tst_failures++;                                        \
		}                                                              \
	} while (0)

#define TST_CHECK_STR(a, b)                                                    \
	do {                                                                   \
		const char *tst_a = (a), *tst_b = (b);                         \
		if (strcmp(tst_a, tst_b) != 0) {                               \
			fprintf(stderr, "%s:%d: \"%s\" != \"%s\"\n", __FILE__, \
				__LINE__, tst_a, tst_b);                       \
			tst_failures++;                                        \
		}                                                              \
	} while (0)

#define TST_RUN(fn)                                                         \
	do {                                                                \
		int tst_before = tst_failures;                              \
		fn();                                                       \
		fprintf(stderr, "%s %s\n",                                  \
			tst_failures == tst_before ? "ok  " : "FAIL", #fn); \
	} while (0)

#endif
