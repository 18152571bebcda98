/* cache.c - set-up of the cache model; the access path is inline in cache.h. */
#include "cache.h"

static unsigned log2_exact(unsigned long v)
{
   unsigned bits = 0;
   while ((1UL << bits) < v)
      bits++;
   return bits;
}

int cs_cache_can_be_narrow(const cs_geometry_t *g)
{
   unsigned long sets = g->size / g->line_size / g->assoc;
   /* Tags up to 2^31, so that adding one never wraps to the empty 0. */
   return log2_exact(sets) + log2_exact(g->line_size) + 31 >= CS_NARROW_ADDR_BITS;
}

/* Narrow caches of 4 ways or more keep a copy of their MRU ways (at most
 * a quarter more memory); with fewer ways it would save little. */
static int keeps_mru_copy(const cs_geometry_t *g, int narrow)
{
   return narrow && g->assoc >= 4;
}

unsigned long cs_cache_tag_bytes(const cs_geometry_t *g, int narrow)
{
   unsigned long lines = g->size / g->line_size;
   if (!narrow)
      return lines * sizeof(cs_addr_t);
   return (lines + (keeps_mru_copy(g, narrow) ? lines / g->assoc : 0)) * sizeof(cs_tag32_t);
}

void cs_cache_init(cs_cache_t *c, const cs_geometry_t *g, void *zeroed_tags, int narrow)
{
   unsigned long sets = g->size / g->line_size / g->assoc;

   c->geom = *g;
   c->line_bits = log2_exact(g->line_size);
   c->set_bits = log2_exact(sets);
   c->set_mask = sets - 1;
   c->assoc = g->assoc;
   c->tags = narrow ? 0 : zeroed_tags;
   c->tags32 = narrow ? zeroed_tags : 0;
   c->mru32 = keeps_mru_copy(g, narrow) ? c->tags32 + sets * g->assoc : 0;
   cs_cache_flush(c);
}

void cs_cache_flush(cs_cache_t *c)
{
   unsigned long i, n = (c->set_mask + 1) * c->assoc;
   if (c->tags32 != 0) {
      /* Set 0 holds block 0 in every way (its tag is 1); the rest are
       * empty, which no block matches, as no other block's number is 0. */
      for (i = 0; i < n; i++)
         c->tags32[i] = i < c->assoc ? 1 : 0;
      if (c->mru32 != 0)
         for (i = 0; i <= c->set_mask; i++)
            c->mru32[i] = c->tags32[i * c->assoc];
      return;
   }
   for (i = 0; i < n; i++)
      c->tags[i] = 0;
}

int cs_cache_ref32_not_mru(cs_cache_t *c, unsigned long set_index, cs_tag32_t tag)
{
   if (c->mru32 != 0)
      c->mru32[set_index] = tag;     /* way 0 holds it after the update */
   return cs_set_ref32_any(c->tags32, set_index, tag, c->assoc, 1);
}
