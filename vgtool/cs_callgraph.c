/* cs_callgraph.c - call tracking: a shadow stack per thread, call counts
 * and inclusive costs per caller->callee arc, and the exact calling-context
 * tree (every distinct stack of functions seen) with costs per context.
 *
 * Calls: the generated code calls cs_cg_enter at every function's first
 * instruction, wherever it is in a superblock (VEX follows direct calls
 * into the callee, so a call need not end a superblock).  Returns: at the
 * end of every superblock that ends in a return or a computed jump, the
 * generated code compares the stack pointer with the innermost frame's
 * value at entry; above it, that function has returned (or was left by
 * longjmp or an exception), and cs_cg_unwind pops it.  After a signal
 * handler, Valgrind's post-signal event does the same.  A jump to a function's entry (a tail call) pushes
 * a frame with the same stack pointer: both pop together.
 *
 * Costs: every counted event also goes into cs_running; a frame remembers
 * its thread's total at entry, and at exit the difference is the
 * activation's inclusive cost.  It is added to the arc and to the context
 * only for the outermost activation of a function (and of a context), so
 * recursion never counts a cost twice.  Recursion is folded in the context
 * tree: a function already on the path reuses that ancestor's node, which
 * keeps the tree bounded however deep the recursion goes. */
#include "cs_global.h"
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

ULong cs_running[CS_N_EVENTS];
Addr cs_cg_top_sp = ~(Addr)0;

/* Return address -> the call instruction's cost centre, for every call
 * instruction translated so far (cost centres are never freed). */
typedef struct { Addr ret; const CsCC* site; } RetSlot;
static RetSlot* rets;
static UWord rets_cap, rets_used;

static UWord ret_slot(Addr ret)
{
   return ((ret >> 1) * 0x9E3779B97F4A7C15ULL) & (rets_cap - 1);
}

void cs_cg_note_call(Addr ret, const CsCC* site)
{
   UWord i;
   if (2 * (rets_used + 1) > rets_cap) {
      RetSlot* old = rets;
      UWord old_cap = rets_cap, j;
      rets_cap = rets_cap ? 2 * rets_cap : 4096;
      rets = VG_(calloc)("cs.cg.rets", rets_cap, sizeof *rets);
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
typedef struct Child {
   struct Child* next;
   CsFn* fn;
   Node* node;
   const CsCC* site;          /* the arc of the last call into this context */
   CsArc* arc;
} Child;
struct Node {
   CsFn* fn;                  /* NULL for a thread's root */
   Node* parent;
   Child* children;
   UInt depth;
   UInt n_children;
   ULong self[CS_N_EVENTS];   /* exact: costs of this context's own code */
};

typedef struct {
   Addr sp;                   /* stack pointer at entry */
   CsFn* fn;
   CsArc* arc;                /* NULL for the outermost frame */
   Node* node;
   /* What this frame's last call found, tried first on its next call
    * (loops call the same function from the same place): */
   const CsFn* last_callee;   /* its context, */
   Child* last_child;
   Addr last_ret;             /* and the call site of its return address */
   const CsCC* last_site;
   ULong enter[CS_N_EVENTS];  /* the thread's totals at entry */
   ULong callees[CS_N_EVENTS];/* inclusive costs of its finished callees */
} Frame;

typedef struct {
   Frame* frames;
   UInt n, cap;
   Node* root;
   UInt* fn_active;           /* by CsFn id: activations on this stack */
   UInt n_fn_active;
   ULong own[CS_N_EVENTS];    /* this thread's totals up to slice_start */
   ULong slice_start[CS_N_EVENTS];
   ULong part_start[CS_N_EVENTS];   /* its totals when this part began */
   ULong top_callees[CS_N_EVENTS];  /* finished outermost frames, this part */
   Addr stack_max;            /* the thread's stack, for reading return addresses */
   SizeT stack_size;
   Bool used;
} ThreadCG;

static ThreadCG* threads;
static UInt n_threads;
static ThreadId running = 1;
static CsArc** all_arcs;
static UInt n_arcs, cap_arcs;

/* Contexts deeper than this share the deepest one's node, so that
 * unbounded recursion needs bounded memory. */
#define MAX_CONTEXT_DEPTH 400

static ThreadCG* thread_cg(ThreadId tid)
{
   if (tid >= n_threads) {
      UInt n = tid + 8;
      threads = VG_(realloc)("cs.cg.threads", threads, n * sizeof *threads);
      VG_(memset)(threads + n_threads, 0, (n - n_threads) * sizeof *threads);
      n_threads = n;
   }
   if (!threads[tid].used) {
      threads[tid].used = True;
      threads[tid].root = VG_(calloc)("cs.cg.node", 1, sizeof(Node));
      VG_(memcpy)(threads[tid].slice_start, cs_running, sizeof cs_running);
   }
   return &threads[tid];
}

/* This thread's totals now: for the running thread, what it had at the
 * start of its time slice plus what has been counted since (only it has
 * run since); for the others, what they had when their slice ended. */
static void own_now(const ThreadCG* t, ULong out[CS_N_EVENTS])
{
   Int e;
   if (t != &threads[running]) {
      VG_(memcpy)(out, t->own, CS_N_EVENTS * sizeof(ULong));
      return;
   }
   for (e = 0; e < CS_N_EVENTS; e++)
      out[e] = t->own[e] + (cs_running[e] - t->slice_start[e]);
}

static void update_top(const ThreadCG* t)
{
   cs_cg_top_sp = t->n > 0 ? t->frames[t->n - 1].sp : ~(Addr)0;
}

void cs_cg_thread_starts(ThreadId tid)
{
   ThreadCG *old, *new;
   Int e;
   if (tid == running)
      return;
   old = thread_cg(running);
   for (e = 0; e < CS_N_EVENTS; e++)
      old->own[e] += cs_running[e] - old->slice_start[e];
   running = tid;
   new = thread_cg(tid);
   VG_(memcpy)(new->slice_start, cs_running, sizeof cs_running);
   update_top(new);
}

static void pop(ThreadCG* t);

/* A thread ends: its functions end with it, and its slot may be reused by
 * a later thread, which must start with an empty stack. */
static void thread_exits(ThreadId tid)
{
   ThreadCG* t;
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
   ThreadCG* t;
   Addr sp = VG_(get_SP)(tid);
   (void)sig;
   if (tid >= n_threads || !threads[tid].used)
      return;
   t = &threads[tid];
   while (t->n > 0 && t->frames[t->n - 1].sp < sp)
      pop(t);
   if (tid == running)
      update_top(t);
}

void cs_cg_init(void)
{
   if (cs_clo.call_graph) {
      thread_cg(1);
      VG_(track_pre_thread_ll_exit)(thread_exits);
      VG_(track_post_deliver_signal)(signal_returned);
   }
}

static UInt* fn_active(ThreadCG* t, const CsFn* fn)
{
   if (fn->id >= t->n_fn_active) {
      UInt n = fn->id + 256;
      t->fn_active = VG_(realloc)("cs.cg.active", t->fn_active, n * sizeof(UInt));
      VG_(memset)(t->fn_active + t->n_fn_active, 0, (n - t->n_fn_active) * sizeof(UInt));
      t->n_fn_active = n;
   }
   return &t->fn_active[fn->id];
}

/* The arc caller -> callee from this call site. */
static CsArc* arc_for(CsFn* caller, const CsCC* site, CsFn* callee)
{
   CsArc* a;
   for (a = caller->arcs; a; a = a->next)
      if (a->callee == callee && a->site == site)
         return a;
   a = VG_(calloc)("cs.cg.arc", 1, sizeof *a);
   a->callee = callee;
   a->site = site;
   a->next = caller->arcs;
   caller->arcs = a;
   if (n_arcs == cap_arcs) {
      cap_arcs = cap_arcs ? 2 * cap_arcs : 1024;
      all_arcs = VG_(realloc)("cs.cg.arcs", all_arcs, cap_arcs * sizeof(CsArc*));
   }
   all_arcs[n_arcs++] = a;
   return a;
}

/* The children of contexts that call many functions (an interpreter's
 * dispatch loop calls hundreds, in no fixed order) are also kept in one
 * hash table keyed by (context, function), so that finding one does not
 * walk a long list.  Small fan-outs stay list-only: the table then costs
 * little memory. */
#define LISTED_FANOUT 8

static Child** child_table;
static UWord child_table_cap, child_table_used;

static UWord child_slot(const Node* node, const CsFn* fn)
{
   UWord h = (UWord)node * 0x9E3779B97F4A7C15UL ^ (UWord)fn * 0xC2B2AE3D27D4EB4FUL;
   return (h ^ (h >> 29)) & (child_table_cap - 1);
}

static void child_table_put(Child* c)
{
   UWord i = child_slot(c->node->parent, c->fn);
   while (child_table[i] != NULL)
      i = (i + 1) & (child_table_cap - 1);
   child_table[i] = c;
}

static void child_table_add(Child* c)
{
   if ((child_table_used + 1) * 2 > child_table_cap) {
      Child** old = child_table;
      UWord old_cap = child_table_cap, i;
      child_table_cap = old_cap ? 2 * old_cap : 1024;
      child_table = VG_(calloc)("cs.cg.children", child_table_cap, sizeof(Child*));
      for (i = 0; i < old_cap; i++)
         if (old[i] != NULL)
            child_table_put(old[i]);
      if (old != NULL)
         VG_(free)(old);
   }
   child_table_put(c);
   child_table_used++;
}

static Child* child_table_get(const Node* node, const CsFn* fn)
{
   UWord i;
   Child* c;
   for (i = child_slot(node, fn); (c = child_table[i]) != NULL; i = (i + 1) & (child_table_cap - 1))
      if (c->fn == fn && c->node->parent == node)
         return c;
   return NULL;
}

/* The context reached by calling fn from node (most recent first). */
static Child* child_for(Node* node, CsFn* fn)
{
   Child *c, **prev;
   Node* n;
   if (node->n_children > LISTED_FANOUT) {
      c = child_table_get(node, fn);
      if (c != NULL)
         return c;
      goto new_child;
   }
   for (prev = &node->children; (c = *prev) != NULL; prev = &c->next) {
      if (c->fn == fn) {
         *prev = c->next;
         c->next = node->children;
         node->children = c;
         return c;
      }
   }
new_child:
   n = VG_(calloc)("cs.cg.node", 1, sizeof *n);
   n->fn = fn;
   n->parent = node;
   n->depth = node->depth + 1;
   c = VG_(calloc)("cs.cg.child", 1, sizeof *c);
   c->fn = fn;
   c->node = n;
   c->next = node->children;
   node->children = c;
   node->n_children++;
   if (node->n_children == LISTED_FANOUT + 1) {
      Child* k;
      for (k = node->children; k != NULL; k = k->next)
         child_table_add(k);
   } else if (node->n_children > LISTED_FANOUT + 1) {
      child_table_add(c);
   }
   return c;
}

/* to += a - b - c (c may be NULL) */
static void add_diff(ULong* to, const ULong* a, const ULong* b, const ULong* c)
{
   Int e;
   for (e = 0; e < CS_N_EVENTS; e++)
      to[e] += a[e] - b[e] - (c ? c[e] : 0);
}

/* A frame ends, really (returned) or for this part (settle): its inclusive
 * cost goes to its caller's finished callees, what it did itself to its
 * context, and the inclusive cost to the arc, unless an outer activation
 * of the same function will count it again.  One pass over the events. */
static void account(ThreadCG* t, UInt i, const ULong* now, Bool outermost_fn)
{
   Frame* f = &t->frames[i];
   ULong incl[CS_N_EVENTS];
   /* Distinct arrays: with restrict, GCC can use SSE2 for the loops. */
   ULong* __restrict up = i > 0 ? t->frames[i - 1].callees : t->top_callees;
   ULong* __restrict self = f->node->self;
   const ULong* __restrict enter = f->enter;
   const ULong* __restrict callees = f->callees;
   Int e;

   for (e = 0; e < CS_N_EVENTS; e++) {
      incl[e] = now[e] - enter[e];
      up[e] += incl[e];
      self[e] += incl[e] - callees[e];
   }
   if (outermost_fn && f->arc) {
      ULong* __restrict arc = f->arc->incl;
      for (e = 0; e < CS_N_EVENTS; e++)
         arc[e] += incl[e];
   }
}

static void pop(ThreadCG* t)
{
   ULong now[CS_N_EVENTS];
   Frame* f = &t->frames[t->n - 1];
   UInt* active = fn_active(t, f->fn);

   own_now(t, now);
   (*active)--;
   account(t, t->n - 1, now, *active == 0);
   t->n--;
}

/* The running thread's record (cs_cg_thread_starts made it at the start
 * of its time slice). */
static ThreadCG* running_cg(void)
{
   return &threads[running];
}

VG_REGPARM(1) void cs_cg_unwind(Addr sp)
{
   ThreadCG* t = running_cg();
   while (t->n > 0 && t->frames[t->n - 1].sp < sp)
      pop(t);
   update_top(t);
}

VG_REGPARM(2) void cs_cg_enter(CsFn* fn, Addr sp)
{
   ThreadCG* t = running_cg();
   Node* parent;
   Child* child;
   Frame *f, *up;

   while (t->n > 0 && t->frames[t->n - 1].sp < sp)
      pop(t);                 /* frames left without a return we saw */
   if (t->n == t->cap) {
      t->cap = t->cap ? 2 * t->cap : 64;
      t->frames = VG_(realloc)("cs.cg.frames", t->frames, t->cap * sizeof(Frame));
   }
   up = t->n > 0 ? &t->frames[t->n - 1] : NULL;
   parent = up ? up->node : t->root;
   f = &t->frames[t->n++];
   f->sp = sp;
   f->fn = fn;
   f->arc = NULL;
   f->last_callee = NULL;
   f->last_ret = 0;
   if (parent->depth >= MAX_CONTEXT_DEPTH) {
      /* Deeper contexts share the deepest one, to bound the memory. */
      child = NULL;
      f->node = parent;
   } else {
      if (up && up->last_callee == fn) {
         child = up->last_child;
      } else {
         child = child_for(parent, fn);
         if (up) {
            up->last_callee = fn;
            up->last_child = child;
         }
      }
      f->node = child->node;
   }
   if (up) {
      /* The call's site: the call instruction whose return address is on
       * top of the stack (so calls that reach the callee through a PLT
       * stub and the lazy resolver still find it), if it is the caller's;
       * after a tail jump the site is unknown. */
      CsFn* caller = up->fn;
      const CsCC* site_cc = NULL;
      if (t->stack_max == 0) {
         t->stack_max = VG_(thread_get_stack_max)(running);
         t->stack_size = VG_(thread_get_stack_size)(running);
      }
      if (sp < t->stack_max && sp >= sizeof(Addr) && t->stack_max - sp <= t->stack_size) {
         Addr ret = *(const Addr*)sp;
         if (ret != up->last_ret) {
            up->last_ret = ret;
            up->last_site = site_of_return(ret);
         }
         site_cc = up->last_site;
      }
      if (site_cc && site_cc->fn != caller)
         site_cc = NULL;
      if (child && child->arc && child->site == site_cc) {
         f->arc = child->arc;
      } else {
         f->arc = arc_for(caller, site_cc, fn);
         if (child) {
            child->arc = f->arc;
            child->site = site_cc;
         }
      }
      f->arc->calls += cs_collect_mask & 1;
   }
   (*fn_active(t, fn))++;
   own_now(t, f->enter);
   VG_(memset)(f->callees, 0, sizeof f->callees);
   update_top(t);
}

/* Start a new part: every active frame counts from now. */
static void restart_part(ThreadCG* t, const ULong* now)
{
   UInt i;
   for (i = 0; i < t->n; i++) {
      VG_(memcpy)(t->frames[i].enter, now, CS_N_EVENTS * sizeof(ULong));
      VG_(memset)(t->frames[i].callees, 0, CS_N_EVENTS * sizeof(ULong));
   }
   VG_(memcpy)(t->part_start, now, CS_N_EVENTS * sizeof(ULong));
   VG_(memset)(t->top_callees, 0, CS_N_EVENTS * sizeof(ULong));
}

/* Before a dump: account what the active frames have cost so far, as if
 * they all returned now (innermost first), then let them go on. */
void cs_cg_settle(void)
{
   UInt tid;
   for (tid = 0; tid < n_threads; tid++) {
      ThreadCG* t = &threads[tid];
      ULong now[CS_N_EVENTS];
      Int i;
      if (!t->used)
         continue;
      own_now(t, now);
      for (i = (Int)t->n - 1; i >= 0; i--) {
         Int j;
         Bool outermost = True;
         for (j = 0; j < i; j++)
            outermost &= t->frames[j].fn != t->frames[i].fn;
         account(t, (UInt)i, now, outermost);
      }
      add_diff(t->root->self, now, t->part_start, t->top_callees);
      restart_part(t, now);
   }
}

static void zero_node(Node* n)
{
   Child* c;
   VG_(memset)(n->self, 0, sizeof n->self);
   for (c = n->children; c; c = c->next)
      if (c->node != n)
         zero_node(c->node);
}

/* Forget the arcs' and contexts' costs: the next part starts now. */
void cs_cg_zero(void)
{
   UInt tid, i;
   for (i = 0; i < n_arcs; i++) {
      all_arcs[i]->calls = 0;
      VG_(memset)(all_arcs[i]->incl, 0, sizeof all_arcs[i]->incl);
   }
   for (tid = 0; tid < n_threads; tid++) {
      ULong now[CS_N_EVENTS];
      if (!threads[tid].used)
         continue;
      own_now(&threads[tid], now);
      zero_node(threads[tid].root);
      restart_part(&threads[tid], now);
   }
}

/* ---- Folded stacks: "main;work;helper<TAB>counts", one per context ---- */
typedef struct {
   CsTextSink sink;
   void* ctx;
   HChar* path;
   SizeT len, cap;
} StackWriter;

static void put(StackWriter* w, const HChar* s)
{
   w->sink(s, w->ctx);
}

static void write_node(StackWriter* w, Node* n)
{
   SizeT saved = w->len;
   Child* c;
   Int e;
   Bool any = False;

   if (n->fn) {
      SizeT add = VG_(strlen)(n->fn->name) + 1;
      if (w->len + add + 1 > w->cap) {
         w->cap = 2 * (w->len + add + 1);
         w->path = VG_(realloc)("cs.cg.path", w->path, w->cap);
      }
      if (w->len > 0)
         w->path[w->len++] = ';';
      VG_(strcpy)(w->path + w->len, n->fn->name);
      w->len += add - 1;
   }
   for (e = 0; e < CS_N_EVENTS; e++)
      any |= n->self[e] != 0;
   if (any) {
      HChar num[32];
      put(w, w->len > 0 ? w->path : "(no function)");
      for (e = 0; e < CS_N_EVENTS; e++) {
         VG_(sprintf)(num, " %llu", n->self[e]);
         put(w, num);
      }
      put(w, "\n");
   }
   for (c = n->children; c; c = c->next)
      if (c->node != n)
         write_node(w, c->node);
   w->len = saved;
   if (w->path)
      w->path[w->len] = '\0';
}

void cs_cg_write_stacks(CsTextSink sink, void* ctx)
{
   StackWriter w = { sink, ctx, NULL, 0, 0 };
   UInt tid;
   for (tid = 0; tid < n_threads; tid++)
      if (threads[tid].used)
         write_node(&w, threads[tid].root);
   VG_(free)(w.path);
}
