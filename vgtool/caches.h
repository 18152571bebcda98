/* caches.h - choosing the simulated geometry and setting up the models
 * (caches.c).  The caches and predictors themselves are in runtime.h:
 * the generated code reads them. */
#ifndef CS_CACHES_H
#define CS_CACHES_H

#include "pub_tool_basics.h"

/* The smallest of the line sizes: no access is counted as larger. */
extern Int cs_min_line_size;
/* General model: is an access to the line that the same L1 accessed last
 * (with nothing between but other instructions' accesses) a hit that
 * changes nothing, as in Cachegrind's model?  Yes when the L1 policies'
 * fast exit needs no age (model/policy.h) and no level is inclusive (a
 * back-invalidation could take the line away in between), and no
 * prefetch could evict the line (caches.c).  The generated code then
 * skips such accesses, as it does for the default model. */
extern Bool cs_hier_repeats_hit;
/* General model: the same for a fetch from the line the previous fetch
 * ended in with no data access in between, however inclusive the levels
 * (nothing ran in the model since that fetch, whose line the hierarchy
 * fills into I1 last): yes when I1's fast exit needs no age.  A
 * prefetcher that an instruction fetch can set off would have to say no. */
extern Bool cs_hier_fetch_repeats_hit;
/* General model with an ipstride prefetcher: every load calls the model,
 * which trains the prefetcher with its instruction address, and is told
 * the result of its inline test (the model's access runs only when it
 * failed); fetches and writes keep their inline tests and helpers. */
extern Bool cs_hier_every_load;
/* General model with a classifier: every access calls the model (whose
 * classifier's fully associative twins must see L1's hits too), except a
 * fetch from the line the previous fetch ended in with no data access in
 * between when cs_hier_fetch_repeats_hit: that lookup changes neither I1
 * nor its twin, whose last line it is. */
extern Bool cs_hier_every_access;
/* Decide the geometry (command line, else detected, else defaults), check
 * it, and allocate the caches and predictors. */
void cs_configure_caches(void);
/* Empty the caches and reset the predictors (CACHESIM_FLUSH_CACHES). */
void cs_flush_caches(void);

#endif
