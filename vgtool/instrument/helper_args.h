/* instrument/helper_args.h - how the generated code passes an access's
 * instruction and cost centre to the run-time helpers: shared by the
 * default model's helpers (instrument/helpers.c) and the general model's
 * (instrument/hier_helpers.c), each of which decodes what it is given. */
#ifndef CS_INSTRUMENT_HELPER_ARGS_H
#define CS_INSTRUMENT_HELPER_ARGS_H

#include "instrument/emit.h"

/* The fetch helpers get the instruction's address, length and cost centre
 * as constants: loading them from a per-instruction record would miss the
 * host's cache more often than the simulated fetch misses I1.  A helper of
 * two arguments gets the length in the top byte of the address, which
 * saves setting up an argument on every run, taken or not (when the
 * address leaves that byte free, as user-space addresses on 64-bit hosts
 * do). */
#define FETCH_LEN_SHIFT (8 * sizeof(UWord) - 8)

/* A helper of one argument gets, when the instruction is in the low 4 GB
 * (where executables and libraries are loaded) and its cost centre in the
 * static pool: address | length << 32 | pool index << 36.  VEX loads
 * every constant argument of a guarded call with a 10-byte instruction and
 * moves it into place, so one argument less is 13 bytes less code at each
 * fetch test. */
#define FETCH1_LEN_SHIFT 32
#define FETCH1_INDEX_SHIFT 36

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

/* The helpers' argument for cc (see CcRef). */
static inline IRExpr* cc_ref_expr(CsCC* cc)
{
   if (cc >= cs_cc_pool && cc < cs_cc_pool + CS_CC_POOL_SIZE)
      return word_const((UWord)(cc - cs_cc_pool));
   return ptr_expr(cc);
}

/* The one-argument fetch helpers' argument for ii, or 0 if it has none. */
static inline UWord fetch1_arg(const CsInstr* ii)
{
   UWord index = (UWord)(ii->cc - cs_cc_pool);
   if (sizeof(UWord) < 8 || ii->addr >> FETCH1_LEN_SHIFT != 0 || ii->len > 0xF
       || ii->cc < cs_cc_pool || index >= CS_CC_POOL_SIZE)
      return 0;
   return ii->addr | (UWord)ii->len << FETCH1_LEN_SHIFT | index << FETCH1_INDEX_SHIFT;
}

/* A data access at a fixed address (RIP-relative data, whose address VEX
 * knows when it translates: a program's globals), in one argument when
 * the address is in the low
 * 4 GB, its size a power of two up to 32 and its cost centre in the static
 * pool: address | pool index << 32 | log2(size) << CONST_LOG2_SHIFT.  Two
 * constants (the address, over 2^20, a 10-byte instruction; the index, a
 * 6-byte one), each moved into place, become one: 9 bytes less code at
 * each such test. */
#define CONST_INDEX_SHIFT 32
#define CONST_LOG2_SHIFT 56

static inline UWord const_data_arg(Addr a, Int size, const CsCC* cc)
{
   UWord index = (UWord)(cc - cs_cc_pool), log2 = 0;
   if (sizeof(UWord) < 8 || a >> CONST_INDEX_SHIFT != 0 || size > 32 || (size & (size - 1)) != 0
       || cc < cs_cc_pool || index >= CS_CC_POOL_SIZE)
      return 0;
   while ((1 << log2) < size)
      log2++;
   return a | index << CONST_INDEX_SHIFT | log2 << CONST_LOG2_SHIFT;
}

/* A group of data accesses (instrument/cache_tests.c): up to four
 * accesses of one instruction's cost centre, at small offsets from one
 * address, with nothing in between that touches the caches.  The helper
 * gets the group's lowest address and one constant: the cost centre's
 * pool index, the number of accesses less one, and for each access in
 * order its offset from that address, log2 of its size and whether it is
 * a write. */
#define GROUP_MAX 4
#define GROUP_INDEX_BITS 18
#define GROUP_COUNT_SHIFT GROUP_INDEX_BITS
#define GROUP_ENTRY_SHIFT (GROUP_INDEX_BITS + 2)
#define GROUP_ENTRY_BITS 10
#define GROUP_OFFSET_MAX 63

#endif
