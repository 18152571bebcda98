/* profile/costs.c - cost centres and the per-superblock run counters.
 *
 * Every guest instruction is charged to one cost centre, keyed by function
 * (object + name), source file, line and, with --dump-instr=yes, the
 * instruction's object-relative address.  Names are looked up once per
 * instruction when its superblock is translated, and the generated code and
 * helpers get pointers straight to the cost centres and run counters, so
 * nothing is looked up at run time.
 * Cost centres are never freed: code unloaded later (dlclose) keeps its
 * counts and names. */
#include "profile/costs.h"
#include "options.h"
#include "pub_tool_debuginfo.h"
#include "pub_tool_libcassert.h"
#include "pub_tool_libcbase.h"
#include "pub_tool_libcprint.h"
#include "pub_tool_mallocfree.h"

/* ---- A growable chained hash table of pointers, keyed by a hash. ---- */
typedef struct {
   void** buckets;     /* each bucket: a chain linked through the first field */
   UWord n_buckets;    /* a power of two */
   UWord n_items;
   UWord load;         /* items per bucket, on average, before it grows */
} Table;

typedef struct Link { struct Link* next; } Link;

static void table_init(Table* t, UWord n_buckets, UWord load, const HChar* what)
{
   t->n_buckets = n_buckets;
   t->n_items = 0;
   t->load = load;
   t->buckets = VG_(calloc)(what, n_buckets, sizeof(void*));
}

/* Insert item (whose first field is its chain link) under hash h. */
static void table_add(Table* t, void* item, UWord h, UWord (*rehash)(const void*))
{
   Link* l = item;
   if (t->n_items >= t->load * t->n_buckets) {
      UWord i, n = t->n_buckets * 2;
      void** nb = VG_(calloc)("cs.table.grow", n, sizeof(void*));
      for (i = 0; i < t->n_buckets; i++) {
         Link* x = t->buckets[i];
         while (x) {
            Link* next = x->next;
            UWord b = rehash(x) & (n - 1);
            x->next = nb[b];
            nb[b] = x;
            x = next;
         }
      }
      VG_(free)(t->buckets);
      t->buckets = nb;
      t->n_buckets = n;
   }
   l->next = t->buckets[h & (t->n_buckets - 1)];
   t->buckets[h & (t->n_buckets - 1)] = l;
   t->n_items++;
}

static UWord hash_str(const HChar* s)
{
   UWord h = 5381;
   while (*s)
      h = h * 33 + (UChar)*s++;
   return h;
}

static UWord mix(UWord a, UWord b)
{
   return (a ^ (b + 0x9e3779b97f4a7c15ULL + (a << 6) + (a >> 2)));
}

/* ---- Interned strings: one copy of each name, compared by pointer. ---- */
typedef struct Str { struct Str* next; UWord hash; HChar text[0]; } Str;
static Table strings;

static UWord str_rehash(const void* p) { return ((const Str*)p)->hash; }

static const HChar* intern(const HChar* s)
{
   UWord h = hash_str(s);
   Str* x;
   SizeT len;
   for (x = strings.buckets[h & (strings.n_buckets - 1)]; x; x = x->next)
      if (x->hash == h && VG_(strcmp)(x->text, s) == 0)
         return x->text;
   len = VG_(strlen)(s);
   x = VG_(malloc)("cs.string", sizeof(Str) + len + 1);
   x->hash = h;
   VG_(memcpy)(x->text, s, len + 1);
   table_add(&strings, x, h, str_rehash);
   return x->text;
}

/* ---- Functions ---- */
static Table fns;

static UWord fn_hash(const HChar* obj, const HChar* name)
{
   return mix((UWord)obj, (UWord)name);
}
static UWord fn_rehash(const void* p)
{
   const CsFn* f = p;
   return fn_hash(f->obj, f->name);
}

static CsFn* get_fn(const HChar* obj, const HChar* name, const HChar* file)
{
   UWord h = fn_hash(obj, name);
   CsFn* f;
   for (f = fns.buckets[h & (fns.n_buckets - 1)]; f; f = f->next)
      if (f->obj == obj && f->name == name)
         return f;
   f = VG_(malloc)("cs.fn", sizeof *f);
   f->id = cs_fn_count++;
   f->arcs = NULL;
   f->entry_addr = 0;
   f->entry_line = 0;
   f->obj = obj;
   f->name = name;
   /* The first instruction seen is almost always the entry point, so its
    * file is the function's own file. */
   f->file = file;
   table_add(&fns, f, h, fn_rehash);
   return f;
}

UInt cs_fn_count;

static CsFn* fn_if_entry(Addr a)
{
   DiEpoch ep = VG_(current_DiEpoch)();
   const HChar* name;
   if (!VG_(get_fnname_if_entry)(ep, a, &name))
      return NULL;
   /* The cost centre's function is the same symbol (below-main renaming
    * included), so take it from there. */
   CsCC* cc = cs_cc_for_instr(a);
   if (cc->fn->entry_addr == 0) {
      cc->fn->entry_addr = cc->addr;
      cc->fn->entry_line = cc->line;
   }
   return cc->fn;
}

/* ---- Static pools ----
 * Cost centres and run counters are what the generated code adds to most
 * often.  Kept in the tool's static data (below 2 GB), they are reached as
 * a 32-bit displacement instead of a 64-bit constant (see mem_addr in
 * instrument/emit.h); pages never used cost no memory.  When a pool runs
 * out, the heap takes over. */
CsCC cs_cc_pool[CS_CC_POOL_SIZE];          /* cost centres: 36 MB of address space */
static UWord cc_pool_used;

/* The extra events' rows (runtime.h): one per cost centre, made with it
 * when the run counts any. */
static UInt xrows_used, xrows_cap;

static UInt new_xrow(void)
{
   if (xrows_used == xrows_cap) {
      UInt cap = xrows_cap ? 2 * xrows_cap : 4096;
      cs_xrows = VG_(realloc)("cs.cc.xrows", cs_xrows, (SizeT)cap * cs_n_xev * sizeof(ULong));
      VG_(memset)(cs_xrows + (SizeT)xrows_cap * cs_n_xev, 0,
                  (SizeT)(cap - xrows_cap) * cs_n_xev * sizeof(ULong));
      xrows_cap = cap;
   }
   return xrows_used++;
}

static CsCC* new_cc(void)
{
   CsCC* cc = cc_pool_used < CS_CC_POOL_SIZE ? &cs_cc_pool[cc_pool_used++]
                                             : VG_(calloc)("cs.cc", 1, sizeof(CsCC));
   if (cs_n_xev > 0)
      cc->xrow = new_xrow();
   return cc;
}

/* Run counters, in blocks of 1..RUN_MAX_BLOCK counters, with a free list
 * per block size (a free block's first word links to the next). */
#define RUN_POOL_SIZE (4 * 1024 * 1024)    /* 32 MB of address space */
#define RUN_MAX_BLOCK 64
static ULong run_pool[RUN_POOL_SIZE];
static UWord run_pool_used;
static ULong* run_free[RUN_MAX_BLOCK + 1];

static Bool in_run_pool(const ULong* p)
{
   return p >= run_pool && p < run_pool + RUN_POOL_SIZE;
}

static ULong* new_runs(UInt n)
{
   ULong* p;
   if (n <= RUN_MAX_BLOCK && run_free[n] != NULL) {
      p = run_free[n];
      run_free[n] = (ULong*)(UWord)p[0];
      VG_(memset)(p, 0, n * sizeof(ULong));
      return p;
   }
   if (n <= RUN_MAX_BLOCK && run_pool_used + n <= RUN_POOL_SIZE) {
      p = &run_pool[run_pool_used];
      run_pool_used += n;
      return p;
   }
   return VG_(calloc)("cs.sb.runs", n, sizeof(ULong));
}

static void free_runs(ULong* p, UInt n)
{
   if (in_run_pool(p)) {
      p[0] = (ULong)(UWord)run_free[n];
      run_free[n] = p;
   } else {
      VG_(free)(p);
   }
}

/* ---- Cost centres ---- */
static Table ccs;

static UWord cc_hash(const CsFn* fn, const HChar* file, UInt line, Addr addr)
{
   return mix(mix(mix((UWord)fn, (UWord)file), line), addr);
}
static UWord cc_rehash(const void* p)
{
   const CsCC* c = p;
   return cc_hash(c->fn, c->file, c->line, c->addr);
}

/* ---- What the debug information says of an instruction, cached ----
 * Each translation looks up every instruction's file, line, function and
 * object, and the same address is looked up again whenever a translation
 * copies it (a superblock that starts inside another, a call VEX chased
 * into its caller): a third of GCC's cc1's 1.15 million lookups.  What
 * the core answers for an address its debug information covers changes
 * only when the core loads or drops debug information, which moves its
 * epoch: the cache is emptied then, so it returns what a new lookup
 * would.  (An address outside every object's text is not cached: its
 * object's name comes from the memory mapping, which can change under
 * the same epoch.) */
#define ADDR_CACHE_BITS 14
#define ENTRY_UNKNOWN ((CsFn*)1)      /* not yet asked whether an entry */
typedef struct {
   Addr addr;                 /* 0: empty */
   CsCC* cc;
   CsFn* entry;               /* cs_fn_if_entry's answer, or ENTRY_UNKNOWN */
} AddrInfo;
static AddrInfo addr_cache[1 << ADDR_CACHE_BITS];
static Bool addr_cache_used;
static UInt addr_cache_epoch;
/* The last names seen, interned: consecutive instructions mostly share
 * them.  The file and directory strings stay where they are while their
 * debug information does (until the epoch moves), so they are compared
 * by address; the others by content. */
static const HChar *last_file, *last_dir, *last_path;
static const HChar *last_obj, *last_name;
/* The symbol's own name (undemangled) that last_name came from: it stays
 * where it is while its debug information does, like the file names, so
 * the instructions after a function's first skip the demangler, which
 * took about 1% of GCC's cc1 run. */
static const HChar *last_raw_name;

/* The core's lookup of a symbol's name as it is in the symbol table (no
 * demangling, no renaming): exported by the core, not declared for tools. */
extern Bool VG_(get_fnname_raw)(DiEpoch ep, Addr a, const HChar** name);

static void addr_cache_flush(void)
{
   if (addr_cache_used)
      VG_(memset)(addr_cache, 0, sizeof addr_cache);
   addr_cache_used = False;
   last_file = last_dir = last_path = NULL;
   last_obj = last_name = last_raw_name = NULL;
}

/* a's slot, emptied first if the debug information has changed since. */
static AddrInfo* addr_slot(Addr a)
{
   UInt epoch = VG_(current_DiEpoch)().n;
   if (epoch != addr_cache_epoch) {
      addr_cache_flush();
      addr_cache_epoch = epoch;
   }
   return &addr_cache[(a * 0x9e3779b97f4a7c15ULL) >> (64 - ADDR_CACHE_BITS)];
}

/* file in directory dir (either may be empty), interned. */
static const HChar* source_path(const HChar* file, const HChar* dir)
{
   if (file == last_file && dir == last_dir)
      return last_path;
   last_file = file;
   last_dir = dir;
   if (dir != NULL && dir[0] != '\0') {
      SizeT dl = VG_(strlen)(dir), fl = VG_(strlen)(file);
      HChar* full = VG_(malloc)("cs.path", dl + fl + 2);
      VG_(memcpy)(full, dir, dl);
      full[dl] = '/';
      VG_(memcpy)(full + dl + 1, file, fl + 1);
      last_path = intern(full);
      VG_(free)(full);
   } else {
      last_path = intern(file);
   }
   return last_path;
}

/* The cost centre of the instruction at a, looked up; *cacheable when
 * an object's text (in its debug information) covers a. */
static CsCC* cc_lookup(Addr a, Bool* cacheable)
{
   DiEpoch ep = VG_(current_DiEpoch)();
   const HChar *file, *dir, *name, *obj, *raw;
   const HChar *ifile, *iname, *iobj;
   UInt line = 0;
   Addr key_addr = 0;
   CsFn* fn;
   CsCC* cc;
   UWord h;

   if (VG_(get_filename_linenum)(ep, a, &file, &dir, &line)) {
      ifile = source_path(file, dir);
   } else {
      ifile = intern("???");
      line = 0;
   }
   /* The same symbol as the last lookup's has the same name. */
   if (!VG_(get_fnname_raw)(ep, a, &raw))
      raw = NULL;
   if (raw == NULL || raw != last_raw_name || last_name == NULL) {
      /* (The name is the demangler's buffer, new on every call.) */
      if (!VG_(get_fnname)(ep, a, &name))
         name = "???";
      if (last_name == NULL || VG_(strcmp)(name, last_name) != 0)
         last_name = intern(name);
      last_raw_name = raw;
   }
   iname = last_name;
   if (!VG_(get_objname)(ep, a, &obj))
      obj = "???";
   /* Covered by an object's text, where get_objname found the name (code
    * with no symbol, as in a stripped executable, too)? */
   *cacheable = VG_(find_DebugInfo)(ep, a) != NULL;
   if (last_obj == NULL || VG_(strcmp)(obj, last_obj) != 0)
      last_obj = intern(obj);
   iobj = last_obj;
   fn = get_fn(iobj, iname, ifile);

   if (cs_clo.dump_instr) {
      /* Object-relative, so that objdump of the file shows the same address. */
      DebugInfo* di = VG_(find_DebugInfo)(ep, a);
      key_addr = di ? a - VG_(DebugInfo_get_text_bias)(di) : a;
   }

   h = cc_hash(fn, ifile, line, key_addr);
   for (cc = ccs.buckets[h & (ccs.n_buckets - 1)]; cc; cc = cc->next)
      if (cc->fn == fn && cc->file == ifile && cc->line == line && cc->addr == key_addr)
         return cc;
   cc = new_cc();
   cc->fn = fn;
   cc->file = ifile;
   cc->line = line;
   cc->addr = key_addr;
   table_add(&ccs, cc, h, cc_rehash);
   return cc;
}

CsCC* cs_cc_for_instr(Addr a)
{
   AddrInfo* slot = addr_slot(a);
   UInt epoch = addr_cache_epoch;
   Bool cacheable;
   CsCC* cc;
   if (slot->addr == a && a != 0)
      return slot->cc;
   cc = cc_lookup(a, &cacheable);
   slot = addr_slot(a);
   /* (kept only if the lookup read no debug information in) */
   if (cacheable && a != 0 && addr_cache_epoch == epoch) {
      slot->addr = a;
      slot->cc = cc;
      slot->entry = ENTRY_UNKNOWN;
      addr_cache_used = True;
   }
   return cc;
}

CsFn* cs_fn_if_entry(Addr a)
{
   CsFn* fn;
   AddrInfo* slot = addr_slot(a);
   if (slot->addr == a && a != 0 && slot->entry != ENTRY_UNKNOWN)
      return slot->entry;
   fn = fn_if_entry(a);
   slot = addr_slot(a);
   if (slot->addr == a && a != 0)
      slot->entry = fn;
   return fn;
}

/* ---- Superblocks ---- */
static Table sbs;

static UWord sb_rehash(const void* p) { return mix(0, ((const CsSB*)p)->base); }

/* After the record: UInt ends[n_stretches], then the counts, as CsCount32
 * when every counter is below 4 GB (the static pool of cost centres is),
 * else as CsCount. */
typedef struct {
   UInt counter;              /* the counter's address */
   UInt n;
} CsCount32;

static UInt* sb_ends(const CsSB* sb)
{
   return (UInt*)(sb + 1);
}

static void* sb_counts(const CsSB* sb)
{
   return (void*)VG_ROUNDUP((Addr)(sb_ends(sb) + sb->n_stretches), sizeof(ULong));
}

/* The records: one per translation (GCC's cc1: 173,000, 72 bytes on
 * average), so they are cut from large chunks in multiples of 8 bytes,
 * with a free list per size for the records of discarded translations:
 * a block of Valgrind's allocator would cost 32 bytes more (its header
 * and red zones) and round to 16.  Records past SB_POOL_MAX bytes (rare)
 * are blocks of their own. */
#define SB_CHUNK (256 * 1024)
#define SB_POOL_MAX 2048
static UChar* sb_chunk;          /* the current chunk's unused part */
static SizeT sb_chunk_left;
static void* sb_free_list[SB_POOL_MAX / 8 + 1];

static SizeT sb_size(UInt n_stretches, UInt n_counts, Bool narrow)
{
   return sizeof(CsSB) + VG_ROUNDUP(n_stretches * sizeof(UInt), sizeof(ULong))
          + n_counts * (narrow ? sizeof(CsCount32) : sizeof(CsCount));
}

static SizeT sb_size_of(const CsSB* sb)
{
   return sb_size(sb->n_stretches, sb_ends(sb)[sb->n_stretches - 1], sb->narrow);
}

static CsSB* sb_alloc(SizeT size)
{
   void* p;
   size = VG_ROUNDUP(size, 8);
   if (size > SB_POOL_MAX)
      return VG_(malloc)("cs.sb", size);
   if (sb_free_list[size / 8] != NULL) {
      p = sb_free_list[size / 8];
      sb_free_list[size / 8] = *(void**)p;
      return p;
   }
   if (sb_chunk_left < size) {
      sb_chunk = VG_(malloc)("cs.sb", SB_CHUNK);   /* the rest of the old one is left */
      sb_chunk_left = SB_CHUNK;
   }
   p = sb_chunk;
   sb_chunk += size;
   sb_chunk_left -= size;
   return p;
}

static void sb_release(CsSB* sb)
{
   SizeT size = VG_ROUNDUP(sb_size_of(sb), 8);
   if (size > SB_POOL_MAX) {
      VG_(free)(sb);
      return;
   }
   *(void**)sb = sb_free_list[size / 8];
   sb_free_list[size / 8] = sb;
}

CsSB* cs_sb_new(Addr base, UInt n_stretches, const UInt* ends, UInt n_counts,
                const CsCount* counts)
{
   Bool narrow = sizeof(Addr) == 8;
   SizeT size;
   CsSB* sb;
   UInt i;

   for (i = 0; i < n_counts && narrow; i++)
      narrow = (Addr)counts[i].counter >> 32 == 0 && counts[i].n >> 32 == 0;
   tl_assert(n_stretches > 0);
   size = sb_size(n_stretches, n_counts, narrow);
   sb = sb_alloc(size);
   sb->base = base;
   sb->n_stretches = n_stretches;
   sb->narrow = narrow;
   sb->runs = new_runs(n_stretches);
   VG_(memcpy)(sb_ends(sb), ends, n_stretches * sizeof(UInt));
   if (narrow) {
      CsCount32* c = sb_counts(sb);
      for (i = 0; i < n_counts; i++) {
         c[i].counter = (UInt)(Addr)counts[i].counter;
         c[i].n = (UInt)counts[i].n;
      }
   } else {
      VG_(memcpy)(sb_counts(sb), counts, n_counts * sizeof(CsCount));
   }
   table_add(&sbs, sb, mix(0, base), sb_rehash);
   return sb;
}

static void sb_fold(CsSB* sb)
{
   const UInt* ends = sb_ends(sb);
   const CsCount32* narrow = sb_counts(sb);
   const CsCount* wide = sb_counts(sb);
   UInt k, i = 0;
   for (k = 0; k < sb->n_stretches; k++) {
      ULong runs = sb->runs[k];
      if (runs == 0) {
         i = ends[k];
         continue;
      }
      if (sb->narrow)
         for (; i < ends[k]; i++)
            *(ULong*)(Addr)narrow[i].counter += runs * narrow[i].n;
      else
         for (; i < ends[k]; i++)
            *wide[i].counter += runs * wide[i].n;
      sb->runs[k] = 0;
   }
}

void cs_costs_fold(void)
{
   UWord i;
   for (i = 0; i < sbs.n_buckets; i++) {
      CsSB* sb;
      for (sb = sbs.buckets[i]; sb; sb = sb->next)
         sb_fold(sb);
   }
}

/* A translation was thrown away: count what it ran, then free its record.
 * The cost centres stay. */
void cs_sb_discard(Addr orig_addr, VexGuestExtents vge)
{
   Addr base = vge.base[0];
   UWord b = mix(0, base) & (sbs.n_buckets - 1);
   CsSB** p = (CsSB**)&sbs.buckets[b];
   for (; *p; p = &(*p)->next) {
      if ((*p)->base == base) {
         CsSB* dead = *p;
         *p = dead->next;
         sbs.n_items--;
         sb_fold(dead);
         free_runs(dead->runs, dead->n_stretches);
         sb_release(dead);
         return;
      }
   }
   /* Translations made while instrumentation was off have no record. */
}

void cs_costs_init(void)
{
   table_init(&strings, 1024, 1, "cs.strings");
   table_init(&fns, 1024, 1, "cs.fns");
   table_init(&ccs, 4096, 1, "cs.ccs");
   /* Superblocks are looked up only when their code is discarded (and
    * walked when counts are folded): longer chains cost little, and a
    * program with much code has a record per translation (cc1: 173,000,
    * whose buckets at one a record took 2 MB). */
   table_init(&sbs, 4096, 4, "cs.sbs");
}

void cs_costs_totals(ULong totals[CS_MAX_EVENTS])
{
   UWord i;
   UInt e;
   cs_costs_fold();
   for (e = 0; e < CS_MAX_EVENTS; e++)
      totals[e] = 0;
   for (i = 0; i < ccs.n_buckets; i++) {
      const CsCC* cc;
      for (cc = ccs.buckets[i]; cc; cc = cc->next)
         for (e = 0; e < CS_N_EVENTS; e++)
            totals[e] += cc->ev[e];
   }
   for (i = 0; i < (UWord)xrows_used * cs_n_xev; i++)
      totals[CS_N_EVENTS + i % cs_n_xev] += cs_xrows[i];
}

/* Order: object, function, the function's own file before other files,
 * file, line, address. */
static Int cmp_cc(const void* pa, const void* pb)
{
   const CsCC* a = *(const CsCC* const*)pa;
   const CsCC* b = *(const CsCC* const*)pb;
   Int r;
   Bool a_own, b_own;

   if (a->fn != b->fn) {
      if ((r = VG_(strcmp)(a->fn->obj, b->fn->obj)) != 0) return r;
      if ((r = VG_(strcmp)(a->fn->name, b->fn->name)) != 0) return r;
      return (UWord)a->fn < (UWord)b->fn ? -1 : 1;
   }
   a_own = a->file == a->fn->file;
   b_own = b->file == b->fn->file;
   if (a_own != b_own) return a_own ? -1 : 1;
   if (a->file != b->file) return VG_(strcmp)(a->file, b->file);
   if (a->line != b->line) return a->line < b->line ? -1 : 1;
   if (a->addr != b->addr) return a->addr < b->addr ? -1 : 1;
   return 0;
}

void cs_costs_foreach_sorted(CsCCVisitor visit, void* ctx)
{
   UWord i, n = 0;
   CsCC** all;
   cs_costs_fold();
   all = VG_(malloc)("cs.sorted", (ccs.n_items + 1) * sizeof(CsCC*));
   for (i = 0; i < ccs.n_buckets; i++) {
      CsCC* cc;
      for (cc = ccs.buckets[i]; cc; cc = cc->next)
         all[n++] = cc;
   }
   VG_(ssort)(all, n, sizeof(CsCC*), cmp_cc);
   for (i = 0; i < n; i++)
      visit(all[i], ctx);
   VG_(free)(all);
}

void cs_costs_zero(void)
{
   UWord i;
   cs_costs_fold();
   for (i = 0; i < ccs.n_buckets; i++) {
      CsCC* cc;
      for (cc = ccs.buckets[i]; cc; cc = cc->next)
         VG_(memset)(cc->ev, 0, sizeof cc->ev);
   }
   if (xrows_used > 0)
      VG_(memset)(cs_xrows, 0, (SizeT)xrows_used * cs_n_xev * sizeof(ULong));
}
