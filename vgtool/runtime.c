/* runtime.c - the variables the generated code addresses (see runtime.h),
 * defined apart from the parts that set them. */
#include "runtime.h"

ULong cs_collect_mask = ~0ULL;

/* Read two events at a time (SSE2) by the call graph: see
 * profile/callgraph.c. */
ULong cs_running[CS_N_EVENTS] __attribute__((aligned(16)));
ULong cs_running_packed[2];

UInt cs_n_xev;
Int cs_xcol[CS_N_XEVENTS];
ULong* cs_xrows;
ULong* cs_xrunning;

/* Checked here, where the cost centre is defined: the side row's index
 * lives in what was padding. */
STATIC_ASSERT(sizeof(void*) != 8 || sizeof(CsCC) == 5 * 8 + CS_N_EVENTS * 8);

Addr cs_toggle_top_sp = ~(Addr)0;
Addr cs_calls_top_sp = ~(Addr)0;
