/* instrument/helpers.c - the slow paths of the simulation, called from the
 * generated code, and the calls to them that the emitters make (the
 * encoding of a helper's arguments is next to the helper that decodes
 * them).
 *
 * The generated code counts accesses inline and tests inline whether
 * each access hits the most recently used line of its set, which is a hit
 * that changes no state.  Only when that test fails are these helpers
 * called, to run the full LRU update and the LL lookup and to count the
 * misses. */
#include "instrument/helpers.h"
#include "instrument/helper_args.h"
#include "instrument/hier_helpers.h"
#include "model/l1_miss.h"
#include "options.h"
#include "runtime.h"

/* (The encoding of the helpers' arguments is in instrument/helper_args.h.) */

/* Where the events of an access charged to cc are counted: cc, and the
 * running totals too when the call graph reads them (model/events.h). */
static inline __attribute__((always_inline)) cs_tally_t tally_of(CsCC* cc)
{
   cs_tally_t t = { cc->ev, &cs_collect_mask, &cs_clo.call_graph, cs_running };
   return t;
}

static __attribute__((noinline)) void l1_missed_any(CsCC* cc, Addr a, UWord size, Int ev)
{
   cs_l1_missed(&cs_LL, tally_of(cc), ev, a, size);
}

/* The LL step of an L1 miss of event ev at a..a+size-1 (model/l1_miss.h).
 * The usual case, one line that is the MRU line of its LL set, is tested
 * first and calls nothing (the rest is a tail call), so that it saves no
 * registers. */
static inline __attribute__((always_inline)) void l1_missed(CsCC* cc, Addr a, UWord size, Int ev)
{
   if (cs_l1_miss_hits_ll_mru(&cs_LL, a, size))
      cs_count_l1_miss(tally_of(cc), ev, 0);
   else
      l1_missed_any(cc, a, size, ev);
}

static __attribute__((noinline)) void fetch_missed_I1(Addr addr, UWord len, CcRef ccr)
{
   l1_missed(cc_from_ref(ccr), addr, len, EV_I1mr);
}

/* A fetch within one line that the inline test found is not the MRU line. */
static VG_REGPARM(2) void h_fetch(UWord addr_len, CcRef cc)
{
   Addr addr = addr_len & ((1UL << FETCH_LEN_SHIFT) - 1);
   if (cs_cache_ref_not_mru(&cs_I1, addr))
      fetch_missed_I1(addr, addr_len >> FETCH_LEN_SHIFT, cc);
}

/* The same with one argument (fetch1_arg). */
static inline __attribute__((always_inline)) void fetch1(UWord packed, UWord assoc)
{
   Addr addr = packed & ((1UL << FETCH1_LEN_SHIFT) - 1);
   if (assoc != 0 ? cs_cache_ref_not_mru_fixed(&cs_I1, addr, assoc)
                  : cs_cache_ref_not_mru(&cs_I1, addr))
      fetch_missed_I1(addr, (packed >> FETCH1_LEN_SHIFT) & 0xF, packed >> FETCH1_INDEX_SHIFT);
}

/* Helpers with the associativity built in come one per usual value (0:
 * any, see fixed_assoc); M(a) defines or lists the one for a. */
#define FOR_EACH_ASSOC(M) M(0) M(4) M(8) M(16)

/* One per usual I1 associativity, built in (as for data_sim_assoc). */
#define FETCH1_HELPER(a) static VG_REGPARM(1) void h_fetch1_##a(UWord packed) { fetch1(packed, a); }
FOR_EACH_ASSOC(FETCH1_HELPER)

/* One line of I1 for a fetch that spans two: a hit that changes nothing
 * when it is the MRU line of its set, else the LRU update. */
static inline __attribute__((always_inline)) Bool fetch_line(Addr a, UWord assoc)
{
   if (cs_cache_is_mru(&cs_I1, a))
      return False;
   return assoc != 0 ? cs_cache_ref_not_mru_fixed(&cs_I1, a, assoc)
                     : cs_cache_ref_not_mru(&cs_I1, a);
}

/* A fetch over two lines, with fetch1's packed argument: both lines in
 * address order, as cs_cache_ref does, but with the associativity built
 * in (the general lookup went through the out-of-line one twice). */
static inline __attribute__((always_inline)) void fetch2(UWord packed, UWord assoc)
{
   Addr addr = packed & ((1UL << FETCH1_LEN_SHIFT) - 1);
   UWord len = (packed >> FETCH1_LEN_SHIFT) & 0xF;
   Bool miss = fetch_line(addr, assoc);
   miss |= fetch_line(addr + len - 1, assoc);
   if (miss)
      fetch_missed_I1(addr, len, packed >> FETCH1_INDEX_SHIFT);
}

#define FETCH2_HELPER(a) static VG_REGPARM(1) void h_fetch2_##a(UWord packed) { fetch2(packed, a); }
FOR_EACH_ASSOC(FETCH2_HELPER)

/* A pair of such helpers (fn[0], fn[1]), for one associativity. */
typedef struct {
   UWord assoc;               /* 0: any */
   void* fn[2];
   const HChar* name[2];
} AssocPair;

#define ASSOC_PAIR(f0, f1, a) { a, { (void*)f0##a, (void*)f1##a }, { #f0 #a, #f1 #a } },

/* Fetches within one line, over two. */
#define FETCH_PAIR(a) ASSOC_PAIR(h_fetch1_, h_fetch2_, a)
static const AssocPair fetch1_helpers[] = { FOR_EACH_ASSOC(FETCH_PAIR) };

/* The associativity the slow-path helpers for c have built in: c's, if
 * there are helpers for it, else 0 (any). */
static UWord fixed_assoc(const cs_cache_t* c)
{
   return c->assoc == 4 || c->assoc == 8 || c->assoc == 16 ? c->assoc : 0;
}

/* The pair in table (one per FOR_EACH_ASSOC) for c's associativity. */
static const AssocPair* pair_for(const AssocPair* table, const cs_cache_t* c)
{
   while (table->assoc != fixed_assoc(c))
      table++;
   return table;
}

/* Any fetch (used for those that span two lines, not both of them MRU,
 * when fetch2 cannot take them). */
static VG_REGPARM(3) void h_fetch_any(Addr addr, UWord len, CcRef cc)
{
   if (cs_cache_ref(&cs_I1, addr, len))
      fetch_missed_I1(addr, len, cc);
}

static __attribute__((noinline)) void data_missed_D1(CcRef ccr, Addr ea, UWord size, Int ev)
{
   l1_missed(cc_from_ref(ccr), ea, size, ev + 1);
}

/* Reached only when the inline test failed: the access spans two lines,
 * or its one line is not the most recently used of its set. */
static __attribute__((noinline)) void data_sim(CcRef cc, Addr ea, UWord size, Int ev)
{
   if (cs_cache_ref_after_mru_test(&cs_D1, ea, size))
      data_missed_D1(cc, ea, size, ev);
}

static VG_REGPARM(3) void h_read(Addr ea, CcRef cc, UWord size)
{
   data_sim(cc, ea, size, EV_Dr);
}

static VG_REGPARM(3) void h_write(Addr ea, CcRef cc, UWord size)
{
   data_sim(cc, ea, size, EV_Dw);
}

/* data_sim for a D1 of associativity assoc (4, 8 or 16, a constant), or
 * any if assoc is 0.  With the associativity built in, the usual case, an
 * access within one line, is a short function that saves no registers;
 * an access over two lines and a miss go out of line. */
static inline __attribute__((always_inline)) void data_sim_assoc(CcRef cc, Addr ea, UWord size,
                                                                 Int ev, UWord assoc)
{
   if (assoc == 0 || UNLIKELY(ea >> cs_D1.line_bits != (ea + size - 1) >> cs_D1.line_bits))
      data_sim(cc, ea, size, ev);
   else if (cs_cache_ref_not_mru_fixed(&cs_D1, ea, assoc))
      data_missed_D1(cc, ea, size, ev);
}

/* The same for the usual sizes and associativities, with both built in:
 * one argument less to set up on every run of the inline test. */
#define SIZED_HELPERS(n, a) \
   static VG_REGPARM(2) void h_read##n##_##a(Addr ea, CcRef cc) { data_sim_assoc(cc, ea, n, EV_Dr, a); } \
   static VG_REGPARM(2) void h_write##n##_##a(Addr ea, CcRef cc) { data_sim_assoc(cc, ea, n, EV_Dw, a); }
#define SIZED_HELPERS_ALL(a) \
   SIZED_HELPERS(1, a) SIZED_HELPERS(2, a) SIZED_HELPERS(4, a) SIZED_HELPERS(8, a) \
   SIZED_HELPERS(16, a) SIZED_HELPERS(32, a)
FOR_EACH_ASSOC(SIZED_HELPERS_ALL)

/* An access at a fixed address, with const_data_arg's packed argument. */
static inline __attribute__((always_inline)) void data_const(UWord packed, Int ev, UWord assoc)
{
   Addr ea = packed & ((1UL << CONST_INDEX_SHIFT) - 1);
   CcRef cc = (packed >> CONST_INDEX_SHIFT) & ((1UL << (CONST_LOG2_SHIFT - CONST_INDEX_SHIFT)) - 1);
   data_sim_assoc(cc, ea, 1UL << (packed >> CONST_LOG2_SHIFT), ev, assoc);
}

#define CONST_HELPERS(a) \
   static VG_REGPARM(1) void h_cread_##a(UWord packed) { data_const(packed, EV_Dr, a); } \
   static VG_REGPARM(1) void h_cwrite_##a(UWord packed) { data_const(packed, EV_Dw, a); }
FOR_EACH_ASSOC(CONST_HELPERS)

/* Reads, writes. */
#define CONST_PAIR(a) ASSOC_PAIR(h_cread_, h_cwrite_, a)
static const AssocPair const_helpers[] = { FOR_EACH_ASSOC(CONST_PAIR) };

/* A group of data accesses (GROUP_MAX): each one in order, as the inline
 * test and the sized helper would have done it, once the group's test
 * (the lines of its lowest and highest bytes both MRU lines) failed. */
static inline __attribute__((always_inline)) void data_group(Addr base, UWord packed, UWord assoc)
{
   CcRef cc = packed & ((1UL << GROUP_INDEX_BITS) - 1);
   UWord n = ((packed >> GROUP_COUNT_SHIFT) & 3) + 1;
   UWord k;
   for (k = 0; k < n; k++) {
      UWord entry = packed >> (GROUP_ENTRY_SHIFT + GROUP_ENTRY_BITS * k);
      Addr ea = base + (entry & GROUP_OFFSET_MAX);
      UWord size = 1UL << ((entry >> 6) & 7);
      Int ev = (entry >> 9) & 1 ? EV_Dw : EV_Dr;
      if (ea >> cs_D1.line_bits == (ea + size - 1) >> cs_D1.line_bits && cs_cache_is_mru(&cs_D1, ea))
         continue;
      data_sim_assoc(cc, ea, size, ev, assoc);
   }
}

#define GROUP_HELPER(a) \
   static VG_REGPARM(2) void h_group_##a(Addr base, UWord packed) { data_group(base, packed, a); }
FOR_EACH_ASSOC(GROUP_HELPER)

/* (one helper: the pair's two are the same) */
#define GROUP_PAIR(a) ASSOC_PAIR(h_group_, h_group_, a)
static const AssocPair group_helpers[] = { FOR_EACH_ASSOC(GROUP_PAIR) };

typedef struct {
   UWord size, assoc;         /* assoc 0: any */
   void* fn[2];               /* read, write */
   const HChar* name[2];
} SizedHelper;

#define SIZED_ENTRY(n, a) \
   { n, a, { (void*)h_read##n##_##a, (void*)h_write##n##_##a }, \
     { "h_read" #n "_" #a, "h_write" #n "_" #a } }
#define SIZED_ENTRIES(a) \
   SIZED_ENTRY(1, a), SIZED_ENTRY(2, a), SIZED_ENTRY(4, a), SIZED_ENTRY(8, a), \
   SIZED_ENTRY(16, a), SIZED_ENTRY(32, a),
static const SizedHelper sized_helpers[] = { FOR_EACH_ASSOC(SIZED_ENTRIES) };

/* Guarded loads and stores count only when the guard holds, so they are
 * counted here rather than inline (ev: EV_Dr or EV_Dw). */
static inline __attribute__((always_inline)) void guarded(CsCC* cc, Addr ea, UWord size, Int ev)
{
   cs_count(tally_of(cc), ev, 1, 0);
   if (cs_cache_ref(&cs_D1, ea, size))
      data_missed_D1((CcRef)cc, ea, size, ev);
}

static VG_REGPARM(3) void h_guarded_read(CsCC* cc, Addr ea, UWord size)
{
   guarded(cc, ea, size, EV_Dr);
}

static VG_REGPARM(3) void h_guarded_write(CsCC* cc, Addr ea, UWord size)
{
   guarded(cc, ea, size, EV_Dw);
}

/* ------------------------------------------------------------------ */
/* The calls to the helpers.                                           */
/* ------------------------------------------------------------------ */

static IRExpr** fetch_any_args(const CsInstr* ii)
{
   return mkIRExprVec_3(word_const(ii->addr), word_const(ii->len), cc_ref_expr(ii->cc));
}

/* A fetch: the helper with the packed argument when the instruction and
 * its cost centre fit in it; else h_fetch when the length fits in the
 * address's top byte; else the general one. */
void cs_emit_fetch_helper(Walk* w, const CsInstr* ii, Bool two_lines, IRExpr* guard)
{
   UWord packed = fetch1_arg(ii);
   if (packed != 0) {
      const AssocPair* h = pair_for(fetch1_helpers, &cs_I1);
      emit_call(w, 1, h->name[two_lines], h->fn[two_lines], mkIRExprVec_1(word_const(packed)),
                guard);
   } else if (!two_lines && ii->addr >> FETCH_LEN_SHIFT == 0) {
      emit_call(w, 2, "h_fetch", h_fetch,
                mkIRExprVec_2(word_const(ii->addr | ii->len << FETCH_LEN_SHIFT),
                              cc_ref_expr(ii->cc)), guard);
   } else {
      emit_call(w, 3, "h_fetch_any", h_fetch_any, fetch_any_args(ii), guard);
   }
}

/* The data helper for an access: the one with a packed argument for a
 * fixed address that fits it, else the sized one if there is one. */
void cs_emit_data_helper(Walk* w, const Event* e, Bool is_write, IRExpr* guard)
{
   CsCC* cc = e->ii->cc;
   UWord assoc = fixed_assoc(&cs_D1);
   UInt i;
   if (e->addr->tag == Iex_Const && w->word == Ity_I64) {
      UWord packed = const_data_arg((Addr)e->addr->Iex.Const.con->Ico.U64, e->size, cc);
      if (packed != 0) {
         const AssocPair* h = pair_for(const_helpers, &cs_D1);
         emit_call(w, 1, h->name[is_write], h->fn[is_write], mkIRExprVec_1(word_const(packed)),
                   guard);
         return;
      }
   }
   for (i = 0; i < sizeof sized_helpers / sizeof sized_helpers[0]; i++) {
      const SizedHelper* h = &sized_helpers[i];
      if (h->size == (UWord)e->size && h->assoc == assoc) {
         emit_call(w, 2, h->name[is_write], h->fn[is_write],
                   mkIRExprVec_2(e->addr, cc_ref_expr(cc)), guard);
         return;
      }
   }
   emit_call(w, 3, is_write ? "h_write" : "h_read", is_write ? (void*)h_write : (void*)h_read,
             mkIRExprVec_3(e->addr, cc_ref_expr(cc), word_const((UWord)e->size)), guard);
}

/* The call for a group of data accesses (see data_group), under guard. */
void cs_emit_data_group_helper(Walk* w, IRExpr* base, UWord packed, IRExpr* guard)
{
   const AssocPair* h = pair_for(group_helpers, &cs_D1);
   emit_call(w, 2, h->name[0], h->fn[0], mkIRExprVec_2(base, word_const(packed)), guard);
}

/* A guarded access: its cost centre as a pointer (guarded accesses are
 * rare; see h_guarded_read). */
void cs_emit_guarded_helper(Walk* w, const CsInstr* ii, Int size, IRExpr* addr, IRExpr* guard,
                            Bool is_write)
{
   CsCC* cc = ii->cc;
   if (cs_hier_on) {
      w->data_since_fetch = True;
      cs_emit_hier_guarded_helper(w, cc, ii->addr, size, addr, guard, is_write);
      return;
   }
   if (is_write)
      emit_call(w, 3, "h_guarded_write", h_guarded_write,
                mkIRExprVec_3(ptr_expr(cc), addr, mkIRExpr_HWord(size)), guard);
   else
      emit_call(w, 3, "h_guarded_read", h_guarded_read,
                mkIRExprVec_3(ptr_expr(cc), addr, mkIRExpr_HWord(size)), guard);
}
