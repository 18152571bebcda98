/* cache.h - a set-associative, true-LRU, write-allocate cache.
 *
 * Plain C with no Valgrind headers and no libc calls, so the same code is
 * unit-tested on the host and compiled into the tool.  The default model
 * gives Cachegrind's hit/miss results exactly:
 *   - the tag stored for a line is the address of its first byte (the block
 *     number, addr >> line bits, shifted back), so that the generated code
 *     can test an access against it with one subtraction;
 *   - way 0 of a set is the most recently used; a hit moves the line to way 0,
 *     a miss evicts the last way and puts the new line in way 0;
 *   - all tags start at 0 (block 0, in set 0);
 *   - an access spanning two lines touches both (in address order) and counts
 *     as one access that missed if either line missed.
 * The access functions are static inline: they run once per guest access. */
#ifndef CACHESIM_SIM_CACHE_H
#define CACHESIM_SIM_CACHE_H

#include "geometry.h"

typedef unsigned long cs_addr_t;
typedef unsigned int cs_tag32_t;

/* Large caches (the LL) keep 32-bit tags, which halves the tag array the
 * slow path reads on every L1 miss (and the memory it takes): the tag of
 * block b is (b >> set bits) + 1, 0 being an empty way.  This is exact for
 * every address below 2^CS_NARROW_ADDR_BITS, the whole user address space
 * of a 64-bit host, when the set and line bits leave at most 31 bits of
 * tag; set 0 starts with block 0 in every way, like Cachegrind's all-zero
 * tags. */
#define CS_NARROW_ADDR_BITS 48

typedef struct {
   cs_geometry_t geom;
   unsigned line_bits;          /* log2(line size) */
   unsigned set_bits;           /* log2(number of sets) */
   unsigned long set_mask;      /* number of sets - 1 */
   unsigned long assoc;
   cs_addr_t *tags;             /* wide: line addresses, way 0 = MRU (or NULL) */
   cs_tag32_t *tags32;          /* narrow: 32-bit tags, way 0 = MRU (or NULL) */
   cs_tag32_t *mru32;           /* narrow, 4 ways or more: a copy of each set's
                                   way 0, one tag per set (or NULL) */
} cs_cache_t;

/* Can a cache of this geometry keep 32-bit tags (see above)? */
int cs_cache_can_be_narrow(const cs_geometry_t *g);

/* Bytes of tag storage a cache of this (valid) geometry needs, wide or
 * narrow (for a narrow one, with its copy of the MRU ways, if it keeps
 * one). */
unsigned long cs_cache_tag_bytes(const cs_geometry_t *g, int narrow);

/* Set up a cache over caller-provided, zero-filled tag storage of
 * cs_cache_tag_bytes(g, narrow) bytes.  g must have passed
 * cs_geometry_check, and cs_cache_can_be_narrow if narrow. */
void cs_cache_init(cs_cache_t *c, const cs_geometry_t *g, void *zeroed_tags, int narrow);

/* Forget every line (back to the start-up state). */
void cs_cache_flush(cs_cache_t *c);

#define SET_TAG_T cs_addr_t
#define SET_REF(name) cs_set_ref_##name
#include "set_ref.h"
#undef SET_TAG_T
#undef SET_REF
#define SET_TAG_T cs_tag32_t
#define SET_REF(name) cs_set_ref32_##name
#include "set_ref.h"
#undef SET_TAG_T
#undef SET_REF

/* A wide cache's tag for block: the address of the line's first byte. */
static inline cs_addr_t cs_cache_wide_tag(const cs_cache_t *c, cs_addr_t block)
{
   return block << c->line_bits;
}

static inline cs_addr_t *cs_cache_set(const cs_cache_t *c, cs_addr_t block)
{
   return c->tags + (block & c->set_mask) * c->assoc;
}

/* Look up one block of a wide cache, from way `from` on, update LRU
 * order; 1 on a miss. */
static inline __attribute__((always_inline)) int
cs_cache_block_ref_from(cs_cache_t *c, cs_addr_t block, unsigned long from)
{
   return cs_set_ref_any(c->tags, block & c->set_mask, cs_cache_wide_tag(c, block), c->assoc, from);
}

/* The LRU update of a narrow cache's set whose MRU way does not hold
 * tag (out of line: the usual case is the MRU test before it). */
int cs_cache_ref32_not_mru(cs_cache_t *c, unsigned long set_index, cs_tag32_t tag);

/* A narrow cache's 32-bit tag for block. */
static inline cs_tag32_t cs_cache_tag32(const cs_cache_t *c, cs_addr_t block)
{
   return (cs_tag32_t)(block >> c->set_bits) + 1;
}

/* Does a narrow cache's compact copy of its MRU ways say that block is the
 * MRU line of its set (a hit that changes nothing)?  False when the cache
 * keeps no copy. */
static inline int cs_cache_mru_copy_holds(const cs_cache_t *c, cs_addr_t block)
{
   return c->mru32 != 0 && c->mru32[block & c->set_mask] == cs_cache_tag32(c, block);
}

/* Is block the MRU line of its set (a hit that changes nothing)?  A
 * narrow cache answers from its copy of the MRU ways (false when it keeps
 * none), a wide one from the set's way 0. */
static inline int cs_cache_mru_holds(const cs_cache_t *c, cs_addr_t block)
{
   if (c->tags32 != 0)
      return cs_cache_mru_copy_holds(c, block);
   return c->tags[(block & c->set_mask) * c->assoc] == cs_cache_wide_tag(c, block);
}

/* Look up one block in its set, update LRU order; 1 on a miss.
 * A narrow cache tests the set's MRU way in its compact copy of them
 * (4 bytes per set, where the whole set is 4 bytes per way): an L1 miss
 * that hits the LL's MRU line, the usual case, then reads a small array
 * that stays in the host's caches rather than the whole tag array. */
static inline int cs_cache_block_ref(cs_cache_t *c, cs_addr_t block)
{
   if (c->tags32 != 0) {
      cs_tag32_t tag = cs_cache_tag32(c, block);
      unsigned long set_index = block & c->set_mask;
      const cs_tag32_t *mru = c->mru32 != 0 ? c->mru32 + set_index
                                            : c->tags32 + set_index * c->assoc;
      if (*mru == tag)
         return 0;
      return cs_cache_ref32_not_mru(c, set_index, tag);
   }
   if (cs_cache_set(c, block)[0] == cs_cache_wide_tag(c, block))
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
 * most recently used line of its set (wide caches only). */
static inline __attribute__((always_inline)) int cs_cache_ref_not_mru(cs_cache_t *c, cs_addr_t addr)
{
   return cs_cache_block_ref_from(c, addr >> c->line_bits, 1);
}

/* cs_cache_ref for an access that the generated code's inline test found
 * is not within the MRU line of its first byte's set: within one line, that
 * line is not the MRU line of its set (the lookup starts at way 1); over two
 * lines, both are looked up.  Wide caches.  1 on a miss. */
static inline __attribute__((always_inline)) int
cs_cache_ref_after_mru_test(cs_cache_t *c, cs_addr_t addr, unsigned long size)
{
   cs_addr_t first = addr >> c->line_bits;
   if (__builtin_expect(first == (addr + size - 1) >> c->line_bits, 1))
      return cs_cache_ref_not_mru(c, addr);
   return cs_cache_ref(c, addr, size);
}

/* The same for a cache whose associativity is known to be assoc (4, 8 or
 * 16), as a constant: the update is then straight-line code without the
 * dispatch on the associativity, and needs few registers. */
static inline __attribute__((always_inline)) int
cs_cache_ref_not_mru_fixed(cs_cache_t *c, cs_addr_t addr, unsigned long assoc)
{
   cs_addr_t block = addr >> c->line_bits;
   return cs_set_ref_fixed(c->tags + (block & c->set_mask) * assoc, cs_cache_wide_tag(c, block),
                           assoc, 1);
}

/* Is the block holding addr the most recently used line of its set?
 * (A fetch of it would hit without changing any state.)  Wide caches. */
static inline int cs_cache_is_mru(const cs_cache_t *c, cs_addr_t addr)
{
   cs_addr_t block = addr >> c->line_bits;
   return c->tags[(block & c->set_mask) * c->assoc] == cs_cache_wide_tag(c, block);
}

#endif
