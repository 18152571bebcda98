/* instrument/walk.c - walking each superblock's IR and adding the calls that
 * feed the simulation.
 *
 * The counts must equal Cachegrind's, and Cachegrind's counts are a
 * function of the optimised, flat IR the core hands to the tool, so this
 * walk follows the same rules statement by statement:
 *   IMark          one instruction fetch (length 0 counts as the minimum)
 *   WrTmp(Load)    a data read of the loaded type's size
 *   Store          a data write; merged into the immediately preceding read
 *                  when instruction, size and address atom are the same
 *                  (a "modify", counted as one read)
 *   LoadG/StoreG   a read/write counted only when the guard holds
 *   CAS            read + write of the location (so one modify)
 *   LLSC           load-linked: read, then flush; store-conditional: write
 *   Dirty          its declared memory effect, size clamped to a line
 *   Exit           a conditional branch if its kind is Boring/Call/Ret
 *   end of SB      an indirect branch if Boring/Call to a computed target
 * Events are queued and turned into helper calls at each flush point, in
 * the order they happened, because I and D share the LL cache; the calls
 * go just after the last statement before that point that can fault
 * (see cs_queue_flush).
 *
 * The parts: instrument/queue.c (the events and their flush),
 * cache_tests.c and predictors.c (the simulation in generated code),
 * helpers.c (its slow paths, called from that code), tail.c (the held-back
 * statements), calls.c (function entries and returns), emit.h (the walk's
 * state and IR building blocks). */
#include "instrument/walk.h"
#include "caches.h"
#include "control/collection.h"
#include "det/mode.h"
#include "instrument/cache_tests.h"
#include "instrument/calls.h"
#include "instrument/emit.h"
#include "instrument/predictors.h"
#include "instrument/queue.h"
#include "instrument/tail.h"
#include "options.h"
#include "profile/callgraph.h"
#include "profile/costs.h"
#include "runtime.h"
#include "pub_tool_libcassert.h"
#include "pub_tool_libcprint.h"

/* The instructions of the superblock being instrumented (translation is
 * single-threaded, so the buffer is shared and reused). */
static CsInstr* instr_buf;
static UInt instr_cap;

static Int clamp_to_line(Int size)
{
   return size > cs_min_line_size ? cs_min_line_size : size;
}

/* ------------------------------------------------------------------ */
/* The walk.                                                           */
/* ------------------------------------------------------------------ */

/* Can st stop the superblock with a fault (a signal for the guest)?
 * Memory accesses, helpers with effects, and integer division (by
 * zero).  Everything else runs to the next exit once begun, so a
 * stretch's simulation can go just after its last such statement
 * without changing a count: if the stretch faults, its simulation has
 * not run, as Cachegrind's has not. */
static Bool stmt_can_fault(const IRStmt* st)
{
   const IRExpr* e;
   switch (st->tag) {
   case Ist_Store: case Ist_StoreG: case Ist_LoadG: case Ist_CAS: case Ist_LLSC:
   case Ist_Dirty:
      return True;
   case Ist_WrTmp:
      e = st->Ist.WrTmp.data;
      if (e->tag == Iex_Load)
         return True;
      if (e->tag != Iex_Binop)
         return False;
      switch (e->Iex.Binop.op) {
      case Iop_DivU32: case Iop_DivS32: case Iop_DivU64: case Iop_DivS64:
      case Iop_DivU32E: case Iop_DivS32E: case Iop_DivU64E: case Iop_DivS64E:
      case Iop_DivU128: case Iop_DivS128: case Iop_DivU128E: case Iop_DivS128E:
      case Iop_ModU128: case Iop_ModS128:
      case Iop_DivModU64to32: case Iop_DivModS64to32: case Iop_DivModU128to64:
      case Iop_DivModS128to64: case Iop_DivModU64to64: case Iop_DivModS64to64:
      case Iop_DivModU32to32: case Iop_DivModS32to32:
         return True;
      default:
         return False;
      }
   default:
      return False;
   }
}

/* Instrumentation is off: the superblock goes out as it came, unless
 * --deterministic=yes rewrites some of its statements. */
static IRSB* not_instrumented(IRSB* sbIn, Bool det)
{
   IRSB* out;
   Int i;
   if (!det)
      return sbIn;
   /* Not measured, but still deterministic. */
   out = deepCopyIRSBExceptStmts(sbIn);
   for (i = 0; i < sbIn->stmts_used; i++)
      addStmtToIRSB(out, cs_det_filter_stmt(sbIn->stmts[i]));
   return out;
}

static void walk_init(Walk* w, IRSB* out, IRType hWordTy)
{
   w->out = out;
   w->word = hWordTy;
   w->n = 0;
   w->have_prev_block = False;
   w->masked = cs_counts_masked;
   w->mispredicts = NULL;
   w->packed_branches = 0;
   w->pack = cs_clo.call_graph && cs_running_can_pack();
   w->zero = NULL;
   w->counting = w->masked || cs_collect_mask != 0;
   w->prev_block = 0;
   w->n_tail = 0;
   w->n_loads = 0;
   w->data_since_fetch = False;
}

/* An instruction begins (its IMark): its fetch, and what the call graph
 * and --toggle-collect do at function entries. */
static CsInstr* instruction(Walk* w, const IRStmt* st, CsInstr* ii,
                            const VexGuestLayout* layout)
{
   UInt len = st->Ist.IMark.len;
   if (len == 0)            /* undecodable: pretend minimal length */
      len = VG_MIN_INSTR_SZB;
   ii->addr = (Addr)st->Ist.IMark.addr;
   ii->len = len;
   ii->cc = cs_cc_for_instr(ii->addr);
   if (cs_clo.n_toggle_fns > 0 && cs_is_toggle_entry(ii->addr))
      cs_emit_toggle_enter(w, layout);
   if (cs_clo.call_graph)
      cs_emit_call_tracking(w, layout, ii);
   cs_queue_push(w, EvFetch, ii);
   return ii;
}

/* The events of statement i of sbIn (in instruction ii), by the rules at
 * the top of this file. */
static void statement(Walk* w, CsInstr* ii, const IRSB* sbIn, Int i, IRType hWordTy)
{
   IRStmt* st = sbIn->stmts[i];
   IRTypeEnv* tyenv = sbIn->tyenv;

   switch (st->tag) {
   case Ist_WrTmp: {
      IRExpr* data = st->Ist.WrTmp.data;
      if (data->tag == Iex_Load)
         cs_queue_read(w, ii, sizeofIRType(data->Iex.Load.ty), data->Iex.Load.addr);
      break;
   }
   case Ist_Store:
      cs_queue_write(w, ii, sizeofIRType(typeOfIRExpr(tyenv, st->Ist.Store.data)),
                     st->Ist.Store.addr);
      break;
   case Ist_StoreG: {
      IRStoreG* sg = st->Ist.StoreG.details;
      cs_queue_guarded(w, ii, sizeofIRType(typeOfIRExpr(tyenv, sg->data)), sg->addr,
                       sg->guard, True);
      break;
   }
   case Ist_LoadG: {
      IRLoadG* lg = st->Ist.LoadG.details;
      IRType loaded = Ity_INVALID, widened = Ity_INVALID;
      typeOfIRLoadGOp(lg->cvt, &widened, &loaded);
      cs_queue_guarded(w, ii, sizeofIRType(loaded), lg->addr, lg->guard, False);
      break;
   }
   case Ist_Dirty: {
      IRDirty* d = st->Ist.Dirty.details;
      if (d->mFx != Ifx_None) {
         Int size = clamp_to_line(d->mSize);
         if (d->mFx == Ifx_Read || d->mFx == Ifx_Modify)
            cs_queue_read(w, ii, size, d->mAddr);
         if (d->mFx == Ifx_Write || d->mFx == Ifx_Modify)
            cs_queue_write(w, ii, size, d->mAddr);
      }
      break;
   }
   case Ist_CAS: {
      IRCAS* cas = st->Ist.CAS.details;
      Int size = sizeofIRType(typeOfIRExpr(tyenv, cas->dataLo));
      if (cas->dataHi != NULL)
         size *= 2;            /* double-word CAS */
      size = clamp_to_line(size);
      cs_queue_read(w, ii, size, cas->addr);
      cs_queue_write(w, ii, size, cas->addr);
      break;
   }
   case Ist_LLSC:
      if (st->Ist.LLSC.storedata == NULL) {
         cs_queue_read(w, ii, sizeofIRType(typeOfIRTemp(tyenv, st->Ist.LLSC.result)),
                       st->Ist.LLSC.addr);
         cs_queue_flush(w);            /* keep helpers out of the LL..SC window */
      } else {
         cs_queue_write(w, ii, sizeofIRType(typeOfIRExpr(tyenv, st->Ist.LLSC.storedata)),
                        st->Ist.LLSC.addr);
      }
      break;
   case Ist_Exit: {
      IRExpr* taken = cs_exit_taken(w, ii, sbIn, i, st, hWordTy);
      if (taken != NULL)
         cs_queue_push(w, EvCondBr, ii)->value = taken;
      /* The exit may be taken: what happened before it must be counted
       * before it. */
      cs_queue_flush(w);
      break;
   }
   default:
      break;
   }
}

/* After the last statement: the jump at the end. */
static void superblock_end(Walk* w, CsInstr* ii, const IRSB* sbIn,
                           const VexGuestLayout* layout)
{
   /* A computed jump or call at the end is an indirect branch; returns are
    * assumed perfectly predicted. */
   if (cs_clo.branch_sim && (sbIn->jumpkind == Ijk_Boring || sbIn->jumpkind == Ijk_Call)
       && sbIn->next->tag != Iex_Const)
      cs_queue_push(w, EvIndBr, ii)->value = sbIn->next;
   cs_queue_flush(w);
   /* Only a return or a computed jump (longjmp, an exception's landing,
    * a switch) can leave the stack pointer above a frame's entry value: a
    * direct jump or a call stays in or below the current function (a tail
    * jump to another function's entry is handled by cs_calls_enter), and a
    * signal return is handled by Valgrind's post-signal event (see
    * profile/callgraph.c).  So the test is made only here, after everything
    * this superblock counted, instead of at the start of every
    * superblock: loops pay nothing for it. */
   if (cs_clo.call_graph && !(sbIn->jumpkind == Ijk_Call
                              || (sbIn->jumpkind == Ijk_Boring && sbIn->next->tag == Iex_Const)))
      cs_emit_return_check(w, layout);
   tl_assert(w->n_tail == 0);
}

IRSB* cs_instrument(VgCallbackClosure* closure, IRSB* sbIn,
                    const VexGuestLayout* layout, const VexGuestExtents* vge,
                    const VexArchInfo* archinfo_host,
                    IRType gWordTy, IRType hWordTy)
{
   Walk w;
   Int i, first, n_instrs = 0;
   CsInstr* ii = NULL;
   Bool det = cs_det_enabled();

   if (gWordTy != hWordTy)
      VG_(tool_panic)("host/guest word size mismatch");
   if (!cs_instr_enabled)
      return not_instrumented(sbIn, det);

   walk_init(&w, deepCopyIRSBExceptStmts(sbIn), hWordTy);
   /* The preamble before the first IMark (self-check code) is copied as is
    * and counts nothing. */
   for (first = 0; first < sbIn->stmts_used && sbIn->stmts[first]->tag != Ist_IMark; first++)
      addStmtToIRSB(w.out, sbIn->stmts[first]);
   for (i = first; i < sbIn->stmts_used; i++)
      if (sbIn->stmts[i]->tag == Ist_IMark)
         n_instrs++;
   if (n_instrs == 0)
      return w.out;
   ENSURE_ROOM(instr_buf, instr_cap, (UInt)n_instrs);
   n_instrs = 0;
   cs_queue_begin();
   if (cs_clo.cache_sim)
      cs_cache_tests_begin(sbIn);
   if (w.word == Ity_I64)
      w.zero = new_tmp(&w, Ity_I64, IRExpr_Get(layout->total_sizeB, Ity_I64));
   if (cs_clo.n_toggle_fns > 0)
      cs_emit_toggle_check(&w, layout);

   for (i = first; i < sbIn->stmts_used; i++) {
      IRStmt* st = sbIn->stmts[i];
      Bool can_fault = stmt_can_fault(st);
      tl_assert(isFlatIRStmt(st));
      /* What came before a statement that can fault goes before it. */
      if (can_fault)
         cs_tail_release(&w);
      if (st->tag == Ist_WrTmp && st->Ist.WrTmp.data->tag == Iex_Load) {
         if (w.n_loads < LOADS_CAP)
            w.loads[w.n_loads] = st->Ist.WrTmp.tmp;
         w.n_loads++;
      }
      if (st->tag == Ist_IMark)
         ii = instruction(&w, st, &instr_buf[n_instrs++], layout);
      else
         statement(&w, ii, sbIn, i, hWordTy);
      if (det)
         st = cs_det_filter_stmt(st);
      if (can_fault || st->tag == Ist_Exit)
         addStmtToIRSB(w.out, st);
      else
         cs_tail_defer(&w, st);
   }
   superblock_end(&w, ii, sbIn, layout);
   cs_queue_end(vge->base[0]);
   return w.out;
}
