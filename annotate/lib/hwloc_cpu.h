/* hwloc_cpu.h - a CPU description (vgtool/model/cpu_desc.h) from hwloc's XML
 * topology (`lstopo --of xml`), for `csann cpu --from-hwloc=FILE`. */
#ifndef CSANN_HWLOC_CPU_H
#define CSANN_HWLOC_CPU_H
#include <stddef.h>
#include "model/cpu_desc.h"

/* Read the cache objects of an hwloc XML file (hwloc 2's L1Cache,
 * L1iCache, L2Cache, ... and hwloc 1's Cache objects: cache_size,
 * cache_linesize, cache_associativity, cache_type, depth and the Inclusive
 * info) into *out: I1 and D1 from the first level, LL from the last, L2
 * from the second when there are more than two.  What hwloc does not say
 * (latencies, policies) is assumed, and said so in notes: comment lines
 * ("# ...\n") to print above the description.  0, or -1 with a message
 * naming the file in err. */
int cs_hwloc_read(const char *path, cs_cpu_t *out, char *notes, size_t notes_len,
                  char *err, size_t errlen);

#endif
