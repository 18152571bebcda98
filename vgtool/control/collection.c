/* control/collection.c - what is measured when: instrumentation on/off,
 * collection on/off (by request, by option, or inside --toggle-collect
 * functions).
 *
 * Switching instrumentation or collection never touches the simulated
 * caches or predictors, so a measured region sees them as the program left
 * them (warm); CACHESIM_FLUSH_CACHES is the one way to start cold. */
#include "control/collection.h"
#include "options.h"
#include "runtime.h"
#include "pub_tool_libcassert.h"
#include "pub_tool_libcbase.h"
#include "pub_tool_libcprint.h"
#include "pub_tool_mallocfree.h"
#include "pub_tool_threadstate.h"
#include "pub_tool_transtab.h"

Bool cs_counts_masked;
Bool cs_instr_enabled = True;

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

void cs_collection_thread_starts(ThreadId tid)
{
   if (tid != running) {
      running = tid;
      update_state();
   }
}

void cs_collection_init(void)
{
   collect_base = cs_clo.collect_atstart;
   cs_instr_enabled = cs_clo.instr_atstart;
   running = 1;
   cs_counts_masked = cs_clo.n_toggle_fns > 0;
   /* Nothing is translated yet: set the mask without update_state. */
   cs_collect_mask = collect_base ? ~0ULL : 0;
}

void cs_collection_set(Bool on)
{
   collect_base = on;
   update_state();
}

void cs_collection_flip(void)
{
   cs_collection_set(!collect_base);
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

void cs_instrumentation_set(Bool on, const HChar* request)
{
   if (on == cs_instr_enabled) {
      VG_(dmsg)("warning: %s: instrumentation is already %s\n", request, on ? "on" : "off");
      return;
   }
   /* Throw away the code made under the old setting. */
   VG_(discard_translations_safely)((Addr)0x1000, ~(SizeT)0xfff, "cachesim");
   cs_instr_enabled = on;
}
