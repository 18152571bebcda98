/* l1_miss.h - what follows an L1 miss in the default model: the access
 * goes on to the LL, which I1 and D1 share, and its misses are counted.
 *
 * This is Cachegrind's step: an access over two lines is one LL access,
 * of both lines in address order, that misses if either line misses; an
 * L1 miss counts one L1 miss event and, if the LL missed too, one LL miss
 * event (I1mr and ILmr for a fetch, D1mr and DLmr for a read or a modify,
 * D1mw and DLmw for a write).
 * Plain C, no Valgrind headers, no libc. */
#ifndef CACHESIM_MODEL_L1_MISS_H
#define CACHESIM_MODEL_L1_MISS_H

#include "cache.h"
#include "events.h"

/* Count an L1 miss of event l1_ev (EV_I1mr, EV_D1mr or EV_D1mw; its LL
 * miss event follows it), and its LL miss if ll_miss. */
static inline __attribute__((always_inline)) void
cs_count_l1_miss(cs_tally_t t, int l1_ev, unsigned char ll_miss)
{
   cs_count(t, l1_ev, 1, ll_miss);
}

/* The usual L1 miss: an access at addr..addr+size-1 within one line that
 * is the MRU line of its LL set (for a narrow LL, as its copy of the MRU
 * ways says; false when it keeps none).  That is an LL hit that changes
 * nothing, so cs_l1_missed need not run (the tool tests this inline,
 * calls nothing, and runs cs_l1_missed out of line). */
static inline __attribute__((always_inline)) int
cs_l1_miss_hits_ll_mru(const cs_cache_t *ll, cs_addr_t addr, unsigned long size)
{
   cs_addr_t first = addr >> ll->line_bits;
   return __builtin_expect(first == (addr + size - 1) >> ll->line_bits, 1)
          && __builtin_expect(cs_cache_mru_holds(ll, first), 1);
}

/* An L1 miss of event l1_ev at addr..addr+size-1: the LL lookup, and the
 * counts of the L1 miss and of the LL's. */
static inline __attribute__((always_inline)) void
cs_l1_missed(cs_cache_t *ll, cs_tally_t t, int l1_ev, cs_addr_t addr, unsigned long size)
{
   cs_count_l1_miss(t, l1_ev, cs_cache_ref(ll, addr, size));
}

#endif
