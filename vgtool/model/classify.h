/* classify.h - miss classification: each demand miss of each level is
 * compulsory, capacity or conflict, after the method of Dinero IV
 * (Edler and Hill; its manual page d4(3) defines the three classes).
 *
 * Plain C, no Valgrind headers, no libc: unit-tested on the host and
 * compiled into the tool unchanged.  The hierarchy (hierarchy.c) calls
 * cs_classify_ref at each lookup once a classifier is attached
 * (cs_hier_attach_classify).
 *
 * The classes of a demand miss of line X at a level:
 *   compulsory  X was never touched at this level before (since the
 *               start or the last flush): even an infinite cache would
 *               have missed.  A line is touched at a level by any lookup
 *               there that misses, demand or prefetch.
 *   capacity    not compulsory, and the level's twin missed too: a fully
 *               associative cache of the same capacity would also have
 *               missed.
 *   conflict    not compulsory, and the twin hit: full associativity
 *               would have avoided it.
 * The three add up to the level's demand misses, always.
 *
 * The twin of a level is a fully associative cache of as many lines as
 * the level, fed the same lookups as the level: every demand access and
 * every prefetch request that looks the level up (a hit is a hit update
 * there, a miss fills it).  Writebacks, back-invalidations from an
 * inclusive level outside, and the victims an exclusive LL takes in are
 * not copied: a miss caused by an outer level's back-invalidation is
 * then a conflict miss here (a fully associative level would have kept
 * the line, and the outer level's own classes say why it was lost;
 * padding for the outer level's sets is the fix).  An exclusive LL's twin
 * is an ordinary fully associative cache of LL's size fed LL's lookups.
 *
 * Its replacement policy is the level's for lru, fifo and random, which
 * have exact O(1) fully associative forms (a random twin draws from a
 * copy of the level's generator, so that a fully associative random
 * level classified against itself gives no conflict misses).  The other
 * policies (tree-plru, bit-plru, lru3plru4, srrip, brrip, qlru) have no
 * fully associative form that runs in O(1) per access at thousands of
 * ways (nor one any CPU builds), so their twin is LRU, Hill's original
 * reference for the 3C model: a miss that full associativity with LRU
 * would have avoided is a conflict miss, including misses the level's
 * policy makes where LRU would not.
 *
 * Cost (measured by tests/unit/model/bench_hierarchy; docs/cpu-models.md
 * has the figures): per lookup of a level, a recency move in its twin
 * under LRU and, unless one of the twin's two hints for the cache's set
 * names the line, one hash probe; per miss, one more probe in the set of
 * touched lines.  Memory: the
 * twins take about 28 bytes per line of each cache (a node of 24 and a
 * hash bucket of 4 or fewer; and 8 bytes per set), 3.8 MB for the
 * skylake preset, 15 MB for zen3's 32 MB LL; the touched set 16 bytes
 * per 64-line region touched at a level, grown by the caller's
 * allocator (1 byte per touched line at each level for dense data, more
 * when sparse), kept at most 3/4 full.
 */
#ifndef CACHESIM_MODEL_CLASSIFY_H
#define CACHESIM_MODEL_CLASSIFY_H

#include "cpu_desc.h"

/* The classes, as cs_classify_ref returns them. */
enum {
    CS_CLASSIFY_NONE,           /* a hit, or a prefetch request */
    CS_CLASSIFY_COMPULSORY,
    CS_CLASSIFY_CAPACITY,
    CS_CLASSIFY_CONFLICT
};

/* A line of a twin, in its hash chain and its recency list. */
typedef struct {
    unsigned long line;          /* line address */
    unsigned prev, next;         /* recency list (node 0 its head) */
    unsigned chain;              /* next node of the hash bucket, 0: none */
    unsigned chain_prev;         /* the node before it there, 0: the first */
} cs_classify_node_t;

/* A fully associative twin of one cache. */
typedef struct {
    cs_classify_node_t *node;    /* capacity + 1 nodes; node 0 the list head */
    unsigned *bucket;            /* first node of each bucket, 0: none */
    unsigned long bucket_mask;
    unsigned long capacity;      /* lines */
    unsigned long used;
    unsigned line_bits;
    unsigned char policy;        /* CS_POLICY_LRU, _FIFO or _RANDOM */
    unsigned long long rng;      /* random */
    unsigned long last;          /* line address last looked up, + 1 (0: none) */
    /* Per set of the cache, two hints: the node of the line last looked
     * up there, most often the line an L1 hit on the set's most recent
     * line asks for (and the line of LL's hits: a few lines per LL set
     * miss L1 at a time), and the node of the set's line before that, a
     * frequent L1 hit off the most recent line: a lookup tries them
     * before the hash probe (checking their lines: node 0's is none). */
    unsigned *hint;
    unsigned long hint_mask;
} cs_classify_twin_t;

/* 16 bytes: which lines of a 64-line region a level has touched. */
typedef struct {
    unsigned long key;           /* region * 4 + cache + 1; 0: empty */
    unsigned long long lines;    /* bit k: the region's line k */
} cs_classify_region_t;

/* Zeroed memory of `bytes` bytes, or NULL; and its release. */
typedef void *(*cs_classify_alloc_fn)(void *ctx, unsigned long bytes);
typedef void (*cs_classify_free_fn)(void *ctx, void *mem);

typedef struct cs_classify {
    cs_classify_twin_t twin[CS_CPU_NCACHES];
    cs_classify_region_t *touched;       /* open addressing */
    unsigned long touched_mask;          /* slots - 1 */
    unsigned long touched_used;
    cs_classify_alloc_fn alloc;
    cs_classify_free_fn release;
    void *ctx;
    int cannot_grow;     /* the allocator failed: see cs_classify_overflowed */
    int overflowed;
} cs_classify_t;

/* Bytes of zeroed storage the twins of a (checked) description need. */
unsigned long cs_classify_storage_bytes(const cs_cpu_t *cpu);

/* Set up over the storage; the set of touched lines lives in memory from
 * alloc (freed with release; ctx is passed to both), starting at 16 KB
 * and doubling when 3/4 full.  0, or -1 when alloc gave nothing. */
int cs_classify_init(cs_classify_t *cl, const cs_cpu_t *cpu, void *zeroed,
                     cs_classify_alloc_fn alloc, cs_classify_free_fn release, void *ctx);

/* A random twin's generator starts as its cache's (cs_hier_attach_classify
 * passes each cache's rng). */
void cs_classify_seed(cs_classify_t *cl, unsigned cache, unsigned long long rng);

/* Forget every line and every touch (after a flush of the caches). */
void cs_classify_flush(cs_classify_t *cl);

/* Release the set of touched lines. */
void cs_classify_free(cs_classify_t *cl);

/* Did the set of touched lines stop growing (the allocator failed)?  It
 * then fills up, and once full, misses of lines it does not hold are
 * taken as touched before (capacity or conflict, never compulsory). */
static inline int cs_classify_overflowed(const cs_classify_t *cl)
{
    return cl->overflowed;
}

/* A lookup of the line at line address `line` in cache `cache` that hit
 * or not, by a demand access (demand = 1) or a prefetch request: updates
 * the twin and the touched set; returns the class of a demand miss, else
 * CS_CLASSIFY_NONE. */
unsigned cs_classify_ref(cs_classify_t *cl, unsigned cache, unsigned long line, int hit,
                         int demand);

/* Was `line` the last line looked up in cache's twin?  Then looking it up
 * again changes nothing there (the access step's fast exit stays exact). */
static inline int cs_classify_is_last(const cs_classify_t *cl, unsigned cache, unsigned long line)
{
    return cl->twin[cache].last == line + 1;
}

/* The line address last looked up in cache's twin (all ones: none). */
static inline unsigned long cs_classify_last_line(const cs_classify_t *cl, unsigned cache)
{
    return cl->twin[cache].last - 1;
}

/* The bucket of a line in a twin's hash table. */
static inline unsigned long cs_classify_bucket(const cs_classify_twin_t *t, unsigned long line)
{
    unsigned long long x = (unsigned long long)(line >> t->line_bits) * 0x9E3779B97F4A7C15ULL;
    return (unsigned long)(x ^ (x >> 32)) & t->bucket_mask;
}

/* The node holding line in a twin, or 0. */
static inline unsigned cs_classify_find(const cs_classify_twin_t *t, unsigned long line)
{
    unsigned i;
    for (i = t->bucket[cs_classify_bucket(t, line)]; i != 0; i = t->node[i].chain)
        if (t->node[i].line == line)
            break;
    return i;
}

/* The two hints of line's set in a twin. */
static inline unsigned *cs_classify_hints(const cs_classify_twin_t *t, unsigned long line)
{
    return &t->hint[2 * ((line >> t->line_bits) & t->hint_mask)];
}

/* cs_classify_hit's path for a line that is not its first hint's
 * (classify.c). */
void cs_classify_hit_unhinted(cs_classify_t *cl, unsigned cache, unsigned long line);

/* cs_classify_ref(cl, cache, line, 1, 1), the L1 fast exit's case: a
 * demand hit, which is most often a hit in the twin too, on the line its
 * hint names (inline: that is most L1 hits that reach the model). */
static inline __attribute__((always_inline)) void cs_classify_hit(cs_classify_t *cl,
                                                                 unsigned cache,
                                                                 unsigned long line)
{
    cs_classify_twin_t *t = &cl->twin[cache];
    cs_classify_node_t *node = t->node;
    unsigned i;

    if (t->last == line + 1)
        return;
    i = cs_classify_hints(t, line)[0];
    if (node[i].line == line) {
        t->last = line + 1;
        if (t->policy == CS_POLICY_LRU && node[0].next != i) {
            node[node[i].prev].next = node[i].next;     /* unlink */
            node[node[i].next].prev = node[i].prev;
            node[i].prev = 0;                          /* to the front */
            node[i].next = node[0].next;
            node[node[0].next].prev = i;
            node[0].next = i;
        }
        return;
    }
    cs_classify_hit_unhinted(cl, cache, line);
}

#endif
