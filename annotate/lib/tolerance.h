/* tolerance.h - the tolerances of `csann check --baseline=FILE
 * --tolerance=SPEC`: per event, how far a count may exceed the baseline's,
 * absolute ("Ir:1000") or relative to it ("D1mr:0.5%"). */
#ifndef CSANN_TOLERANCE_H
#define CSANN_TOLERANCE_H
#include <stddef.h>
#include <stdint.h>
#include "profile.h"

typedef struct cs_tolerance {
    size_t event;               /* index in the profile's events */
    int relative;               /* num/den percent of the baseline, else abs */
    cs_count abs;
    uint64_t num, den;
} cs_tolerance;

/* Parses SPEC, "EVENT:N" or "EVENT:P%" items separated by commas, with
 * p's events; *out (free it) gets *n tolerances.  Returns -1 with a
 * message in err on a bad item. */
int cs_tolerances_parse(const cs_profile *p, const char *spec, cs_tolerance **out,
                        size_t *n, char *err, size_t errlen);

/* The largest count allowed: the baseline's plus the tolerance (a
 * percentage rounded down). */
cs_count cs_tolerance_limit(const cs_tolerance *t, cs_count baseline);

#endif
