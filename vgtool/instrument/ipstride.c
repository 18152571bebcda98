/* instrument/ipstride.c - D1's ipstride prefetcher trained in the
 * generated code.
 *
 * Every load trains the prefetcher (model/prefetch.h, cs_pf_load_step),
 * and most change only their table entry: a call to the model for each
 * cost about a fifth of a run under --cpu=skylake.  The entry a load uses
 * is known when it is instrumented (the table is indexed by the
 * instruction's address, and lives in the tool's static data: caches.c),
 * so the generated code loads the entry, works out its update with
 * compares and selects, and stores it back, by the model's rules and in
 * the model's layout (loads made through the model -- guarded loads,
 * --classify-misses, --inline-tests=no -- train the same table).  The
 * load then calls the model only when its access failed the inline D1
 * test or the training is confident of a stride: one call, which makes
 * the access and then the prefetches, the order of cs_hier_access_ext
 * (the training touches nothing the access reads, so training first
 * changes nothing). */
#include "instrument/ipstride.h"
#include "instrument/hier_helpers.h"
#include "runtime.h"

Bool cs_ipstride_inline(const Walk* w)
{
   return w->word == Ity_I64;
}

/* A field of the entry whose address is in base (a register: each load
 * and store then reaches its field with a one-byte displacement). */
static IRExpr* field(Walk* w, IRExpr* base, const cs_pf_ip_entry_t* ent, const void* p)
{
   return new_tmp(w, Ity_I64, IRExpr_Binop(Iop_Add64, base,
                                            word_const((UWord)((const char*)p - (const char*)ent))));
}

static IRExpr* load_word(Walk* w, IRExpr* addr)
{
   return new_tmp(w, Ity_I64, IRExpr_Load(HOST_END, Ity_I64, addr));
}

static void store_word(Walk* w, IRExpr* addr, IRExpr* v)
{
   addStmtToIRSB(w->out, IRStmt_Store(HOST_END, addr, v));
}

static IRExpr* op64(Walk* w, IROp op, IRExpr* a, IRExpr* b)
{
   return new_tmp(w, Ity_I64, IRExpr_Binop(op, a, b));
}

/* A compare, made where it is used (one use: VEX then folds it into the
 * select or branch that reads it, where a shared I1 would be set into a
 * register and tested each time). */
static IRExpr* test(Walk* w, IROp op, IRExpr* a, IRExpr* b)
{
   return new_tmp(w, Ity_I1, IRExpr_Binop(op, a, b));
}

static IRExpr* select(Walk* w, IRExpr* cond, IRExpr* yes, IRExpr* no)
{
   return new_tmp(w, Ity_I64, IRExpr_ITE(cond, yes, no));
}

void cs_emit_ipstride_training(Walk* w, const Event* e, IRExpr* missed)
{
   const cs_pf_t* pf = &cs_hier.pf[CS_CPU_D1];
   cs_pf_ip_entry_t* ent = &pf->ip[e->ii->addr & (pf->cfg.ip_entries - 1UL)];
   IRExpr* tag_now = word_const(e->ii->addr + 1);
   /* 0 in a register (VEX would load a constant 0 into one for each
    * select) */
   IRExpr* zero = w->zero != NULL ? w->zero : word_const(0);
   /* The entry's address in a register, for the shorter displacements:
    * OR-ed into the zero register, which VEX does not fold into each
    * access as it would an addition. */
   IRExpr* base = w->zero != NULL ? new_tmp(w, Ity_I64, IRExpr_Binop(Iop_Or64, w->zero, ptr_expr(ent)))
                                  : new_tmp(w, Ity_I64, ptr_expr(ent));
   IRExpr *tag, *last, *stride, *run, *d, *run_on, *confident;

   tag = load_word(w, field(w, base, ent, &ent->tag));
   last = load_word(w, field(w, base, ent, &ent->last));
   stride = load_word(w, field(w, base, ent, &ent->stride));
   run = load_word(w, field(w, base, ent, &ent->run));

   /* The entry's update, as cs_pf_load_step and cs_pf_load_repeat make
    * it, with every field stored: d = addr - last; the same address again
    * changes nothing; the same stride again makes the run one longer (a
    * stride after none starts a run of 1); another stride starts a run of
    * 1; an entry of another instruction is taken over with no run (its
    * stride then means nothing, so it may keep any value). */
   d = op64(w, Iop_Sub64, e->addr, last);
   run_on = op64(w, Iop_Add64, select(w, test(w, Iop_CmpEQ64, d, stride), run, zero),
                 word_const(1));
   store_word(w, field(w, base, ent, &ent->tag), tag_now);
   store_word(w, field(w, base, ent, &ent->last), e->addr);
   store_word(w, field(w, base, ent, &ent->stride), select(w, test(w, Iop_CmpEQ64, d, word_const(0)), stride, d));
   run = select(w, test(w, Iop_CmpEQ64, tag, tag_now),
                select(w, test(w, Iop_CmpEQ64, d, word_const(0)), run, run_on), zero);
   store_word(w, field(w, base, ent, &ent->run), run);

   /* A prefetch may follow when the confidence (run - 1) reaches the
    * threshold: from a repeat of the stride, or from the same address
    * again (d = 0: nothing to prefetch).  The model checks max-stride and
    * finds the lines, if any. */
   confident = new_tmp(w, Ity_I1, IRExpr_Unop(Iop_Not1, test(w, Iop_CmpLT64U, run,
                                                            word_const(pf->cfg.ip_confidence + 1UL))));
   cs_emit_hier_trained_load(w, e, select(w, confident, d, zero),
                             new_tmp(w, Ity_I1, IRExpr_Binop(Iop_Or1, missed, confident)));
}
