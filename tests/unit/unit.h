/* unit.h - a minimal assertion kit for the host unit tests. */
#ifndef CACHESIM_UNIT_H
#define CACHESIM_UNIT_H
#include <stdio.h>
#include <stdlib.h>

static int unit_failures;
static int unit_checks;

#define CHECK(cond) do { \
    unit_checks++; \
    if (!(cond)) { \
        unit_failures++; \
        fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
    } \
} while (0)

#define CHECK_EQ(a, b) do { \
    unsigned long long va_ = (unsigned long long)(a), vb_ = (unsigned long long)(b); \
    unit_checks++; \
    if (va_ != vb_) { \
        unit_failures++; \
        fprintf(stderr, "%s:%d: %s == %llu, expected %s == %llu\n", \
                __FILE__, __LINE__, #a, va_, #b, vb_); \
    } \
} while (0)

static int unit_finish(const char *name)
{
    printf("%s: %d checks, %d failed\n", name, unit_checks, unit_failures);
    return unit_failures ? 1 : 0;
}
#endif
