/* instrument/tail.c - the guest's statements held back since the last one
 * that can fault, so that the simulation of a stretch of code goes before
 * them (see cs_queue_flush); and the barrier that keeps VEX from moving a
 * load past the simulation's calls. */
#include "instrument/tail.h"

/* Translation is single-threaded, so the buffer is shared and reused. */
static IRStmt** tail_buf;
static UInt tail_cap;

/* Hold back a statement until the stretch's simulation is emitted. */
void cs_tail_defer(Walk* w, IRStmt* st)
{
   ENSURE_ROOM(tail_buf, tail_cap, (UInt)w->n_tail + 1);
   tail_buf[w->n_tail++] = st;
}

/* Does the flat expression e read one of the temporaries in loads? */
static Bool reads_any(const IRExpr* e, const IRTemp* loads, Int n)
{
   Int i;
   if (e == NULL)
      return False;
   switch (e->tag) {
   case Iex_RdTmp:
      for (i = 0; i < n; i++)
         if (loads[i] == e->Iex.RdTmp.tmp)
            return True;
      return False;
   case Iex_GetI:
      return reads_any(e->Iex.GetI.ix, loads, n);
   case Iex_Unop:
      return reads_any(e->Iex.Unop.arg, loads, n);
   case Iex_Binop:
      return reads_any(e->Iex.Binop.arg1, loads, n) || reads_any(e->Iex.Binop.arg2, loads, n);
   case Iex_Triop:
      return reads_any(e->Iex.Triop.details->arg1, loads, n)
             || reads_any(e->Iex.Triop.details->arg2, loads, n)
             || reads_any(e->Iex.Triop.details->arg3, loads, n);
   case Iex_Qop:
      return reads_any(e->Iex.Qop.details->arg1, loads, n)
             || reads_any(e->Iex.Qop.details->arg2, loads, n)
             || reads_any(e->Iex.Qop.details->arg3, loads, n)
             || reads_any(e->Iex.Qop.details->arg4, loads, n);
   case Iex_ITE:
      return reads_any(e->Iex.ITE.cond, loads, n) || reads_any(e->Iex.ITE.iftrue, loads, n)
             || reads_any(e->Iex.ITE.iffalse, loads, n);
   case Iex_CCall:
      for (i = 0; e->Iex.CCall.args[i] != NULL; i++)
         if (reads_any(e->Iex.CCall.args[i], loads, n))
            return True;
      return False;
   default:                   /* Get, Const: no temporaries */
      return False;
   }
}

/* Does a held-back statement read a temporary that a load of this
 * superblock wrote?  (Or have there been too many loads to tell?) */
Bool cs_tail_reads_a_load(const Walk* w)
{
   Int i;
   if (w->n_tail == 0 || w->n_loads == 0)
      return False;
   if (w->n_loads > LOADS_CAP)
      return True;
   for (i = 0; i < w->n_tail; i++) {
      const IRStmt* st = tail_buf[i];
      Bool reads = False;
      switch (st->tag) {
      case Ist_WrTmp:
         reads = reads_any(st->Ist.WrTmp.data, w->loads, w->n_loads);
         break;
      case Ist_Put:
         reads = reads_any(st->Ist.Put.data, w->loads, w->n_loads);
         break;
      case Ist_PutI:
         reads = reads_any(st->Ist.PutI.details->ix, w->loads, w->n_loads)
                 || reads_any(st->Ist.PutI.details->data, w->loads, w->n_loads);
         break;
      case Ist_AbiHint:
         reads = reads_any(st->Ist.AbiHint.base, w->loads, w->n_loads)
                 || reads_any(st->Ist.AbiHint.nia, w->loads, w->n_loads);
         break;
      default:                /* IMark, NoOp, MBE */
         break;
      }
      if (reads)
         return True;
   }
   return False;
}

/* The simulation's helpers declare no memory effects, so VEX would move
 * a load whose only use is a held-back statement past them, into that
 * use, and a load that faults would then run after the simulation of
 * its stretch (Cachegrind's runs after all of its stretch's statements,
 * so that simulation would not have run).  An ABI hint of no bytes makes
 * no code, and VEX moves no load past one.  A load whose only use is the
 * jump at the end (a return's) moves past Cachegrind's helpers too, so it
 * may move past these. */
void cs_tail_load_barrier(Walk* w)
{
   addStmtToIRSB(w->out, IRStmt_AbiHint(word_const(0), 0, word_const(0)));
}

void cs_tail_release(Walk* w)
{
   Int i;
   for (i = 0; i < w->n_tail; i++)
      addStmtToIRSB(w->out, tail_buf[i]);
   w->n_tail = 0;
}
