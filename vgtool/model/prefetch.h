/* prefetch.h - hardware prefetchers attached to a cache level: what each
 * kind does, its parameters, the text that names a set of them, and the
 * state each keeps.
 *
 * Plain C, no Valgrind headers, no libc: unit-tested on the host and
 * compiled into the tool unchanged.  This file only decides which lines
 * to prefetch; the hierarchy (hierarchy.c) fills them.
 *
 * The model is timing-free, as in drcachesim and Callgrind: a prefetch
 * fills its line at once, from the next level out (or memory), like a
 * demand miss of that level that counts no miss, and the line's copy in
 * the prefetching level is marked PREFETCHED until a demand access uses it
 * (a useful prefetch) or it is evicted.  A prefetch of a line the level
 * already holds is dropped and not counted.  No prefetch crosses a 4 KB
 * page: a line outside the page of the access that triggered it is never
 * asked for (hardware prefetchers work on physical addresses, which are
 * contiguous only within a page).
 *
 * Text (CPU descriptions: "prefetcher=..." on a D1, L2 or LL line; the
 * tool: --D1-prefetcher=..., --L2-prefetcher=...): one kind, or several
 * joined by '+', each optionally followed by ':' and PARAM=VALUE pairs
 * separated by ',':
 *
 *     none
 *     nextline+ipstride
 *     stream:streams=16,distance=20+adjacent
 *
 * Kind and parameter names are case-insensitive.  A level runs its kinds
 * in the order nextline/tagged, adjacent, stream (on triggers) and
 * ipstride (on loads).
 *
 * What triggers a prefetcher (the level's "triggers"): a demand access
 * at that level that misses, or that is the first demand hit on a line a
 * prefetch brought in.  Demand accesses at L2 and LL are the misses of
 * the levels inside (instruction fetches included); prefetches and
 * writebacks from the levels inside do not trigger an outer level's
 * prefetcher.  These are exactly the accesses that leave the L1 fast
 * path, so prefetchers other than ipstride cost nothing on L1 hits.
 *
 * The kinds ("line" is a line number, address / line size; "page" the
 * 4 KB page of the triggering access):
 *
 *   none      no prefetcher (the default everywhere).
 *   nextline  on a demand miss of line L: prefetch L+1.  The classic
 *             one-block-lookahead "prefetch on miss" (A. J. Smith, "Cache
 *             Memories", ACM Computing Surveys 14(3), 1982).  Intel's L1
 *             "DCU prefetcher" fetches the next line too, triggered by
 *             ascending accesses to recently loaded data (Intel 64 and
 *             IA-32 Architectures Optimization Reference Manual, order
 *             248966, "Data Prefetching" in the Sandy Bridge chapter,
 *             section 2.3.5.4 of edition -028, July 2013).
 *   tagged    nextline, and also on the first demand hit of a line a
 *             prefetch brought in: a sequential scan then misses once per
 *             page (Smith 1982, "tagged prefetch"; Dinero IV's "tagged"
 *             policy).
 *   adjacent  on a demand miss of line L: prefetch the other line of its
 *             aligned pair, L xor 1 (128 bytes with 64-byte lines).
 *             Intel's L2 "spatial prefetcher" (the same manual: it
 *             "strives to complete every cache line fetched to the L2
 *             cache with the pair line that completes it to a 128-byte
 *             aligned chunk").
 *   ipstride  a table of `entries` entries (a power of two), indexed by
 *             the low bits of the load's instruction address and tagged
 *             with all of it; each holds the load's last data address, a
 *             stride and a confidence counter 0..3.  On each load (a data
 *             read or read-modify-write at D1, with its instruction
 *             address: see cs_hier_access_ext) by instruction I at
 *             address A:
 *               - an entry holding another instruction (or none) is taken
 *                 over: I, last A, stride 0, confidence 0; nothing more;
 *               - else d = A - last, last = A; d = 0 changes nothing else;
 *                 d = stride raises the confidence (to at most 3); any
 *                 other d becomes the stride with confidence 0;
 *               - with confidence >= `confidence` and |stride| at most
 *                 `max-stride` bytes: prefetch the lines of A + k*stride
 *                 for k = 1..`degree`, stopping at the first outside the
 *                 page; lines equal to A's are skipped.
 *             A load walking with a constant stride is prefetched from
 *             its fourth access on (defaults).  Intel's L1 "IP-based
 *             stride prefetcher" (the same manual: it "keeps track of
 *             individual load instructions", prefetches "the next address
 *             which is the sum of the current address and the stride",
 *             forward or backward, "strides of up to 2K bytes"); its
 *             table size and confidence rule are not published: 256
 *             entries and 2 are assumptions.
 *             Parameters: entries (1..4096, a power of two; 256),
 *             degree (1..16; 1), confidence (1..3; 2), max-stride (bytes,
 *             1..4096; 2048).  D1 only.
 *   stream    `streams` stream entries, each watching one page (the
 *             least recently used entry is replaced when a trigger falls
 *             in a page no entry watches).  On a trigger at line L in
 *             page P:
 *               - no entry watches P: one starts watching it, L its last
 *                 line, no direction yet; nothing is prefetched;
 *               - no direction yet: L above the last line makes the
 *                 stream ascending, below it descending (L equal: nothing
 *                 happens); its front (the furthest line asked for) is L;
 *               - a direction, and L behind the last line against it: the
 *                 entry starts again from L without a direction;
 *               - then (with a direction) last = L, the front moves up to
 *                 L if L passed it, and up to `degree` lines are
 *                 prefetched, each one line beyond the front in the
 *                 stream's direction, while the front is fewer than
 *                 `distance` lines ahead of L and inside P.
 *             A sequential scan misses twice per page, then runs up to
 *             `distance` lines ahead.  Intel's L2 "streamer" (the same
 *             manual: it detects ascending and descending streams of
 *             requests, keeps up to 32 streams, one per 4 KB page per
 *             direction, "may issue two prefetch requests on every L2
 *             lookup" and "can run up to 20 lines ahead of the load
 *             request"); a stream per page here.
 *             Parameters: streams (1..64; 32), distance (1..64 lines;
 *             20), degree (1..16; 2).
 *
 * nextline and tagged exclude each other (tagged includes nextline);
 * none stands alone.
 */
#ifndef CACHESIM_MODEL_PREFETCH_H
#define CACHESIM_MODEL_PREFETCH_H

/* The kinds, as bits of cs_pf_config_t.kinds. */
enum {
    CS_PF_NEXTLINE = 1,
    CS_PF_TAGGED = 2,
    CS_PF_ADJACENT = 4,
    CS_PF_IPSTRIDE = 8,
    CS_PF_STREAM = 16
};

/* The kinds run on triggers (all but ipstride). */
#define CS_PF_ON_TRIGGER (CS_PF_NEXTLINE | CS_PF_TAGGED | CS_PF_ADJACENT | CS_PF_STREAM)

/* log2 of the page no prefetch crosses. */
#define CS_PF_PAGE_BITS 12

/* The most lines one trigger (or one load) may ask for. */
#define CS_PF_MAX_TARGETS 20

/* A level's prefetchers; all zero: none. */
typedef struct {
    unsigned char kinds;          /* CS_PF_* bits */
    unsigned char ip_degree;      /* ipstride */
    unsigned char ip_confidence;
    unsigned short ip_entries;
    unsigned short ip_max_stride;
    unsigned char streams;        /* stream */
    unsigned char distance;
    unsigned char degree;
} cs_pf_config_t;

/* Parse the text above into *out.  0, or -1 with a message in msg
 * ("stream: distance: expected a number from 1 to 64, not 99"). */
int cs_pf_parse(const char *text, cs_pf_config_t *out, char *msg, unsigned long msglen);

/* Write the canonical text ("none", "nextline+ipstride",
 * "stream:streams=16"; parameters only where they differ from the
 * defaults) into buf; returns its full length (buf holds at most
 * buflen - 1 characters of it, NUL-terminated). */
unsigned long cs_pf_name(const cs_pf_config_t *c, char *buf, unsigned long buflen);

/* Do two configurations prefetch the same way? */
int cs_pf_equal(const cs_pf_config_t *a, const cs_pf_config_t *b);

/* One ipstride entry. */
typedef struct {
    unsigned long ip;            /* the load's instruction address */
    unsigned long last;          /* its last data address */
    long stride;
    unsigned char confidence;
    unsigned char used;
} cs_pf_ip_entry_t;

/* One stream entry. */
typedef struct {
    unsigned long page;          /* the page it watches */
    unsigned long last;          /* the line of its last trigger */
    unsigned long front;         /* the furthest line it asked for */
    signed char dir;             /* +1, -1, or 0: no direction yet */
    unsigned char used;
    unsigned char newer, older;  /* its neighbours in the recency list */
} cs_pf_stream_t;

/* A level's prefetchers and their state. */
typedef struct {
    cs_pf_config_t cfg;
    unsigned line_bits;          /* log2(line size) */
    cs_pf_ip_entry_t *ip;        /* ip_entries entries (ipstride) */
    cs_pf_stream_t *streams;     /* `streams` entries (stream) */
    unsigned short *page_tags;   /* per stream entry (padded to a multiple of 8):
                                    the low 16 bits of the page it watches, so that
                                    the search for a page (whose usual answer is
                                    "none") reads 2 bytes an entry, 8 at a time */
    unsigned char newest, oldest;  /* ends of the recency list */
} cs_pf_t;

/* Bytes of zeroed storage the state of c needs (0 without ipstride and
 * stream). */
unsigned long cs_pf_storage_bytes(const cs_pf_config_t *c);

/* Set up over the storage, for a level with lines of 2^line_bits bytes. */
void cs_pf_init(cs_pf_t *pf, const cs_pf_config_t *c, unsigned line_bits, void *zeroed);

/* Forget all history (back to the start-up state). */
void cs_pf_flush(cs_pf_t *pf);

/* A trigger at line `line` (a demand miss if missed, else the first
 * demand hit on a prefetched line): writes the lines to prefetch into
 * targets (room for CS_PF_MAX_TARGETS) and returns how many. */
unsigned cs_pf_trigger(cs_pf_t *pf, unsigned long line, int missed, unsigned long *targets);

/* The page of a line (lines larger than a page: each line its own). */
static inline unsigned long cs_pf_page_of(const cs_pf_t *pf, unsigned long line)
{
    return pf->line_bits >= CS_PF_PAGE_BITS ? line : line >> (CS_PF_PAGE_BITS - pf->line_bits);
}

/* ipstride, the training of a load at data address addr by the
 * instruction at ip: the entry's update, and whether the load asks for a
 * line.  Returns 0 when it asks for none (it takes the entry over, starts
 * a stride, repeats its address, is not yet confident, strides too far, or
 * every line it would ask for is its own); else 1, with the stride in
 * *stride, and cs_pf_load_repeat gives the lines.  Split so that the
 * tool's helper for a load that hit D1 keeps the common cases free of
 * calls (and of saved registers). */
static inline int cs_pf_load_step(cs_pf_t *pf, unsigned long ip, unsigned long addr, long *stride)
{
    cs_pf_ip_entry_t *e;
    unsigned long stride_abs, far;
    long d;

    if (pf->ip == 0)
        return 0;
    e = &pf->ip[ip & (pf->cfg.ip_entries - 1UL)];
    if (!e->used || e->ip != ip) {
        e->used = 1;
        e->ip = ip;
        e->last = addr;
        e->stride = 0;
        e->confidence = 0;
        return 0;
    }
    d = (long)(addr - e->last);
    e->last = addr;
    if (d == 0)
        return 0;
    if (d != e->stride) {
        e->stride = d;
        e->confidence = 0;
        return 0;
    }
    if (e->confidence < 3)
        e->confidence++;
    stride_abs = d < 0 ? (unsigned long)-d : (unsigned long)d;
    if (e->confidence < pf->cfg.ip_confidence || stride_abs > pf->cfg.ip_max_stride)
        return 0;
    /* the furthest address asked for in the load's line: so are the
     * nearer ones (|d * degree| is at most 2^16, so this cannot wrap into it) */
    far = addr + (unsigned long)d * pf->cfg.ip_degree;
    if (far >> pf->line_bits == addr >> pf->line_bits)
        return 0;
    *stride = d;
    return 1;
}

/* The lines a load at addr asks for when cs_pf_load_step returned 1 with
 * stride d, written into targets; returns how many. */
static inline unsigned cs_pf_load_repeat(const cs_pf_t *pf, long d, unsigned long addr,
                                         unsigned long *targets)
{
    unsigned long line = addr >> pf->line_bits, a = addr, k;
    unsigned n = 0;

    for (k = 0; k < pf->cfg.ip_degree; k++) {
        unsigned long t;
        a += (unsigned long)d;
        t = a >> pf->line_bits;
        if (cs_pf_page_of(pf, t) != cs_pf_page_of(pf, line))
            break;
        if (t != line && (n == 0 || targets[n - 1] != t))
            targets[n++] = t;
    }
    return n;
}

/* ipstride: a load at data address addr by the instruction at ip; writes
 * the lines to prefetch into targets and returns how many (0 when the
 * level has no ipstride prefetcher).  Inline: it runs on every load, and
 * most ask for nothing. */
static inline unsigned cs_pf_load(cs_pf_t *pf, unsigned long ip, unsigned long addr,
                                  unsigned long *targets)
{
    long d;

    if (!cs_pf_load_step(pf, ip, addr, &d))
        return 0;
    return cs_pf_load_repeat(pf, d, addr, targets);
}

#endif
