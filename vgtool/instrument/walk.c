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
 * the order they happened, because I and D share the LL cache; the calls
 * go just after the last statement before that point that can fault
 * (see flush). */
#include "instrument/walk.h"
#include "caches.h"
#include "control/collection.h"
#include "det/mode.h"
#include "options.h"
#include "profile/callgraph.h"
#include "profile/costs.h"
#include "runtime.h"
#include "pub_tool_libcassert.h"
#include "pub_tool_libcbase.h"
#include "pub_tool_libcprint.h"
#include "pub_tool_machine.h"
#include "pub_tool_mallocfree.h"
#include "pub_tool_debuginfo.h"
#include "pub_tool_seqmatch.h"

/* One guest instruction, while its superblock is being instrumented. */
typedef struct {
   Addr addr;
   UWord len;
   CsCC* cc;
} CsInstr;

/* ------------------------------------------------------------------ */
/* Run-time helpers: the slow paths, called from the generated code.   */
/* ------------------------------------------------------------------ */
/* The generated code counts accesses inline and tests inline whether
 * each access hits the most recently used line of its set, which is a hit
 * that changes no state.  Only when that test fails are these helpers
 * called, to run the full LRU update and the LL lookup and to count the
 * misses. */

/* The fetch helpers get the instruction's address, length and cost centre
 * as constants: loading them from a per-instruction record would miss the
 * host's cache more often than the simulated fetch misses I1.  h_fetch
 * gets the length in the top byte of the address, which saves setting up
 * an argument on every run, taken or not (when the address leaves that
 * byte free, as user-space addresses on 64-bit hosts do). */
#define FETCH_LEN_SHIFT (8 * sizeof(UWord) - 8)

/* A cost centre as the generated code passes it to the helpers: its index
 * when it is in the static pool, else its address.  VEX puts a constant
 * argument of a guarded call into a register first, with a 5-byte
 * instruction for a number below 2^20 and a 10-byte one otherwise, so an
 * index makes each data test 5 bytes shorter. */
typedef UWord CcRef;

static inline __attribute__((always_inline)) CsCC* cc_from_ref(CcRef r)
{
   return r < CS_CC_POOL_SIZE ? &cs_cc_pool[r] : (CsCC*)r;
}

/* Count an L1 miss (event ev, the L1 miss count; ev + 1 the LL's); in
 * the running totals too when the call graph reads them. */
static inline __attribute__((always_inline)) void count_l1_miss(CsCC* cc, Int ev, Bool ll_miss)
{
   if (cs_collect_mask) {
      cc->ev[ev]++;
      cc->ev[ev + 1] += ll_miss;
      if (cs_clo.call_graph) {
         cs_running[ev]++;
         cs_running[ev + 1] += ll_miss;
      }
   }
}

static __attribute__((noinline)) void l1_missed_any(CsCC* cc, Addr a, UWord size, Int ev)
{
   count_l1_miss(cc, ev, cs_cache_ref(&cs_LL, a, size));
}

/* The LL lookup of an L1 miss at a..a+size-1, then its counts.  The usual
 * case, one line that is the MRU line of its LL set, is tested first and
 * calls nothing (the rest is a tail call), so that it saves no registers. */
static inline __attribute__((always_inline)) void l1_missed(CsCC* cc, Addr a, UWord size, Int ev)
{
   Addr first = a >> cs_LL.line_bits;
   if (LIKELY(first == (a + size - 1) >> cs_LL.line_bits) && LIKELY(cs_cache_mru_copy_holds(&cs_LL, first)))
      count_l1_miss(cc, ev, False);
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

/* The same with one argument, when the instruction is in the low 4 GB
 * (where executables and libraries are loaded) and its cost centre in the
 * static pool: address | length << 32 | pool index << 36.  VEX loads
 * every constant argument of a guarded call with a 10-byte instruction and
 * moves it into place, so one argument less is 13 bytes less code at each
 * fetch test. */
#define FETCH1_LEN_SHIFT 32
#define FETCH1_INDEX_SHIFT 36
static inline __attribute__((always_inline)) void fetch1(UWord packed, UWord assoc)
{
   Addr addr = packed & ((1UL << FETCH1_LEN_SHIFT) - 1);
   if (assoc != 0 ? cs_cache_ref_not_mru_fixed(&cs_I1, addr, assoc)
                  : cs_cache_ref_not_mru(&cs_I1, addr))
      fetch_missed_I1(addr, (packed >> FETCH1_LEN_SHIFT) & 0xF, packed >> FETCH1_INDEX_SHIFT);
}

/* One per usual I1 associativity, built in (as for data_sim_assoc). */
static VG_REGPARM(1) void h_fetch1_0(UWord packed) { fetch1(packed, 0); }
static VG_REGPARM(1) void h_fetch1_4(UWord packed) { fetch1(packed, 4); }
static VG_REGPARM(1) void h_fetch1_8(UWord packed) { fetch1(packed, 8); }
static VG_REGPARM(1) void h_fetch1_16(UWord packed) { fetch1(packed, 16); }

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

static VG_REGPARM(1) void h_fetch2_0(UWord packed) { fetch2(packed, 0); }
static VG_REGPARM(1) void h_fetch2_4(UWord packed) { fetch2(packed, 4); }
static VG_REGPARM(1) void h_fetch2_8(UWord packed) { fetch2(packed, 8); }
static VG_REGPARM(1) void h_fetch2_16(UWord packed) { fetch2(packed, 16); }

typedef struct {
   UWord assoc;               /* 0: any */
   void* fn[2];               /* a fetch within one line, over two */
   const HChar* name[2];
} Fetch1Helper;

#define FETCH1_ENTRY(a) { a, { (void*)h_fetch1_##a, (void*)h_fetch2_##a }, \
                          { "h_fetch1_" #a, "h_fetch2_" #a } }
static const Fetch1Helper fetch1_helpers[] = {
   FETCH1_ENTRY(0), FETCH1_ENTRY(4), FETCH1_ENTRY(8), FETCH1_ENTRY(16),
};

/* The associativity the slow-path helpers for c have built in: c's, if
 * there are helpers for it, else 0 (any). */
static UWord fixed_assoc(const cs_cache_t* c)
{
   return c->assoc == 4 || c->assoc == 8 || c->assoc == 16 ? c->assoc : 0;
}

/* The packed-argument fetch helper for I1's associativity. */
static const Fetch1Helper* fetch1_helper(void)
{
   const Fetch1Helper* h = fetch1_helpers;
   while (h->assoc != fixed_assoc(&cs_I1))
      h++;
   return h;
}

/* h_fetch1's argument for ii, or 0 if it has none. */
static UWord fetch1_arg(const CsInstr* ii)
{
   UWord index = (UWord)(ii->cc - cs_cc_pool);
   if (sizeof(UWord) < 8 || ii->addr >> FETCH1_LEN_SHIFT != 0 || ii->len > 0xF
       || ii->cc < cs_cc_pool || index >= CS_CC_POOL_SIZE)
      return 0;
   return ii->addr | (UWord)ii->len << FETCH1_LEN_SHIFT | index << FETCH1_INDEX_SHIFT;
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
   Addr first = ea >> cs_D1.line_bits;
   Int miss;

   if (LIKELY(first == (ea + size - 1) >> cs_D1.line_bits))
      miss = cs_cache_ref_not_mru(&cs_D1, ea);
   else
      miss = cs_cache_ref(&cs_D1, ea, size);
   if (miss)
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
SIZED_HELPERS_ALL(0)
SIZED_HELPERS_ALL(4)
SIZED_HELPERS_ALL(8)
SIZED_HELPERS_ALL(16)

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
   SIZED_ENTRY(16, a), SIZED_ENTRY(32, a)
static const SizedHelper sized_helpers[] = {
   SIZED_ENTRIES(0), SIZED_ENTRIES(4), SIZED_ENTRIES(8), SIZED_ENTRIES(16),
};

/* Guarded loads and stores count only when the guard holds, so they are
 * counted here rather than inline (in the running totals too when the
 * call graph reads them, as count_l1_miss does). */
static VG_REGPARM(3) void h_guarded_read(CsCC* cc, Addr ea, UWord size)
{
   cc->ev[EV_Dr] += cs_collect_mask & 1;
   if (cs_clo.call_graph)
      cs_running[EV_Dr] += cs_collect_mask & 1;
   if (cs_cache_ref(&cs_D1, ea, size))
      data_missed_D1((CcRef)cc, ea, size, EV_Dr);
}

static VG_REGPARM(3) void h_guarded_write(CsCC* cc, Addr ea, UWord size)
{
   cc->ev[EV_Dw] += cs_collect_mask & 1;
   if (cs_clo.call_graph)
      cs_running[EV_Dw] += cs_collect_mask & 1;
   if (cs_cache_ref(&cs_D1, ea, size))
      data_missed_D1((CcRef)cc, ea, size, EV_Dw);
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

/* When full, flush (merges are decided before that, so the capacity never
 * changes a count). */
#define QUEUE_CAP 32

#define LOADS_CAP 64

typedef struct {
   IRSB* out;
   IRType word;       /* host word type */
   Event q[QUEUE_CAP];
   Int n;
   /* The I1 block holding the last byte of the previous instruction of
    * this superblock: it is the most recently used line of its set, so a
    * following instruction wholly inside it hits and changes nothing. */
   Bool have_prev_block;
   Addr prev_block;
   IRExpr* mask;      /* the collection mask, once loaded in this flush */
   /* With the call graph on: the flush's mispredicted conditional
    * branches so far (a host word), or NULL; and whether the running
    * totals are packed (see cs_running_packed). */
   IRExpr* mispredicts;
   Bool pack;
   IRExpr* zero;      /* a register holding 0 (see mem_addr), or NULL */
   /* Does the generated code count events, and does it test the mask
    * (see cs_counts_masked)? */
   Bool counting;
   Bool masked;
   /* The last D1 access emitted in this flush, if any: its lines are now
    * the most recently used of their sets. */
   IRExpr* last_data_addr;
   Int last_data_size;
   /* How many of the guest's statements are held back in tail_buf: those
    * since the last one that can fault, so that the stretch's simulation
    * goes before them (see flush). */
   Int n_tail;
   /* The temporaries this superblock has loaded into so far (see
    * load_barrier), or more than LOADS_CAP of them. */
   IRTemp loads[LOADS_CAP];
   Int n_loads;
} Walk;

/* What the walk of one superblock collects for its record (cs_costs.c):
 * the instructions, each stretch's counts and end, and the address constant
 * of each stretch's run-counter add, which is filled in once the record
 * exists.  Translation is single-threaded, so these buffers
 * are shared and reused. */
static CsInstr* instr_buf;
static CsCount* count_buf;
static UInt* end_buf;
static IRConst** patch_buf;
static IRStmt** tail_buf;
static UInt instr_cap, count_cap, end_cap, patch_cap, tail_cap;
static UInt n_walk_counts, n_walk_stretches, n_walk_patches;

#define ENSURE_ROOM(buf, cap, need) \
   do { \
      if ((need) > (cap)) { \
         (cap) = (need) * 2 + 64; \
         (buf) = VG_(realloc)("cs.walk", (buf), (cap) * sizeof *(buf)); \
      } \
   } while (0)

static IRExpr* ptr_expr(const void* p)
{
   return mkIRExpr_HWord((HWord)p);
}

static IRExpr* word_const(UWord v)
{
   return mkIRExpr_HWord((HWord)v);
}

static IRExpr* new_tmp(Walk* w, IRType ty, IRExpr* e)
{
   IRTemp t = newIRTemp(w->out->tyenv, ty);
   addStmtToIRSB(w->out, IRStmt_WrTmp(t, e));
   return IRExpr_RdTmp(t);
}

/* A binary operation on host words. */
static IRExpr* word_op(Walk* w, IROp op32, IROp op64, IRExpr* a, IRExpr* b)
{
   return new_tmp(w, w->word, IRExpr_Binop(w->word == Ity_I32 ? op32 : op64, a, b));
}

/* The address of the tool's data at p, for a load or store.  The tool's
 * static data lies below 2 GB, so it is reached as a 32-bit displacement
 * from a register holding 0 (read once per superblock from the unused
 * shadow guest state, which VEX cannot fold away), which is shorter than
 * the 64-bit constant VEX otherwise puts in a register at each use. */
static IRExpr* mem_addr(Walk* w, const void* p)
{
   if (w->zero != NULL && (Addr)p < 0x70000000UL)
      return new_tmp(w, w->word, IRExpr_Binop(Iop_Add64, w->zero, ptr_expr(p)));
   return ptr_expr(p);
}

static IRExpr* word_ne(Walk* w, IRExpr* a, IRExpr* b)
{
   return new_tmp(w, Ity_I1, IRExpr_Binop(w->word == Ity_I32 ? Iop_CmpNE32 : Iop_CmpNE64, a, b));
}

static void emit_call(Walk* w, Int regparms, const HChar* name, void* fn,
                      IRExpr** args, IRExpr* guard)
{
   IRDirty* di = unsafeIRDirty_0_N(regparms, name, VG_(fnptr_to_fnentry)(fn), args);
   if (guard)
      di->guard = guard;
   addStmtToIRSB(w->out, IRStmt_Dirty(di));
}

/* Hold back a statement until the stretch's simulation is emitted. */
static void defer(Walk* w, IRStmt* st)
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
static Bool tail_reads_a_load(const Walk* w)
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
static void load_barrier(Walk* w)
{
   addStmtToIRSB(w->out, IRStmt_AbiHint(word_const(0), 0, word_const(0)));
}

static void release_tail(Walk* w)
{
   Int i;
   for (i = 0; i < w->n_tail; i++)
      addStmtToIRSB(w->out, tail_buf[i]);
   w->n_tail = 0;
}

#if defined(VG_BIGENDIAN)
#  define HOST_END Iend_BE
#else
#  define HOST_END Iend_LE
#endif

/* With --toggle-collect, collection switches at function entries and
 * returns, so the generated code ANDs every count with the collection mask
 * (all ones while counting, zero while not).  Otherwise collection changes
 * only by request, which throws the translations away (cs_requests.c), so
 * code is made either to count without testing or not to count at all,
 * until requests come so often that testing is cheaper.  The mask is
 * loaded once per flush: a request or a --toggle-collect function entry
 * can change it between flushes. */
static IRExpr* collect_mask(Walk* w)
{
   if (w->mask == NULL)
      w->mask = new_tmp(w, Ity_I64, IRExpr_Load(HOST_END, Ity_I64, mem_addr(w, &cs_collect_mask)));
   return w->mask;
}

/* Add value (an I64 expression) to a 64-bit counter, if collecting. */
static void emit_counter_add_i64(Walk* w, ULong* counter, IRExpr* value)
{
   IRExpr *old, *sum;
   if (!w->counting)
      return;
   /* The load and the store each get their own address expression: VEX
    * folds each into its instruction, where one shared temporary would be
    * computed first into a register (one more instruction). */
   old = new_tmp(w, Ity_I64, IRExpr_Load(HOST_END, Ity_I64, mem_addr(w, counter)));
   if (w->masked)
      value = new_tmp(w, Ity_I64, IRExpr_Binop(Iop_And64, value, collect_mask(w)));
   /* A computed value first and the load second: VEX then adds from
    * memory (one instruction less).  A constant goes second, as an
    * immediate. */
   sum = new_tmp(w, Ity_I64, value->tag == Iex_Const ? IRExpr_Binop(Iop_Add64, old, value)
                                                       : IRExpr_Binop(Iop_Add64, value, old));
   addStmtToIRSB(w->out, IRStmt_Store(HOST_END, mem_addr(w, counter), sum));
}

/* Add n to a 64-bit counter in memory, inline. */
static void emit_counter_add(Walk* w, ULong* counter, ULong n)
{
   emit_counter_add_i64(w, counter, IRExpr_Const(IRConst_U64(n)));
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

/* The helpers' argument for cc (see CcRef). */
static IRExpr* cc_ref_expr(CsCC* cc)
{
   if (cc >= cs_cc_pool && cc < cs_cc_pool + CS_CC_POOL_SIZE)
      return word_const((UWord)(cc - cs_cc_pool));
   return ptr_expr(cc);
}

static IRExpr** fetch_any_args(const CsInstr* ii)
{
   return mkIRExprVec_3(word_const(ii->addr), word_const(ii->len), cc_ref_expr(ii->cc));
}

/* Instruction fetch: nothing when it surely hits the MRU line; else an
 * inline MRU test (of both lines, for one that spans two) that calls the
 * slow path only when it fails. */
static void emit_fetch(Walk* w, CsInstr* ii)
{
   Addr first = ii->addr >> cs_I1.line_bits;
   Addr last = (ii->addr + ii->len - 1) >> cs_I1.line_bits;
   Bool first_known = w->have_prev_block && first == w->prev_block;

   if (first == last && first_known) {
      /* the same line as the instruction just before: a hit, no change */
   } else if (first == last) {
      IRExpr* miss = emit_not_mru_const(w, &cs_I1, first);
      UWord packed = fetch1_arg(ii);
      if (packed != 0) {
         const Fetch1Helper* h = fetch1_helper();
         emit_call(w, 1, h->name[0], h->fn[0], mkIRExprVec_1(word_const(packed)), miss);
      } else if (ii->addr >> FETCH_LEN_SHIFT == 0) {
         emit_call(w, 2, "h_fetch", h_fetch,
                   mkIRExprVec_2(word_const(ii->addr | ii->len << FETCH_LEN_SHIFT),
                                 cc_ref_expr(ii->cc)), miss);
      } else {
         emit_call(w, 3, "h_fetch_any", h_fetch_any, fetch_any_args(ii), miss);
      }
   } else {
      /* Two lines: a hit that changes nothing if each is the MRU line of
       * its set when fetched (the first is in place before the second). */
      IRExpr* miss = emit_not_mru_const(w, &cs_I1, last);
      UWord packed = fetch1_arg(ii);
      if (!first_known)
         miss = new_tmp(w, Ity_I1, IRExpr_Binop(Iop_Or1, miss,
                                                emit_not_mru_const(w, &cs_I1, first)));
      if (packed != 0) {
         const Fetch1Helper* h = fetch1_helper();
         emit_call(w, 1, h->name[1], h->fn[1], mkIRExprVec_1(word_const(packed)), miss);
      } else {
         emit_call(w, 3, "h_fetch_any", h_fetch_any, fetch_any_args(ii), miss);
      }
   }
   w->have_prev_block = True;
   w->prev_block = last;
}

/* The data helper for an access: the sized one if there is one. */
static void emit_data_call(Walk* w, const Event* e, Bool is_write, IRExpr* guard)
{
   CsCC* cc = e->ii->cc;
   UWord assoc = fixed_assoc(&cs_D1);
   UInt i;
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

/* Data access: an inline MRU test of D1, the slow path when it fails.
 *
 * With two or more sets the test is one subtraction and one comparison:
 * the access's address less the MRU tag of its first byte's set (the
 * address where that line starts) is at most line size - access size
 * exactly when the access lies within that line.  Every other line of the
 * set starts at least two lines away (or is the initial 0, line 0 of set
 * 0, a real line of the model), so the difference is then at least two
 * lines or, below, wraps to a larger unsigned number. */
static void emit_data(Walk* w, const Event* e, Bool is_write)
{
   IRExpr* bits = IRExpr_Const(IRConst_U8(cs_D1.line_bits));
   UWord stride = cs_D1.assoc * sizeof(cs_addr_t);    /* bytes per set */
   UInt stride_bits = log2_or_none(stride);
   IRExpr *offset, *slot, *tag, *into_line, *within, *miss;

   /* The same address as the D1 access just before (no other in between),
    * no larger: its lines are in place as the MRU lines of their sets (two
    * lines are in different sets when there are two or more), so this is
    * a hit that changes nothing. */
   if (w->last_data_addr != NULL && cs_D1.set_mask != 0 && e->size <= w->last_data_size
       && eqIRAtom(w->last_data_addr, e->addr))
      return;
   w->last_data_addr = e->addr;
   w->last_data_size = e->size;

   if (e->addr->tag == Iex_Const) {
      /* A fixed address (RIP-relative data): the set is known now. */
      Addr a = w->word == Ity_I32 ? e->addr->Iex.Const.con->Ico.U32
                                  : (Addr)e->addr->Iex.Const.con->Ico.U64;
      Addr b = a >> cs_D1.line_bits;
      if (b == (a + e->size - 1) >> cs_D1.line_bits)
         emit_data_call(w, e, is_write, emit_not_mru_const(w, &cs_D1, b));
      else
         emit_data_call(w, e, is_write, NULL);
      return;
   }
   if (cs_D1.set_mask == 0) {
      /* One set: no cheap test; the slow path decides. */
      emit_data_call(w, e, is_write, NULL);
      return;
   }
   /* The byte offset of the set: (block & set_mask) * stride. */
   if (stride_bits == cs_D1.line_bits) {
      offset = word_op(w, Iop_And32, Iop_And64, e->addr,
                       word_const(cs_D1.set_mask << cs_D1.line_bits));
   } else {
      offset = word_op(w, Iop_Shr32, Iop_Shr64, e->addr, bits);
      offset = word_op(w, Iop_And32, Iop_And64, offset, word_const(cs_D1.set_mask));
      if (stride_bits != 0xFFFFFFFF)
         offset = word_op(w, Iop_Shl32, Iop_Shl64, offset, IRExpr_Const(IRConst_U8(stride_bits)));
      else
         offset = word_op(w, Iop_Mul32, Iop_Mul64, offset, word_const(stride));
   }
   slot = word_op(w, Iop_Add32, Iop_Add64, offset, ptr_expr(cs_D1.tags));
   tag = new_tmp(w, w->word, IRExpr_Load(HOST_END, w->word, slot));
   /* The loaded tag second: VEX then subtracts it from memory (one
    * instruction less); the constant second, an immediate. */
   into_line = word_op(w, Iop_Sub32, Iop_Sub64, e->addr, tag);
   within = new_tmp(w, Ity_I1, IRExpr_Binop(w->word == Ity_I32 ? Iop_CmpLE32U : Iop_CmpLE64U, into_line,
                                              word_const(((UWord)1 << cs_D1.line_bits)
                                                         - (UWord)e->size)));
   miss = new_tmp(w, Ity_I1, IRExpr_Unop(Iop_Not1, within));
   emit_data_call(w, e, is_write, miss);
}

/* Add a 0/1 host word to a 64-bit counter, inline. */
static void emit_counter_add_word(Walk* w, ULong* counter, IRExpr* value)
{
   IRExpr* v64 = w->word == Ity_I32 ? new_tmp(w, Ity_I64, IRExpr_Unop(Iop_32Uto64, value)) : value;
   emit_counter_add_i64(w, counter, v64);
}

/* Load a byte at addr, widened to a host word. */
static IRExpr* load_byte(Walk* w, IRExpr* addr)
{
   IRExpr* b = new_tmp(w, Ity_I8, IRExpr_Load(HOST_END, Ity_I8, addr));
   return new_tmp(w, w->word, IRExpr_Unop(w->word == Ity_I32 ? Iop_8Uto32 : Iop_8Uto64, b));
}

/* table + counter + 8 * taken (see sim/branchpred.h), in one tree, which
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

/* The conditional-branch predictor (sim/branchpred.h), inline, as
 * cs_bpred_cond does it: the counter at the history's offset in the
 * branch's row, its next value and whether it mispredicted looked up, the
 * outcome shifted into the history. */
static void emit_cond_branch(Walk* w, const Event* e)
{
   cs_bpred_t* bp = cs_bpred;
   /* This branch's row of counters, known now. */
   const UChar* row = cs_bpred_row(bp, e->ii->addr);
   IRExpr* taken = e->value;                           /* host word, 0 or 1 */
   IRExpr* hist = load_byte(w, mem_addr(w, &bp->history));
   IRExpr *slot, *ctr, *next, *mispredict;

   slot = word_op(w, Iop_Add32, Iop_Add64, hist, ptr_expr(row));
   ctr = load_byte(w, slot);
   next = new_tmp(w, Ity_I8, IRExpr_Load(HOST_END, Ity_I8, bp_table_slot(w, ctr, taken, cs_bp_next)));
   /* The store gets its own address expression (see emit_counter_add_i64). */
   slot = word_op(w, Iop_Add32, Iop_Add64, hist, ptr_expr(row));
   addStmtToIRSB(w->out, IRStmt_Store(HOST_END, slot, next));
   /* A host word: the low half of the 64-bit entry on a 32-bit host. */
   mispredict = new_tmp(w, w->word, IRExpr_Load(HOST_END, w->word,
                                                bp_table_slot(w, ctr, taken, cs_bp_mispredict)));
   emit_counter_add_word(w, &e->ii->cc->ev[EV_Bcm], mispredict);
   if (w->pack)                          /* added with the flush's Bc */
      w->mispredicts = w->mispredicts == NULL
                          ? mispredict
                          : word_op(w, Iop_Add32, Iop_Add64, w->mispredicts, mispredict);
   else if (cs_clo.call_graph)
      emit_counter_add_word(w, &cs_running[EV_Bcm], mispredict);

   /* (history | taken) << 1, stored as a byte: the oldest outcome drops out. */
   hist = word_op(w, Iop_Or32, Iop_Or64, hist, taken);
   hist = word_op(w, Iop_Shl32, Iop_Shl64, hist, IRExpr_Const(IRConst_U8(1)));
   hist = new_tmp(w, Ity_I8, IRExpr_Unop(w->word == Ity_I32 ? Iop_32to8 : Iop_64to8, hist));
   addStmtToIRSB(w->out, IRStmt_Store(HOST_END, mem_addr(w, &bp->history), hist));
}

/* The indirect-branch predictor, inline: its table slot is known now. */
static void emit_ind_branch(Walk* w, const Event* e)
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

/* Counts are constants per flush: sum them per counter. */
typedef struct {
   CsCount cc[2 * QUEUE_CAP];       /* cost-centre counters */
   Int n_cc;
   ULong running[CS_N_EVENTS];      /* cs_running, with the call graph on */
} Counts;

/* Count one event of cc; with the call graph on, in the running totals too. */
static void count(Counts* c, CsCC* cc, Int ev)
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

/* With the call graph on, add the flush's Ir and Dr, and its Bc and
 * mispredicted branches, each pair in one add (see cs_running_packed),
 * and take them out of running. */
static void emit_packed_running_adds(Walk* w, ULong running[CS_N_EVENTS])
{
   if (running[EV_Ir] != 0 || running[EV_Dr] != 0)
      emit_counter_add(w, &cs_running_packed[0],
                       running[EV_Ir] | running[EV_Dr] << CS_PACK_HIGH);
   if (running[EV_Bc] != 0 || w->mispredicts != NULL) {
      IRExpr* v = IRExpr_Const(IRConst_U64(running[EV_Bc]));
      if (w->mispredicts != NULL) {
         IRExpr* m = w->word == Ity_I32 ? new_tmp(w, Ity_I64, IRExpr_Unop(Iop_32Uto64, w->mispredicts))
                                        : w->mispredicts;
         m = new_tmp(w, Ity_I64, IRExpr_Binop(Iop_Shl64, m, IRExpr_Const(IRConst_U8(CS_PACK_HIGH))));
         v = running[EV_Bc] != 0 ? new_tmp(w, Ity_I64, IRExpr_Binop(Iop_Add64, m, v)) : m;
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
static void flush(Walk* w)
{
   Counts counts;
   Int i;

   w->mask = NULL;
   w->mispredicts = NULL;
   w->last_data_addr = NULL;
   counts.n_cc = 0;
   VG_(memset)(counts.running, 0, sizeof counts.running);

   if (cs_clo.cache_sim && tail_reads_a_load(w))
      load_barrier(w);
   for (i = 0; i < w->n; i++) {
      Event* e = &w->q[i];
      switch (e->kind) {
      case EvFetch:
         count(&counts, e->ii->cc, EV_Ir);
         if (cs_clo.cache_sim)
            emit_fetch(w, e->ii);
         break;
      case EvRead:
      case EvModify:
      case EvWrite:
         count(&counts, e->ii->cc, is_read(e) ? EV_Dr : EV_Dw);
         emit_data(w, e, !is_read(e));
         break;
      case EvCondBr:
      case EvIndBr:
         break;
      }
   }
   release_tail(w);
   for (i = 0; i < w->n; i++) {
      Event* e = &w->q[i];
      if (e->kind == EvCondBr) {
         count(&counts, e->ii->cc, EV_Bc);
         emit_cond_branch(w, e);
      } else if (e->kind == EvIndBr) {
         count(&counts, e->ii->cc, EV_Bi);
         emit_ind_branch(w, e);
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
static void make_record(Addr base)
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
      emit_call(w, 3, "h_guarded_write", h_guarded_write,
                mkIRExprVec_3(ptr_expr(ii->cc), addr, mkIRExpr_HWord(size)), guard);
   else
      emit_call(w, 3, "h_guarded_read", h_guarded_read,
                mkIRExprVec_3(ptr_expr(ii->cc), addr, mkIRExpr_HWord(size)), guard);
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
   defer(w, IRStmt_WrTmp(t, IRExpr_Binop(op, a, b)));
   return IRExpr_RdTmp(t);
}

/* A side exit: is it a guest branch, and which way counts as taken? */
static void add_exit_branch(Walk* w, CsInstr* ii, const IRSB* sb_in, Int exit_at,
                            const IRStmt* st, IRType hWordTy)
{
   IRTypeEnv* tyenv = w->out->tyenv;
   Addr next_instr = ii->addr + ii->len;
   Addr target;
   Bool inverted, negated;
   IRTemp g1, taken;
   IRExpr *cmp, *flag;
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
   cmp = guard_comparison(sb_in, exit_at, st->Ist.Exit.guard, &negated);
   /* Taken is the guard, or its negation when the exit is inverted; the
    * guard is the comparison, or its negation. */
   flag = cmp != NULL ? recompare(tyenv, w, cmp, inverted != negated) : NULL;
   taken = newIRTemp(tyenv, hWordTy);
   if (flag != NULL) {
      defer(w, IRStmt_WrTmp(taken, IRExpr_Unop(hWordTy == Ity_I32 ? Iop_1Uto32
                                                                              : Iop_1Uto64,
                                                           flag)));
   } else {
      /* The guard itself, as a host word, negated first if need be
       * (VEX then sets the word from the inverted condition, one
       * instruction less than inverting the word). */
      g1 = newIRTemp(tyenv, Ity_I1);
      defer(w, IRStmt_WrTmp(g1, st->Ist.Exit.guard));
      if (inverted) {
         IRTemp ng = newIRTemp(tyenv, Ity_I1);
         defer(w, IRStmt_WrTmp(ng, IRExpr_Unop(Iop_Not1, IRExpr_RdTmp(g1))));
         g1 = ng;
      }
      defer(w, IRStmt_WrTmp(taken, IRExpr_Unop(hWordTy == Ity_I32 ? Iop_1Uto32 : Iop_1Uto64,
                                               IRExpr_RdTmp(g1))));
   }
   e = push(w, EvCondBr, ii);
   e->value = IRExpr_RdTmp(taken);
}

/* ------------------------------------------------------------------ */
/* --toggle-collect                                                    */
/* ------------------------------------------------------------------ */

static IRExpr* get_sp(Walk* w, const VexGuestLayout* layout)
{
   return new_tmp(w, w->word, IRExpr_Get(layout->offset_SP, w->word));
}

/* Is a the first instruction of a function matching --toggle-collect? */
static Bool is_toggle_entry(Addr a)
{
   const HChar* name;
   UInt i;
   if (!VG_(get_fnname_if_entry)(VG_(current_DiEpoch)(), a, &name))
      return False;
   for (i = 0; i < cs_clo.n_toggle_fns; i++)
      if (VG_(string_match)(cs_clo.toggle_fns[i], name))
         return True;
   return False;
}

/* Has the stack pointer risen above *top (a frame's stack pointer at
 * entry)?  Then that function has returned (or was left by longjmp or an
 * exception): call unwind(sp). */
static void emit_sp_check(Walk* w, const VexGuestLayout* layout, const Addr* top,
                          const HChar* name, void* unwind)
{
   IRExpr* sp = get_sp(w, layout);
   IRExpr* top_sp = new_tmp(w, w->word, IRExpr_Load(HOST_END, w->word, mem_addr(w, top)));
   IRExpr* returned = new_tmp(w, Ity_I1, IRExpr_Binop(w->word == Ity_I32 ? Iop_CmpLT32U
                                                                         : Iop_CmpLT64U,
                                                      top_sp, sp));
   emit_call(w, 1, name, unwind, mkIRExprVec_1(sp), returned);
}

/* ------------------------------------------------------------------ */
/* Call tracking (see cs_callgraph.c)                                  */
/* ------------------------------------------------------------------ */

/* Is the instruction at a a call (x86 and amd64: E8, or FF /2 or /3)? */
static Bool is_call_instruction(Addr a, UWord len)
{
#if defined(VGA_amd64) || defined(VGA_x86)
   const UChar* p = (const UChar*)a;
   const UChar* end = p + len;
   while (p < end && (*p == 0x66 || *p == 0x67 || *p == 0xF2 || *p == 0xF3 || *p == 0x2E
                      || *p == 0x3E || *p == 0x26 || *p == 0x36 || *p == 0x64 || *p == 0x65))
      p++;
#  if defined(VGA_amd64)
   if (p < end && (*p & 0xF0) == 0x40)
      p++;                    /* REX */
#  endif
   if (p >= end)
      return False;
   if (p[0] == 0xE8)
      return True;
   return p[0] == 0xFF && p + 1 < end && (((p[1] >> 3) & 7) == 2 || ((p[1] >> 3) & 7) == 3);
#else
   return False;
#endif
}

/* A function's first instruction opens a frame; a call instruction is
 * remembered by its return address, which identifies the call's site. */
static void track_calls(Walk* w, const VexGuestLayout* layout, CsInstr* ii)
{
   CsFn* fn = cs_fn_if_entry(ii->addr);
   if (fn != NULL) {
      /* What came before belongs to the caller's frame. */
      flush(w);
      emit_call(w, 2, "cs_calls_enter", cs_calls_enter,
                mkIRExprVec_2(ptr_expr(fn), get_sp(w, layout)), NULL);
   }
   if (is_call_instruction(ii->addr, ii->len))
      cs_calls_note_call(ii->addr + ii->len, ii->cc);
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

IRSB* cs_instrument(VgCallbackClosure* closure, IRSB* sbIn,
                    const VexGuestLayout* layout, const VexGuestExtents* vge,
                    const VexArchInfo* archinfo_host,
                    IRType gWordTy, IRType hWordTy)
{
   Walk w;
   Int i, first, n_instrs = 0;
   CsInstr* ii = NULL;
   IRTypeEnv* tyenv = sbIn->tyenv;
   Bool det = cs_det_enabled();

   if (gWordTy != hWordTy)
      VG_(tool_panic)("host/guest word size mismatch");
   if (!cs_instr_enabled) {
      if (!det)
         return sbIn;
      /* Not measured, but still deterministic. */
      w.out = deepCopyIRSBExceptStmts(sbIn);
      for (i = 0; i < sbIn->stmts_used; i++)
         addStmtToIRSB(w.out, cs_det_filter_stmt(sbIn->stmts[i]));
      return w.out;
   }

   w.out = deepCopyIRSBExceptStmts(sbIn);
   w.word = hWordTy;
   w.n = 0;
   w.have_prev_block = False;
   w.masked = cs_counts_masked;
   w.mispredicts = NULL;
   w.pack = cs_clo.call_graph && cs_running_can_pack();
   w.zero = NULL;
   w.counting = w.masked || cs_collect_mask != 0;
   w.prev_block = 0;
   w.n_tail = 0;
   w.n_loads = 0;

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
   n_walk_counts = n_walk_stretches = n_walk_patches = 0;
   if (w.word == Ity_I64)
      w.zero = new_tmp(&w, Ity_I64, IRExpr_Get(layout->total_sizeB, Ity_I64));
   if (cs_clo.n_toggle_fns > 0)
      emit_sp_check(&w, layout, &cs_toggle_top_sp, "cs_toggle_unwind", cs_toggle_unwind);

   for (i = first; i < sbIn->stmts_used; i++) {
      IRStmt* st = sbIn->stmts[i];
      Bool can_fault = stmt_can_fault(st);
      tl_assert(isFlatIRStmt(st));
      /* What came before a statement that can fault goes before it. */
      if (can_fault)
         release_tail(&w);
      if (st->tag == Ist_WrTmp && st->Ist.WrTmp.data->tag == Iex_Load) {
         if (w.n_loads < LOADS_CAP)
            w.loads[w.n_loads] = st->Ist.WrTmp.tmp;
         w.n_loads++;
      }

      switch (st->tag) {
      case Ist_IMark: {
         UInt len = st->Ist.IMark.len;
         if (len == 0)            /* undecodable: pretend minimal length */
            len = VG_MIN_INSTR_SZB;
         ii = &instr_buf[n_instrs++];
         ii->addr = (Addr)st->Ist.IMark.addr;
         ii->len = len;
         ii->cc = cs_cc_for_instr(ii->addr);
         if (cs_clo.n_toggle_fns > 0 && is_toggle_entry(ii->addr)) {
            /* Count what came before in the old state, the rest in the new. */
            flush(&w);
            emit_call(&w, 1, "cs_toggle_enter", cs_toggle_enter,
                      mkIRExprVec_1(get_sp(&w, layout)), NULL);
         }
         if (cs_clo.call_graph)
            track_calls(&w, layout, ii);
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
         add_exit_branch(&w, ii, sbIn, i, st, hWordTy);
         /* The exit may be taken: what happened before it must be counted
          * before it. */
         flush(&w);
         break;
      default:
         break;
      }
      if (det)
         st = cs_det_filter_stmt(st);
      if (can_fault || st->tag == Ist_Exit)
         addStmtToIRSB(w.out, st);
      else
         defer(&w, st);
   }

   /* A computed jump or call at the end is an indirect branch; returns are
    * assumed perfectly predicted. */
   if (cs_clo.branch_sim && (sbIn->jumpkind == Ijk_Boring || sbIn->jumpkind == Ijk_Call)
       && sbIn->next->tag != Iex_Const) {
      Event* e = push(&w, EvIndBr, ii);
      e->value = sbIn->next;
   }
   flush(&w);
   /* Only a return or a computed jump (longjmp, an exception's landing,
    * a switch) can leave the stack pointer above a frame's entry value: a
    * direct jump or a call stays in or below the current function (a tail
    * jump to another function's entry is handled by cs_calls_enter), and a
    * signal return is handled by Valgrind's post-signal event (see
    * cs_callgraph.c).  So the test is made only here, after everything
    * this superblock counted, instead of at the start of every
    * superblock: loops pay nothing for it. */
   if (cs_clo.call_graph && !(sbIn->jumpkind == Ijk_Call
                              || (sbIn->jumpkind == Ijk_Boring && sbIn->next->tag == Iex_Const)))
      emit_sp_check(&w, layout, &cs_calls_top_sp, "cs_calls_unwind", cs_calls_unwind);
   tl_assert(w.n_tail == 0);
   make_record(vge->base[0]);
   return w.out;
}
