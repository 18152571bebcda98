/* instrument/predictors.c - the branch predictors in the generated code,
 * run inline (model/branchpred.h), and which way a side exit counts as
 * taken. */
#include "instrument/predictors.h"
#include "instrument/tail.h"
#include "options.h"
#include "runtime.h"

/* table + counter + 8 * taken (see model/branchpred.h), in one tree, which
 * VEX makes an x86 address mode: no instruction of its own.  (Three
 * temporaries, each used once: VEX's tree builder holds at most ten such
 * at a time, and one more in emit_cond_branch's longest run would push
 * out the exit's comparison, which then is computed early, kept and
 * tested.) */
static IRExpr* bp_table_slot(Walk* w, IRExpr* ctr, IRExpr* taken, const void* table)
{
   IRExpr* eight = word_op(w, Iop_Shl32, Iop_Shl64, taken, IRExpr_Const(IRConst_U8(3)));
   IRExpr* off = word_op(w, Iop_Add32, Iop_Add64, ctr, eight);
   return word_op(w, Iop_Add32, Iop_Add64, off, ptr_expr(table));
}

/* On a 64-bit host, what one load gives a branch: cs_bp_next's next
 * counter in the low byte, and above it (shifted left by 8) what the
 * branch adds to the counts: cs_bp_mispredict's entry, with the call
 * graph's packed running totals (see cs_running_packed) one conditional
 * branch more in its high half.  The entries are 8 bytes apart, at the
 * offsets of both tables: the low byte is stored as the counter, the
 * rest shifted down (4 bytes of code) where a second load was 8 or 9.
 * Made at the first translation that asks (entry 1, counter 0 taken, is
 * never 0 once made). */
static ULong next_and_counts[2][8];

static const ULong* next_and_counts_table(Bool pack)
{
   ULong* t = next_and_counts[pack];
   UInt i;
   if (t[1] == 0)
      for (i = 0; i < 8; i++)
         t[i] = cs_bp_next[8 * i]
                | (cs_bp_mispredict[i] | (pack ? 1ULL << CS_PACK_HIGH : 0)) << 8;
   return t;
}

/* The conditional-branch predictor (model/branchpred.h), inline, as
 * cs_bpred_cond does it: the counter at the history's offset in the
 * branch's row, its next value and whether it mispredicted looked up, the
 * outcome shifted into the history. */
void cs_emit_cond_branch(Walk* w, const Event* e)
{
   cs_bpred_t* bp = cs_bpred;
   /* This branch's row of counters, known now. */
   const UChar* row = cs_bpred_row(bp, e->ii->addr);
   IRExpr* taken = e->value;                           /* host word, 0 or 1 */
   IRExpr* hist = load_byte(w, mem_addr(w, &bp->history));
   IRExpr *slot, *ctr, *next, *mispredict;

   slot = word_op(w, Iop_Add32, Iop_Add64, hist, ptr_expr(row));
   ctr = load_byte(w, slot);
   if (w->word == Ity_I64) {
      IRExpr* entry = new_tmp(w, Ity_I64, IRExpr_Load(HOST_END, Ity_I64,
                                                      bp_table_slot(w, ctr, taken,
                                                                    next_and_counts_table(w->pack))));
      IRExpr* both;
      /* The store gets its own address expression (see emit_counter_add_i64). */
      slot = word_op(w, Iop_Add32, Iop_Add64, hist, ptr_expr(row));
      addStmtToIRSB(w->out, IRStmt_Store(HOST_END, slot, new_tmp(w, Ity_I8, IRExpr_Unop(Iop_64to8, entry))));
      both = new_tmp(w, Ity_I64, IRExpr_Binop(Iop_Shr64, entry, IRExpr_Const(IRConst_U8(8))));
      if (w->pack) {
         /* Bcm | Bc << 32, as the running totals add them; the cost
          * centre's count is its low half (a 32-bit move). */
         mispredict = new_tmp(w, Ity_I64, IRExpr_Unop(Iop_32Uto64, new_tmp(w, Ity_I32,
                                                        IRExpr_Unop(Iop_64to32, both))));
         emit_counter_add_word(w, &e->ii->cc->ev[EV_Bcm], mispredict);
         w->mispredicts = w->mispredicts == NULL ? both
                                                 : word_op(w, Iop_Add32, Iop_Add64, w->mispredicts, both);
         w->packed_branches++;
      } else {
         emit_counter_add_word(w, &e->ii->cc->ev[EV_Bcm], both);
         if (cs_clo.call_graph)
            emit_counter_add_word(w, &cs_running[EV_Bcm], both);
      }
   } else {
      next = new_tmp(w, Ity_I8, IRExpr_Load(HOST_END, Ity_I8, bp_table_slot(w, ctr, taken, cs_bp_next)));
      slot = word_op(w, Iop_Add32, Iop_Add64, hist, ptr_expr(row));
      addStmtToIRSB(w->out, IRStmt_Store(HOST_END, slot, next));
      /* The low half of the 64-bit entry. */
      mispredict = new_tmp(w, w->word, IRExpr_Load(HOST_END, w->word,
                                                   bp_table_slot(w, ctr, taken, cs_bp_mispredict)));
      emit_counter_add_word(w, &e->ii->cc->ev[EV_Bcm], mispredict);
      if (w->pack)                      /* added with the flush's Bc */
         w->mispredicts = w->mispredicts == NULL
                             ? mispredict
                             : word_op(w, Iop_Add32, Iop_Add64, w->mispredicts, mispredict);
      else if (cs_clo.call_graph)
         emit_counter_add_word(w, &cs_running[EV_Bcm], mispredict);
   }

   /* (history | taken) << 1, stored as a byte: the oldest outcome drops out. */
   hist = word_op(w, Iop_Or32, Iop_Or64, hist, taken);
   hist = word_op(w, Iop_Shl32, Iop_Shl64, hist, IRExpr_Const(IRConst_U8(1)));
   hist = new_tmp(w, Ity_I8, IRExpr_Unop(w->word == Ity_I32 ? Iop_32to8 : Iop_64to8, hist));
   addStmtToIRSB(w->out, IRStmt_Store(HOST_END, mem_addr(w, &bp->history), hist));
}

/* The indirect-branch predictor, inline: its table slot is known now. */
void cs_emit_ind_branch(Walk* w, const Event* e)
{
   cs_bpred_t* bp = cs_bpred;
   UWord* slot = &bp->btac[(e->ii->addr >> bp->addr_shift) & (CS_BP_BTAC_ENTRIES - 1)];
   IRExpr* last = new_tmp(w, w->word, IRExpr_Load(HOST_END, w->word, mem_addr(w, slot)));
   IRExpr* miss = new_tmp(w, w->word, IRExpr_Unop(w->word == Ity_I32 ? Iop_1Uto32 : Iop_1Uto64,
                                                  word_ne(w, last, e->value)));
   emit_counter_add_word(w, &e->ii->cc->ev[EV_Bim], miss);
   if (cs_clo.call_graph)
      emit_counter_add_word(w, &cs_running[EV_Bim], miss);
   addStmtToIRSB(w->out, IRStmt_Store(HOST_END, mem_addr(w, slot), e->value));
}

/* The expression bound to temporary t, looking back from statement *pos
 * (which moves to the binding), or NULL. */
static IRExpr* binding_of(const IRSB* sb, Int* pos, IRTemp t)
{
   while (--*pos >= 0) {
      const IRStmt* st = sb->stmts[*pos];
      if (st->tag == Ist_WrTmp && st->Ist.WrTmp.tmp == t)
         return st->Ist.WrTmp.data;
   }
   return NULL;
}

/* The comparison an exit's guard was computed by, through the copies,
 * 1Uto64/64to1 round trips and negations (Not1, which toggle *negated)
 * the front end leaves in between, or NULL.  (The guest's code computes
 * the guard just before the exit.) */
static IRExpr* guard_comparison(const IRSB* sb, Int exit_at, IRExpr* guard, Bool* negated)
{
   Int pos = exit_at;
   IRExpr* e = guard;
   Int steps;
   *negated = False;
   for (steps = 0; steps < 16 && e != NULL && e->tag == Iex_RdTmp; steps++) {
      e = binding_of(sb, &pos, e->Iex.RdTmp.tmp);
      if (e != NULL && e->tag == Iex_Unop && e->Iex.Unop.op == Iop_Not1
          && e->Iex.Unop.arg->tag == Iex_RdTmp) {
         *negated = !*negated;
         e = e->Iex.Unop.arg;
         continue;
      }
      if (e != NULL && e->tag == Iex_Unop
          && (e->Iex.Unop.op == Iop_64to1 || e->Iex.Unop.op == Iop_32to1)
          && e->Iex.Unop.arg->tag == Iex_RdTmp) {
         /* Look through the copies to the 1Uto64/1Uto32 it undoes. */
         IRExpr* widened = e->Iex.Unop.arg;
         while (widened != NULL && widened->tag == Iex_RdTmp)
            widened = binding_of(sb, &pos, widened->Iex.RdTmp.tmp);
         if (widened == NULL || widened->tag != Iex_Unop
             || (widened->Iex.Unop.op != Iop_1Uto64 && widened->Iex.Unop.op != Iop_1Uto32))
            return NULL;
         e = widened->Iex.Unop.arg;
      }
   }
   return e != NULL && e->tag == Iex_Binop ? e : NULL;
}

/* The comparison that is true exactly when cmp is false, or Iop_INVALID;
 * *swap says whether its operands go the other way round. */
static IROp inverse_comparison(IROp op, Bool* swap)
{
   *swap = False;
   switch (op) {
   case Iop_CmpEQ8:  return Iop_CmpNE8;
   case Iop_CmpEQ16: return Iop_CmpNE16;
   case Iop_CmpEQ32: return Iop_CmpNE32;
   case Iop_CmpEQ64: return Iop_CmpNE64;
   case Iop_CmpNE8:  return Iop_CmpEQ8;
   case Iop_CmpNE16: return Iop_CmpEQ16;
   case Iop_CmpNE32: return Iop_CmpEQ32;
   case Iop_CmpNE64: return Iop_CmpEQ64;
   default: break;
   }
   *swap = True;            /* a < b is not (b <= a), and the other way */
   switch (op) {
   case Iop_CmpLT32S: return Iop_CmpLE32S;
   case Iop_CmpLT32U: return Iop_CmpLE32U;
   case Iop_CmpLT64S: return Iop_CmpLE64S;
   case Iop_CmpLT64U: return Iop_CmpLE64U;
   case Iop_CmpLE32S: return Iop_CmpLT32S;
   case Iop_CmpLE32U: return Iop_CmpLT32U;
   case Iop_CmpLE64S: return Iop_CmpLT64S;
   case Iop_CmpLE64U: return Iop_CmpLT64U;
   default: return Iop_INVALID;
   }
}

/* The taken flag of a branch whose guard the guest computed by the
 * comparison cmp, as a fresh comparison of the same operands (inverted if
 * the exit means "not taken"), or NULL.  The guard itself then feeds only
 * the exit, and VEX branches on the guest's comparison directly instead
 * of first making it a 0/1 value for both (about three host instructions
 * less per conditional branch). */
static IRExpr* recompare(IRTypeEnv* tyenv, Walk* w, const IRExpr* cmp, Bool inverted)
{
   IROp op = cmp->Iex.Binop.op;
   IRExpr *a = cmp->Iex.Binop.arg1, *b = cmp->Iex.Binop.arg2;
   Bool swap;
   IROp inverse = inverse_comparison(op, &swap);
   IRTemp t;
   if (inverse == Iop_INVALID)       /* not a comparison this knows */
      return NULL;
   if (inverted) {
      op = inverse;
      if (swap) {
         IRExpr* x = a;
         a = b;
         b = x;
      }
   }
   t = newIRTemp(tyenv, Ity_I1);
   cs_tail_defer(w, IRStmt_WrTmp(t, IRExpr_Binop(op, a, b)));
   return IRExpr_RdTmp(t);
}


/* A side exit: is it a guest branch, and which way counts as taken? */
IRExpr* cs_exit_taken(Walk* w, const CsInstr* ii, const IRSB* sb_in, Int exit_at,
                      const IRStmt* st, IRType hWordTy)
{
   IRTypeEnv* tyenv = w->out->tyenv;
   Addr next_instr = ii->addr + ii->len;
   Addr target;
   Bool inverted, negated;
   IRTemp g1, taken;
   IRExpr *cmp, *flag;

   if (!cs_clo.branch_sim)
      return NULL;
   if (st->Ist.Exit.jk != Ijk_Boring && st->Ist.Exit.jk != Ijk_Call
       && st->Ist.Exit.jk != Ijk_Ret)
      return NULL;
   target = hWordTy == Ity_I32 ? st->Ist.Exit.dst->Ico.U32 : st->Ist.Exit.dst->Ico.U64;
   /* When the optimiser flipped the branch, the exit goes to the next
    * instruction and the guard says "not taken". */
   inverted = target == next_instr;
   cmp = guard_comparison(sb_in, exit_at, st->Ist.Exit.guard, &negated);
   /* Taken is the guard, or its negation when the exit is inverted; the
    * guard is the comparison, or its negation. */
   flag = cmp != NULL ? recompare(tyenv, w, cmp, inverted != negated) : NULL;
   taken = newIRTemp(tyenv, hWordTy);
   if (flag != NULL) {
      cs_tail_defer(w, IRStmt_WrTmp(taken, IRExpr_Unop(hWordTy == Ity_I32 ? Iop_1Uto32
                                                                              : Iop_1Uto64,
                                                           flag)));
   } else {
      /* The guard itself, as a host word, negated first if need be
       * (VEX then sets the word from the inverted condition, one
       * instruction less than inverting the word). */
      g1 = newIRTemp(tyenv, Ity_I1);
      cs_tail_defer(w, IRStmt_WrTmp(g1, st->Ist.Exit.guard));
      if (inverted) {
         IRTemp ng = newIRTemp(tyenv, Ity_I1);
         cs_tail_defer(w, IRStmt_WrTmp(ng, IRExpr_Unop(Iop_Not1, IRExpr_RdTmp(g1))));
         g1 = ng;
      }
      cs_tail_defer(w, IRStmt_WrTmp(taken, IRExpr_Unop(hWordTy == Ity_I32 ? Iop_1Uto32 : Iop_1Uto64,
                                               IRExpr_RdTmp(g1))));
   }
   return IRExpr_RdTmp(taken);
}
