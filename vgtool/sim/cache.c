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

unsigned long cs_cache_tag_bytes(const cs_geometry_t *g, int narrow)
{
    return (g->size / g->line_size) * (narrow ? sizeof(cs_tag32_t) : sizeof(cs_addr_t));
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
        return;
    }
    for (i = 0; i < n; i++)
        c->tags[i] = 0;
}
