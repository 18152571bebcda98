/* runtime.h - what the generated code addresses.
 *
 * The code the instrumenter emits (instrument/) reads and adds to the
 * variables below at constant addresses, and calls the functions below;
 * the slow paths of the simulation it calls are instrument/helpers.c's.
 * A change to one of these is a change to the generated code.  They live
 * in the tool's static data, below 2 GB, which the generated code reaches
 * with a 32-bit displacement (see mem_addr in instrument/emit.h).
 *
 * The plain variables are defined in runtime.c, so that each part that
 * sets one (control/, profile/) and each part that reads one reach the
 * variable without reaching each other. */
#ifndef CS_RUNTIME_H
#define CS_RUNTIME_H

#include "pub_tool_basics.h"
#include "model/branchpred.h"
#include "model/cache.h"
#include "model/events.h"
#include "model/hierarchy.h"

/* ---- Counting ---- */

/* All ones while events are being counted, zero while they are not (the
 * simulation itself goes on either way).  The helpers test it; the
 * generated code ANDs its counts with it only when cs_counts_masked (see
 * control/collection.h).  Set by control/collection.c. */
extern ULong cs_collect_mask;

/* One source line's (or, with --dump-instr=yes, one instruction's) costs.
 * The generated code adds to ev[] (branch mispredictions), the helpers
 * too (cache misses); the rest is folded in from the run counters (see
 * profile/costs.h). */
struct CsFn;
typedef struct CsCC {
   struct CsCC* next;         /* hash chain */
   struct CsFn* fn;
   const HChar* file;         /* source file of this line (may be inlined) */
   UInt line;                 /* 0 if unknown */
   UInt xrow;                 /* its row of extra events (see cs_xrows), in
                                 what was padding: the default's cost centre
                                 is no larger for it */
   Addr addr;                 /* object-relative instruction, with --dump-instr */
   ULong ev[CS_N_EVENTS];
} CsCC;

/* The extra events (model/events.h) a run counts, chosen at start-up
 * (profile/event_set.c): cs_n_xev of them (0 for Cachegrind's model), in
 * a row per cost centre, cs_xrows + cc->xrow * cs_n_xev; event x is in
 * column cs_xcol[x] (-1 when not counted).  The rows grow as cost
 * centres are made (at translation), so they are found from cs_xrows at
 * each use, never kept as pointers.  With the call graph on, cs_xrunning
 * holds their running totals, as cs_running does for the 13. */
extern UInt cs_n_xev;
extern Int cs_xcol[CS_N_XEVENTS];
extern ULong* cs_xrows;
extern ULong* cs_xrunning;

static inline ULong* cs_cc_xrow(const CsCC* cc)
{
   return cs_xrows + (SizeT)cc->xrow * cs_n_xev;
}

/* Most cost centres come from a static pool (profile/costs.c), so that
 * an index can stand for one in a helper's argument. */
#define CS_CC_POOL_SIZE (256 * 1024)
extern CsCC cs_cc_pool[CS_CC_POOL_SIZE];

/* With the call graph on: everything counted (while collecting), all
 * threads; the generated code adds to it beside each cost centre. */
extern ULong cs_running[CS_N_EVENTS];
/* The generated code adds the commonest events to two words instead, two
 * 32-bit fields in each (one add where there were two):
 *   cs_running_packed[0] = Ir | Dr << 32,  [1] = Bcm | Bc << 32
 * (a conditional branch adds its table entry, mispredicted | 1 << 32:
 * see instrument/predictors.c).
 * cs_calls_fold (profile/callgraph.c) moves them into cs_running.  It runs
 * at every time slice, so a field gets at most a time slice's count
 * (100,000 superblocks of at most a few hundred events each) between
 * folds; cs_running_can_pack says whether the slice is short enough. */
extern ULong cs_running_packed[2];
#define CS_PACK_HIGH 32

/* ---- The simulated caches and predictors (set up by caches.c) ----
 * The generated code reads I1's and D1's tags (the inline MRU tests) and
 * runs the branch predictors inline. */
extern cs_cache_t cs_I1, cs_D1, cs_LL;
extern cs_bpred_t* cs_bpred;

/* A CPU description other than Cachegrind's model (--cpu, --L2, a
 * policy or inclusion option) runs the general hierarchy instead
 * (model/hierarchy.h); cs_I1, cs_D1 and cs_LL then hold only geometries.
 * The generated code tests each access against the L1 caches' mirrors
 * of their fast exits (model/policy.h), seen as one-way caches of line
 * addresses so that the default's inline tests apply as they are:
 * cs_I1_fast for fetches, cs_D1_fast_read for reads, cs_D1_fast_write
 * for writes and modifies (the read one again without write-back). */
extern Bool cs_hier_on;
extern cs_hier_t cs_hier;
extern cs_cache_t cs_I1_fast, cs_D1_fast_read, cs_D1_fast_write;
/* With a classifier (--classify-misses=yes): per kind (fetch, read,
 * write or modify), the line on which an access changes nothing, neither
 * in L1 nor in its twin (cs_hier_quiet_line), or CS_POLICY_NO_LINE; the
 * helpers keep it up to date and the generated code tests each access
 * against it instead of L1's mirrors. */
enum { CS_QUIET_FETCH = CS_HIER_IFETCH, CS_QUIET_READ = CS_HIER_READ,
       CS_QUIET_WRITE = CS_HIER_WRITE };
extern cs_line_t cs_hier_quiet[3];

/* ---- Functions left and entered ----
 * The generated code compares the stack pointer with these and calls the
 * matching unwind function when it has risen above (the function has
 * returned, or was left by longjmp or an exception). */

/* --toggle-collect (control/collection.c): the running thread's innermost
 * matching function's stack pointer at entry, all ones when there is none;
 * cs_toggle_enter is called at a matching function's first instruction. */
extern Addr cs_toggle_top_sp;
VG_REGPARM(1) void cs_toggle_enter(Addr sp);
VG_REGPARM(1) void cs_toggle_unwind(Addr sp);

/* The call graph (profile/callgraph.c): the running thread's innermost
 * frame's stack pointer at entry; cs_calls_enter is called at every
 * function's first instruction, with the function's id (CsFn.id). */
extern Addr cs_calls_top_sp;
VG_REGPARM(2) void cs_calls_enter(UWord fn_id, Addr sp);
VG_REGPARM(1) void cs_calls_unwind(Addr sp);

/* (--deterministic=yes adds to det_guest_instrs, det/clock.h, in code of
 * its own: see det/ir.c.) */

#endif
