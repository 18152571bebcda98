/* instrument/emit.h - the state of one superblock's instrumentation, and
 * the small IR-emitting helpers that every emitter uses (inline: they run
 * for every statement translated). */
#ifndef CS_INSTRUMENT_EMIT_H
#define CS_INSTRUMENT_EMIT_H

#include "pub_tool_basics.h"
#include "pub_tool_tooliface.h"
#include "pub_tool_machine.h"
#include "pub_tool_mallocfree.h"
#include "runtime.h"

/* One guest instruction, while its superblock is being instrumented. */
typedef struct {
   Addr addr;
   UWord len;
   CsCC* cc;
} CsInstr;

/* The events of a stretch of code, queued until its flush
 * (instrument/queue.c). */
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
    * branches so far, or NULL (on a 64-bit host an I64 with the branches
    * themselves in its high half, packed_branches of them; on a 32-bit
    * host a host word); and whether the running totals are packed (see
    * cs_running_packed). */
   IRExpr* mispredicts;
   ULong packed_branches;
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
   Bool last_data_dirty;  /* general model: it left its line dirty */
   /* General model: has a data access been emitted since the last fetch
    * (see cs_hier_fetch_repeats_hit)? */
   Bool data_since_fetch;
   /* How many of the guest's statements are held back (instrument/tail.c): those
    * since the last one that can fault, so that the stretch's simulation
    * goes before them (see cs_queue_flush). */
   Int n_tail;
   /* The temporaries this superblock has loaded into so far (see
    * cs_tail_load_barrier), or more than LOADS_CAP of them. */
   IRTemp loads[LOADS_CAP];
   Int n_loads;
} Walk;

/* Grow a buffer the walk reuses from superblock to superblock. */
#define ENSURE_ROOM(buf, cap, need) \
   do { \
      if ((need) > (cap)) { \
         (cap) = (need) * 2 + 64; \
         (buf) = VG_(realloc)("cs.walk", (buf), (cap) * sizeof *(buf)); \
      } \
   } while (0)

#if defined(VG_BIGENDIAN)
#  define HOST_END Iend_BE
#else
#  define HOST_END Iend_LE
#endif

static inline IRExpr* ptr_expr(const void* p)
{
   return mkIRExpr_HWord((HWord)p);
}

static inline IRExpr* word_const(UWord v)
{
   return mkIRExpr_HWord((HWord)v);
}

static inline IRExpr* new_tmp(Walk* w, IRType ty, IRExpr* e)
{
   IRTemp t = newIRTemp(w->out->tyenv, ty);
   addStmtToIRSB(w->out, IRStmt_WrTmp(t, e));
   return IRExpr_RdTmp(t);
}

/* A binary operation on host words. */
static inline IRExpr* word_op(Walk* w, IROp op32, IROp op64, IRExpr* a, IRExpr* b)
{
   return new_tmp(w, w->word, IRExpr_Binop(w->word == Ity_I32 ? op32 : op64, a, b));
}

/* The address of the tool's data at p, for a load or store.  The tool's
 * static data lies below 2 GB, so it is reached as a 32-bit displacement
 * from a register holding 0 (read once per superblock from the unused
 * shadow guest state, which VEX cannot fold away), which is shorter than
 * the 64-bit constant VEX otherwise puts in a register at each use. */
static inline IRExpr* mem_addr(Walk* w, const void* p)
{
   if (w->zero != NULL && (Addr)p < 0x70000000UL)
      return new_tmp(w, w->word, IRExpr_Binop(Iop_Add64, w->zero, ptr_expr(p)));
   return ptr_expr(p);
}

static inline IRExpr* word_ne(Walk* w, IRExpr* a, IRExpr* b)
{
   return new_tmp(w, Ity_I1, IRExpr_Binop(w->word == Ity_I32 ? Iop_CmpNE32 : Iop_CmpNE64, a, b));
}

static inline void emit_call(Walk* w, Int regparms, const HChar* name, void* fn,
                      IRExpr** args, IRExpr* guard)
{
   IRDirty* di = unsafeIRDirty_0_N(regparms, name, VG_(fnptr_to_fnentry)(fn), args);
   if (guard)
      di->guard = guard;
   addStmtToIRSB(w->out, IRStmt_Dirty(di));
}

/* With --toggle-collect, collection switches at function entries and
 * returns, so the generated code ANDs every count with the collection mask
 * (all ones while counting, zero while not).  Otherwise collection changes
 * only by request, which throws the translations away (control/collection.c), so
 * code is made either to count without testing or not to count at all,
 * until requests come so often that testing is cheaper.  The mask is
 * loaded once per flush: a request or a --toggle-collect function entry
 * can change it between flushes. */
static inline IRExpr* collect_mask(Walk* w)
{
   if (w->mask == NULL)
      w->mask = new_tmp(w, Ity_I64, IRExpr_Load(HOST_END, Ity_I64, mem_addr(w, &cs_collect_mask)));
   return w->mask;
}

/* Add value (an I64 expression) to a 64-bit counter, if collecting. */
static inline void emit_counter_add_i64(Walk* w, ULong* counter, IRExpr* value)
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
static inline void emit_counter_add(Walk* w, ULong* counter, ULong n)
{
   emit_counter_add_i64(w, counter, IRExpr_Const(IRConst_U64(n)));
}

/* Add a 0/1 host word to a 64-bit counter, inline. */
static inline void emit_counter_add_word(Walk* w, ULong* counter, IRExpr* value)
{
   IRExpr* v64 = w->word == Ity_I32 ? new_tmp(w, Ity_I64, IRExpr_Unop(Iop_32Uto64, value)) : value;
   emit_counter_add_i64(w, counter, v64);
}

/* Load a byte at addr, widened to a host word. */
static inline IRExpr* load_byte(Walk* w, IRExpr* addr)
{
   IRExpr* b = new_tmp(w, Ity_I8, IRExpr_Load(HOST_END, Ity_I8, addr));
   return new_tmp(w, w->word, IRExpr_Unop(w->word == Ity_I32 ? Iop_8Uto32 : Iop_8Uto64, b));
}

#endif
