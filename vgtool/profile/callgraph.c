/* profile/callgraph.c - call tracking: a shadow stack per thread, call counts
 * and inclusive costs per caller->callee arc, and the exact calling-context
 * tree (every distinct stack of functions seen) with costs per context.
 *
 * Calls: the generated code calls cs_calls_enter at every function's first
 * instruction, wherever it is in a superblock (VEX follows direct calls
 * into the callee, so a call need not end a superblock).  Returns: at the
 * end of every superblock that ends in a return or a computed jump, the
 * generated code compares the stack pointer with the innermost frame's
 * value at entry; above it, that function has returned (or was left by
 * longjmp or an exception), and cs_calls_unwind pops it.  After a signal
 * handler, Valgrind's post-signal event does the same.  A jump to a
 * function's entry (a tail call) pushes a frame with the same stack
 * pointer: both pop together.
 *
 * Costs: every counted event also goes into cs_running; a frame remembers
 * its thread's total at entry, and at exit the difference is the
 * activation's inclusive cost, added to its context.  Contexts are told
 * apart by call site as well as by function, so each is reached by one
 * arc; when a profile is written, an arc gets its contexts' calls, and
 * their inclusive costs where the function is not already on the path
 * (so recursion never counts a cost twice).  A context's self cost is its
 * inclusive cost less its children's.  Contexts deeper than
 * MAX_CONTEXT_DEPTH share the deepest one, which keeps the tree bounded
 * however deep the recursion goes; frames there count their arcs as they
 * return.
 *
 * The extra events of a general CPU model (runtime.h: cs_n_xev of them,
 * 0 for Cachegrind's model) follow the same arithmetic beside the 13: in
 * cs_xrunning, each frame's xenter row, each context's counts (after
 * the 13) and each arc's xincl.
 * Every step with them is behind a test of cs_n_xev, so that the default
 * model's calls and returns do no more than they did. */
#include "profile/callgraph.h"
#include "profile/contexts.h"
#include "profile/hugemem.h"
#include "options.h"
#include "runtime.h"
#include "pub_tool_libcassert.h"
#include "pub_tool_libcbase.h"
#include "pub_tool_libcprint.h"
#include "pub_tool_mallocfree.h"
#include "pub_tool_threadstate.h"
#include "pub_tool_machine.h"
#include "pub_tool_vki.h"

/* The loops over the events below run at every call and return; GCC's -O2
 * leaves them scalar because 13 events need a remainder step. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize ("vect-cost-model=cheap")
#endif

/* The steps of a call and a return, inlined into cs_calls_enter and
 * cs_calls_unwind: GCC left most of them calls of their own, which at
 * every call and return cost more than their work. */
#define HOT_STEP static inline __attribute__((always_inline))

/* cs_running is read two events at a time (SSE2) just after the fold, so
 * the fold writes it the same way: a 16-byte load over two fresh 8-byte
 * stores would wait for them to reach the cache, where one over a 16-byte
 * store is served from the store itself. */
typedef ULong EventPair __attribute__((vector_size(16)));

static void add_to_running(Int ev, ULong n)
{
   EventPair add = { 0, 0 };
   add[ev & 1] = n;
   ((EventPair*)cs_running)[ev >> 1] += add;
}

HOT_STEP void fold(void)
{
   const ULong low = (1ULL << CS_PACK_HIGH) - 1;
   add_to_running(EV_Ir, cs_running_packed[0] & low);
   add_to_running(EV_Dr, cs_running_packed[0] >> CS_PACK_HIGH);
   add_to_running(EV_Bc, cs_running_packed[1] >> CS_PACK_HIGH);
   add_to_running(EV_Bcm, cs_running_packed[1] & low);
   cs_running_packed[0] = cs_running_packed[1] = 0;
}

void cs_calls_fold(void)
{
   fold();
}

/* Newer cores take the time slice as an option (--scheduling-quantum);
 * older ones fix it at 100,000 superblocks. */
extern Word VG_(clo_scheduling_quantum) __attribute__((weak));

Bool cs_running_can_pack(void)
{
   /* 2^32 / 10,000,000 leaves each superblock 429 of each packed event
    * per run, more than the VEX limit of 100 instructions can make. */
   return &VG_(clo_scheduling_quantum) == NULL || VG_(clo_scheduling_quantum) <= 10000000;
}

/* ---- Functions and call sites by number ----
 * Contexts, call slots and frames hold 32-bit numbers instead of pointers:
 * a function by its CsFn id (the generated code passes it), a call site
 * by a number given to each call instruction's cost centre. */
static CsFn** fn_by_id;
static UInt fn_by_id_cap;

void cs_calls_note_fn(CsFn* fn)
{
   if (fn->id >= fn_by_id_cap) {
      UInt n = fn->id + 1024;
      fn_by_id = VG_(realloc)("cs.calls.fns", fn_by_id, n * sizeof(CsFn*));
      VG_(memset)(fn_by_id + fn_by_id_cap, 0, (n - fn_by_id_cap) * sizeof(CsFn*));
      fn_by_id_cap = n;
   }
   fn_by_id[fn->id] = fn;
}

/* Site 0 is "unknown" (NULL); site k >= 1 is sites[k], in the function
 * whose id is site_fn[k]. */
static const CsCC** sites;
static UInt* site_fn;
static UInt n_sites = 1, sites_cap;
/* Cost centre -> its site number (open addressing, 0 = empty). */
static UInt* site_slots;
static UWord site_slots_cap, site_slots_used;

static UWord site_hash(const CsCC* cc)
{
   return (((UWord)cc >> 3) * 0x9E3779B97F4A7C15ULL) >> 20;
}

static UInt site_number(const CsCC* cc)
{
   UWord i;
   if (4 * (site_slots_used + 1) > 3 * site_slots_cap) {
      UInt* old = site_slots;
      UWord old_cap = site_slots_cap, j;
      site_slots_cap = old_cap ? 2 * old_cap : 1024;
      site_slots = VG_(calloc)("cs.calls.sites", site_slots_cap, sizeof(UInt));
      for (j = 0; j < old_cap; j++) {
         if (old[j] == 0)
            continue;
         for (i = site_hash(sites[old[j]]) & (site_slots_cap - 1); site_slots[i];
              i = (i + 1) & (site_slots_cap - 1))
            ;
         site_slots[i] = old[j];
      }
      VG_(free)(old);
   }
   for (i = site_hash(cc) & (site_slots_cap - 1); site_slots[i];
        i = (i + 1) & (site_slots_cap - 1))
      if (sites[site_slots[i]] == cc)
         return site_slots[i];
   if (n_sites >= sites_cap) {
      sites_cap = sites_cap ? 2 * sites_cap : 1024;
      sites = VG_(realloc)("cs.calls.sites", sites, sites_cap * sizeof(CsCC*));
      site_fn = VG_(realloc)("cs.calls.sites", site_fn, sites_cap * sizeof(UInt));
      sites[0] = NULL;
   }
   sites[n_sites] = cc;
   site_fn[n_sites] = cc->fn->id;
   site_slots[i] = n_sites;
   site_slots_used++;
   return n_sites++;
}

/* Return address -> the call instruction's site, for every call
 * instruction translated so far (cost centres are never freed), with the
 * site's function and, for the callee it called last, the number of the
 * (callee, site) pair (profile/contexts.h): a call the call cache misses
 * finds both in one probe. */
typedef struct {
   Addr ret;
   UInt site;
   UInt caller;               /* site_fn[site] */
   UInt callee;               /* CS_CTX_NO_FN: none yet */
   UInt pair;                 /* the pair (callee, site) */
} RetSlot;
static RetSlot* rets;
static UWord rets_cap, rets_used;

static UWord ret_slot(Addr ret)
{
   return ((ret >> 1) * 0x9E3779B97F4A7C15ULL) & (rets_cap - 1);
}

static void call_slots_forget(void);
static void resolve_pending(void);

void cs_calls_note_call(Addr ret, const CsCC* cc)
{
   UInt site = site_number(cc);
   UWord i;
   if (4 * (rets_used + 1) > 3 * rets_cap) {
      RetSlot* old = rets;
      UWord old_cap = rets_cap, j;
      rets_cap = rets_cap ? 2 * rets_cap : 4096;
      rets = cs_huge_alloc("cs.calls.rets", rets_cap * sizeof *rets);
      VG_(memset)(rets, 0, rets_cap * sizeof *rets);
      for (j = 0; j < old_cap; j++) {
         if (old[j].ret) {
            for (i = ret_slot(old[j].ret); rets[i].ret; i = (i + 1) & (rets_cap - 1))
               ;
            rets[i] = old[j];
         }
      }
      cs_huge_free(old);
   }
   for (i = ret_slot(ret); rets[i].ret && rets[i].ret != ret; i = (i + 1) & (rets_cap - 1))
      ;
   if (rets[i].ret != ret || rets[i].site != site)
      resolve_pending();      /* a pending call's site is the one it had */
   if (!rets[i].ret)
      rets_used++;
   else if (rets[i].site != site)
      call_slots_forget();
   if (rets[i].ret != ret || rets[i].site != site) {
      rets[i].callee = CS_CTX_NO_FN;
      rets[i].caller = site_fn[site];
   }
   rets[i].ret = ret;
   rets[i].site = site;
}

void cs_calls_finish(void)
{
   cs_huge_free(rets);
   rets = NULL;
   rets_cap = rets_used = 0;
}

static RetSlot* ret_of(Addr ret)
{
   UWord i;
   if (rets_cap == 0 || ret == 0)
      return NULL;
   for (i = ret_slot(ret); rets[i].ret; i = (i + 1) & (rets_cap - 1))
      if (rets[i].ret == ret)
         return &rets[i];
   return NULL;
}

/* ---- Finding a call's context ----
 * The context of a call is its caller's context's child for the callee
 * and the call site (profile/contexts.c's index finds it); the site comes
 * from the return address on the stack, a probe of the table of return
 * addresses.  Most calls are made again and again, so a cache in front
 * maps (caller's context, callee, return address) straight to the
 * context: one probe. */
#define NO_FN CS_CTX_NO_FN

/* The cache: (parent, callee, return address) -> context, direct-mapped.
 * A return address above 4 GB (rare: Valgrind loads code low) is keyed
 * by its site instead, which the HIGH_RET bit of fn says. */
typedef struct {
   UInt parent;               /* the caller's context; 0: empty slot */
   UInt fn;                   /* the callee's CsFn id, | HIGH_RET */
   UInt ret;                  /* the return address's low 32 bits, or its site */
   UInt node;                 /* the callee's context */
} CallSlot;

#define HIGH_RET 0x80000000u
#define CALL_CACHE_MAX_BITS 17    /* 2 MB: one huge page */

static CallSlot* call_cache;
static UWord call_cache_cap;

static UWord call_slot(UInt parent, UInt fn, UInt ret)
{
   ULong h = parent * 0x9E3779B97F4A7C15ULL ^ ret * 0xC2B2AE3D27D4EB4FULL
             ^ fn * 0x165667B19E3779F9ULL;
   return (UWord)(h ^ (h >> 29));
}

/* As many slots as contexts, up to the limit. */
static void call_cache_fit(void)
{
   UWord want = call_cache_cap ? call_cache_cap : 1024;
   while (want < cs_ctx_end() && want < ((UWord)1 << CALL_CACHE_MAX_BITS))
      want *= 2;
   if (want == call_cache_cap)
      return;
   cs_huge_free(call_cache);
   call_cache = cs_huge_alloc("cs.calls.cache", want * sizeof(CallSlot));
   VG_(memset)(call_cache, 0, want * sizeof(CallSlot));
   call_cache_cap = want;
}

/* A return address now names another call site (its code was replaced):
 * forget the cached calls, to be resolved again. */
static void call_slots_forget(void)
{
   if (call_cache != NULL)
      VG_(memset)(call_cache, 0, call_cache_cap * sizeof(CallSlot));
}

/* While a profile is written, the cache is not needed (no call is made):
 * its memory goes back, for the arcs that writing makes, and it is made
 * again at the next call. */
static void cache_release(void)
{
   cs_huge_free(call_cache);
   call_cache = NULL;
   call_cache_cap = 0;
}


typedef struct {
   Addr sp;                   /* stack pointer at entry */
   UInt fn;                   /* CsFn id */
   UInt node;                 /* its context; PENDING until looked up */
   CsArc* arc;                /* NULL but past the depth limit */
   /* While node is PENDING: the return address at entry and the call
    * cache's slot for the call (asked of the host's caches at entry). */
   Addr ret;
   CallSlot* slot;
   ULong calls;               /* 1 if its call is still to be counted */
   ULong enter[CS_N_EVENTS];  /* cs_running at entry (see ThreadCalls) */
} Frame;

typedef struct {
   Frame* frames;
   UInt n, cap;
   UInt root;                 /* its contexts' root (code outside any function) */
   /* By CsFn id, its activations on this stack, for the arcs of frames
    * past the depth limit: counted only while deep is set, from the first
    * call past the limit until the stack is half as deep again, so that
    * calls and returns nearer the root do not touch them. */
   UInt* fn_active;
   UInt n_fn_active;
   Bool deep;
   /* Its frames' totals at entry and part_start are values of cs_running
    * while it ran: a call and a return need no more than cs_running.
    * While others run, stop holds cs_running as it was when this thread
    * stopped; when it runs again, what the others counted meanwhile is
    * added to its frames' and part_start's (cs_calls_thread_starts). */
   ULong stop[CS_N_EVENTS];
   ULong part_start[CS_N_EVENTS];   /* cs_running when this part began */
   /* The same for the extra events, cs_n_xev each (NULL without them);
    * xenter has a row per frame, beside frames. */
   ULong *xbase, *xown, *xpart_start, *xenter;
   Addr stack_max;            /* the thread's stack, for reading return addresses */
   SizeT stack_size;
   Bool used;
} ThreadCalls;

static ThreadCalls* threads;
static UInt n_threads;
static ThreadId running = 1;
static ThreadCalls* running_t;   /* &threads[running], once made */
static CsArc** all_arcs;
static UInt n_arcs, cap_arcs;

/* Contexts deeper than this share the deepest one's node, so that
 * unbounded recursion needs bounded memory. */
#define MAX_CONTEXT_DEPTH 400

/* A frame's context not looked up yet (no context is 0). */
#define PENDING 0

/* A frame's row of extra events at entry. */
static ULong* xenter_of(const ThreadCalls* t, UInt frame)
{
   return t->xenter + (SizeT)frame * cs_n_xev;
}

/* The thread's extra events now (below). */
static void own_now_x(const ThreadCalls* t, ULong* out);

static ThreadCalls* thread_calls(ThreadId tid)
{
   if (tid >= n_threads) {
      UInt n = tid + 8;
      threads = VG_(realloc)("cs.calls.threads", threads, n * sizeof *threads);
      VG_(memset)(threads + n_threads, 0, (n - n_threads) * sizeof *threads);
      n_threads = n;
      running_t = running < n_threads ? &threads[running] : NULL;
   }
   if (!threads[tid].used) {
      threads[tid].used = True;
      cs_calls_fold();
      threads[tid].root = cs_ctx_root();
      VG_(memcpy)(threads[tid].stop, cs_running, sizeof cs_running);
      VG_(memcpy)(threads[tid].part_start, cs_running, sizeof cs_running);
      if (cs_n_xev > 0) {
         ThreadCalls* t = &threads[tid];
         t->xbase = VG_(calloc)("cs.calls.x", cs_n_xev, sizeof(ULong));
         t->xown = VG_(calloc)("cs.calls.x", cs_n_xev, sizeof(ULong));
         t->xpart_start = VG_(calloc)("cs.calls.x", cs_n_xev, sizeof(ULong));
         VG_(memcpy)(t->xbase, cs_xrunning, cs_n_xev * sizeof(ULong));
      }
   }
   return &threads[tid];
}

/* This thread's totals now, to take its frames' totals at entry from:
 * cs_running for the running thread, what it was when they stopped for
 * the others. */
static inline const ULong* now_of(const ThreadCalls* t)
{
   if (t != running_t)
      return t->stop;
   fold();
   return cs_running;
}

/* The extra events are counted from the thread's own start instead:
 * cs_xrunning less xbase while it runs (what the others counted while it
 * did not), xown when it stopped. */
static void own_now_x(const ThreadCalls* t, ULong* out)
{
   UInt e;
   if (t != running_t) {
      VG_(memcpy)(out, t->xown, cs_n_xev * sizeof(ULong));
      return;
   }
   for (e = 0; e < cs_n_xev; e++)
      out[e] = cs_xrunning[e] - t->xbase[e];
}

HOT_STEP void update_top(const ThreadCalls* t)
{
   cs_calls_top_sp = t->n > 0 ? t->frames[t->n - 1].sp : ~(Addr)0;
}

void cs_calls_thread_starts(ThreadId tid)
{
   ThreadCalls *old, *new;
   ULong delta[CS_N_EVENTS];
   UInt i;
   Int e;
   cs_calls_fold();               /* every slice, so that no field overflows */
   if (tid == running)
      return;
   resolve_pending();             /* its calls are looked up in order */
   old = thread_calls(running);
   VG_(memcpy)(old->stop, cs_running, sizeof cs_running);
   if (cs_n_xev > 0)
      own_now_x(old, old->xown);
   running = tid;
   new = thread_calls(tid);
   running_t = new;
   /* What the other threads counted since it stopped is not its. */
   for (e = 0; e < CS_N_EVENTS; e++) {
      delta[e] = cs_running[e] - new->stop[e];
      new->part_start[e] += delta[e];
   }
   for (i = 0; i < new->n; i++)
      for (e = 0; e < CS_N_EVENTS; e++)
         new->frames[i].enter[e] += delta[e];
   for (e = 0; e < (Int)cs_n_xev; e++)
      new->xbase[e] = cs_xrunning[e] - new->xown[e];
   update_top(new);
}

static void pop(ThreadCalls* t, const ULong* now);

/* Pop the frames that sp has risen above: their functions have returned
 * (or were left by longjmp, an exception or a signal handler's end). */
HOT_STEP void pop_returned(ThreadCalls* t, Addr sp)
{
   if (t->n > 0 && t->frames[t->n - 1].sp < sp) {
      const ULong* now = now_of(t);
      do
         pop(t, now);
      while (t->n > 0 && t->frames[t->n - 1].sp < sp);
   }
}

/* A thread ends: its functions end with it, and its slot may be reused by
 * a later thread, which must start with an empty stack. */
static void thread_exits(ThreadId tid)
{
   ThreadCalls* t;
   if (tid >= n_threads || !threads[tid].used)
      return;
   t = &threads[tid];
   while (t->n > 0)
      pop(t, now_of(t));
   t->stack_max = 0;
   t->stack_size = 0;
   if (tid == running)
      update_top(t);
}

/* A signal handler returned: the stack pointer is the interrupted code's
 * again, and the handler's frames (if it did not return normally) end. */
static void signal_returned(ThreadId tid, Int sig)
{
   ThreadCalls* t;
   Addr sp = VG_(get_SP)(tid);
   (void)sig;
   if (tid >= n_threads || !threads[tid].used)
      return;
   t = &threads[tid];
   pop_returned(t, sp);
   if (tid == running)
      update_top(t);
}

void cs_calls_init(void)
{
   cs_ctx_init(CS_N_EVENTS + cs_n_xev);
   if (cs_clo.call_graph) {
      call_cache_fit();
      thread_calls(1);
      VG_(track_pre_thread_ll_exit)(thread_exits);
      VG_(track_post_deliver_signal)(signal_returned);
   }
}

static __attribute__((noinline)) void fn_active_grow(ThreadCalls* t, UInt id)
{
   UInt n = id + 256;
   t->fn_active = VG_(realloc)("cs.calls.active", t->fn_active, n * sizeof(UInt));
   VG_(memset)(t->fn_active + t->n_fn_active, 0, (n - t->n_fn_active) * sizeof(UInt));
   t->n_fn_active = n;
}

static inline UInt* fn_active(ThreadCalls* t, UInt id)
{
   if (UNLIKELY(id >= t->n_fn_active))
      fn_active_grow(t, id);
   return &t->fn_active[id];
}

/* The arc caller -> callee from this call site. */
static CsArc* arc_for(UInt caller_id, UInt site_no, UInt callee_id)
{
   CsFn* caller = fn_by_id[caller_id];
   CsFn* callee = fn_by_id[callee_id];
   const CsCC* site = sites[site_no];
   CsArc* a;
   for (a = caller->arcs; a; a = a->next)
      if (a->callee == callee && a->site == site)
         return a;
   a = VG_(calloc)("cs.calls.arc", 1, sizeof *a + cs_n_xev * sizeof(ULong));
   a->callee = callee;
   a->site = site;
   a->next = caller->arcs;
   caller->arcs = a;
   if (n_arcs == cap_arcs) {
      cap_arcs = cap_arcs ? 2 * cap_arcs : 1024;
      all_arcs = VG_(realloc)("cs.calls.arcs", all_arcs, cap_arcs * sizeof(CsArc*));
   }
   all_arcs[n_arcs++] = a;
   return a;
}

/* A frame ends, really (returned) or for this part (settle): its
 * inclusive cost and its call go to its context.  Past the depth limit,
 * where frames share their caller's context (whose activation includes
 * them), they go to the frame's arc instead, the cost only if no outer
 * activation of the same function will count it again. */
/* xnow: the thread's extra events now, NULL without them. */
HOT_STEP void account(ThreadCalls* t, UInt i, const ULong* now, const ULong* xnow,
                      Bool outermost_fn)
{
   Frame* f = &t->frames[i];
   const ULong* __restrict enter = f->enter;
   UInt e;

   if (f->arc == NULL) {
      if (xnow == NULL)
         cs_ctx_add(f->node, f->calls, now, enter);
      else
         cs_ctx_add_full(f->node, f->calls, now, enter, xnow, xenter_of(t, i));
   } else {
      ULong* __restrict arc = f->arc->incl;
      f->arc->calls += f->calls;
      if (outermost_fn) {
         for (e = 0; e < CS_N_EVENTS; e++)
            arc[e] += now[e] - enter[e];
         if (xnow != NULL) {
            const ULong* xenter = xenter_of(t, i);
            for (e = 0; e < cs_n_xev; e++)
               f->arc->xincl[e] += xnow[e] - xenter[e];
         }
      }
   }
   f->calls = 0;
}

static __attribute__((noinline)) void pop_x(ThreadCalls* t, const ULong* now,
                                            Bool outermost_fn)
{
   ULong xnow[CS_N_XEVENTS];
   own_now_x(t, xnow);
   account(t, t->n - 1, now, xnow, outermost_fn);
}

HOT_STEP void resolve_top(ThreadCalls* t, Bool prefetch);

static __attribute__((noinline)) void pop_deep(ThreadCalls* t, const ULong* now)
{
   UInt* active = fn_active(t, t->frames[t->n - 1].fn);
   UInt i;
   (*active)--;
   if (cs_n_xev > 0)
      pop_x(t, now, *active == 0);
   else
      account(t, t->n - 1, now, NULL, *active == 0);
   t->n--;
   if (t->n < MAX_CONTEXT_DEPTH / 2) {
      for (i = 0; i < t->n; i++)
         (*fn_active(t, t->frames[i].fn))--;
      t->deep = False;
   }
}

/* Pops the innermost frame; now: now_of(t). */
HOT_STEP void pop(ThreadCalls* t, const ULong* now)
{
   Frame* f = &t->frames[t->n - 1];

   if (f->node == PENDING)
      resolve_top(t, False);    /* its counts are added now */
   if (UNLIKELY(t->deep)) {
      pop_deep(t, now);
      return;
   }
   /* No frame here is past the depth limit: it has no arc. */
   if (UNLIKELY(cs_n_xev > 0))
      pop_x(t, now, True);
   else
      account(t, t->n - 1, now, NULL, True);
   t->n--;
}

/* The running thread's record (cs_calls_thread_starts made it at the start
 * of its time slice). */
static ThreadCalls* running_calls(void)
{
   return running_t;
}

VG_REGPARM(1) void cs_calls_unwind(Addr sp)
{
   ThreadCalls* t = running_calls();
   pop_returned(t, sp);
   update_top(t);
}

/* The return address on top of the stack at a function's entry, or 0 if
 * the stack pointer is not in the thread's stack. */
HOT_STEP Addr return_address(ThreadCalls* t, Addr sp)
{
   if (t->stack_max == 0) {
      t->stack_max = VG_(thread_get_stack_max)(running);
      t->stack_size = VG_(thread_get_stack_size)(running);
   }
   if (sp < t->stack_max && sp >= sizeof(Addr) && t->stack_max - sp <= t->stack_size)
      return *(const Addr*)sp;
   return 0;
}

/* The long way: the call's site is the call instruction whose return
 * address is on top of the stack (so calls that reach the callee through a
 * PLT stub and the lazy resolver still find it), if it is the caller's;
 * after a tail jump the site is unknown. */
static UInt site_of_call(const Frame* up, Addr ret)
{
   const RetSlot* r = ret_of(ret);
   return r != NULL && r->caller == up->fn ? r->site : 0;
}

/* The context of a call of fn from up's context by return address ret,
 * the long way: its site, as above, and the (callee, site) pair. */
static UInt child_by_return(const Frame* up, Addr ret, UInt fn)
{
   RetSlot* r = ret_of(ret);
   UInt pair;
   if (r == NULL || r->caller != up->fn) {
      pair = cs_ctx_pair(fn, 0);
   } else if (r->callee == fn) {
      pair = r->pair;
   } else {
      pair = cs_ctx_pair(fn, r->site);
      r->callee = fn;
      r->pair = pair;
   }
   return cs_ctx_child_of_pair(up->node, pair);
}

/* A call of fn from up's context by return address ret: its cache key
 * and slot. */
typedef struct {
   UInt fn, ret;
   CallSlot* slot;
} CallKey;

HOT_STEP void call_key(CallKey* k, const Frame* up, Addr ret, UInt fn)
{
   k->fn = fn;
   k->ret = (UInt)ret;
   if (sizeof(Addr) > 4 && ((ULong)ret >> 32) != 0) {
      k->fn |= HIGH_RET;
      k->ret = site_of_call(up, ret);
   }
   k->slot = &call_cache[call_slot(up->node, k->fn, k->ret) & (call_cache_cap - 1)];
}

/* The context of that call: from the cache, else the long way (then
 * cached). */
HOT_STEP UInt resolve_call(const Frame* up, Addr ret, UInt fn, CallKey* k)
{
   CallSlot* c = k->slot;
   UInt node;
   if (c->parent == up->node && c->fn == k->fn && c->ret == k->ret)
      return c->node;
   node = child_by_return(up, ret, fn);
   if (cs_ctx_end() > call_cache_cap && call_cache_cap < ((UWord)1 << CALL_CACHE_MAX_BITS)) {
      call_cache_fit();
      call_key(k, up, ret, fn);
      c = k->slot;
   }
   c->parent = up->node;
   c->fn = k->fn;
   c->ret = k->ret;
   c->node = node;
   return node;
}

/* The pending context of the thread's innermost frame (the only frame
 * that can be pending: a call looks up its caller's first). */
HOT_STEP void resolve_top(ThreadCalls* t, Bool prefetch)
{
   Frame* f = &t->frames[t->n - 1];
   const Frame* up = f - 1;
   CallKey key;
   key.fn = f->fn;
   key.ret = (UInt)f->ret;
   key.slot = f->slot;
   if (sizeof(Addr) > 4 && ((ULong)f->ret >> 32) != 0)
      call_key(&key, up, f->ret, f->fn);
   f->node = resolve_call(up, f->ret, f->fn, &key);
   /* The context is next needed at the return, its counts one or two
    * host cache lines that a program with many contexts has let go:
    * ask for them now, while the function runs. */
   if (prefetch)
      cs_ctx_prefetch(f->node);
}

/* Looks up the pending context, if any: before anything that would
 * change what it is (a return address given another site, the cache
 * let go), or the order contexts are made in (another thread's calls). */
static void resolve_pending(void)
{
   UInt tid;
   for (tid = 0; tid < n_threads; tid++) {
      ThreadCalls* t = &threads[tid];
      if (t->used && t->n > 0 && t->frames[t->n - 1].node == PENDING)
         resolve_top(t, True);
   }
}

/* The first call past the depth limit: the activations of every
 * function on the stack are counted from now. */
static __attribute__((noinline)) void deep_begins(ThreadCalls* t)
{
   UInt i;
   for (i = 0; i < t->n; i++)
      (*fn_active(t, t->frames[i].fn))++;
   t->deep = True;
}

VG_REGPARM(2) void cs_calls_enter(UWord fn_id, Addr sp)
{
   ThreadCalls* t = running_calls();
   UInt fn = (UInt)fn_id;
   Frame *f, *up;
   CallKey key;
   Addr ret;

   if (__builtin_expect(call_cache == NULL, 0))
      call_cache_fit();       /* the first call since a profile was written */
   pop_returned(t, sp);       /* frames left without a return we saw */
   if (t->n == t->cap) {
      t->cap = t->cap ? 2 * t->cap : 64;
      t->frames = VG_(realloc)("cs.calls.frames", t->frames, t->cap * sizeof(Frame));
      if (cs_n_xev > 0)
         t->xenter = VG_(realloc)("cs.calls.xenter", t->xenter,
                                  (SizeT)t->cap * cs_n_xev * sizeof(ULong));
   }
   up = t->n > 0 ? &t->frames[t->n - 1] : NULL;
   if (up != NULL && up->node == PENDING)
      resolve_top(t, True);   /* the caller's context is the key's */
   f = &t->frames[t->n];
   f->sp = sp;
   f->fn = fn;
   f->arc = NULL;
   if (up == NULL) {
      f->node = cs_ctx_child(t->root, fn, 0);
   } else if (t->n >= MAX_CONTEXT_DEPTH) {
      if (!t->deep)
         deep_begins(t);
      /* Deeper contexts share the deepest one, to bound the memory (frame
       * k's context is k + 1 deep, the root being 0); their arcs are
       * counted as they return. */
      f->node = up->node;
      f->arc = arc_for(up->fn, site_of_call(up, return_address(t, sp)), fn);
   } else {
      /* The cache slot most often misses the host's caches: ask for it
       * now, and look at it when the context is first needed (the
       * callee's first call or its return), which hides the wait. */
      ret = return_address(t, sp);
      call_key(&key, up, ret, fn);
      __builtin_prefetch(key.slot);
      f->node = PENDING;
      f->ret = ret;
      f->slot = key.slot;
   }
   t->n++;
   f->calls = cs_collect_mask & 1;
   if (UNLIKELY(t->deep))
      (*fn_active(t, fn))++;
   {
      /* A loop rather than VG_(memcpy), which is a call; the running
       * thread's totals now are cs_running's. */
      UInt e;
      fold();
      for (e = 0; e < CS_N_EVENTS; e++)
         f->enter[e] = cs_running[e];
   }
   if (UNLIKELY(cs_n_xev > 0))
      own_now_x(t, xenter_of(t, t->n - 1));
   cs_calls_top_sp = sp;
}

/* Start a new part: every active frame counts from now (and its call,
 * made in an earlier part, is not counted again). */
static void restart_part(ThreadCalls* t, const ULong* now, const ULong* xnow)
{
   UInt i;
   for (i = 0; i < t->n; i++) {
      VG_(memcpy)(t->frames[i].enter, now, CS_N_EVENTS * sizeof(ULong));
      if (cs_n_xev > 0)
         VG_(memcpy)(xenter_of(t, i), xnow, cs_n_xev * sizeof(ULong));
      t->frames[i].calls = 0;
   }
   VG_(memcpy)(t->part_start, now, CS_N_EVENTS * sizeof(ULong));
   if (cs_n_xev > 0)
      VG_(memcpy)(t->xpart_start, xnow, cs_n_xev * sizeof(ULong));
}

/* The arcs out of context node's subtree, from its contexts: a context's
 * calls, and its inclusive cost when its function is not active further
 * out on its path (then an outer activation counts it).  active: by CsFn
 * id, the activations on the path to node. */
static void derive_arcs(UInt node, UInt* active)
{
   UInt fn = cs_ctx_fn(node), kid, e;
   ULong counts[1 + CS_MAX_EVENTS];
   for (kid = cs_ctx_first_child(node); kid != 0; kid = cs_ctx_next_sibling(kid)) {
      UInt child_fn = cs_ctx_fn(kid);
      if (fn != NO_FN) {
         CsArc* a = arc_for(fn, cs_ctx_site(kid), child_fn);
         cs_ctx_counts(kid, counts);
         a->calls += counts[0];
         if (active[child_fn] == 0) {
            for (e = 0; e < CS_N_EVENTS; e++)
               a->incl[e] += counts[1 + e];
            for (e = 0; e < cs_n_xev; e++)
               a->xincl[e] += counts[1 + CS_N_EVENTS + e];
         }
      }
      active[child_fn]++;
      derive_arcs(kid, active);
      active[child_fn]--;
   }
}

/* Before a dump: account what the active frames have cost so far, as if
 * they all returned now (innermost first), then let them go on; then the
 * arcs from the contexts. */
void cs_calls_settle(void)
{
   UInt tid;
   resolve_pending();
   cache_release();
   cs_ctx_list_children();
   for (tid = 0; tid < n_threads; tid++) {
      ThreadCalls* t = &threads[tid];
      ULong now[CS_N_EVENTS], xnow[CS_N_XEVENTS];
      UInt* active;
      Int i;
      if (!t->used)
         continue;
      VG_(memcpy)(now, now_of(t), sizeof now);
      if (cs_n_xev > 0)
         own_now_x(t, xnow);
      for (i = (Int)t->n - 1; i >= 0; i--) {
         Int j;
         Bool outermost = True;
         for (j = 0; j < i; j++)
            outermost &= t->frames[j].fn != t->frames[i].fn;
         account(t, (UInt)i, now, cs_n_xev > 0 ? xnow : NULL, outermost);
      }
      if (cs_n_xev > 0)
         cs_ctx_add_full(t->root, 0, now, t->part_start, xnow, t->xpart_start);
      else
         cs_ctx_add(t->root, 0, now, t->part_start);
      restart_part(t, now, xnow);
      active = VG_(calloc)("cs.calls.derive", cs_fn_count + 1, sizeof(UInt));
      derive_arcs(t->root, active);
      VG_(free)(active);
   }
}

/* Forget the arcs' and contexts' costs: the next part starts now. */
void cs_calls_zero(void)
{
   UInt tid, i;
   for (i = 0; i < n_arcs; i++) {
      all_arcs[i]->calls = 0;
      VG_(memset)(all_arcs[i]->incl, 0, sizeof all_arcs[i]->incl);
      VG_(memset)(all_arcs[i]->xincl, 0, cs_n_xev * sizeof(ULong));
   }
   cs_ctx_zero();
   for (tid = 0; tid < n_threads; tid++) {
      ULong now[CS_N_EVENTS], xnow[CS_N_XEVENTS];
      if (!threads[tid].used)
         continue;
      VG_(memcpy)(now, now_of(&threads[tid]), sizeof now);
      if (cs_n_xev > 0)
         own_now_x(&threads[tid], xnow);
      restart_part(&threads[tid], now, xnow);
   }
}

/* ---- The contexts as written: a tree, merged by function ---- */
typedef struct {
   CsContextVisitor visit;
   void* ctx;
   UInt next_id;              /* contexts visited so far in this part */
} TreeWalk;

static Int by_fn(const void* a, const void* b)
{
   UInt x = cs_ctx_fn(*(const UInt*)a);
   UInt y = cs_ctx_fn(*(const UInt*)b);
   return x < y ? -1 : x > y;
}

/* The contexts group[0..n) have the same stack (they differ only in the
 * call sites that reached them): one context for them, under the written
 * context parent, then their callees, those with the same function
 * together.  A group none of whose events cost anything is left out with
 * everything below it (nothing below can cost more than it). */
static void visit_group(TreeWalk* w, const UInt* group, UInt n, UInt parent)
{
   ULong self[CS_MAX_EVENTS]; /* the group's own code's costs (full) */
   ULong counts[1 + CS_MAX_EVENTS];
   UInt* kids;
   UInt g, kid, n_kids = 0, i, j, e, id = parent;
   UInt n_ev = CS_N_EVENTS + cs_n_xev;
   UInt fn = cs_ctx_fn(group[0]);
   Bool any = False, any_self = False;

   VG_(memset)(self, 0, sizeof self);
   for (g = 0; g < n; g++) {
      cs_ctx_counts(group[g], counts);
      for (e = 0; e < n_ev; e++) {
         self[e] += counts[1 + e];
         any |= counts[1 + e] != 0;
      }
      for (kid = cs_ctx_first_child(group[g]); kid != 0; kid = cs_ctx_next_sibling(kid)) {
         cs_ctx_counts(kid, counts);
         for (e = 0; e < n_ev; e++)
            self[e] -= counts[1 + e];
         n_kids++;
      }
   }
   if (!any)
      return;
   for (e = 0; e < n_ev; e++)
      any_self |= self[e] != 0;
   if (fn != NO_FN) {
      id = ++w->next_id;
      w->visit(parent, fn_by_id[fn], self, w->ctx);
   } else if (any_self) {
      /* A thread's root: its own costs are code run outside any function,
       * a top-level context of its own; its callees are top-level too. */
      w->visit(0, NULL, self, w->ctx);
      ++w->next_id;
   }
   if (n_kids == 0)
      return;
   kids = VG_(malloc)("cs.calls.kids", n_kids * sizeof(UInt));
   n_kids = 0;
   for (g = 0; g < n; g++) {
      for (kid = cs_ctx_first_child(group[g]); kid != 0; kid = cs_ctx_next_sibling(kid))
         kids[n_kids++] = kid;
   }
   VG_(ssort)(kids, n_kids, sizeof(UInt), by_fn);
   for (i = 0; i < n_kids; i = j) {
      for (j = i + 1; j < n_kids && cs_ctx_fn(kids[j]) == cs_ctx_fn(kids[i]); j++)
         ;
      visit_group(w, kids + i, j - i, id);
   }
   VG_(free)(kids);
}

void cs_arc_full(const CsArc* a, ULong full[CS_MAX_EVENTS])
{
   VG_(memcpy)(full, a->incl, sizeof a->incl);
   if (cs_n_xev > 0)
      VG_(memcpy)(full + CS_N_EVENTS, a->xincl, cs_n_xev * sizeof(ULong));
}

void cs_calls_foreach_context(CsContextVisitor visit, void* ctx)
{
   TreeWalk w = { visit, ctx, 0 };
   UInt* roots = VG_(malloc)("cs.calls.roots", (n_threads + 1) * sizeof(UInt));
   UInt tid, n = 0;
   /* The threads' roots together: threads that ran the same functions
    * (start_thread;worker) share their contexts. */
   for (tid = 0; tid < n_threads; tid++)
      if (threads[tid].used)
         roots[n++] = threads[tid].root;
   if (n > 0)
      visit_group(&w, roots, n, 0);
   VG_(free)(roots);
}
