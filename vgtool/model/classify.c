/* classify.c - fully associative twins and the set of touched lines,
 * for miss classification (see classify.h). */
#include "classify.h"

static unsigned long round8(unsigned long n)
{
    return (n + 7) & ~7UL;
}

static unsigned long pow2_at_least(unsigned long n)
{
    unsigned long p = 1;
    while (p < n)
        p <<= 1;
    return p;
}

static unsigned log2_of(unsigned long n)
{
    unsigned k = 0;
    while ((1UL << k) < n)
        k++;
    return k;
}

static unsigned long mix(unsigned long long x)
{
    x *= 0x9E3779B97F4A7C15ULL;
    return (unsigned long)(x ^ (x >> 32));
}

/* ---------------------------------------------------------------------
 * Twins: a hash table of nodes and a recency list through them
 * --------------------------------------------------------------------- */

static unsigned long twin_lines(const cs_cpu_cache_t *c)
{
    return c->geom.size / c->geom.line_size;
}

/* Pairs of hints of a cache's twin (classify.h): as many as the cache's
 * sets, rounded up to a power of two. */
static unsigned long hint_entries(const cs_cpu_cache_t *c)
{
    return pow2_at_least(c->geom.size / (c->geom.assoc * c->geom.line_size));
}

static unsigned long twin_bytes(const cs_cpu_cache_t *c)
{
    unsigned long lines = twin_lines(c);
    return round8((lines + 1) * sizeof(cs_classify_node_t))
         + round8(pow2_at_least(lines) * sizeof(unsigned))
         + round8(2 * hint_entries(c) * sizeof(unsigned));
}

unsigned long cs_classify_storage_bytes(const cs_cpu_t *cpu)
{
    unsigned long bytes = 0;
    unsigned i;
    for (i = 0; i < CS_CPU_NCACHES; i++)
        if (cpu->cache[i].present)
            bytes += twin_bytes(&cpu->cache[i]);
    return bytes;
}

static void twin_flush(cs_classify_twin_t *t)
{
    unsigned long i;
    for (i = 0; i <= t->bucket_mask; i++)
        t->bucket[i] = 0;
    for (i = 0; i < 2 * (t->hint_mask + 1); i++)
        t->hint[i] = 0;
    t->node[0].line = ~0UL;             /* no line: a hint of 0 never matches */
    t->node[0].next = t->node[0].prev = 0;
    t->used = 0;
    t->last = 0;
}

static void unlink_node(cs_classify_node_t *node, unsigned i)
{
    node[node[i].prev].next = node[i].next;
    node[node[i].next].prev = node[i].prev;
}

static void push_front(cs_classify_node_t *node, unsigned i)
{
    node[i].prev = 0;
    node[i].next = node[0].next;
    node[node[0].next].prev = i;
    node[0].next = i;
}

static unsigned long bucket_of(const cs_classify_twin_t *t, unsigned long line)
{
    return cs_classify_bucket(t, line);
}

/* Take node i out of its hash chain (no walk along it: the chain is
 * linked both ways). */
static void unchain(cs_classify_twin_t *t, unsigned i)
{
    cs_classify_node_t *node = t->node;
    unsigned before = node[i].chain_prev, after = node[i].chain;
    if (before != 0)
        node[before].chain = after;
    else
        t->bucket[bucket_of(t, node[i].line)] = after;
    if (after != 0)
        node[after].chain_prev = before;
}

/* Node i now holds the line last looked up in its set: the hint before
 * it becomes the set's second hint. */
static void set_hint(cs_classify_twin_t *t, unsigned long line, unsigned i)
{
    unsigned *hint = cs_classify_hints(t, line);
    if (hint[0] != i) {
        hint[1] = hint[0];
        hint[0] = i;
    }
}

/* Look line up in the twin as its policy does; 1 on a hit.  Inline in
 * cs_classify_ref, the path of every miss. */
static inline __attribute__((always_inline)) int twin_ref(cs_classify_twin_t *t,
                                                          unsigned long line)
{
    unsigned long b = bucket_of(t, line);
    unsigned i;

    t->last = line + 1;
    for (i = t->bucket[b]; i != 0; i = t->node[i].chain)
        if (t->node[i].line == line) {
            if (t->policy == CS_POLICY_LRU && t->node[0].next != i) {
                unlink_node(t->node, i);
                push_front(t->node, i);
            }
            set_hint(t, line, i);
            return 1;
        }
    if (t->used < t->capacity) {
        i = (unsigned)++t->used;           /* empty places first, in order */
    } else {
        if (t->policy == CS_POLICY_RANDOM)
            i = (unsigned)(1 + cs_policy_random_way(&t->rng, t->capacity));
        else
            i = t->node[0].prev;           /* least recent (lru) or oldest (fifo) */
        unchain(t, i);
        unlink_node(t->node, i);
    }
    t->node[i].line = line;
    t->node[i].chain = t->bucket[b];
    t->node[i].chain_prev = 0;
    if (t->bucket[b] != 0)
        t->node[t->bucket[b]].chain_prev = i;
    t->bucket[b] = i;
    push_front(t->node, i);
    set_hint(t, line, i);
    return 0;
}

/* ---------------------------------------------------------------------
 * The set of touched lines: 64-line regions by open addressing
 * --------------------------------------------------------------------- */

#define TOUCHED_START 1024UL        /* slots: 16 KB */

static void zero_regions(cs_classify_region_t *r, unsigned long n)
{
    unsigned long i;
    for (i = 0; i < n; i++) {
        r[i].key = 0;
        r[i].lines = 0;
    }
}

/* Where key is, or the empty slot where it would go. */
static cs_classify_region_t *slot_of(cs_classify_region_t *table, unsigned long mask,
                                     unsigned long key)
{
    unsigned long i = mix(key) & mask;
    while (table[i].key != key && table[i].key != 0)
        i = (i + 1) & mask;
    return &table[i];
}

/* Double the table, unless the allocator has nothing. */
static void grow(cs_classify_t *cl)
{
    unsigned long old_slots = cl->touched_mask + 1, new_mask = 2 * old_slots - 1, i;
    cs_classify_region_t *bigger = cl->alloc(cl->ctx, (new_mask + 1) * sizeof *bigger);

    if (bigger == 0) {
        cl->cannot_grow = 1;
        return;
    }
    zero_regions(bigger, new_mask + 1);
    for (i = 0; i < old_slots; i++)
        if (cl->touched[i].key != 0)
            *slot_of(bigger, new_mask, cl->touched[i].key) = cl->touched[i];
    cl->release(cl->ctx, cl->touched);
    cl->touched = bigger;
    cl->touched_mask = new_mask;
}

/* Mark line touched in cache; 1 if it was not before. */
static int touch(cs_classify_t *cl, unsigned cache, unsigned long line)
{
    unsigned bits = cl->twin[cache].line_bits;
    unsigned long key = (((line >> (bits + 6)) << 2) | cache) + 1;
    unsigned long long bit = 1ULL << ((line >> bits) & 63);
    cs_classify_region_t *r;

    if (!cl->cannot_grow && (cl->touched_used + 1) * 4 > (cl->touched_mask + 1) * 3)
        grow(cl);
    r = slot_of(cl->touched, cl->touched_mask, key);
    if (r->key == 0) {
        if (cl->touched_used + 1 >= cl->touched_mask + 1) {
            cl->overflowed = 1;        /* keep one slot empty: probes end */
            return 0;
        }
        r->key = key;
        cl->touched_used++;
    }
    if (r->lines & bit)
        return 0;
    r->lines |= bit;
    return 1;
}

/* ---------------------------------------------------------------------
 * Set-up and the lookup hook
 * --------------------------------------------------------------------- */

int cs_classify_init(cs_classify_t *cl, const cs_cpu_t *cpu, void *zeroed,
                     cs_classify_alloc_fn alloc, cs_classify_free_fn release, void *ctx)
{
    unsigned char *next = zeroed;
    unsigned i;

    for (i = 0; i < CS_CPU_NCACHES; i++) {
        const cs_cpu_cache_t *c = &cpu->cache[i];
        cs_classify_twin_t *t = &cl->twin[i];
        unsigned long lines = twin_lines(c);
        t->node = 0;
        t->bucket = 0;
        t->hint = 0;
        t->capacity = 0;
        if (!c->present)
            continue;
        t->node = (cs_classify_node_t *)next;
        next += round8((lines + 1) * sizeof(cs_classify_node_t));
        t->bucket = (unsigned *)next;
        next += round8(pow2_at_least(lines) * sizeof(unsigned));
        t->hint = (unsigned *)next;
        t->hint_mask = hint_entries(c) - 1;
        next += round8(2 * hint_entries(c) * sizeof(unsigned));
        t->bucket_mask = pow2_at_least(lines) - 1;
        t->capacity = lines;
        t->line_bits = log2_of(c->geom.line_size);
        t->policy = c->policy.kind == CS_POLICY_FIFO || c->policy.kind == CS_POLICY_RANDOM
                  ? c->policy.kind : CS_POLICY_LRU;
        t->rng = 1;
        twin_flush(t);
    }
    cl->alloc = alloc;
    cl->release = release;
    cl->ctx = ctx;
    cl->cannot_grow = 0;
    cl->overflowed = 0;
    cl->touched_used = 0;
    cl->touched_mask = TOUCHED_START - 1;
    cl->touched = alloc(ctx, TOUCHED_START * sizeof(cs_classify_region_t));
    if (cl->touched == 0)
        return -1;
    zero_regions(cl->touched, TOUCHED_START);
    return 0;
}

void cs_classify_seed(cs_classify_t *cl, unsigned cache, unsigned long long rng)
{
    cl->twin[cache].rng = rng;
}

void cs_classify_flush(cs_classify_t *cl)
{
    unsigned i;
    for (i = 0; i < CS_CPU_NCACHES; i++)
        if (cl->twin[i].capacity != 0)
            twin_flush(&cl->twin[i]);
    zero_regions(cl->touched, cl->touched_mask + 1);
    cl->touched_used = 0;
}

void cs_classify_free(cs_classify_t *cl)
{
    if (cl->touched != 0)
        cl->release(cl->ctx, cl->touched);
    cl->touched = 0;
}

void cs_classify_hit_unhinted(cs_classify_t *cl, unsigned cache, unsigned long line)
{
    cs_classify_twin_t *t = &cl->twin[cache];
    unsigned *hint = cs_classify_hints(t, line);
    unsigned i = hint[1];

    if (t->node[i].line != line) {
        i = cs_classify_find(t, line);
        if (i == 0) {
            twin_ref(t, line);          /* absent: filled, and the hints set */
            return;
        }
    }
    hint[1] = hint[0];                  /* the first hint was not line's */
    hint[0] = i;
    t->last = line + 1;
    if (t->policy == CS_POLICY_LRU && t->node[0].next != i) {
        unlink_node(t->node, i);
        push_front(t->node, i);
    }
}

unsigned cs_classify_ref(cs_classify_t *cl, unsigned cache, unsigned long line, int hit,
                         int demand)
{
    int twin_hit = twin_ref(&cl->twin[cache], line);
    int first;

    if (hit)
        return CS_CLASSIFY_NONE;
    first = touch(cl, cache, line);
    if (!demand)
        return CS_CLASSIFY_NONE;
    if (first)
        return CS_CLASSIFY_COMPULSORY;
    return twin_hit ? CS_CLASSIFY_CONFLICT : CS_CLASSIFY_CAPACITY;
}
