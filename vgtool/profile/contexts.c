/* profile/contexts.c - the calling-context tree (see profile/contexts.h).
 *
 * Callgrind keeps a context per call chain too; here a context is as
 * small as it can be, since a compiler reaches hundreds of thousands of
 * them (GCC's cc1 on an 80 KB unit: 330,000). */
#include "profile/contexts.h"
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
 * allocator header, 32-bit links): its function, the call site it is
 * reached from and its parent, then its counts: calls into it and, per
 * event, the exact costs of its activations with its callees' included
 * (its own code's costs are these less its children's).  The index below
 * finds a context's child; the lists of children are made only to write
 * the profile.  Most contexts run little (on cc1, 98% of
 * them count less than 65,536 of every event), so the counts are 16-bit;
 * a context whose count would pass that moves to a record of 64-bit
 * counts ("wide") for the rest of the part, whose number then takes the
 * place of the counts.  A context costs 12 + 2 x (1 + events) bytes, 40
 * with Cachegrind's 13 events.  The number of events is set at start-up
 * (node_events: the 13 and a --cpu model's extra events), not at compile
 * time. */
typedef struct {
   UInt fn;                   /* CsFn id; CS_CTX_NO_FN for a thread's root */
   UInt site;                 /* the call site it is reached from (0 if
                               * unknown), | WIDE when the counts are wide */
   UInt parent;               /* 0 for a thread's root */
   UShort count[0];           /* [0] calls this part, [1 + e] event e; when
                               * wide, the wide record's number instead */
} Node;

#define WIDE 0x80000000u
#define NARROW_MAX 0xFFFFu
#define CHUNK_BITS 14         /* 16,384 contexts (640 KB) per chunk */
#define CHUNK_MASK ((1u << CHUNK_BITS) - 1)

static UInt node_events;                 /* events counted per context */
static UInt node_words;                  /* counts per context: 1 + node_events */
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

static void index_add(UInt node);

static UInt new_node(UInt parent, UInt fn, UInt site)
{
   UInt i = n_nodes++;
   Node* n;
   if (i >> CHUNK_BITS >= n_chunks) {
      chunks = VG_(realloc)("cs.calls.chunks", chunks, (n_chunks + 1) * sizeof(UChar*));
      chunks[n_chunks++] = VG_(calloc)("cs.calls.node", (SizeT)1 << CHUNK_BITS, node_bytes);
   }
   n = node_at(i);
   n->fn = fn;
   n->site = site;
   n->parent = parent;
   if (parent != 0)
      index_add(i);
   return i;
}

static inline UInt node_site(const Node* n)
{
   return n->site & ~WIDE;
}

/* The 64-bit counts of a wide context. */
static inline ULong* wide_counts(const Node* n)
{
   UInt w;
   VG_(memcpy)(&w, n->count, sizeof w);
   return &wide_pool[(SizeT)w * node_words];
}

/* Count k of a context (0: calls, 1 + e: event e). */
static ULong node_count(const Node* n, UInt k)
{
   return n->site & WIDE ? wide_counts(n)[k] : n->count[k];
}

/* A context's count would pass NARROW_MAX: it moves to a wide record,
 * with its new counts. */
static void __attribute__((noinline)) widen(Node* n, const ULong* sum)
{
   if (wide_used >= wide_cap) {
      wide_cap = wide_cap ? 2 * wide_cap : 256;
      wide_pool = VG_(realloc)("cs.calls.wide", wide_pool,
                               (SizeT)wide_cap * node_words * sizeof(ULong));
   }
   VG_(memcpy)(n->count, &wide_used, sizeof wide_used);
   n->site |= WIDE;
   VG_(memcpy)(wide_counts(n), sum, node_words * sizeof(ULong));
   wide_used++;
}

/* Adds calls, and now - enter for each event, to a context's counts
 * (n_events of them: a constant where inlined for the usual count). */
static inline __attribute__((always_inline))
void node_add_n(Node* n, ULong calls, const ULong* now, const ULong* enter, UInt n_events)
{
   ULong sum[1 + CS_MAX_EVENTS], over;
   UInt e;
   if (n->site & WIDE) {
      ULong* w = wide_counts(n);
      w[0] += calls;
      for (e = 0; e < n_events; e++)
         w[1 + e] += now[e] - enter[e];
      return;
   }
   over = sum[0] = n->count[0] + calls;
   for (e = 0; e < n_events; e++) {
      sum[1 + e] = n->count[1 + e] + (now[e] - enter[e]);
      over |= sum[1 + e];
   }
   if (__builtin_expect(over > NARROW_MAX, 0)) {
      widen(n, sum);
      return;
   }
   for (e = 0; e < 1 + n_events; e++)
      n->count[e] = (UShort)sum[e];
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

/* ---- The index: (parent, function, site) -> context ----
 * Open addressing with the hash's high bits beside each context's number,
 * so that most probes that would read another context stop at the slot:
 * 8 bytes a slot, at most 70% full. */
typedef struct {
   UInt node;                 /* 0: empty */
   UInt tag;                  /* the key's hash, high bits: most probes that
                               * would read another context stop here */
} IndexSlot;
static IndexSlot* index_slots;   /* open addressing */
static UWord index_cap, index_used;

static ULong index_hash(UInt parent, UInt fn, UInt site)
{
   ULong h = parent * 0x9E3779B97F4A7C15ULL ^ fn * 0xC2B2AE3D27D4EB4FULL
             ^ site * 0x165667B19E3779F9ULL;
   return h ^ (h >> 29);
}

static void index_put(UInt node, ULong h)
{
   UWord i = (UWord)h & (index_cap - 1);
   while (index_slots[i].node != 0)
      i = (i + 1) & (index_cap - 1);
   index_slots[i].node = node;
   index_slots[i].tag = (UInt)(h >> 32);
}

static void index_add(UInt node)
{
   const Node* n = node_at(node);
   if (10 * (index_used + 1) > 7 * index_cap) {
      IndexSlot* old = index_slots;
      UWord old_cap = index_cap, i;
      index_cap = old_cap ? 2 * old_cap : 1024;
      index_slots = VG_(calloc)("cs.calls.index", index_cap, sizeof(IndexSlot));
      for (i = 0; i < old_cap; i++) {
         if (old[i].node != 0) {
            const Node* o = node_at(old[i].node);
            index_put(old[i].node, index_hash(o->parent, o->fn, node_site(o)));
         }
      }
      VG_(free)(old);
   }
   index_used++;
   index_put(node, index_hash(n->parent, n->fn, node_site(n)));
}

/* Makes an index for every context there is (after index_release). */
static void index_rebuild(void)
{
   UInt i;
   index_cap = 1024;
   while (10 * (UWord)n_nodes > 7 * index_cap)
      index_cap *= 2;
   index_slots = VG_(calloc)("cs.calls.index", index_cap, sizeof(IndexSlot));
   index_used = 0;
   for (i = 1; i < n_nodes; i++) {
      const Node* n = node_at(i);
      if (n->parent != 0) {
         index_used++;
         index_put(i, index_hash(n->parent, n->fn, node_site(n)));
      }
   }
}

UInt cs_ctx_child(UInt parent, UInt fn, UInt site)
{
   ULong h = index_hash(parent, fn, site);
   UWord i;
   if (index_slots == NULL && n_nodes > 1)
      index_rebuild();        /* the first call since a profile was written */
   if (index_cap > 0) {
      for (i = (UWord)h & (index_cap - 1); index_slots[i].node != 0;
           i = (i + 1) & (index_cap - 1)) {
         const Node* n;
         if (index_slots[i].tag != (UInt)(h >> 32))
            continue;
         n = node_at(index_slots[i].node);
         if (n->parent == parent && n->fn == fn && node_site(n) == site)
            return index_slots[i].node;
      }
   }
   return new_node(parent, fn, site);
}


/* ---- The rest of the interface ---- */
void cs_ctx_init(UInt n_events)
{
   tl_assert(n_events >= CS_N_EVENTS && n_events <= CS_MAX_EVENTS);
   node_events = n_events;
   node_words = 1 + node_events;
   node_bytes = (sizeof(Node) + node_words * sizeof(UShort) + 3) & ~(SizeT)3;
   tl_assert(node_words * sizeof(UShort) >= sizeof(UInt));
}

UInt cs_ctx_root(void)
{
   return new_node(0, CS_CTX_NO_FN, 0);
}

UInt cs_ctx_end(void)
{
   return n_nodes;
}

void cs_ctx_prefetch(UInt ctx)
{
   const Node* n = node_at(ctx);
   __builtin_prefetch(n, 1);
   __builtin_prefetch((const char*)n + node_bytes - 1, 1);
}

UInt cs_ctx_fn(UInt ctx)
{
   return node_at(ctx)->fn;
}

UInt cs_ctx_site(UInt ctx)
{
   return node_site(node_at(ctx));
}

void cs_ctx_counts(UInt ctx, ULong counts[1 + CS_MAX_EVENTS])
{
   const Node* n = node_at(ctx);
   UInt k;
   for (k = 0; k < node_words; k++)
      counts[k] = node_count(n, k);
   for (; k < 1 + CS_MAX_EVENTS; k++)
      counts[k] = 0;
}

/* ---- Writing: the lists of children ----
 * kid_list[kid_start[i] .. kid_start[i + 1]) are context i's children, in
 * the order they were made (a counting sort by parent).  They take the
 * index's memory, which writing does not need. */
static UInt* kid_start;
static UInt* kid_list;

void cs_ctx_list_children(void)
{
   UInt i;
   if (index_slots != NULL)
      VG_(free)(index_slots);
   index_slots = NULL;
   index_cap = index_used = 0;
   kid_start = VG_(calloc)("cs.ctx.kids", n_nodes + 1, sizeof(UInt));
   kid_list = VG_(malloc)("cs.ctx.kids", (n_nodes + 1) * sizeof(UInt));
   for (i = 1; i < n_nodes; i++)
      kid_start[node_at(i)->parent]++;
   for (i = 1; i <= n_nodes; i++)          /* start of i = ends of 0 .. i - 1 */
      kid_start[i] += kid_start[i - 1];
   for (i = n_nodes; i-- > 1;)             /* filled from the end: in order */
      kid_list[--kid_start[node_at(i)->parent]] = i;
}

const UInt* cs_ctx_children(UInt ctx, UInt* n)
{
   *n = kid_start[ctx + 1] - kid_start[ctx];
   return &kid_list[kid_start[ctx]];
}

void cs_ctx_zero(void)
{
   UInt i;
   if (kid_start != NULL) {
      VG_(free)(kid_start);
      VG_(free)(kid_list);
      kid_start = kid_list = NULL;
   }
   for (i = 1; i < n_nodes; i++) {
      Node* n = node_at(i);
      n->site &= ~WIDE;
      VG_(memset)(n->count, 0, node_words * sizeof(UShort));
   }
   wide_used = 0;
}
