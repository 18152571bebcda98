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
 * cs_xrunning, each frame's xenter row, each context's and arc's xincl.
 * Every step with them is behind a test of cs_n_xev, so that the default
 * model's calls and returns do no more than they did. */
#include "profile/callgraph.h"
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

void cs_calls_fold(void)
{
   const ULong low = (1ULL << CS_PACK_HIGH) - 1;
   add_to_running(EV_Ir, cs_running_packed[0] & low);
   add_to_running(EV_Dr, cs_running_packed[0] >> CS_PACK_HIGH);
   add_to_running(EV_Bc, cs_running_packed[1] & low);
   add_to_running(EV_Bcm, cs_running_packed[1] >> CS_PACK_HIGH);
   cs_running_packed[0] = cs_running_packed[1] = 0;
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

/* Return address -> the call instruction's cost centre, for every call
 * instruction translated so far (cost centres are never freed). */
typedef struct { Addr ret; const CsCC* site; } RetSlot;
static RetSlot* rets;
static UWord rets_cap, rets_used;

static UWord ret_slot(Addr ret)
{
   return ((ret >> 1) * 0x9E3779B97F4A7C15ULL) & (rets_cap - 1);
}

static void call_slots_forget(void);

void cs_calls_note_call(Addr ret, const CsCC* site)
{
   UWord i;
   if (2 * (rets_used + 1) > rets_cap) {
      RetSlot* old = rets;
      UWord old_cap = rets_cap, j;
      rets_cap = rets_cap ? 2 * rets_cap : 4096;
      rets = VG_(calloc)("cs.calls.rets", rets_cap, sizeof *rets);
      for (j = 0; j < old_cap; j++) {
         if (old[j].ret) {
            for (i = ret_slot(old[j].ret); rets[i].ret; i = (i + 1) & (rets_cap - 1))
               ;
            rets[i] = old[j];
         }
      }
      VG_(free)(old);
   }
   for (i = ret_slot(ret); rets[i].ret && rets[i].ret != ret; i = (i + 1) & (rets_cap - 1))
      ;
   if (!rets[i].ret)
      rets_used++;
   else if (rets[i].site != site)
      call_slots_forget();
   rets[i].ret = ret;
   rets[i].site = site;
}

static const CsCC* site_of_return(Addr ret)
{
   UWord i;
   if (rets_cap == 0 || ret == 0)
      return NULL;
   for (i = ret_slot(ret); rets[i].ret; i = (i + 1) & (rets_cap - 1))
      if (rets[i].ret == ret)
         return rets[i].site;
   return NULL;
}

/* ---- The calling-context tree ---- */
typedef struct Node Node;
struct Node {
   CsFn* fn;                  /* NULL for a thread's root */
   const CsCC* site;          /* the call site it is reached from, or NULL */
   Node* children;            /* its callees' contexts, newest first */
   Node* next;                /* the parent's next callee context */
   ULong calls;               /* calls into it, this part */
   /* Exact: costs of this context's activations, its callees' included
    * (its own code's costs are this less its children's). */
   ULong incl[CS_N_EVENTS];
   ULong xincl[];             /* the extra events', cs_n_xev */
};

typedef struct {
   Addr sp;                   /* stack pointer at entry */
   CsFn* fn;
   UInt fn_id;                /* fn->id, without reading *fn again */
   CsArc* arc;                /* NULL for the outermost frame */
   Node* node;
   ULong calls;               /* 1 if its call is still to be counted */
   ULong enter[CS_N_EVENTS];  /* the thread's totals at entry */
} Frame;

typedef struct {
   Frame* frames;
   UInt n, cap;
   Node* root;
   UInt* fn_active;           /* by CsFn id: activations on this stack (for
                               * the arcs of frames past the depth limit) */
   UInt n_fn_active;
   /* This thread's totals: while it runs, cs_running less base; while
    * others run, own. */
   ULong base[CS_N_EVENTS];
   ULong own[CS_N_EVENTS];
   ULong part_start[CS_N_EVENTS];   /* its totals when this part began */
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
static CsArc** all_arcs;
static UInt n_arcs, cap_arcs;

/* Contexts deeper than this share the deepest one's node, so that
 * unbounded recursion needs bounded memory. */
#define MAX_CONTEXT_DEPTH 400

static SizeT node_bytes(void)
{
   return sizeof(Node) + cs_n_xev * sizeof(ULong);
}

/* A frame's row of extra events at entry. */
static ULong* xenter_of(const ThreadCalls* t, UInt frame)
{
   return t->xenter + (SizeT)frame * cs_n_xev;
}

/* The thread's extra events now (own_now's counterpart). */
static void own_now_x(const ThreadCalls* t, ULong* out);

static ThreadCalls* thread_calls(ThreadId tid)
{
   if (tid >= n_threads) {
      UInt n = tid + 8;
      threads = VG_(realloc)("cs.calls.threads", threads, n * sizeof *threads);
      VG_(memset)(threads + n_threads, 0, (n - n_threads) * sizeof *threads);
      n_threads = n;
   }
   if (!threads[tid].used) {
      threads[tid].used = True;
      cs_calls_fold();
      threads[tid].root = VG_(calloc)("cs.calls.node", 1, node_bytes());
      VG_(memcpy)(threads[tid].base, cs_running, sizeof cs_running);
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

/* This thread's totals now: for the running thread, what has been
 * counted less what other threads counted (only it has run since its
 * slice began); for the others, what they had when their slice ended. */
static void own_now(const ThreadCalls* t, ULong out[CS_N_EVENTS])
{
   Int e;
   if (t != &threads[running]) {
      VG_(memcpy)(out, t->own, CS_N_EVENTS * sizeof(ULong));
      return;
   }
   cs_calls_fold();
   for (e = 0; e < CS_N_EVENTS; e++)
      out[e] = cs_running[e] - t->base[e];
}

static void own_now_x(const ThreadCalls* t, ULong* out)
{
   UInt e;
   if (t != &threads[running]) {
      VG_(memcpy)(out, t->xown, cs_n_xev * sizeof(ULong));
      return;
   }
   for (e = 0; e < cs_n_xev; e++)
      out[e] = cs_xrunning[e] - t->xbase[e];
}

static void update_top(const ThreadCalls* t)
{
   cs_calls_top_sp = t->n > 0 ? t->frames[t->n - 1].sp : ~(Addr)0;
}

void cs_calls_thread_starts(ThreadId tid)
{
   ThreadCalls *old, *new;
   Int e;
   cs_calls_fold();               /* every slice, so that no field overflows */
   if (tid == running)
      return;
   old = thread_calls(running);
   own_now(old, old->own);
   if (cs_n_xev > 0)
      own_now_x(old, old->xown);
   running = tid;
   new = thread_calls(tid);
   for (e = 0; e < CS_N_EVENTS; e++)
      new->base[e] = cs_running[e] - new->own[e];
   for (e = 0; e < (Int)cs_n_xev; e++)
      new->xbase[e] = cs_xrunning[e] - new->xown[e];
   update_top(new);
}

static void pop(ThreadCalls* t);

/* Pop the frames that sp has risen above: their functions have returned
 * (or were left by longjmp, an exception or a signal handler's end). */
static void pop_returned(ThreadCalls* t, Addr sp)
{
   while (t->n > 0 && t->frames[t->n - 1].sp < sp)
      pop(t);
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
      pop(t);
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
   if (cs_clo.call_graph) {
      thread_calls(1);
      VG_(track_pre_thread_ll_exit)(thread_exits);
      VG_(track_post_deliver_signal)(signal_returned);
   }
}

static UInt* fn_active(ThreadCalls* t, UInt id)
{
   if (id >= t->n_fn_active) {
      UInt n = id + 256;
      t->fn_active = VG_(realloc)("cs.calls.active", t->fn_active, n * sizeof(UInt));
      VG_(memset)(t->fn_active + t->n_fn_active, 0, (n - t->n_fn_active) * sizeof(UInt));
      t->n_fn_active = n;
   }
   return &t->fn_active[id];
}

/* The arc caller -> callee from this call site. */
static CsArc* arc_for(CsFn* caller, const CsCC* site, CsFn* callee)
{
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

/* The context reached by calling fn from node at site (made on first
 * use).  Contexts are told apart by call site too, so that each is reached
 * by one arc: the arcs' counts are then worked out from the contexts when
 * a profile is written, not updated at every return. */
static Node* child_for(Node* node, CsFn* fn, const CsCC* site)
{
   Node* c;
   for (c = node->children; c != NULL; c = c->next)
      if (c->fn == fn && c->site == site)
         return c;
   c = VG_(calloc)("cs.calls.node", 1, node_bytes());
   c->fn = fn;
   c->site = site;
   c->next = node->children;
   node->children = c;
   return c;
}

/* What a call resolves to, by (caller's context, return address, callee):
 * the callee's context.  Finding it the long way (the call site from the
 * return address, the context in its parent's list) walks a table and a
 * list that miss the host's caches; a program
 * makes few distinct such calls (sqlite3: about 8,000 of its 14
 * million), so each is resolved once and then found here with one probe. */
typedef struct {
   const Node* parent;
   Addr ret;                  /* 0: unknown (no return address read) */
   const CsFn* fn;
   Node* node;
   UWord fn_id;               /* fn->id: a hit reads neither *fn nor *node */
} CallSlot;

static CallSlot* call_slots;
static UWord call_slots_cap, call_slots_used;

static UWord call_slot(const Node* parent, Addr ret, const CsFn* fn)
{
   UWord h = (UWord)parent * 0x9E3779B97F4A7C15UL ^ ret * 0xC2B2AE3D27D4EB4FUL
             ^ (UWord)fn * 0x165667B19E3779F9UL;
   return h ^ (h >> 29);
}

static CallSlot* call_slot_put(const CallSlot* c)
{
   UWord i = call_slot(c->parent, c->ret, c->fn) & (call_slots_cap - 1);
   while (call_slots[i].node != NULL)
      i = (i + 1) & (call_slots_cap - 1);
   call_slots[i] = *c;
   return &call_slots[i];
}

static CallSlot* call_slot_add(const CallSlot* c)
{
   if ((call_slots_used + 1) * 2 > call_slots_cap) {
      CallSlot* old = call_slots;
      UWord old_cap = call_slots_cap, i;
      call_slots_cap = old_cap ? 2 * old_cap : 1024;
      call_slots = VG_(calloc)("cs.calls.calls", call_slots_cap, sizeof(CallSlot));
      for (i = 0; i < old_cap; i++)
         if (old[i].node != NULL)
            call_slot_put(&old[i]);
      if (old != NULL)
         VG_(free)(old);
   }
   call_slots_used++;
   return call_slot_put(c);
}

/* A return address now names another call site (its code was replaced):
 * forget every resolved call, to be resolved again. */
static void call_slots_forget(void)
{
   if (call_slots_used > 0) {
      VG_(memset)(call_slots, 0, call_slots_cap * sizeof(CallSlot));
      call_slots_used = 0;
   }
}

/* A frame ends, really (returned) or for this part (settle): its
 * inclusive cost and its call go to its context.  Past the depth limit,
 * where frames share their caller's context (whose activation includes
 * them), they go to the frame's arc instead, the cost only if no outer
 * activation of the same function will count it again. */
/* account's share for the extra events (xnow: the thread's now). */
static void account_x(ThreadCalls* t, UInt i, const ULong* xnow, Bool outermost_fn)
{
   Frame* f = &t->frames[i];
   const ULong* enter = xenter_of(t, i);
   UInt e;
   if (f->arc == NULL) {
      for (e = 0; e < cs_n_xev; e++)
         f->node->xincl[e] += xnow[e] - enter[e];
   } else if (outermost_fn) {
      for (e = 0; e < cs_n_xev; e++)
         f->arc->xincl[e] += xnow[e] - enter[e];
   }
}

static void account(ThreadCalls* t, UInt i, const ULong* now, Bool outermost_fn)
{
   Frame* f = &t->frames[i];
   const ULong* __restrict enter = f->enter;
   Int e;

   if (f->arc == NULL) {
      ULong* __restrict incl = f->node->incl;
      f->node->calls += f->calls;
      for (e = 0; e < CS_N_EVENTS; e++)
         incl[e] += now[e] - enter[e];
   } else {
      ULong* __restrict arc = f->arc->incl;
      f->arc->calls += f->calls;
      if (outermost_fn)
         for (e = 0; e < CS_N_EVENTS; e++)
            arc[e] += now[e] - enter[e];
   }
   f->calls = 0;
}

static __attribute__((noinline)) void pop_x(ThreadCalls* t, Bool outermost_fn)
{
   ULong xnow[CS_N_XEVENTS];
   own_now_x(t, xnow);
   account_x(t, t->n - 1, xnow, outermost_fn);
}

static void pop(ThreadCalls* t)
{
   ULong now[CS_N_EVENTS];
   Frame* f = &t->frames[t->n - 1];
   UInt* active = fn_active(t, f->fn_id);

   own_now(t, now);
   (*active)--;
   if (UNLIKELY(cs_n_xev > 0))
      pop_x(t, *active == 0);
   account(t, t->n - 1, now, *active == 0);
   t->n--;
}

/* The running thread's record (cs_calls_thread_starts made it at the start
 * of its time slice). */
static ThreadCalls* running_calls(void)
{
   return &threads[running];
}

VG_REGPARM(1) void cs_calls_unwind(Addr sp)
{
   ThreadCalls* t = running_calls();
   pop_returned(t, sp);
   update_top(t);
}

/* The return address on top of the stack at a function's entry, or 0 if
 * the stack pointer is not in the thread's stack. */
static Addr return_address(ThreadCalls* t, Addr sp)
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
static const CsCC* site_of_call(const Frame* up, Addr ret)
{
   const CsCC* site = ret != 0 ? site_of_return(ret) : NULL;
   return site != NULL && site->fn == up->fn ? site : NULL;
}

/* The context and arc of a call from up's context by return address ret
 * (found in, or entered into, the table of resolved calls). */
static const CallSlot* resolve_call(const Frame* up, Addr ret, CsFn* fn)
{
   UWord i, h = call_slot(up->node, ret, fn);
   CallSlot made;
   if (call_slots_cap > 0) {
      for (i = h & (call_slots_cap - 1); call_slots[i].node != NULL;
           i = (i + 1) & (call_slots_cap - 1)) {
         if (call_slots[i].parent == up->node && call_slots[i].ret == ret
             && call_slots[i].fn == fn)
            return &call_slots[i];
      }
   }
   made.parent = up->node;
   made.ret = ret;
   made.fn = fn;
   made.fn_id = fn->id;
   made.node = child_for(up->node, fn, site_of_call(up, ret));
   return call_slot_add(&made);
}

VG_REGPARM(2) void cs_calls_enter(CsFn* fn, Addr sp)
{
   ThreadCalls* t = running_calls();
   Frame *f, *up;

   pop_returned(t, sp);       /* frames left without a return we saw */
   if (t->n == t->cap) {
      t->cap = t->cap ? 2 * t->cap : 64;
      t->frames = VG_(realloc)("cs.calls.frames", t->frames, t->cap * sizeof(Frame));
      if (cs_n_xev > 0)
         t->xenter = VG_(realloc)("cs.calls.xenter", t->xenter,
                                  (SizeT)t->cap * cs_n_xev * sizeof(ULong));
   }
   up = t->n > 0 ? &t->frames[t->n - 1] : NULL;
   f = &t->frames[t->n];
   f->sp = sp;
   f->fn = fn;
   f->arc = NULL;
   if (up == NULL) {
      f->node = child_for(t->root, fn, NULL);
      f->fn_id = fn->id;
   } else if (t->n >= MAX_CONTEXT_DEPTH) {
      /* Deeper contexts share the deepest one, to bound the memory (frame
       * k's context is k + 1 deep, the root being 0); their arcs are
       * counted as they return. */
      f->node = up->node;
      f->arc = arc_for(up->fn, site_of_call(up, return_address(t, sp)), fn);
      f->fn_id = fn->id;
   } else {
      Addr ret = return_address(t, sp);
      const CallSlot* c = resolve_call(up, ret, fn);
      f->node = c->node;
      f->fn_id = (UInt)c->fn_id;
      /* The context is next needed at the return, its costs two or three
       * host cache lines that a program with many contexts has let go:
       * ask for them now, while the function runs. */
      __builtin_prefetch(&c->node->calls, 1);
      __builtin_prefetch((const char*)&c->node->calls + 64, 1);
      __builtin_prefetch(&c->node->incl[CS_N_EVENTS - 1], 1);
   }
   t->n++;
   f->calls = cs_collect_mask & 1;
   (*fn_active(t, f->fn_id))++;
   own_now(t, f->enter);
   if (UNLIKELY(cs_n_xev > 0))
      own_now_x(t, xenter_of(t, t->n - 1));
   update_top(t);
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

/* The arcs out of node's subtree, from its contexts: a context's calls,
 * and its inclusive cost when its function is not active further out on
 * its path (then an outer activation counts it).  active: by CsFn id, the
 * activations on the path to node. */
static void derive_arcs(const Node* node, UInt* active)
{
   const Node* c;
   Int e;
   for (c = node->children; c != NULL; c = c->next) {
      if (node->fn != NULL) {
         CsArc* a = arc_for(node->fn, c->site, c->fn);
         a->calls += c->calls;
         if (active[c->fn->id] == 0) {
            for (e = 0; e < CS_N_EVENTS; e++)
               a->incl[e] += c->incl[e];
            for (e = 0; e < (Int)cs_n_xev; e++)
               a->xincl[e] += c->xincl[e];
         }
      }
      active[c->fn->id]++;
      derive_arcs(c, active);
      active[c->fn->id]--;
   }
}

/* Before a dump: account what the active frames have cost so far, as if
 * they all returned now (innermost first), then let them go on; then the
 * arcs from the contexts. */
void cs_calls_settle(void)
{
   UInt tid;
   for (tid = 0; tid < n_threads; tid++) {
      ThreadCalls* t = &threads[tid];
      ULong now[CS_N_EVENTS], xnow[CS_N_XEVENTS];
      UInt* active;
      Int i;
      if (!t->used)
         continue;
      own_now(t, now);
      if (cs_n_xev > 0)
         own_now_x(t, xnow);
      for (i = (Int)t->n - 1; i >= 0; i--) {
         Int j;
         Bool outermost = True;
         for (j = 0; j < i; j++)
            outermost &= t->frames[j].fn != t->frames[i].fn;
         if (cs_n_xev > 0)
            account_x(t, (UInt)i, xnow, outermost);
         account(t, (UInt)i, now, outermost);
      }
      for (i = 0; i < CS_N_EVENTS; i++)
         t->root->incl[i] += now[i] - t->part_start[i];
      for (i = 0; i < (Int)cs_n_xev; i++)
         t->root->xincl[i] += xnow[i] - t->xpart_start[i];
      restart_part(t, now, xnow);
      active = VG_(calloc)("cs.calls.derive", cs_fn_count + 1, sizeof(UInt));
      derive_arcs(t->root, active);
      VG_(free)(active);
   }
}

static void zero_node(Node* n)
{
   Node* c;
   VG_(memset)(n->incl, 0, sizeof n->incl);
   VG_(memset)(n->xincl, 0, cs_n_xev * sizeof(ULong));
   n->calls = 0;
   for (c = n->children; c; c = c->next)
      zero_node(c);
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
   for (tid = 0; tid < n_threads; tid++) {
      ULong now[CS_N_EVENTS], xnow[CS_N_XEVENTS];
      if (!threads[tid].used)
         continue;
      own_now(&threads[tid], now);
      if (cs_n_xev > 0)
         own_now_x(&threads[tid], xnow);
      zero_node(threads[tid].root);
      restart_part(&threads[tid], now, xnow);
   }
}

/* ---- The contexts' stacks, "main;work;helper", and self costs ---- */
typedef struct {
   CsContextVisitor visit;
   void* ctx;
   HChar* path;
   SizeT len, cap;
} StackWalk;

static Int by_fn(const void* a, const void* b)
{
   const CsFn* x = (*(const Node* const*)a)->fn;
   const CsFn* y = (*(const Node* const*)b)->fn;
   return x < y ? -1 : x > y;
}

/* The contexts group[0..n) have the same stack (they differ only in the
 * call sites that reached them): one visit for them, then their callees,
 * those with the same function together. */
static void visit_group(StackWalk* w, Node** group, UInt n)
{
   SizeT saved = w->len;
   const CsFn* fn = group[0]->fn;
   ULong self[CS_MAX_EVENTS]; /* the group's own code's costs (full) */
   ULong* xself = self + CS_N_EVENTS;
   Node **kids, *c;
   UInt g, n_kids = 0, i, j;
   Int e;
   Bool any = False;

   if (fn != NULL) {
      SizeT add = VG_(strlen)(fn->name) + 1;
      if (w->len + add + 1 > w->cap) {
         w->cap = 2 * (w->len + add + 1);
         w->path = VG_(realloc)("cs.calls.path", w->path, w->cap);
      }
      if (w->len > 0)
         w->path[w->len++] = ';';
      VG_(strcpy)(w->path + w->len, fn->name);
      w->len += add - 1;
   }
   VG_(memset)(self, 0, sizeof self);
   for (g = 0; g < n; g++) {
      for (e = 0; e < CS_N_EVENTS; e++)
         self[e] += group[g]->incl[e];
      for (e = 0; e < (Int)cs_n_xev; e++)
         xself[e] += group[g]->xincl[e];
      for (c = group[g]->children; c != NULL; c = c->next, n_kids++) {
         for (e = 0; e < CS_N_EVENTS; e++)
            self[e] -= c->incl[e];
         for (e = 0; e < (Int)cs_n_xev; e++)
            xself[e] -= c->xincl[e];
      }
   }
   for (e = 0; e < CS_N_EVENTS + (Int)cs_n_xev; e++)
      any |= self[e] != 0;
   if (any)
      w->visit(w->len > 0 ? w->path : "(no function)", self, w->ctx);
   if (n_kids > 0) {
      kids = VG_(malloc)("cs.calls.kids", n_kids * sizeof(Node*));
      n_kids = 0;
      for (g = 0; g < n; g++)
         for (c = group[g]->children; c != NULL; c = c->next)
            kids[n_kids++] = c;
      VG_(ssort)(kids, n_kids, sizeof(Node*), by_fn);
      for (i = 0; i < n_kids; i = j) {
         for (j = i + 1; j < n_kids && kids[j]->fn == kids[i]->fn; j++)
            ;
         visit_group(w, kids + i, j - i);
      }
      VG_(free)(kids);
   }
   w->len = saved;
   if (w->path)
      w->path[w->len] = '\0';
}

void cs_arc_full(const CsArc* a, ULong full[CS_MAX_EVENTS])
{
   VG_(memcpy)(full, a->incl, sizeof a->incl);
   if (cs_n_xev > 0)
      VG_(memcpy)(full + CS_N_EVENTS, a->xincl, cs_n_xev * sizeof(ULong));
}

void cs_calls_foreach_context(CsContextVisitor visit, void* ctx)
{
   StackWalk w = { visit, ctx, NULL, 0, 0 };
   UInt tid;
   for (tid = 0; tid < n_threads; tid++)
      if (threads[tid].used)
         visit_group(&w, &threads[tid].root, 1);
   VG_(free)(w.path);
}
