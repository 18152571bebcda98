/* profile/event_set.c - which events a run counts and writes, and their
 * names.
 *
 * One table lists every event in the order the profile writes them: for
 * each access kind its count, then its misses level by level (Cachegrind's
 * order, with L2's between L1's and LL's), then the branches, then the
 * writebacks, then the prefetches, then the miss classes.  Cachegrind's
 * model writes exactly Cachegrind's 13 events (fewer with --cache-sim=no
 * or --branch-sim=no); a description with an L2 adds I2mr D2mr D2mw, one
 * with write-back D1wb (L2wb) LLwb, a level with a prefetcher its pf and
 * pfu events, --classify-misses=yes each level's cmp, cap and cnf. */
#include "profile/event_set.h"
#include "options.h"
#include "pub_tool_libcbase.h"
#include "pub_tool_libcassert.h"
#include "pub_tool_mallocfree.h"

typedef struct {
   const HChar* name;
   const HChar* long_name;
   Int ev;                    /* EV_*, or -1 for an extra event */
   Int xev;                   /* XEV_* when ev is -1 */
} EventDef;

#define BASE(n, e, l) { n, l, e, -1 }
#define EXTRA(n, x, l) { n, l, -1, x }

static const EventDef all_events[] = {
   BASE("Ir", EV_Ir, "Instruction fetches"),
   BASE("I1mr", EV_I1mr, "L1 instruction cache misses"),
   EXTRA("I2mr", XEV_I2mr, "L2 cache misses of instruction fetches"),
   BASE("ILmr", EV_ILmr, "Last-level cache misses of instruction fetches"),
   BASE("Dr", EV_Dr, "Data reads"),
   BASE("D1mr", EV_D1mr, "L1 data cache read misses"),
   EXTRA("D2mr", XEV_D2mr, "L2 cache misses of data reads"),
   BASE("DLmr", EV_DLmr, "Last-level cache misses of data reads"),
   BASE("Dw", EV_Dw, "Data writes"),
   BASE("D1mw", EV_D1mw, "L1 data cache write misses"),
   EXTRA("D2mw", XEV_D2mw, "L2 cache misses of data writes"),
   BASE("DLmw", EV_DLmw, "Last-level cache misses of data writes"),
   BASE("Bc", EV_Bc, "Conditional branches"),
   BASE("Bcm", EV_Bcm, "Mispredicted conditional branches"),
   BASE("Bi", EV_Bi, "Indirect branches"),
   BASE("Bim", EV_Bim, "Mispredicted indirect branches"),
   EXTRA("D1wb", XEV_D1wb, "Dirty lines written back from D1 (writebacks)"),
   EXTRA("L2wb", XEV_L2wb, "Dirty lines written back from L2"),
   EXTRA("LLwb", XEV_LLwb, "Dirty lines written back from the last level to memory"),
   EXTRA("D1pf", XEV_D1pf, "Lines prefetched into D1"),
   EXTRA("D1pfu", XEV_D1pfu, "Useful D1 prefetches (hit by a demand access before eviction)"),
   EXTRA("L2pf", XEV_L2pf, "Lines prefetched into L2"),
   EXTRA("L2pfu", XEV_L2pfu, "Useful L2 prefetches (hit by a demand access before eviction)"),
   EXTRA("LLpf", XEV_LLpf, "Lines prefetched into the last level"),
   EXTRA("LLpfu", XEV_LLpfu, "Useful last-level prefetches (hit by a demand access before eviction)"),
   EXTRA("I1cmp", XEV_I1cmp, "I1 compulsory misses (first touch of the line)"),
   EXTRA("I1cap", XEV_I1cap, "I1 capacity misses (a fully associative I1 misses too)"),
   EXTRA("I1cnf", XEV_I1cnf, "I1 conflict misses (a fully associative I1 would hit)"),
   EXTRA("D1cmp", XEV_D1cmp, "D1 compulsory misses (first touch of the line)"),
   EXTRA("D1cap", XEV_D1cap, "D1 capacity misses (a fully associative D1 misses too)"),
   EXTRA("D1cnf", XEV_D1cnf, "D1 conflict misses (a fully associative D1 would hit)"),
   EXTRA("L2cmp", XEV_L2cmp, "L2 compulsory misses (first touch of the line)"),
   EXTRA("L2cap", XEV_L2cap, "L2 capacity misses (a fully associative L2 misses too)"),
   EXTRA("L2cnf", XEV_L2cnf, "L2 conflict misses (a fully associative L2 would hit)"),
   EXTRA("LLcmp", XEV_LLcmp, "Last-level compulsory misses (first touch of the line)"),
   EXTRA("LLcap", XEV_LLcap, "Last-level capacity misses (a fully associative LL misses too)"),
   EXTRA("LLcnf", XEV_LLcnf, "Last-level conflict misses (a fully associative LL would hit)"),
};
#define N_DEFS (sizeof all_events / sizeof all_events[0])

static const EventDef* written[N_DEFS];
static UInt written_slot[N_DEFS];
static UInt n_written;

static Bool base_written(Int ev)
{
   if (ev == EV_Ir)
      return True;
   if (ev >= EV_Bc)
      return cs_clo.branch_sim;
   return cs_clo.cache_sim;
}

void cs_event_set_choose(const cs_cpu_t* cpu, Bool hier)
{
   Bool counted[CS_N_XEVENTS];
   Bool l2 = cpu->cache[CS_CPU_L2].present;
   UInt i;

   VG_(memset)(counted, 0, sizeof counted);
   if (hier && cs_clo.cache_sim) {
      counted[XEV_I2mr] = counted[XEV_D2mr] = counted[XEV_D2mw] = l2;
      counted[XEV_D1wb] = counted[XEV_LLwb] = cpu->writeback != 0;
      counted[XEV_L2wb] = cpu->writeback && l2;
      counted[XEV_D1pf] = counted[XEV_D1pfu] = cpu->cache[CS_CPU_D1].prefetcher.kinds != 0;
      counted[XEV_L2pf] = counted[XEV_L2pfu] = l2 && cpu->cache[CS_CPU_L2].prefetcher.kinds != 0;
      counted[XEV_LLpf] = counted[XEV_LLpfu] = cpu->cache[CS_CPU_LL].prefetcher.kinds != 0;
      if (cs_clo.classify_misses)
         for (i = XEV_I1cmp; i <= XEV_LLcnf; i++)
            counted[i] = i < XEV_L2cmp || i > XEV_L2cnf || l2;
   }
   cs_n_xev = 0;
   for (i = 0; i < CS_N_XEVENTS; i++)
      cs_xcol[i] = counted[i] ? (Int)cs_n_xev++ : -1;

   n_written = 0;
   for (i = 0; i < N_DEFS; i++) {
      const EventDef* d = &all_events[i];
      if (d->ev >= 0 ? !base_written(d->ev) : cs_xcol[d->xev] < 0)
         continue;
      written[n_written] = d;
      written_slot[n_written] = d->ev >= 0 ? (UInt)d->ev : CS_N_EVENTS + (UInt)cs_xcol[d->xev];
      n_written++;
   }
   if (cs_n_xev > 0 && cs_clo.call_graph)
      cs_xrunning = VG_(calloc)("cs.events.running", cs_n_xev, sizeof(ULong));
}

UInt cs_full_events(void)
{
   return CS_N_EVENTS + cs_n_xev;
}

UInt cs_written_events(void)
{
   return n_written;
}

const HChar* cs_written_name(UInt k)
{
   return written[k]->name;
}

const HChar* cs_written_long_name(UInt k)
{
   return written[k]->long_name;
}

UInt cs_written_slot(UInt k)
{
   return written_slot[k];
}

Bool cs_event_is_written(const HChar* name)
{
   UInt k;
   for (k = 0; k < n_written; k++)
      if (VG_(strcmp)(written[k]->name, name) == 0)
         return True;
   return False;
}

void cs_cc_full(const CsCC* cc, ULong full[CS_MAX_EVENTS])
{
   VG_(memcpy)(full, cc->ev, sizeof cc->ev);
   if (cs_n_xev > 0)
      VG_(memcpy)(full + CS_N_EVENTS, cs_cc_xrow(cc), cs_n_xev * sizeof(ULong));
}
