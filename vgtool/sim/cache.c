/* cache.c - set-up of the cache model; the access path is inline in cache.h. */
#include "cache.h"

unsigned long cs_cache_tag_bytes(const cs_geometry_t *g)
{
    return (g->size / g->line_size) * sizeof(cs_addr_t);
}

static unsigned log2_exact(unsigned long v)
{
    unsigned bits = 0;
    while ((1UL << bits) < v)
        bits++;
    return bits;
}

void cs_cache_init(cs_cache_t *c, const cs_geometry_t *g, cs_addr_t *zeroed_tags)
{
    unsigned long sets = g->size / g->line_size / g->assoc;

    c->geom = *g;
    c->line_bits = log2_exact(g->line_size);
    c->set_mask = sets - 1;
    c->assoc = g->assoc;
    c->tags = zeroed_tags;
}

void cs_cache_flush(cs_cache_t *c)
{
    unsigned long i, n = (c->set_mask + 1) * c->assoc;
    for (i = 0; i < n; i++)
        c->tags[i] = 0;
}
