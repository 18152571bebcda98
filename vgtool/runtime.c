/* runtime.c - the variables the generated code addresses (see runtime.h),
 * defined apart from the parts that set them. */
#include "runtime.h"

ULong cs_collect_mask = ~0ULL;

/* Read two events at a time (SSE2) by the call graph: see
 * profile/callgraph.c. */
ULong cs_running[CS_N_EVENTS] __attribute__((aligned(16)));
ULong cs_running_packed[2];

Addr cs_toggle_top_sp = ~(Addr)0;
Addr cs_calls_top_sp = ~(Addr)0;
