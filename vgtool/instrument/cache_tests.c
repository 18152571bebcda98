/* instrument/cache_tests.c - I1 and D1 in the generated code: an inline
 * test of whether an access hits the most recently used line of its set
 * (a hit that changes nothing), and the call to the slow path when it does
 * not (instrument/helpers.c).
 *
 * The general model (runtime.h) gets the same tests, over the mirrors of
 * its L1 caches' fast exits seen as one-way caches (a read and a write may
 * need different mirrors), and calls its own slow paths
 * (instrument/hier_helpers.c). */
#include "instrument/cache_tests.h"
#include "instrument/helper_args.h"
#include "caches.h"
#include "cpu.h"
#include "instrument/helpers.h"
#include "instrument/hier_helpers.h"
#include "options.h"
#include "runtime.h"
#include "pub_tool_libcbase.h"

/* The cache whose tags the inline test of an access of kind k reads. */
static const cs_cache_t* data_cache(EvKind k)
{
   if (!cs_hier_on)
      return &cs_D1;
   return k == EvRead ? &cs_D1_fast_read : &cs_D1_fast_write;
}

/* 1 when block, known now, is not the MRU line of its set in c. */
static IRExpr* emit_not_mru_const(Walk* w, const cs_cache_t* c, Addr block)
{
   const cs_addr_t* slot = &c->tags[(block & c->set_mask) * c->assoc];
   IRExpr* tag = new_tmp(w, w->word, IRExpr_Load(HOST_END, w->word, mem_addr(w, slot)));
   return word_ne(w, tag, word_const(cs_cache_wide_tag(c, block)));
}

static UInt log2_or_none(UWord v)
{
   UInt b = 0;
   while (b < 63 && (1UL << b) < v)
      b++;
   return (1UL << b) == v ? b : 0xFFFFFFFF;
}

/* Instruction fetch: nothing when it surely hits the MRU line; else an
 * inline MRU test (of both lines, for one that spans two) that calls the
 * slow path only when it fails. */
void cs_emit_fetch(Walk* w, CsInstr* ii)
{
   const cs_cache_t* i1 = cs_hier_on ? &cs_I1_fast : &cs_I1;
   Addr first = ii->addr >> i1->line_bits;
   Addr last = (ii->addr + ii->len - 1) >> i1->line_bits;
   Bool first_known = w->have_prev_block && first == w->prev_block
                      && (!cs_hier_on || cs_hier_repeats_hit
                          || (cs_hier_fetch_repeats_hit && !w->data_since_fetch));

   if (cs_hier_on && !cs_clo.inline_tests) {
      cs_emit_hier_fetch_helper(w, ii, NULL);
   } else if (cs_hier_on && cs_hier_every_access) {
      /* with a classifier: an inline test of the quiet line (L1's and
       * its twin's: runtime.h), which an access of two lines never is */
      if (first == last && w->have_prev_block && first == w->prev_block
          && cs_hier_fetch_repeats_hit && !w->data_since_fetch) {
         /* the line of the fetch just before: quiet */
      } else if (first == last) {
         IRExpr* quiet = new_tmp(w, w->word, IRExpr_Load(HOST_END, w->word,
                                                         mem_addr(w, &cs_hier_quiet[CS_QUIET_FETCH])));
         cs_emit_hier_fetch_helper(w, ii, word_ne(w, quiet, word_const(first << i1->line_bits)));
      } else {
         cs_emit_hier_fetch_helper(w, ii, NULL);
      }
   } else if (first == last && first_known) {
      /* the same line as the instruction just before: a hit, no change */
   } else if (first == last) {
      IRExpr* miss = emit_not_mru_const(w, i1, first);
      if (cs_hier_on)
         cs_emit_hier_fetch_helper(w, ii, miss);
      else
         cs_emit_fetch_helper(w, ii, False, miss);
   } else {
      /* Two lines: a hit that changes nothing if each is the MRU line of
       * its set when fetched (the first is in place before the second). */
      IRExpr* miss = emit_not_mru_const(w, i1, last);
      if (!first_known)
         miss = new_tmp(w, Ity_I1, IRExpr_Binop(Iop_Or1, miss,
                                                emit_not_mru_const(w, i1, first)));
      if (cs_hier_on)
         cs_emit_hier_fetch_helper(w, ii, miss);
      else
         cs_emit_fetch_helper(w, ii, True, miss);
   }
   w->have_prev_block = True;
   w->prev_block = last;
   w->data_since_fetch = False;
}

/* Data access: an inline MRU test of D1, the slow path when it fails.
 *
 * The test is one subtraction and one comparison: the access's address
 * less the MRU tag of its first byte's set (the address where that line
 * starts) is at most line size - access size exactly when the access lies
 * within that line; for an access that starts below the line, the
 * difference wraps to a larger unsigned number.  This holds for any
 * number of sets: the slow path is reached only when the test fails,
 * and it takes the line as not the MRU one (cs_cache_ref_after_mru_test),
 * so a D1 of one set needs the test as much as any other. */
/* The call when the inline test fails (miss NULL: always). */
static void emit_data_helper(Walk* w, const Event* e, Bool is_write, IRExpr* miss)
{
   if (cs_hier_on)
      cs_emit_hier_data_helper(w, e, miss);
   else
      cs_emit_data_helper(w, e, is_write, miss);
}

/* 1 unless the size bytes at addr lie within the line that starts at tag
 * (a loaded line address): the subtraction and comparison described
 * above. */
static IRExpr* emit_outside_line(Walk* w, IRExpr* addr, Int size, IRExpr* tag, UInt line_bits)
{
   /* The loaded tag second: VEX then subtracts it from memory (one
    * instruction less); the constant second, an immediate. */
   IRExpr* into_line = word_op(w, Iop_Sub32, Iop_Sub64, addr, tag);
   IRExpr* within = new_tmp(w, Ity_I1, IRExpr_Binop(w->word == Ity_I32 ? Iop_CmpLE32U : Iop_CmpLE64U,
                                                    into_line,
                                                    word_const(((UWord)1 << line_bits)
                                                               - (UWord)size)));
   return new_tmp(w, Ity_I1, IRExpr_Unop(Iop_Not1, within));
}

/* The MRU tag of the set of addr's first byte in d1 (a loaded line
 * address). */
static IRExpr* emit_mru_tag(Walk* w, const cs_cache_t* d1, IRExpr* addr)
{
   IRExpr* bits = IRExpr_Const(IRConst_U8(d1->line_bits));
   UWord stride = d1->assoc * sizeof(cs_addr_t);    /* bytes per set */
   UInt stride_bits = log2_or_none(stride);
   IRExpr *offset, *slot;
   /* The byte offset of the set: (block & set_mask) * stride. */
   if (stride_bits == d1->line_bits) {
      offset = word_op(w, Iop_And32, Iop_And64, addr,
                       word_const(d1->set_mask << d1->line_bits));
   } else {
      offset = word_op(w, Iop_Shr32, Iop_Shr64, addr, bits);
      offset = word_op(w, Iop_And32, Iop_And64, offset, word_const(d1->set_mask));
      if (stride_bits != 0xFFFFFFFF)
         offset = word_op(w, Iop_Shl32, Iop_Shl64, offset, IRExpr_Const(IRConst_U8(stride_bits)));
      else
         offset = word_op(w, Iop_Mul32, Iop_Mul64, offset, word_const(stride));
   }
   slot = word_op(w, Iop_Add32, Iop_Add64, offset, ptr_expr(d1->tags));
   return new_tmp(w, w->word, IRExpr_Load(HOST_END, w->word, slot));
}

void cs_emit_data(Walk* w, const Event* e, Bool is_write)
{
   const cs_cache_t* d1 = data_cache(e->kind);
   /* Does the access need its line dirty to change nothing (general
    * model with write-back: a write or a modify)? */
   Bool dirties = cs_hier_on && d1 != &cs_D1_fast_read && cs_cpu.writeback;
   IRExpr* tag;

   /* A load that trains an ipstride prefetcher: never skipped, and
    * always a call (with no classifier, one whose helper tests D1 itself:
    * instrument/hier_helpers.c). */
   Bool trains = cs_hier_on && cs_hier_every_load && e->kind != EvWrite;

   w->data_since_fetch = True;
   if (cs_hier_on && (!cs_clo.inline_tests || (cs_hier_every_access && trains))) {
      /* (an access the elision below may not look past) */
      w->last_data_addr = NULL;
      cs_emit_hier_data_helper(w, e, NULL);
      return;
   }
   if (trains) {
      /* (inline tests on, no classifier) */
      w->last_data_addr = NULL;
      cs_emit_hier_load_tested(w, e);
      return;
   }
   if (cs_hier_on && cs_hier_every_access) {
      /* With a classifier: the same one-compare test against the quiet
       * line of the access's kind (L1's and its twin's: runtime.h), with
       * no set to find.  No elision of a repeated address: the access
       * before may have spanned two lines, the second its twin's last. */
      const cs_line_t* q = &cs_hier_quiet[e->kind == EvRead ? CS_QUIET_READ : CS_QUIET_WRITE];
      w->last_data_addr = NULL;
      tag = new_tmp(w, w->word, IRExpr_Load(HOST_END, w->word, mem_addr(w, q)));
      emit_data_helper(w, e, is_write, emit_outside_line(w, e->addr, e->size, tag, d1->line_bits));
      return;
   }
   /* The same address as the D1 access just before (no other in between),
    * no larger: its lines are in place as the MRU lines of their sets (two
    * lines are in different sets when there are two or more), so this is
    * a hit that changes nothing -- in the general model only where that
    * holds (cs_hier_repeats_hit), and for a write only after a write. */
   if (w->last_data_addr != NULL && d1->set_mask != 0 && e->size <= w->last_data_size
       && eqIRAtom(w->last_data_addr, e->addr)
       && (!cs_hier_on || (cs_hier_repeats_hit && (!dirties || w->last_data_dirty))))
      return;
   /* Likewise a fixed address within one line of the fixed-address access
    * just before (two globals side by side). */
   if (!cs_hier_on && w->last_data_addr != NULL && d1->set_mask != 0
       && w->last_data_addr->tag == Iex_Const && e->addr->tag == Iex_Const && w->word == Ity_I64) {
      Addr p = (Addr)w->last_data_addr->Iex.Const.con->Ico.U64;
      Addr a = (Addr)e->addr->Iex.Const.con->Ico.U64;
      Addr b = a >> d1->line_bits;
      if (b == (a + e->size - 1) >> d1->line_bits
          && (b == p >> d1->line_bits || b == (p + w->last_data_size - 1) >> d1->line_bits))
         return;
   }
   w->last_data_addr = e->addr;
   w->last_data_size = e->size;
   w->last_data_dirty = dirties;

   if (e->addr->tag == Iex_Const) {
      /* A fixed address (RIP-relative data): the set is known now. */
      Addr a = w->word == Ity_I32 ? e->addr->Iex.Const.con->Ico.U32
                                  : (Addr)e->addr->Iex.Const.con->Ico.U64;
      Addr b = a >> d1->line_bits;
      if (b == (a + e->size - 1) >> d1->line_bits)
         emit_data_helper(w, e, is_write, emit_not_mru_const(w, d1, b));
      else
         emit_data_helper(w, e, is_write, NULL);
      return;
   }
   tag = emit_mru_tag(w, d1, e->addr);
   emit_data_helper(w, e, is_write, emit_outside_line(w, e->addr, e->size, tag, d1->line_bits));
}

/* ---- Groups of data accesses ----
 *
 * Consecutive accesses of one cost centre (one source line: a prologue's
 * pushes, an epilogue's pops, fields of one structure) whose addresses
 * are one temporary plus constants, with nothing in between that touches
 * the caches (a fetch in between is in the line of the fetch before it),
 * get one inline test and one call: if they all lie within at most 64
 * bytes whose first and last lines are the MRU lines of their sets, each
 * is a hit that changes nothing, in any order; else the helper runs each
 * in order as its own test and call would have.  One test and one call's argument set-up instead of one per
 * access (VEX sets up a guarded call's arguments whether it is taken or
 * not). */

/* The expression each temporary of the superblock being instrumented is
 * bound to (flat IR binds each once), or NULL: made once per superblock,
 * where a search back through the statements for each access cost more
 * (0.8% of cc1's run). */
static IRExpr** bound;
static UInt bound_cap;
static Int n_bound;

void cs_cache_tests_begin(const IRSB* sb)
{
   Int i, n = sb->tyenv->types_used;
   ENSURE_ROOM(bound, bound_cap, (UInt)n);
   VG_(memset)(bound, 0, n * sizeof *bound);
   n_bound = n;
   for (i = 0; i < sb->stmts_used; i++) {
      const IRStmt* st = sb->stmts[i];
      if (st->tag == Ist_WrTmp)
         bound[st->Ist.WrTmp.tmp] = st->Ist.WrTmp.data;
   }
}

/* The temporary that a's value is a constant away from, and the constant
 * (a chain of Add64 and Sub64 of small constants). */
static IRTemp addr_root(IRExpr* a, Long* off)
{
   IRTemp t = a->Iex.RdTmp.tmp;
   Int steps;
   *off = 0;
   for (steps = 0; steps < 64 && (Int)t < n_bound && bound[t] != NULL; steps++) {
      IRExpr* d = bound[t];
      if (d->tag != Iex_Binop || (d->Iex.Binop.op != Iop_Add64 && d->Iex.Binop.op != Iop_Sub64)
          || d->Iex.Binop.arg1->tag != Iex_RdTmp || d->Iex.Binop.arg2->tag != Iex_Const
          || d->Iex.Binop.arg2->Iex.Const.con->tag != Ico_U64)
         break;
      {
         Long c = (Long)d->Iex.Binop.arg2->Iex.Const.con->Ico.U64;
         if (c > 4096 || c < -4096)
            break;
         *off += d->Iex.Binop.op == Iop_Add64 ? c : -c;
      }
      t = d->Iex.Binop.arg1->Iex.RdTmp.tmp;
   }
   return t;
}

static Bool is_data(const Event* e)
{
   return e->kind == EvRead || e->kind == EvModify || e->kind == EvWrite;
}

Int cs_emit_data_group(Walk* w, Int i)
{
   const Event* first = &w->q[i];
   const cs_cache_t* d1 = &cs_D1;
   /* the span the test covers: a line, and offsets of 6 bits */
   UWord line = d1->line_bits < 6 ? (UWord)1 << d1->line_bits : GROUP_OFFSET_MAX + 1;
   CsCC* cc = first->ii->cc;
   Long off[GROUP_MAX], lo = 0, hi = 0;        /* the span of the members so far */
   const Event* member[GROUP_MAX];
   Int n = 0, j, end = i, lowest = 0;
   IRTemp root;
   Bool have_prev = w->have_prev_block;
   Addr prev = w->prev_block;
   UWord packed;

   if (cs_hier_on || w->word != Ity_I64 || d1->set_mask == 0 || first->addr->tag != Iex_RdTmp
       || cc < cs_cc_pool || cc >= cs_cc_pool + ((UWord)1 << GROUP_INDEX_BITS))
      return 0;
   /* (the same address as the access before: cs_emit_data leaves it out) */
   if (w->last_data_addr != NULL && first->size <= w->last_data_size
       && eqIRAtom(w->last_data_addr, first->addr))
      return 0;
   root = addr_root(first->addr, &off[0]);
   for (j = i; j < w->n && n < GROUP_MAX; j++) {
      const Event* e = &w->q[j];
      if (e->kind == EvCondBr || e->kind == EvIndBr)
         continue;
      if (e->kind == EvFetch) {
         /* only one that cs_emit_fetch leaves out */
         Addr f = e->ii->addr >> cs_I1.line_bits;
         Addr l = (e->ii->addr + e->ii->len - 1) >> cs_I1.line_bits;
         if (f != l || !have_prev || f != prev)
            break;
         have_prev = True;
         prev = l;
         continue;
      }
      if (!is_data(e) || e->ii->cc != cc || e->addr->tag != Iex_RdTmp
          || (e->size & (e->size - 1)) != 0 || e->size > 32)
         break;
      if (n > 0) {
         Long o;
         if (addr_root(e->addr, &o) != root)
            break;
         off[n] = o;
      }
      {
         Bool lower = n == 0 || off[n] < lo;
         Long span_lo = lower ? off[n] : lo;
         Long span_hi = n == 0 || off[n] + e->size > hi ? off[n] + e->size : hi;
         if (span_hi - span_lo > (Long)line)
            break;
         if (lower)
            lowest = n;
         lo = span_lo;
         hi = span_hi;
      }
      member[n++] = e;
      end = j + 1;
   }
   if (n < 2)
      return 0;
   packed = (UWord)(cc - cs_cc_pool) | (UWord)(n - 1) << GROUP_COUNT_SHIFT;
   for (j = 0; j < n; j++) {
      UWord log2 = 0, rel = (UWord)(off[j] - lo);
      while ((1 << log2) < member[j]->size)
         log2++;
      packed |= (rel | log2 << 6 | (UWord)(member[j]->kind == EvWrite) << 9)
                << (GROUP_ENTRY_SHIFT + GROUP_ENTRY_BITS * j);
   }
   {
      /* Both the line of the lowest byte and that of the highest are the
       * MRU lines of their sets (each address less its set's MRU tag is
       * below the line size: so is the OR of the two): every access then
       * lies in one of them, or in both (in two sets), and is a hit that
       * changes nothing.  (A group over two lines would fail a test of
       * one line on every run.) */
      IRExpr* base = member[lowest]->addr;
      IRExpr* last = word_op(w, Iop_Add32, Iop_Add64, base, word_const((UWord)(hi - lo - 1)));
      IRExpr* d_first = word_op(w, Iop_Sub32, Iop_Sub64, base, emit_mru_tag(w, d1, base));
      IRExpr* d_last = word_op(w, Iop_Sub32, Iop_Sub64, last, emit_mru_tag(w, d1, last));
      IRExpr* both = word_op(w, Iop_Or32, Iop_Or64, d_first, d_last);
      IRExpr* within = new_tmp(w, Ity_I1, IRExpr_Binop(Iop_CmpLE64U, both,
                                                       word_const(((UWord)1 << d1->line_bits) - 1)));
      cs_emit_data_group_helper(w, base, packed, new_tmp(w, Ity_I1, IRExpr_Unop(Iop_Not1, within)));
   }
   w->data_since_fetch = True;
   w->last_data_addr = member[n - 1]->addr;
   w->last_data_size = member[n - 1]->size;
   w->last_data_dirty = False;
   return end - i;
}
