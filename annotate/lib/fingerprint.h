/* fingerprint.h - the "desc: Fingerprint: key=value ..." line cachesim
 * writes in each part's header (tool version, cache geometry, environment
 * size, ...), and the warning when a baseline's and a new profile's differ:
 * then their counts are not comparable one to one. */
#ifndef CSANN_FINGERPRINT_H
#define CSANN_FINGERPRINT_H
#include <stddef.h>
#include "profile.h"

typedef struct cs_fingerprint {
    char **keys, **values;
    size_t n;
} cs_fingerprint;

/* The fingerprint of p's first selected part: 1 if it has one, else 0. */
int cs_fingerprint_get(const cs_profile *p, cs_fingerprint *out);
void cs_fingerprint_free(cs_fingerprint *f);

/* Prints "csann: warning: fingerprint differs: KEY A (baseline) vs B (new)"
 * for each differing key (a key on one side only counts, as "(none)") and
 * returns how many; 0 when either profile has no fingerprint.  Names the
 * sides with base_name and new_name; n_compared (may be NULL) is set to 1
 * when both had one. */
size_t cs_fingerprint_warn(const cs_profile *base, const cs_profile *new_,
                           const char *base_name, const char *new_name,
                           int *n_compared);

#endif
