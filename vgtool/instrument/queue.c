/* instrument/queue.c - the events of a stretch of code, queued and turned
 * into code at each flush point, and the superblock's record of what each
 * stretch counts (profile/costs.h). */
#include "instrument/queue.h"
#include "caches.h"
#include "instrument/cache_tests.h"
#include "instrument/helpers.h"
#include "instrument/predictors.h"
#include "instrument/tail.h"
#include "options.h"
#include "profile/costs.h"
#include "runtime.h"
#include "pub_tool_libcassert.h"
#include "pub_tool_libcbase.h"

/* What the walk of one superblock collects for its record: each stretch's
 * counts and end, and the address constant of each stretch's run-counter
 * add, which is filled in once the record exists.  Translation is
 * single-threaded, so these buffers are shared and reused. */
static CsCount* count_buf;
static UInt* end_buf;
static IRConst** patch_buf;
static UInt count_cap, end_cap, patch_cap;
static UInt n_walk_counts, n_walk_stretches, n_walk_patches;

void cs_queue_begin(void)
{
   n_walk_counts = n_walk_stretches = n_walk_patches = 0;
}

static IRExpr* run_counter_at(Walk* w, IRConst* where)
{
   return w->zero != NULL
             ? new_tmp(w, w->word, IRExpr_Binop(Iop_Add64, w->zero, IRExpr_Const(where)))
             : new_tmp(w, w->word, IRExpr_Const(where));
}

/* Add one (if collecting) to the run counter of the stretch being
 * flushed.  Its address is not known yet: the constants are patched when
 * the superblock's record is made. */
static void emit_run_add(Walk* w)
{
   /* One constant for both the load and the store, added to the zero
    * register when there is one (the counter is then usually in the
    * tool's static data: see mem_addr).  The load and the store each get
    * their own address expression, which VEX folds into the instruction
    * (one address shared by both would be computed first, with a LEA). */
   IRConst* where = w->word == Ity_I32 ? IRConst_U32(0) : IRConst_U64(0);
   IRExpr* old = new_tmp(w, Ity_I64, IRExpr_Load(HOST_END, Ity_I64, run_counter_at(w, where)));
   IRExpr* one = IRExpr_Const(IRConst_U64(1));
   IRExpr* sum;
   if (w->masked)
      one = new_tmp(w, Ity_I64, IRExpr_Binop(Iop_And64, one, collect_mask(w)));
   sum = new_tmp(w, Ity_I64, IRExpr_Binop(Iop_Add64, old, one));
   addStmtToIRSB(w->out, IRStmt_Store(HOST_END, run_counter_at(w, where), sum));
   ENSURE_ROOM(patch_buf, patch_cap, n_walk_patches + 1);
   patch_buf[n_walk_patches++] = where;
}

/* Counts are constants per flush: sum them per counter. */
typedef struct {
   CsCount cc[2 * QUEUE_CAP];       /* cost-centre counters */
   Int n_cc;
   ULong running[CS_N_EVENTS];      /* cs_running, with the call graph on */
} Counts;

/* One more of event ev of cc in this flush; with the call graph on, in
 * the running totals too.  (The counts go into the superblock record: see
 * cs_queue_flush.) */
static void sum_event(Counts* c, CsCC* cc, Int ev)
{
   ULong* counter = &cc->ev[ev];
   Int i;
   if (cs_clo.call_graph)
      c->running[ev]++;
   for (i = 0; i < c->n_cc; i++) {
      if (c->cc[i].counter == counter) {
         c->cc[i].n++;
         return;
      }
   }
   c->cc[c->n_cc].counter = counter;
   c->cc[c->n_cc].n = 1;
   c->n_cc++;
}

static Bool is_read(const Event* e)
{
   return e->kind == EvRead || e->kind == EvModify;
}

/* With the call graph on, add the flush's Ir and Dr, and its mispredicted
 * branches and Bc, each pair in one add (see cs_running_packed),
 * and take them out of running. */
static void emit_packed_running_adds(Walk* w, ULong running[CS_N_EVENTS])
{
   if (running[EV_Dr] != 0) {
      /* A constant past 32 bits takes a register anyway (a 10-byte
       * move): as a temporary, VEX adds the counter to it from memory,
       * an instruction (3 bytes) less than loading the counter first. */
      IRExpr* v = new_tmp(w, Ity_I64, IRExpr_Const(IRConst_U64(
                                          running[EV_Ir] | running[EV_Dr] << CS_PACK_HIGH)));
      emit_counter_add_i64(w, &cs_running_packed[0], v);
   } else if (running[EV_Ir] != 0) {
      emit_counter_add(w, &cs_running_packed[0], running[EV_Ir]);
   }
   if (running[EV_Bc] != 0 || w->mispredicts != NULL) {
      /* The branches the mispredicts do not carry already (see
       * cs_emit_cond_branch): none on a 64-bit host. */
      ULong rest = running[EV_Bc] - w->packed_branches;
      IRExpr* v = IRExpr_Const(IRConst_U64(rest << CS_PACK_HIGH));
      if (w->mispredicts != NULL) {
         IRExpr* m = w->word == Ity_I32 ? new_tmp(w, Ity_I64, IRExpr_Unop(Iop_32Uto64, w->mispredicts))
                                        : w->mispredicts;
         v = rest != 0 ? new_tmp(w, Ity_I64, IRExpr_Binop(Iop_Add64, m, v)) : m;
      }
      emit_counter_add_i64(w, &cs_running_packed[1], v);
   }
   running[EV_Ir] = running[EV_Dr] = running[EV_Bc] = 0;
}

/* Turn the queued events into code.  Everything queued runs together (no
 * side exit in between), so the counts are summed into a few inline adds;
 * the simulation steps keep the events' order, because I and D share the
 * LL cache.  They go just after the stretch's last statement that can
 * fault, before the statements held back since (which cannot fault: the
 * counts are the same as at the exit), so that the values those compute
 * are not kept in registers across the helper calls: VEX spilled them
 * around every call (the naive matrix multiply spilled its running sum).
 * The predictors come after those statements, whose comparisons they
 * read; they and the caches share no state. */
void cs_queue_flush(Walk* w)
{
   Counts counts;
   Int i, grouped_until = 0;

   w->mask = NULL;
   w->mispredicts = NULL;
   w->packed_branches = 0;
   w->last_data_addr = NULL;
   counts.n_cc = 0;
   VG_(memset)(counts.running, 0, sizeof counts.running);

   if (cs_clo.cache_sim && cs_tail_reads_a_load(w))
      cs_tail_load_barrier(w);
   for (i = 0; i < w->n; i++) {
      Event* e = &w->q[i];
      switch (e->kind) {
      case EvFetch:
         sum_event(&counts, e->ii->cc, EV_Ir);
         if (cs_clo.cache_sim)
            cs_emit_fetch(w, e->ii);
         break;
      case EvRead:
      case EvModify:
      case EvWrite:
         sum_event(&counts, e->ii->cc, is_read(e) ? EV_Dr : EV_Dw);
         if (i < grouped_until)
            break;        /* simulated with its group */
         grouped_until = i + cs_emit_data_group(w, i);
         if (i < grouped_until)
            break;
         cs_emit_data(w, e, !is_read(e));
         break;
      case EvCondBr:
      case EvIndBr:
         break;
      }
   }
   cs_tail_release(w);
   for (i = 0; i < w->n; i++) {
      Event* e = &w->q[i];
      if (e->kind == EvCondBr) {
         sum_event(&counts, e->ii->cc, EV_Bc);
         cs_emit_cond_branch(w, e);
      } else if (e->kind == EvIndBr) {
         sum_event(&counts, e->ii->cc, EV_Bi);
         cs_emit_ind_branch(w, e);
      }
   }
   if (w->pack)
      emit_packed_running_adds(w, counts.running);
   for (i = 0; i < CS_N_EVENTS; i++)
      if (counts.running[i] != 0)
         emit_counter_add(w, &cs_running[i], counts.running[i]);
   if (counts.n_cc > 0 && w->counting) {
      /* One add per run of this stretch; its counts go in the record. */
      emit_run_add(w);
      ENSURE_ROOM(count_buf, count_cap, n_walk_counts + counts.n_cc);
      ENSURE_ROOM(end_buf, end_cap, n_walk_stretches + 1);
      for (i = 0; i < counts.n_cc; i++)
         count_buf[n_walk_counts++] = counts.cc[i];
      end_buf[n_walk_stretches++] = n_walk_counts;
   }
   w->n = 0;
}

/* Make the superblock's record and point each stretch's run-counter add
 * at its counter. */
void cs_queue_end(Addr base)
{
   CsSB* sb;
   UInt k;
   if (n_walk_stretches == 0)
      return;
   sb = cs_sb_new(base, n_walk_stretches, end_buf, n_walk_counts, count_buf);
   tl_assert(n_walk_patches == n_walk_stretches);
   for (k = 0; k < n_walk_patches; k++) {
      IRConst* c = patch_buf[k];
      Addr a = (Addr)&sb->runs[k];
      if (c->tag == Ico_U32)
         c->Ico.U32 = (UInt)a;
      else
         c->Ico.U64 = (ULong)a;
   }
}

Event* cs_queue_push(Walk* w, EvKind kind, CsInstr* ii)
{
   Event* e;
   if (w->n == QUEUE_CAP)
      cs_queue_flush(w);
   e = &w->q[w->n++];
   e->kind = kind;
   e->ii = ii;
   e->addr = NULL;
   e->size = 0;
   e->value = NULL;
   return e;
}

void cs_queue_read(Walk* w, CsInstr* ii, Int size, IRExpr* addr)
{
   Event* e;
   if (!cs_clo.cache_sim)
      return;
   tl_assert(isIRAtom(addr));
   tl_assert(size >= 1 && size <= cs_min_line_size);
   e = cs_queue_push(w, EvRead, ii);
   e->addr = addr;
   e->size = size;
}

void cs_queue_write(Walk* w, CsInstr* ii, Int size, IRExpr* addr)
{
   Event* e;
   if (!cs_clo.cache_sim)
      return;
   tl_assert(isIRAtom(addr));
   tl_assert(size >= 1 && size <= cs_min_line_size);
   /* A write straight after a read of the same place by the same
    * instruction is a read-modify-write: the read already brought the
    * line in, so it is counted once, as a read. */
   if (w->n > 0) {
      Event* last = &w->q[w->n - 1];
      if (last->kind == EvRead && last->ii == ii && last->size == size
          && eqIRAtom(last->addr, addr)) {
         last->kind = EvModify;
         return;
      }
   }
   e = cs_queue_push(w, EvWrite, ii);
   e->addr = addr;
   e->size = size;
}


/* Guarded accesses are rare: flush and call at once, under the guard. */
void cs_queue_guarded(Walk* w, CsInstr* ii, Int size, IRExpr* addr, IRExpr* guard,
                        Bool is_write)
{
   if (!cs_clo.cache_sim)
      return;
   tl_assert(size >= 1 && size <= cs_min_line_size);
   cs_queue_flush(w);
   cs_emit_guarded_helper(w, ii, size, addr, guard, is_write);
}
