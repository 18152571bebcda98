/* cache.h - a set-associative, true-LRU, write-allocate cache.
 *
 * Plain C with no Valgrind headers and no libc calls, so the same code is
 * unit-tested on the host and compiled into the tool.  The default model
 * gives Cachegrind's hit/miss results exactly:
 *   - the tag stored for a line is its whole block number (addr >> line bits);
 *   - way 0 of a set is the most recently used; a hit moves the line to way 0,
 *     a miss evicts the last way and puts the new line in way 0;
 *   - all tags start at 0;
 *   - an access spanning two lines touches both (in address order) and counts
 *     as one access that missed if either line missed.
 * The access functions are static inline: they run once per guest access. */
#ifndef CACHESIM_SIM_CACHE_H
#define CACHESIM_SIM_CACHE_H

#include "geometry.h"

typedef unsigned long cs_addr_t;

typedef struct {
    cs_geometry_t geom;
    unsigned line_bits;          /* log2(line size) */
    unsigned long set_mask;      /* number of sets - 1 */
    unsigned long assoc;
    cs_addr_t *tags;             /* sets * assoc block numbers, way 0 = MRU */
} cs_cache_t;

/* Bytes of tag storage a cache of this (valid) geometry needs. */
unsigned long cs_cache_tag_bytes(const cs_geometry_t *g);

/* Set up a cache over caller-provided, zero-filled tag storage of
 * cs_cache_tag_bytes(g) bytes.  g must have passed cs_geometry_check. */
void cs_cache_init(cs_cache_t *c, const cs_geometry_t *g, cs_addr_t *zeroed_tags);

/* Forget every line (all tags back to 0, as at start-up). */
void cs_cache_flush(cs_cache_t *c);

/* Look up block in a set of assoc ways, starting at way `from` (1 when the
 * caller knows way 0 does not hold it), and move it to way 0; 1 on a miss.
 * Always inlined with a constant assoc for the common associativities, so
 * the compiler unrolls the search and the shift. */
static inline __attribute__((always_inline)) int
cs_set_ref(cs_addr_t *set, cs_addr_t block, unsigned long assoc, unsigned long from)
{
    unsigned long way, i;

    for (way = from; way < assoc; way++) {
        if (set[way] == block) {
            for (i = way; i > 0; i--)
                set[i] = set[i - 1];
            set[0] = block;
            return 0;
        }
    }
    for (i = assoc - 1; i > 0; i--)
        set[i] = set[i - 1];
    set[0] = block;
    return 1;
}

/* The same for a constant assoc, without data-dependent branches: the
 * host mispredicts the early exits of the loops above about once per
 * call, which costs more than looking at every way. */
static inline __attribute__((always_inline)) int
cs_set_ref_fixed(cs_addr_t *set, cs_addr_t block, unsigned long assoc, unsigned long from)
{
    unsigned long way = assoc, i;

    /* The lowest way holding block, or assoc if none does. */
#pragma GCC unroll 16
    for (i = assoc; i-- > from;)
        way = set[i] == block ? i : way;
    /* Ways 1..way move down one place (on a miss the last one drops out). */
#pragma GCC unroll 16
    for (i = assoc - 1; i > 0; i--)
        set[i] = i <= way ? set[i - 1] : set[i];
    set[0] = block;
    return way == assoc;
}

static inline cs_addr_t *cs_cache_set(const cs_cache_t *c, cs_addr_t block)
{
    return c->tags + (block & c->set_mask) * c->assoc;
}

/* Look up one block, from way `from` on, update LRU order; 1 on a miss. */
static inline __attribute__((always_inline)) int
cs_cache_block_ref_from(cs_cache_t *c, cs_addr_t block, unsigned long from)
{
    switch (c->assoc) {
    case 4:
        return cs_set_ref_fixed(c->tags + ((block & c->set_mask) << 2), block, 4, from);
    case 8:
        return cs_set_ref_fixed(c->tags + ((block & c->set_mask) << 3), block, 8, from);
    case 16:
        return cs_set_ref_fixed(c->tags + ((block & c->set_mask) << 4), block, 16, from);
    default:
        return cs_set_ref(cs_cache_set(c, block), block, c->assoc, from);
    }
}

/* Look up one block in its set, update LRU order; 1 on a miss. */
static inline int cs_cache_block_ref(cs_cache_t *c, cs_addr_t block)
{
    if (cs_cache_set(c, block)[0] == block)
        return 0;
    return cs_cache_block_ref_from(c, block, 1);
}

/* One access of size bytes (1 <= size <= line size) at addr.
 * Returns 1 on a miss, 0 on a hit. */
static inline int cs_cache_ref(cs_cache_t *c, cs_addr_t addr, unsigned long size)
{
    cs_addr_t first = addr >> c->line_bits;
    cs_addr_t last = (addr + size - 1) >> c->line_bits;
    int miss;

    if (first == last)
        return cs_cache_block_ref(c, first);
    /* Sizes never exceed the smallest line size, so at most two lines. */
    miss = cs_cache_block_ref(c, first);
    miss |= cs_cache_block_ref(c, last);
    return miss;
}

/* cs_cache_ref for an access within one line that is known not to be the
 * most recently used line of its set. */
static inline int cs_cache_ref_not_mru(cs_cache_t *c, cs_addr_t addr)
{
    return cs_cache_block_ref_from(c, addr >> c->line_bits, 1);
}

/* Is the block holding addr the most recently used line of its set?
 * (A fetch of it would hit without changing any state.) */
static inline int cs_cache_is_mru(const cs_cache_t *c, cs_addr_t addr)
{
    cs_addr_t block = addr >> c->line_bits;
    return c->tags[(block & c->set_mask) * c->assoc] == block;
}

#endif
