/* cs_instrument.c - walking each superblock's IR and adding the calls that
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
 * the order they happened, because I and D share the LL cache. */
#include "cs_global.h"
#include "pub_tool_libcassert.h"
#include "pub_tool_libcprint.h"
#include "pub_tool_machine.h"

/* ------------------------------------------------------------------ */
/* Run-time helpers: the hot path, called from the generated code.     */
/* ------------------------------------------------------------------ */

static inline void do_fetch(const CsInstr* ii)
{
   CsCC* cc = ii->cc;
   cc->ev[EV_Ir]++;
   if (UNLIKELY(cs_cache_ref(&cs_I1, ii->addr, ii->len))) {
      cc->ev[EV_I1mr]++;
      if (cs_cache_ref(&cs_LL, ii->addr, ii->len))
         cc->ev[EV_ILmr]++;
   }
}

/* ev is EV_Dr or EV_Dw; the miss counters follow it. */
static inline void do_data(CsCC* cc, Addr ea, UWord size, Int ev)
{
   cc->ev[ev]++;
   if (UNLIKELY(cs_cache_ref(&cs_D1, ea, size))) {
      cc->ev[ev + 1]++;
      if (cs_cache_ref(&cs_LL, ea, size))
         cc->ev[ev + 2]++;
   }
}

static VG_REGPARM(1) void h_fetch1(const CsInstr* a)
{
   do_fetch(a);
}

static VG_REGPARM(2) void h_fetch2(const CsInstr* a, const CsInstr* b)
{
   do_fetch(a);
   do_fetch(b);
}

static VG_REGPARM(3) void h_fetch3(const CsInstr* a, const CsInstr* b, const CsInstr* c)
{
   do_fetch(a);
   do_fetch(b);
   do_fetch(c);
}

static VG_REGPARM(3) void h_fetch_read(const CsInstr* ii, Addr ea, UWord size)
{
   do_fetch(ii);
   do_data(ii->cc, ea, size, EV_Dr);
}

static VG_REGPARM(3) void h_fetch_write(const CsInstr* ii, Addr ea, UWord size)
{
   do_fetch(ii);
   do_data(ii->cc, ea, size, EV_Dw);
}

static VG_REGPARM(3) void h_read(const CsInstr* ii, Addr ea, UWord size)
{
   do_data(ii->cc, ea, size, EV_Dr);
}

static VG_REGPARM(3) void h_write(const CsInstr* ii, Addr ea, UWord size)
{
   do_data(ii->cc, ea, size, EV_Dw);
}

static VG_REGPARM(2) void h_cond_branch(const CsInstr* ii, UWord taken)
{
   CsCC* cc = ii->cc;
   cc->ev[EV_Bc]++;
   cc->ev[EV_Bcm] += cs_bpred_cond(cs_bpred, ii->addr, (int)taken);
}

static VG_REGPARM(2) void h_ind_branch(const CsInstr* ii, Addr target)
{
   CsCC* cc = ii->cc;
   cc->ev[EV_Bi]++;
   cc->ev[EV_Bim] += cs_bpred_ind(cs_bpred, ii->addr, target);
}

/* ------------------------------------------------------------------ */
/* The event queue.                                                    */
/* ------------------------------------------------------------------ */

typedef enum { EvFetch, EvRead, EvModify, EvWrite, EvCondBr, EvIndBr } EvKind;

typedef struct {
   EvKind kind;
   CsInstr* ii;
   IRExpr* addr;      /* data address (Read/Modify/Write) */
   Int size;          /* data size */
   IRExpr* value;     /* taken flag (CondBr) or target (IndBr) */
} Event;

/* Larger than any flush interval needs; when full, flush (merges are
 * decided before that, so the capacity never changes a count). */
#define QUEUE_CAP 32

typedef struct {
   IRSB* out;
   Event q[QUEUE_CAP];
   Int n;
} Walk;

static IRExpr* ptr_expr(const void* p)
{
   return mkIRExpr_HWord((HWord)p);
}

static void emit_call(Walk* w, Int regparms, const HChar* name, void* fn,
                      IRExpr** args, IRExpr* guard)
{
   IRDirty* di = unsafeIRDirty_0_N(regparms, name, VG_(fnptr_to_fnentry)(fn), args);
   if (guard)
      di->guard = guard;
   addStmtToIRSB(w->out, IRStmt_Dirty(di));
}

/* Add n to a 64-bit counter in memory, inline, without a helper call. */
static void emit_counter_add(Walk* w, ULong* counter, ULong n)
{
   IRTemp old = newIRTemp(w->out->tyenv, Ity_I64);
   IRTemp sum = newIRTemp(w->out->tyenv, Ity_I64);
#if defined(VG_BIGENDIAN)
   IREndness end = Iend_BE;
#else
   IREndness end = Iend_LE;
#endif
   addStmtToIRSB(w->out, IRStmt_WrTmp(old, IRExpr_Load(end, Ity_I64, ptr_expr(counter))));
   addStmtToIRSB(w->out, IRStmt_WrTmp(sum, IRExpr_Binop(Iop_Add64, IRExpr_RdTmp(old),
                                                        IRExpr_Const(IRConst_U64(n)))));
   addStmtToIRSB(w->out, IRStmt_Store(end, ptr_expr(counter), IRExpr_RdTmp(sum)));
}

static Bool is_read(const Event* e)
{
   return e->kind == EvRead || e->kind == EvModify;
}

/* Turn the queued events into helper calls, in order. */
static void flush(Walk* w)
{
   Int i = 0;

   while (i < w->n) {
      Event* e = &w->q[i];
      Event* e2 = i + 1 < w->n ? &w->q[i + 1] : NULL;
      Event* e3 = i + 2 < w->n ? &w->q[i + 2] : NULL;

      switch (e->kind) {
      case EvFetch:
         if (!cs_clo.cache_sim) {
            /* Counting only: one inline add per run of instructions that
             * share a cost centre. */
            ULong n = 1;
            while (i + 1 < w->n && w->q[i + 1].kind == EvFetch
                   && w->q[i + 1].ii->cc == e->ii->cc) {
               n++;
               i++;
            }
            emit_counter_add(w, &e->ii->cc->ev[EV_Ir], n);
            i++;
         } else if (e2 && e2->ii == e->ii && is_read(e2)) {
            emit_call(w, 3, "h_fetch_read", h_fetch_read,
                      mkIRExprVec_3(ptr_expr(e->ii), e2->addr, mkIRExpr_HWord(e2->size)), NULL);
            i += 2;
         } else if (e2 && e2->ii == e->ii && e2->kind == EvWrite) {
            emit_call(w, 3, "h_fetch_write", h_fetch_write,
                      mkIRExprVec_3(ptr_expr(e->ii), e2->addr, mkIRExpr_HWord(e2->size)), NULL);
            i += 2;
         } else if (e2 && e2->kind == EvFetch && e3 && e3->kind == EvFetch) {
            emit_call(w, 3, "h_fetch3", h_fetch3,
                      mkIRExprVec_3(ptr_expr(e->ii), ptr_expr(e2->ii), ptr_expr(e3->ii)), NULL);
            i += 3;
         } else if (e2 && e2->kind == EvFetch) {
            emit_call(w, 2, "h_fetch2", h_fetch2,
                      mkIRExprVec_2(ptr_expr(e->ii), ptr_expr(e2->ii)), NULL);
            i += 2;
         } else {
            emit_call(w, 1, "h_fetch1", h_fetch1, mkIRExprVec_1(ptr_expr(e->ii)), NULL);
            i++;
         }
         break;
      case EvRead:
      case EvModify:
         emit_call(w, 3, "h_read", h_read,
                   mkIRExprVec_3(ptr_expr(e->ii), e->addr, mkIRExpr_HWord(e->size)), NULL);
         i++;
         break;
      case EvWrite:
         emit_call(w, 3, "h_write", h_write,
                   mkIRExprVec_3(ptr_expr(e->ii), e->addr, mkIRExpr_HWord(e->size)), NULL);
         i++;
         break;
      case EvCondBr:
         emit_call(w, 2, "h_cond_branch", h_cond_branch,
                   mkIRExprVec_2(ptr_expr(e->ii), e->value), NULL);
         i++;
         break;
      case EvIndBr:
         emit_call(w, 2, "h_ind_branch", h_ind_branch,
                   mkIRExprVec_2(ptr_expr(e->ii), e->value), NULL);
         i++;
         break;
      }
   }
   w->n = 0;
}

static Event* push(Walk* w, EvKind kind, CsInstr* ii)
{
   Event* e;
   if (w->n == QUEUE_CAP)
      flush(w);
   e = &w->q[w->n++];
   e->kind = kind;
   e->ii = ii;
   e->addr = NULL;
   e->size = 0;
   e->value = NULL;
   return e;
}

static Int clamp_to_line(Int size)
{
   return size > cs_min_line_size ? cs_min_line_size : size;
}

static void add_read(Walk* w, CsInstr* ii, Int size, IRExpr* addr)
{
   Event* e;
   if (!cs_clo.cache_sim)
      return;
   tl_assert(isIRAtom(addr));
   tl_assert(size >= 1 && size <= cs_min_line_size);
   e = push(w, EvRead, ii);
   e->addr = addr;
   e->size = size;
}

static void add_write(Walk* w, CsInstr* ii, Int size, IRExpr* addr)
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
   e = push(w, EvWrite, ii);
   e->addr = addr;
   e->size = size;
}

/* Guarded accesses are rare: flush and call at once, under the guard. */
static void add_guarded(Walk* w, CsInstr* ii, Int size, IRExpr* addr, IRExpr* guard,
                        Bool is_write)
{
   if (!cs_clo.cache_sim)
      return;
   tl_assert(size >= 1 && size <= cs_min_line_size);
   flush(w);
   if (is_write)
      emit_call(w, 3, "h_write", h_write,
                mkIRExprVec_3(ptr_expr(ii), addr, mkIRExpr_HWord(size)), guard);
   else
      emit_call(w, 3, "h_read", h_read,
                mkIRExprVec_3(ptr_expr(ii), addr, mkIRExpr_HWord(size)), guard);
}

/* A side exit: is it a guest branch, and which way counts as taken? */
static void add_exit_branch(Walk* w, CsInstr* ii, const IRStmt* st, IRType hWordTy)
{
   IRTypeEnv* tyenv = w->out->tyenv;
   Addr next_instr = ii->addr + ii->len;
   Addr target;
   Bool inverted;
   IRTemp g1, gw, taken;
   Event* e;

   if (!cs_clo.branch_sim)
      return;
   if (st->Ist.Exit.jk != Ijk_Boring && st->Ist.Exit.jk != Ijk_Call
       && st->Ist.Exit.jk != Ijk_Ret)
      return;
   target = hWordTy == Ity_I32 ? st->Ist.Exit.dst->Ico.U32 : st->Ist.Exit.dst->Ico.U64;
   /* When the optimiser flipped the branch, the exit goes to the next
    * instruction and the guard says "not taken". */
   inverted = target == next_instr;
   g1 = newIRTemp(tyenv, Ity_I1);
   gw = newIRTemp(tyenv, hWordTy);
   taken = newIRTemp(tyenv, hWordTy);
   addStmtToIRSB(w->out, IRStmt_WrTmp(g1, st->Ist.Exit.guard));
   addStmtToIRSB(w->out, IRStmt_WrTmp(gw, IRExpr_Unop(hWordTy == Ity_I32 ? Iop_1Uto32
                                                                         : Iop_1Uto64,
                                                      IRExpr_RdTmp(g1))));
   if (inverted)
      addStmtToIRSB(w->out, IRStmt_WrTmp(taken, IRExpr_Binop(
         hWordTy == Ity_I32 ? Iop_Xor32 : Iop_Xor64, IRExpr_RdTmp(gw),
         hWordTy == Ity_I32 ? IRExpr_Const(IRConst_U32(1)) : IRExpr_Const(IRConst_U64(1)))));
   else
      addStmtToIRSB(w->out, IRStmt_WrTmp(taken, IRExpr_RdTmp(gw)));
   e = push(w, EvCondBr, ii);
   e->value = IRExpr_RdTmp(taken);
}

/* ------------------------------------------------------------------ */
/* The walk.                                                           */
/* ------------------------------------------------------------------ */

IRSB* cs_instrument(VgCallbackClosure* closure, IRSB* sbIn,
                    const VexGuestLayout* layout, const VexGuestExtents* vge,
                    const VexArchInfo* archinfo_host,
                    IRType gWordTy, IRType hWordTy)
{
   Walk w;
   Int i, first, n_instrs = 0;
   CsSB* sb;
   CsInstr* ii = NULL;
   IRTypeEnv* tyenv = sbIn->tyenv;

   if (gWordTy != hWordTy)
      VG_(tool_panic)("host/guest word size mismatch");

   w.out = deepCopyIRSBExceptStmts(sbIn);
   w.n = 0;

   /* The preamble before the first IMark (self-check code) is copied as is
    * and counts nothing. */
   for (first = 0; first < sbIn->stmts_used && sbIn->stmts[first]->tag != Ist_IMark; first++)
      addStmtToIRSB(w.out, sbIn->stmts[first]);
   for (i = first; i < sbIn->stmts_used; i++)
      if (sbIn->stmts[i]->tag == Ist_IMark)
         n_instrs++;
   if (n_instrs == 0)
      return w.out;
   sb = cs_sb_new(vge->base[0], (UInt)n_instrs);
   n_instrs = 0;

   for (i = first; i < sbIn->stmts_used; i++) {
      IRStmt* st = sbIn->stmts[i];
      tl_assert(isFlatIRStmt(st));

      switch (st->tag) {
      case Ist_IMark: {
         UInt len = st->Ist.IMark.len;
         if (len == 0)            /* undecodable: pretend minimal length */
            len = VG_MIN_INSTR_SZB;
         ii = &sb->instrs[n_instrs++];
         ii->addr = (Addr)st->Ist.IMark.addr;
         ii->len = len;
         ii->cc = cs_cc_for_instr(ii->addr);
         push(&w, EvFetch, ii);
         break;
      }
      case Ist_WrTmp: {
         IRExpr* data = st->Ist.WrTmp.data;
         if (data->tag == Iex_Load)
            add_read(&w, ii, sizeofIRType(data->Iex.Load.ty), data->Iex.Load.addr);
         break;
      }
      case Ist_Store:
         add_write(&w, ii, sizeofIRType(typeOfIRExpr(tyenv, st->Ist.Store.data)),
                   st->Ist.Store.addr);
         break;
      case Ist_StoreG: {
         IRStoreG* sg = st->Ist.StoreG.details;
         add_guarded(&w, ii, sizeofIRType(typeOfIRExpr(tyenv, sg->data)), sg->addr,
                     sg->guard, True);
         break;
      }
      case Ist_LoadG: {
         IRLoadG* lg = st->Ist.LoadG.details;
         IRType loaded = Ity_INVALID, widened = Ity_INVALID;
         typeOfIRLoadGOp(lg->cvt, &widened, &loaded);
         add_guarded(&w, ii, sizeofIRType(loaded), lg->addr, lg->guard, False);
         break;
      }
      case Ist_Dirty: {
         IRDirty* d = st->Ist.Dirty.details;
         if (d->mFx != Ifx_None) {
            Int size = clamp_to_line(d->mSize);
            if (d->mFx == Ifx_Read || d->mFx == Ifx_Modify)
               add_read(&w, ii, size, d->mAddr);
            if (d->mFx == Ifx_Write || d->mFx == Ifx_Modify)
               add_write(&w, ii, size, d->mAddr);
         }
         break;
      }
      case Ist_CAS: {
         IRCAS* cas = st->Ist.CAS.details;
         Int size = sizeofIRType(typeOfIRExpr(tyenv, cas->dataLo));
         if (cas->dataHi != NULL)
            size *= 2;            /* double-word CAS */
         size = clamp_to_line(size);
         add_read(&w, ii, size, cas->addr);
         add_write(&w, ii, size, cas->addr);
         break;
      }
      case Ist_LLSC:
         if (st->Ist.LLSC.storedata == NULL) {
            add_read(&w, ii, sizeofIRType(typeOfIRTemp(tyenv, st->Ist.LLSC.result)),
                     st->Ist.LLSC.addr);
            flush(&w);            /* keep helpers out of the LL..SC window */
         } else {
            add_write(&w, ii, sizeofIRType(typeOfIRExpr(tyenv, st->Ist.LLSC.storedata)),
                      st->Ist.LLSC.addr);
         }
         break;
      case Ist_Exit:
         add_exit_branch(&w, ii, st, hWordTy);
         /* The exit may be taken: what happened before it must be counted
          * before it. */
         flush(&w);
         break;
      default:
         break;
      }
      addStmtToIRSB(w.out, st);
   }

   /* A computed jump or call at the end is an indirect branch; returns are
    * assumed perfectly predicted. */
   if (cs_clo.branch_sim && (sbIn->jumpkind == Ijk_Boring || sbIn->jumpkind == Ijk_Call)
       && sbIn->next->tag != Iex_Const) {
      Event* e = push(&w, EvIndBr, ii);
      e->value = sbIn->next;
   }
   flush(&w);
   return w.out;
}
