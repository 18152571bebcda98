/* profile/contexts.c - the calling-context tree (see profile/contexts.h).
 *
 * Callgrind keeps a context per call chain too; here a context is as
 * small as it can be, since a compiler reaches hundreds of thousands of
 * them (GCC's cc1 on an 80 KB unit: 330,000). */
#include "profile/contexts.h"
#include "profile/hugemem.h"
#include "pub_tool_libcassert.h"
#include "pub_tool_libcbase.h"
#include "pub_tool_mallocfree.h"

/* The loops over the events run at every return; GCC's -O2 leaves them
 * scalar because 13 events need a remainder step. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize ("vect-cost-model=cheap")
#endif

/* ---- The records ----
 * A context is a numbered record in a pool of fixed-size records (no
 * allocator header, 32-bit links): its pair (its function and the call
 * site it is reached from, numbered below: a program has far fewer pairs
 * than contexts) and its parent, then its counts: calls into it and, per
 * event, the exact costs of its activations with its callees' included
 * (its own code's costs are these less its children's).  The index below
 * finds a context's child; the lists of children are made only to write
 * the profile.  Most contexts run little (on cc1, 98% of them count less
 * than 65,536 of every event, and less than 256 of the LL misses and the
 * mispredicted indirect branches), so the counts are 16-bit, and 8-bit
 * for those four events (BYTE_EVENTS); a context whose count would pass
 * that moves to a record of 64-bit counts ("wide") for the rest of the
 * part, whose number then takes the place of the counts.  A context costs
 * 8 + 2 x (1 + events - 4) + 4 bytes, 32 with Cachegrind's 13 events.
 * The number of events is set at start-up (node_events: the 13 and a
 * --cpu model's extra events), not at compile time. */
typedef struct {
   UInt pair;                 /* its (function, site) pair, | WIDE when the
                               * counts are wide */
   UInt parent;               /* 0 for a thread's root */
   UShort count[0];           /* the 16-bit counts, then the 8-bit ones;
                               * when wide, the wide record's number */
} Node;

#define WIDE 0x80000000u
#define NARROW_MAX 0xFFFFu
#define BYTE_MAX 0xFFu
#define CHUNK_BITS 16         /* 65,536 contexts (2 MB) per chunk */
#define CHUNK_MASK ((1u << CHUNK_BITS) - 1)

/* The counts of the full vector ([0] calls, [1 + e] event e) kept in 8
 * bits, and where the others go among the 16-bit ones: in order, past
 * these (so a --cpu model's extra events follow the 13's). */
#define N_BYTE 4
static const UChar byte_k[N_BYTE] = { 1 + EV_ILmr, 1 + EV_DLmr, 1 + EV_DLmw, 1 + EV_Bim };
#define N_SHORT13 (1 + CS_N_EVENTS - N_BYTE)
static const UChar short_k13[N_SHORT13] = {
   0, 1 + EV_Ir, 1 + EV_I1mr, 1 + EV_Dr, 1 + EV_D1mr, 1 + EV_Dw, 1 + EV_D1mw,
   1 + EV_Bc, 1 + EV_Bcm, 1 + EV_Bi
};

static inline UInt short_k(UInt i)
{
   return i < N_SHORT13 ? short_k13[i] : i + N_BYTE;
}

static UInt node_events;                 /* events counted per context */
static UInt node_words;                  /* counts per context: 1 + node_events */
static UInt node_shorts;                 /* of them 16-bit: node_words - N_BYTE */
static SizeT node_bytes;
static UChar** chunks;
static UInt n_chunks;
static UInt n_nodes = 1;                 /* context 0 is "none" */
static ULong* wide_pool;                 /* node_words counts per record */
static UInt wide_used, wide_cap;

static inline Node* node_at(UInt i)
{
   return (Node*)(chunks[i >> CHUNK_BITS] + (SizeT)(i & CHUNK_MASK) * node_bytes);
}

static inline UChar* node_bytes_of(Node* n)
{
   return (UChar*)(n->count + node_shorts);
}

static void index_add(UInt node);

static UInt new_node(UInt parent, UInt pair)
{
   UInt i = n_nodes++;
   Node* n;
   if (i >> CHUNK_BITS >= n_chunks) {
      chunks = VG_(realloc)("cs.calls.chunks", chunks, (n_chunks + 1) * sizeof(UChar*));
      /* Not zeroed here: a page of it is touched (and resident) only
       * once a context in it is made. */
      chunks[n_chunks++] = cs_huge_alloc("cs.calls.node", ((SizeT)1 << CHUNK_BITS) * node_bytes);
   }
   n = node_at(i);
   VG_(memset)(n, 0, node_bytes);
   n->pair = pair;
   n->parent = parent;
   if (parent != 0)
      index_add(i);
   return i;
}

static inline UInt node_pair(const Node* n)
{
   return n->pair & ~WIDE;
}

/* The 64-bit counts of a wide context. */
static inline ULong* wide_counts(const Node* n)
{
   UInt w;
   /* Not VG_(memcpy): that is a call, at every return to a wide context. */
   __builtin_memcpy(&w, n->count, sizeof w);
   return &wide_pool[(SizeT)w * node_words];
}

/* A context's count would pass its field: it moves to a wide record,
 * with its new counts (the full vector). */
static void __attribute__((noinline)) widen(Node* n, const ULong* sum)
{
   if (wide_used >= wide_cap) {
      ULong* old = wide_pool;
      wide_cap = wide_cap ? 2 * wide_cap : 256;
      wide_pool = cs_huge_alloc("cs.calls.wide", (SizeT)wide_cap * node_words * sizeof(ULong));
      if (old != NULL)
         VG_(memcpy)(wide_pool, old, (SizeT)wide_used * node_words * sizeof(ULong));
      cs_huge_free(old);
   }
   VG_(memcpy)(n->count, &wide_used, sizeof wide_used);
   n->pair |= WIDE;
   VG_(memcpy)(wide_counts(n), sum, node_words * sizeof(ULong));
   wide_used++;
}

/* widen() with the counts a narrow context would have after adding add
 * (the full vector, calls first). */
static void __attribute__((noinline)) widen_adding(Node* n, const ULong* add)
{
   ULong sum[1 + CS_MAX_EVENTS];
   const UChar* b = node_bytes_of(n);
   UInt k;
   for (k = 0; k < node_shorts; k++)
      sum[short_k(k)] = n->count[k] + add[short_k(k)];
   for (k = 0; k < N_BYTE; k++)
      sum[byte_k[k]] = b[k] + add[byte_k[k]];
   widen(n, sum);
}

/* Adds calls, and now - enter for each event, to a context's counts
 * (n_events of them: a constant where inlined for the usual count). */
static inline __attribute__((always_inline))
void node_add_n(Node* n, ULong calls, const ULong* now, const ULong* enter, UInt n_events)
{
   ULong add[1 + CS_MAX_EVENTS], s16[1 + CS_MAX_EVENTS], s8[N_BYTE], over16 = 0, over8 = 0;
   UInt e, n16 = 1 + n_events - N_BYTE;
   UChar* b;
   if (n->pair & WIDE) {
      ULong* w = wide_counts(n);
      w[0] += calls;
      for (e = 0; e < n_events; e++)
         w[1 + e] += now[e] - enter[e];
      return;
   }
   /* Unrolled, the tables' entries are constants where inlined for the
    * usual count: no loads of them, no loop. */
   add[0] = calls;
   for (e = 0; e < n_events; e++)
      add[1 + e] = now[e] - enter[e];
   b = (UChar*)(n->count + n16);
#pragma GCC unroll 16
   for (e = 0; e < n16; e++) {
      s16[e] = n->count[e] + add[short_k(e)];
      over16 |= s16[e];
   }
#pragma GCC unroll 4
   for (e = 0; e < N_BYTE; e++) {
      s8[e] = b[e] + add[byte_k[e]];
      over8 |= s8[e];
   }
   if (__builtin_expect(over16 > NARROW_MAX || over8 > BYTE_MAX, 0)) {
      /* The sums again, there: here they stay in registers. */
      widen_adding(n, add);
      return;
   }
#pragma GCC unroll 16
   for (e = 0; e < n16; e++)
      n->count[e] = (UShort)s16[e];
#pragma GCC unroll 4
   for (e = 0; e < N_BYTE; e++)
      b[e] = (UChar)s8[e];
}

void cs_ctx_add(UInt ctx, ULong calls, const ULong* now, const ULong* enter)
{
   node_add_n(node_at(ctx), calls, now, enter, CS_N_EVENTS);
}

void cs_ctx_add_full(UInt ctx, ULong calls, const ULong* now, const ULong* enter,
                     const ULong* xnow, const ULong* xenter)
{
   ULong full_now[CS_MAX_EVENTS], full_enter[CS_MAX_EVENTS];
   UInt n_x = node_events - CS_N_EVENTS;
   VG_(memcpy)(full_now, now, CS_N_EVENTS * sizeof(ULong));
   VG_(memcpy)(full_enter, enter, CS_N_EVENTS * sizeof(ULong));
   VG_(memcpy)(full_now + CS_N_EVENTS, xnow, n_x * sizeof(ULong));
   VG_(memcpy)(full_enter + CS_N_EVENTS, xenter, n_x * sizeof(ULong));
   node_add_n(node_at(ctx), calls, full_now, full_enter, node_events);
}

/* ---- Pairs: (function, call site) -> a number ----
 * Open addressing over the pairs' numbers plus one (0: empty), at most
 * 70% full.  GCC's cc1 makes 330,000 contexts of 21,000 pairs. */
typedef struct {
   UInt fn, site;
} Pair;
static Pair* pairs;
static UInt n_pairs, pairs_cap;
static UInt* pair_slots;
static UWord pair_slots_cap;

static UWord pair_hash(UInt fn, UInt site)
{
   ULong h = fn * 0xC2B2AE3D27D4EB4FULL ^ site * 0x165667B19E3779F9ULL;
   return (UWord)(h ^ (h >> 29));
}

static void pair_put(UInt p)
{
   UWord i = pair_hash(pairs[p].fn, pairs[p].site) & (pair_slots_cap - 1);
   while (pair_slots[i] != 0)
      i = (i + 1) & (pair_slots_cap - 1);
   pair_slots[i] = p + 1;
}

/* The number of (fn, site), made on first use. */
static UInt pair_number(UInt fn, UInt site)
{
   UWord i;
   if (10 * ((UWord)n_pairs + 1) > 7 * pair_slots_cap) {
      UInt p;
      if (pair_slots != NULL)
         VG_(free)(pair_slots);
      pair_slots_cap = pair_slots_cap ? 2 * pair_slots_cap : 1024;
      pair_slots = VG_(calloc)("cs.ctx.pairs", pair_slots_cap, sizeof(UInt));
      for (p = 0; p < n_pairs; p++)
         pair_put(p);
   }
   for (i = pair_hash(fn, site) & (pair_slots_cap - 1); pair_slots[i] != 0;
        i = (i + 1) & (pair_slots_cap - 1)) {
      const Pair* q = &pairs[pair_slots[i] - 1];
      if (q->fn == fn && q->site == site)
         return pair_slots[i] - 1;
   }
   if (n_pairs == pairs_cap) {
      pairs_cap = pairs_cap ? 2 * pairs_cap : 1024;
      pairs = VG_(realloc)("cs.ctx.pairs", pairs, pairs_cap * sizeof(Pair));
   }
   pairs[n_pairs].fn = fn;
   pairs[n_pairs].site = site;
   pair_slots[i] = n_pairs + 1;
   return n_pairs++;
}

/* ---- The index: (parent, pair) -> context ----
 * Open addressing, at most 70% full, 4 bytes a slot: a context's number
 * in the low bits (index_bits of them: every context's number is below
 * the capacity, since the index grows with the count of contexts) and
 * the key's hash, high bits, in the rest, so that most probes that would
 * read another context stop at the slot.  0: empty. */
static UInt* index_slots;
static UWord index_cap, index_used;
static UInt index_node_mask;     /* index_cap - 1 */

static ULong index_hash(UInt parent, UInt pair)
{
   ULong h = parent * 0x9E3779B97F4A7C15ULL ^ pair * 0xC2B2AE3D27D4EB4FULL;
   return h ^ (h >> 29);
}

/* The hash's bits kept beside the number. */
static inline UInt index_tag(ULong h)
{
   return (UInt)(h >> 32) & ~index_node_mask;
}

static void index_put(UInt node, ULong h)
{
   UWord i = (UWord)h & (index_cap - 1);
   while (index_slots[i] != 0)
      i = (i + 1) & (index_cap - 1);
   index_slots[i] = index_tag(h) | node;
}

/* An empty index for n_nodes contexts (and the next). */
static void index_alloc(void)
{
   if (index_cap == 0)
      index_cap = 1024;
   while (10 * ((UWord)n_nodes + 1) > 7 * index_cap)
      index_cap *= 2;
   tl_assert(index_cap <= ((UWord)1 << 32));
   index_node_mask = (UInt)(index_cap - 1);
   index_slots = cs_huge_alloc("cs.calls.index", index_cap * sizeof(UInt));
   VG_(memset)(index_slots, 0, index_cap * sizeof(UInt));
   index_used = 0;
}

/* Puts every context with a parent in a new index (of index_alloc). */
static void index_fill(void)
{
   UInt i;
   for (i = 1; i < n_nodes; i++) {
      const Node* n = node_at(i);
      if (n->parent != 0) {
         index_used++;
         index_put(i, index_hash(n->parent, node_pair(n)));
      }
   }
}

/* node is the newest context (n_nodes - 1). */
static void index_add(UInt node)
{
   const Node* n = node_at(node);
   if (10 * (UWord)n_nodes > 7 * index_cap) {
      /* Regrown from the records: the old slots' numbers need the old
       * mask, and the records are at hand. */
      cs_huge_free(index_slots);
      index_alloc();
      index_fill();
      return;
   }
   index_used++;
   index_put(node, index_hash(n->parent, node_pair(n)));
}

/* Makes an index for every context there is (after cs_ctx_list_children
 * gave its memory back). */
static void index_rebuild(void)
{
   index_cap = 0;
   index_alloc();
   index_fill();
}

UInt cs_ctx_pair(UInt fn, UInt site)
{
   return pair_number(fn, site);
}

UInt cs_ctx_child(UInt parent, UInt fn, UInt site)
{
   return cs_ctx_child_of_pair(parent, pair_number(fn, site));
}

UInt cs_ctx_child_of_pair(UInt parent, UInt pair)
{
   ULong h = index_hash(parent, pair);
   UInt tag;
   UWord i;
   if (index_slots == NULL && n_nodes > 1)
      index_rebuild();        /* the first call since a profile was written */
   if (index_cap > 0) {
      tag = index_tag(h);
      for (i = (UWord)h & (index_cap - 1); index_slots[i] != 0;
           i = (i + 1) & (index_cap - 1)) {
         UInt slot = index_slots[i], node;
         const Node* n;
         if ((slot & ~index_node_mask) != tag)
            continue;
         node = slot & index_node_mask;
         n = node_at(node);
         if (n->parent == parent && node_pair(n) == pair)
            return node;
      }
   }
   return new_node(parent, pair);
}


/* ---- The rest of the interface ---- */
void cs_ctx_init(UInt n_events)
{
   tl_assert(n_events >= CS_N_EVENTS && n_events <= CS_MAX_EVENTS);
   node_events = n_events;
   node_words = 1 + node_events;
   node_shorts = node_words - N_BYTE;
   node_bytes = (sizeof(Node) + node_shorts * sizeof(UShort) + N_BYTE + 3) & ~(SizeT)3;
}

UInt cs_ctx_root(void)
{
   return new_node(0, pair_number(CS_CTX_NO_FN, 0));
}

UInt cs_ctx_end(void)
{
   return n_nodes;
}

void cs_ctx_prefetch(UInt ctx)
{
   const Node* n = node_at(ctx);
   const char* last = (const char*)n + node_bytes - 1;
   __builtin_prefetch(n, 1);
   if ((((Addr)n ^ (Addr)last) & ~(Addr)63) != 0)
      __builtin_prefetch(last, 1);      /* across two host cache lines */
}

UInt cs_ctx_fn(UInt ctx)
{
   return pairs[node_pair(node_at(ctx))].fn;
}

UInt cs_ctx_site(UInt ctx)
{
   return pairs[node_pair(node_at(ctx))].site;
}

void cs_ctx_counts(UInt ctx, ULong counts[1 + CS_MAX_EVENTS])
{
   Node* n = node_at(ctx);
   UInt k;
   if (n->pair & WIDE) {
      const ULong* w = wide_counts(n);
      for (k = 0; k < node_words; k++)
         counts[k] = w[k];
   } else {
      /* The record in one pass (writing reads every context twice). */
      const UChar* b = node_bytes_of(n);
      for (k = 0; k < node_shorts; k++)
         counts[short_k(k)] = n->count[k];
      for (k = 0; k < N_BYTE; k++)
         counts[byte_k[k]] = b[k];
   }
   for (k = node_words; k < 1 + CS_MAX_EVENTS; k++)
      counts[k] = 0;
}

/* ---- Writing: the lists of children ----
 * While a profile is written, a context's children are a list in the
 * order they were made: first_kid[i] is context i's first child, and a
 * child's parent field holds its next sibling instead (0 ends the list;
 * cs_ctx_zero puts the parents back).  first_kid is made in the index's
 * memory (which writing does not need, and which holds more slots than
 * there are contexts), so that writing, when the memory peaks, asks for
 * nothing more. */
static UInt* first_kid;

void cs_ctx_list_children(void)
{
   UInt i;
   if (index_slots != NULL && index_cap >= (UWord)n_nodes) {
      first_kid = index_slots;
      VG_(memset)(first_kid, 0, (SizeT)n_nodes * sizeof(UInt));
   } else {
      cs_huge_free(index_slots);
      first_kid = cs_huge_alloc("cs.ctx.kids", (SizeT)n_nodes * sizeof(UInt));
      VG_(memset)(first_kid, 0, (SizeT)n_nodes * sizeof(UInt));
   }
   index_slots = NULL;
   index_cap = index_used = 0;
   for (i = n_nodes; i-- > 1;) {           /* from the end: in order */
      Node* n = node_at(i);
      UInt parent = n->parent;
      n->parent = first_kid[parent];
      first_kid[parent] = i;
   }
}

UInt cs_ctx_first_child(UInt ctx)
{
   return first_kid[ctx];
}

UInt cs_ctx_next_sibling(UInt ctx)
{
   return node_at(ctx)->parent;
}

/* The parents back in place of the lists. */
static void unlist_children(void)
{
   UInt p, c, next;
   for (p = 0; p < n_nodes; p++) {
      for (c = first_kid[p]; c != 0; c = next) {
         Node* n = node_at(c);
         next = n->parent;
         n->parent = p;
      }
   }
   cs_huge_free(first_kid);
   first_kid = NULL;
}

void cs_ctx_zero(void)
{
   UInt i;
   if (first_kid != NULL)
      unlist_children();
   for (i = 1; i < n_nodes; i++) {
      Node* n = node_at(i);
      n->pair &= ~WIDE;
      VG_(memset)(n->count, 0, node_bytes - sizeof(Node));
   }
   wide_used = 0;
}
