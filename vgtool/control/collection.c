/* cs_requests.c - what is measured when: instrumentation on/off, collection
 * on/off (by request, by option, or inside --toggle-collect functions),
 * zeroing, dumping parts and flushing the simulated caches.
 *
 * Switching instrumentation or collection never touches the simulated
 * caches or predictors, so a measured region sees them as the program left
 * them (warm); CACHESIM_FLUSH_CACHES is the one way to start cold. */
#include "runtime.h"
#include "pub_tool_libcassert.h"
#include "pub_tool_libcbase.h"
#include "pub_tool_libcprint.h"
#include "pub_tool_mallocfree.h"
#include "pub_tool_threadstate.h"
#include "pub_tool_transtab.h"
#include "cachesim.h"

ULong cs_collect_mask = ~0ULL;
Bool cs_counts_masked;
Bool cs_instr_enabled = True;
Addr cs_toggle_top_sp = ~(Addr)0;

/* Collection as set by --collect-atstart and the collection requests.
 * Inside a --toggle-collect function it is inverted, as in Callgrind. */
static Bool collect_base = True;

/* Per thread: the stack pointers at entry of the --toggle-collect
 * functions it is inside, innermost last. */
typedef struct { Addr* sp; UInt n, cap; } ToggleStack;
static ToggleStack* stacks;
static UInt n_stacks;
static ThreadId running;

static ToggleStack* stack_of(ThreadId tid)
{
   if (tid >= n_stacks) {
      UInt n = tid + 8;
      stacks = VG_(realloc)("cs.toggle.stacks", stacks, n * sizeof *stacks);
      VG_(memset)(stacks + n_stacks, 0, (n - n_stacks) * sizeof *stacks);
      n_stacks = n;
   }
   return &stacks[tid];
}

/* Collection changes by request that remake the code; after that many the
 * code tests the mask instead, so that a program switching collection in
 * a loop does not pay for a retranslation each time. */
#define REMAKES_BEFORE_MASKING 16
static UInt n_remakes;

/* Recompute what the generated code reads, for the running thread.
 * Unless the generated code tests the mask, it counts without testing
 * (or does not count), so a change of collection remakes it. */
static void update_state(void)
{
   ToggleStack* s = stack_of(running);
   Bool on = collect_base != (s->n > 0);
   ULong mask = on ? ~0ULL : 0;
   if (mask != cs_collect_mask && !cs_counts_masked) {
      if (++n_remakes > REMAKES_BEFORE_MASKING)
         cs_counts_masked = True;    /* the last remake: masked from now on */
      VG_(discard_translations_safely)((Addr)0x1000, ~(SizeT)0xfff, "cachesim");
   }
   cs_collect_mask = mask;
   cs_toggle_top_sp = s->n > 0 ? s->sp[s->n - 1] : ~(Addr)0;
}

/* The core is about to run tid's code (a new time slice).  The core keeps
 * one such callback per tool, so it serves the call graph too. */
static void thread_starts(ThreadId tid, ULong blocks_done)
{
   if (cs_clo.call_graph)
      cs_calls_thread_starts(tid);
   if (tid != running) {
      running = tid;
      update_state();
   }
}

void cs_requests_init(void)
{
   collect_base = cs_clo.collect_atstart;
   cs_instr_enabled = cs_clo.instr_atstart;
   running = 1;
   cs_counts_masked = cs_clo.n_toggle_fns > 0;
   /* Nothing is translated yet: set the mask without update_state. */
   cs_collect_mask = collect_base ? ~0ULL : 0;
   VG_(track_start_client_code)(thread_starts);
}

VG_REGPARM(1) void cs_toggle_enter(Addr sp)
{
   ToggleStack* s = stack_of(VG_(get_running_tid)());
   if (s->n == s->cap) {
      s->cap = s->cap ? 2 * s->cap : 16;
      s->sp = VG_(realloc)("cs.toggle.sp", s->sp, s->cap * sizeof(Addr));
   }
   s->sp[s->n++] = sp;
   update_state();
}

/* The stack pointer is above the innermost frame's entry value: that
 * function has returned (or was left by longjmp or an exception). */
VG_REGPARM(1) void cs_toggle_unwind(Addr sp)
{
   ToggleStack* s = stack_of(VG_(get_running_tid)());
   while (s->n > 0 && s->sp[s->n - 1] < sp)
      s->n--;
   update_state();
}

static void set_instrumentation(Bool on, const HChar* request)
{
   if (on == cs_instr_enabled) {
      VG_(dmsg)("warning: %s: instrumentation is already %s\n", request, on ? "on" : "off");
      return;
   }
   /* Throw away the code made under the old setting. */
   VG_(discard_translations_safely)((Addr)0x1000, ~(SizeT)0xfff, "cachesim");
   cs_instr_enabled = on;
}

Bool cs_handle_client_request(ThreadId tid, UWord* args, UWord* ret)
{
   if (!VG_IS_TOOL_USERREQ('C', 'S', args[0]))
      return False;
   *ret = 0;
   switch (args[0]) {
   case CACHESIM_USERREQ_START_INSTRUMENTATION:
      set_instrumentation(True, "CACHESIM_START_INSTRUMENTATION");
      break;
   case CACHESIM_USERREQ_STOP_INSTRUMENTATION:
      set_instrumentation(False, "CACHESIM_STOP_INSTRUMENTATION");
      break;
   case CACHESIM_USERREQ_START_COLLECTION:
      collect_base = True;
      update_state();
      break;
   case CACHESIM_USERREQ_STOP_COLLECTION:
      collect_base = False;
      update_state();
      break;
   case CACHESIM_USERREQ_TOGGLE_COLLECT:
      collect_base = !collect_base;
      update_state();
      break;
   case CACHESIM_USERREQ_ZERO_STATS:
      cs_costs_zero();
      if (cs_clo.call_graph)
         cs_calls_zero();
      break;
   case CACHESIM_USERREQ_DUMP_STATS_AT:
      cs_dump_part((const HChar*)args[1]);
      break;
   case CACHESIM_USERREQ_FLUSH_CACHES:
      cs_flush_caches();
      break;
   default:
      VG_(dmsg)("warning: unknown cachesim client request 0x%lx (from a newer cachesim.h?)\n",
                args[0]);
      return False;
   }
   return True;
}
