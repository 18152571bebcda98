/* instrument/hier_helpers.c - the general model's slow paths, called from
 * the generated code, and the calls to them.
 *
 * With a CPU description other than Cachegrind's model, the generated code
 * tests each access inline against the L1 caches' mirrors of their fast
 * exits (runtime.h) and calls these helpers only when that test fails
 * (but for the loads that train an ipstride prefetcher: each calls its
 * helper, which makes the test).  Each runs the access through the
 * hierarchy (model/hierarchy.h) and counts its outcome: the L1 and
 * last-level misses in Cachegrind's events of the cost centre, L2's
 * misses and the writebacks in its row of extra events (model/events.h),
 * and, with the call graph on, in the running totals too. */
#include "instrument/hier_helpers.h"
#include "instrument/helper_args.h"
#include "options.h"
#include "runtime.h"

/* What an access of each kind counts: its L1 miss event (its LL miss
 * event follows it) and its L2 miss event. */
typedef struct {
   cs_hier_kind_t kind;
   Int l1_ev;                 /* EV_I1mr, EV_D1mr or EV_D1mw */
   Int l2_xev;                /* XEV_I2mr, XEV_D2mr or XEV_D2mw */
   Int l1_class_xev;          /* XEV_I1cmp or XEV_D1cmp (then cap, cnf) */
} AccessKind;

static const AccessKind fetch_kind = { CS_HIER_IFETCH, EV_I1mr, XEV_I2mr, XEV_I1cmp };
static const AccessKind read_kind = { CS_HIER_READ, EV_D1mr, XEV_D2mr, XEV_D1cmp };
static const AccessKind write_kind = { CS_HIER_WRITE, EV_D1mw, XEV_D2mw, XEV_D1cmp };
/* A read-modify-write is counted as a read (Cachegrind's rule) and marks
 * the line dirty. */
static const AccessKind modify_kind = { CS_HIER_MODIFY, EV_D1mr, XEV_D2mr, XEV_D1cmp };

/* Outcome bits past the misses and writebacks: useful prefetches,
 * prefetches issued, miss classes. */
#define RARE_OUTCOME_BITS \
   (CS_HIER_USEFUL_PF(CS_HIER_L1) | CS_HIER_USEFUL_PF(CS_HIER_L2) | CS_HIER_USEFUL_PF(CS_HIER_LL) \
    | (~0ULL << CS_HIER_CLASS_SHIFT(CS_HIER_L1)))

static inline void add_extra(CsCC* cc, Int xev, ULong n)
{
   Int col = cs_xcol[xev];
   if (col < 0)
      return;
   cs_cc_xrow(cc)[col] += n;
   if (cs_clo.call_graph)
      cs_xrunning[col] += n;
}

/* The prefetches an access triggered at one level, the useful ones among
 * those it hit, and the class of its miss there. */
static inline __attribute__((always_inline)) void count_level_extras(CsCC* cc, cs_hier_outcome_t out,
                                                                     UInt level, Int pf_xev,
                                                                     Int class_xev)
{
   UInt n;
   if ((n = CS_HIER_PREFETCHES(out, level)) != 0)
      add_extra(cc, pf_xev, n);
   if (out & (CS_HIER_USEFUL_PF(level) | CS_HIER_USEFUL_PF2(level)))
      add_extra(cc, pf_xev + 1, CS_HIER_USEFUL(out, level));
   if ((n = CS_HIER_CLASS(out, level)) != 0)
      add_extra(cc, class_xev + (Int)n - 1, 1);
}

/* The same for each level: unrolled, so that each test is of constant
 * bits (a loop over the levels shifted and masked the outcome each time,
 * 6% of matmul's samples under --cpu=skylake). */
static __attribute__((noinline)) void count_prefetches_and_classes(CsCC* cc, const AccessKind* k,
                                                                   cs_hier_outcome_t out)
{
   count_level_extras(cc, out, CS_HIER_L1, XEV_D1pf, k->l1_class_xev);
   count_level_extras(cc, out, CS_HIER_L2, XEV_L2pf, XEV_L2cmp);
   count_level_extras(cc, out, CS_HIER_LL, XEV_LLpf, XEV_LLcmp);
}

/* Count an access's outcome (not 0) against cc, if collecting. */
static __attribute__((noinline)) void count_outcome(CsCC* cc, const AccessKind* k,
                                                    cs_hier_outcome_t out)
{
   cs_tally_t t = { cc->ev, &cs_collect_mask, &cs_clo.call_graph, cs_running };
   UInt wb;

   if (cs_collect_mask == 0)
      return;
   if (out & CS_HIER_MISS(CS_HIER_L1))
      cs_count(t, k->l1_ev, 1, (out & CS_HIER_MISS(CS_HIER_LL)) != 0);
   if (cs_n_xev == 0)
      return;
   if (out & CS_HIER_MISS(CS_HIER_L2))
      add_extra(cc, k->l2_xev, 1);
   if ((wb = CS_HIER_WRITEBACKS(out, CS_HIER_L1)) != 0)
      add_extra(cc, XEV_D1wb, wb);
   if ((wb = CS_HIER_WRITEBACKS(out, CS_HIER_L2)) != 0)
      add_extra(cc, XEV_L2wb, wb);
   if ((wb = CS_HIER_WRITEBACKS(out, CS_HIER_LL)) != 0)
      add_extra(cc, XEV_LLwb, wb);
   if (out & RARE_OUTCOME_BITS)
      count_prefetches_and_classes(cc, k, out);
}

/* One access through the hierarchy.  The inline test failed, so the
 * model's own fast exit would too: straight to its general path. */
static inline __attribute__((always_inline)) void access(CsCC* cc, const AccessKind* k, Addr a,
                                                         UWord size)
{
   cs_hier_outcome_t out = cs_hier_access_slow(&cs_hier, k->kind, a, size);
   if (out != 0)
      count_outcome(cc, k, out);
}

/* One access with the instruction's address, for a hierarchy that needs
 * cs_hier_access_ext: with a classifier every access comes here, with no
 * inline test before it (caches.c); with an ipstride prefetcher, a load
 * whose test could not be made inline. */
static inline __attribute__((always_inline)) void access_ext(CsCC* cc, const AccessKind* k,
                                                             Addr a, UWord size, Addr ip)
{
   cs_hier_outcome_t out = cs_hier_access_ext(&cs_hier, k->kind, a, size, ip);
   if (cs_hier.classify != 0)
      cs_hier_update_quiet(&cs_hier, k->kind, out, cs_hier_quiet);
   if (out != 0)
      count_outcome(cc, k, out);
}

/* ---- Fetches (arguments: instrument/helper_args.h) ---- */

static VG_REGPARM(1) void h_hier_fetch1(UWord packed)
{
   access(cc_from_ref(packed >> FETCH1_INDEX_SHIFT), &fetch_kind,
          packed & ((1UL << FETCH1_LEN_SHIFT) - 1), (packed >> FETCH1_LEN_SHIFT) & 0xF);
}

static VG_REGPARM(2) void h_hier_fetch(UWord addr_len, CcRef cc)
{
   access(cc_from_ref(cc), &fetch_kind, addr_len & ((1UL << FETCH_LEN_SHIFT) - 1),
          addr_len >> FETCH_LEN_SHIFT);
}

static VG_REGPARM(3) void h_hier_fetch_any(Addr addr, UWord len, CcRef cc)
{
   access(cc_from_ref(cc), &fetch_kind, addr, len);
}

static VG_REGPARM(3) void h_hier_fetch_ext(Addr addr, UWord len, CcRef cc)
{
   access_ext(cc_from_ref(cc), &fetch_kind, addr, len, addr);
}

void cs_emit_hier_fetch_helper(Walk* w, const CsInstr* ii, IRExpr* guard)
{
   UWord packed = fetch1_arg(ii);
   if (cs_hier.classify != 0)
      emit_call(w, 3, "h_hier_fetch_ext", h_hier_fetch_ext,
                mkIRExprVec_3(word_const(ii->addr), word_const(ii->len), cc_ref_expr(ii->cc)),
                guard);
   else if (packed != 0)
      emit_call(w, 1, "h_hier_fetch1", h_hier_fetch1, mkIRExprVec_1(word_const(packed)), guard);
   else if (ii->addr >> FETCH_LEN_SHIFT == 0)
      emit_call(w, 2, "h_hier_fetch", h_hier_fetch,
                mkIRExprVec_2(word_const(ii->addr | ii->len << FETCH_LEN_SHIFT),
                              cc_ref_expr(ii->cc)), guard);
   else
      emit_call(w, 3, "h_hier_fetch_any", h_hier_fetch_any,
                mkIRExprVec_3(word_const(ii->addr), word_const(ii->len), cc_ref_expr(ii->cc)),
                guard);
}

/* ---- Data ---- */

/* One per kind and usual size, with both built in; h_hier_data for the
 * rest (the size in the low 16 bits of its third argument, the kind above). */
#define DATA_HELPERS(n) \
   static VG_REGPARM(2) void h_hier_read##n(Addr ea, CcRef cc) \
   { access(cc_from_ref(cc), &read_kind, ea, n); } \
   static VG_REGPARM(2) void h_hier_write##n(Addr ea, CcRef cc) \
   { access(cc_from_ref(cc), &write_kind, ea, n); } \
   static VG_REGPARM(2) void h_hier_modify##n(Addr ea, CcRef cc) \
   { access(cc_from_ref(cc), &modify_kind, ea, n); }
DATA_HELPERS(1) DATA_HELPERS(2) DATA_HELPERS(4) DATA_HELPERS(8) DATA_HELPERS(16)
DATA_HELPERS(32)

static const AccessKind* const data_kinds[3] = { &read_kind, &write_kind, &modify_kind };

static VG_REGPARM(3) void h_hier_data(Addr ea, CcRef cc, UWord size_kind)
{
   access(cc_from_ref(cc), data_kinds[size_kind >> 16], ea, size_kind & 0xFFFF);
}

typedef struct {
   UWord size;
   void* fn[3];               /* read, write, modify */
   const HChar* name[3];
} DataHelper;

#define DATA_ENTRY(n) \
   { n, { (void*)h_hier_read##n, (void*)h_hier_write##n, (void*)h_hier_modify##n }, \
     { "h_hier_read" #n, "h_hier_write" #n, "h_hier_modify" #n } }
static const DataHelper data_helpers[] = {
   DATA_ENTRY(1), DATA_ENTRY(2), DATA_ENTRY(4), DATA_ENTRY(8), DATA_ENTRY(16), DATA_ENTRY(32),
};

/* The index of e's kind in data_kinds and the helpers' tables. */
static UInt kind_index(const Event* e)
{
   return e->kind == EvRead ? 0 : e->kind == EvWrite ? 1 : 2;
}

/* A data access with its instruction's address (size in the low 16 bits of
 * size_kind, the kind above). */
static void h_hier_data_ext(Addr ea, CcRef cc, UWord size_kind, Addr ip)
{
   access_ext(cc_from_ref(cc), data_kinds[size_kind >> 16], ea, size_kind & 0xFFFF, ip);
}

/* A load whose D1 test failed: the general path, then the training. */
static __attribute__((noinline)) void load_missed(Addr ea, CcRef cc, UWord size_kind, Addr ip)
{
   const AccessKind* k = data_kinds[size_kind >> 16];
   cs_hier_outcome_t out = cs_hier_access_slow(&cs_hier, k->kind, ea, size_kind & 0xFFFF);
   out = cs_hier_load(&cs_hier, ea, ip, out);
   if (out != 0)
      count_outcome(cc_from_ref(cc), k, out);
}

/* A load that hit and whose ipstride training (stride d) asks for lines:
 * the prefetches. */
static __attribute__((noinline)) void load_repeated(Addr ea, CcRef cc, UWord size_kind, long d)
{
   unsigned long targets[CS_PF_MAX_TARGETS];
   unsigned n = cs_pf_load_repeat(&cs_hier.pf[CS_CPU_D1], d, ea, targets);
   cs_hier_outcome_t out;
   if (n == 0)
      return;
   out = cs_hier_prefetch_d1_lines(&cs_hier, targets, n, 0);
   if (out != 0)
      count_outcome(cc_from_ref(cc), data_kinds[size_kind >> 16], out);
}

/* A load, with an ipstride prefetcher (which every load trains) and no
 * classifier: one call whatever its D1 test says, so the test is made
 * here (within one line, on the MRU line of m, the mirror of D1's fast
 * exits for its kind, seen as a one-way cache: caches.c), rather than
 * in the generated code (where it made every load's translation larger
 * and set its result into an argument).  The general path when the test
 * fails, nothing when it passes (a hit that changes nothing: the model's
 * own fast exit would say the same); then the training, done here with
 * no call unless it asks for lines. */
static inline __attribute__((always_inline)) void load_tested(const cs_cache_t* m, Addr ea,
                                                              CcRef cc, UWord size_kind,
                                                              Addr ip)
{
   Addr last = ea + (size_kind & 0xFFFF) - 1;
   long d;
   if (ea >> m->line_bits != last >> m->line_bits || !cs_cache_is_mru(m, ea)) {
      load_missed(ea, cc, size_kind, ip);
      return;
   }
   if (cs_pf_load_step(&cs_hier.pf[CS_CPU_D1], ip, ea, &d))
      load_repeated(ea, cc, size_kind, d);
}

static void h_hier_read_tested(Addr ea, CcRef cc, UWord size_kind, Addr ip)
{
   load_tested(&cs_D1_fast_read, ea, cc, size_kind, ip);
}

static void h_hier_modify_tested(Addr ea, CcRef cc, UWord size_kind, Addr ip)
{
   load_tested(&cs_D1_fast_write, ea, cc, size_kind, ip);
}

void cs_emit_hier_load_tested(Walk* w, const Event* e)
{
   IRExpr** args = mkIRExprVec_4(e->addr, cc_ref_expr(e->ii->cc),
                                 word_const((UWord)e->size | kind_index(e) << 16),
                                 word_const(e->ii->addr));
   if (e->kind == EvRead)
      emit_call(w, 0, "h_hier_read_tested", h_hier_read_tested, args, NULL);
   else
      emit_call(w, 0, "h_hier_modify_tested", h_hier_modify_tested, args, NULL);
}

void cs_emit_hier_data_helper(Walk* w, const Event* e, IRExpr* guard)
{
   UInt k = kind_index(e), i;
   if (cs_hier_needs_ext(&cs_hier) && (cs_hier.classify != 0 || e->kind != EvWrite)) {
      emit_call(w, 0, "h_hier_data_ext", h_hier_data_ext,
                mkIRExprVec_4(e->addr, cc_ref_expr(e->ii->cc), word_const((UWord)e->size | k << 16),
                              word_const(e->ii->addr)),
                guard);
      return;
   }
   for (i = 0; i < sizeof data_helpers / sizeof data_helpers[0]; i++) {
      const DataHelper* h = &data_helpers[i];
      if (h->size == (UWord)e->size) {
         emit_call(w, 2, h->name[k], h->fn[k], mkIRExprVec_2(e->addr, cc_ref_expr(e->ii->cc)),
                   guard);
         return;
      }
   }
   emit_call(w, 3, "h_hier_data", h_hier_data,
             mkIRExprVec_3(e->addr, cc_ref_expr(e->ii->cc), word_const((UWord)e->size | k << 16)),
             guard);
}

/* ---- Guarded loads and stores: counted here, not inline ---- */

static inline __attribute__((always_inline)) void guarded(CsCC* cc, Addr ea, UWord size,
                                                          Int ev, const AccessKind* k)
{
   cs_tally_t t = { cc->ev, &cs_collect_mask, &cs_clo.call_graph, cs_running };
   cs_count(t, ev, 1, 0);
   access(cc, k, ea, size);
}

static VG_REGPARM(3) void h_hier_guarded_read(CsCC* cc, Addr ea, UWord size)
{
   guarded(cc, ea, size, EV_Dr, &read_kind);
}

static VG_REGPARM(3) void h_hier_guarded_write(CsCC* cc, Addr ea, UWord size)
{
   guarded(cc, ea, size, EV_Dw, &write_kind);
}

/* The same with the instruction's address, for cs_hier_access_ext. */
static void h_hier_guarded_ext(CsCC* cc, Addr ea, UWord size_write, Addr ip)
{
   cs_tally_t t = { cc->ev, &cs_collect_mask, &cs_clo.call_graph, cs_running };
   Bool is_write = (size_write >> 16) != 0;
   cs_count(t, is_write ? EV_Dw : EV_Dr, 1, 0);
   access_ext(cc, is_write ? &write_kind : &read_kind, ea, size_write & 0xFFFF, ip);
}

void cs_emit_hier_guarded_helper(Walk* w, CsCC* cc, Addr ip, Int size, IRExpr* addr, IRExpr* guard,
                                 Bool is_write)
{
   if (cs_hier_needs_ext(&cs_hier)) {
      emit_call(w, 0, "h_hier_guarded_ext", h_hier_guarded_ext,
                mkIRExprVec_4(ptr_expr(cc), addr, mkIRExpr_HWord((UWord)size | (UWord)is_write << 16),
                              mkIRExpr_HWord(ip)),
                guard);
      return;
   }
   emit_call(w, 3, is_write ? "h_hier_guarded_write" : "h_hier_guarded_read",
             is_write ? (void*)h_hier_guarded_write : (void*)h_hier_guarded_read,
             mkIRExprVec_3(ptr_expr(cc), addr, mkIRExpr_HWord(size)), guard);
}
