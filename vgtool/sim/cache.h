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

/* Look up one block in its set, update LRU order; 1 on a miss. */
static inline int cs_cache_block_ref(cs_cache_t *c, cs_addr_t block)
{
    cs_addr_t *set = c->tags + (block & c->set_mask) * c->assoc;
    unsigned long way, i;

    if (set[0] == block)
        return 0;
    for (way = 1; way < c->assoc; way++) {
        if (set[way] == block) {
            for (i = way; i > 0; i--)
                set[i] = set[i - 1];
            set[0] = block;
            return 0;
        }
    }
    for (i = c->assoc - 1; i > 0; i--)
        set[i] = set[i - 1];
    set[0] = block;
    return 1;
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

/* Is the block holding addr the most recently used line of its set?
 * (A fetch of it would hit without changing any state.) */
static inline int cs_cache_is_mru(const cs_cache_t *c, cs_addr_t addr)
{
    cs_addr_t block = addr >> c->line_bits;
    return c->tags[(block & c->set_mask) * c->assoc] == block;
}

#endif
