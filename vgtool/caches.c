/* caches.c - choosing the simulated geometry and setting up the models.
 *
 * For Cachegrind's model (the default), geometry comes from --I1/--D1/--LL
 * where given, else from the host's caches as the core detected them
 * (CPUID on x86), else from fixed defaults: the same choices, adjustments
 * and checks as Cachegrind, so the default model simulates the same
 * caches, with the tool's own fast model (model/cache.h).  Any other CPU
 * description (cpu.c) runs the general hierarchy (model/hierarchy.h). */
#include "caches.h"
#include "cpu.h"
#include "model/classify.h"
#include "options.h"
#include "profile/event_set.h"
#include "runtime.h"
#include "pub_tool_libcassert.h"
#include "pub_tool_libcbase.h"
#include "pub_tool_libcprint.h"
#include "pub_tool_machine.h"
#include "pub_tool_mallocfree.h"
#include "pub_tool_options.h"

cs_cache_t cs_I1, cs_D1, cs_LL;
cs_bpred_t* cs_bpred;
Bool cs_hier_on;
cs_hier_t cs_hier;
cs_cache_t cs_I1_fast, cs_D1_fast_read, cs_D1_fast_write;
cs_line_t cs_hier_quiet[3] = { CS_POLICY_NO_LINE, CS_POLICY_NO_LINE, CS_POLICY_NO_LINE };

/* The predictors and the L1 tags (when they fit, as they do for any usual
 * L1) live in the tool's static data, below 2 GB: the generated code then
 * reaches them with a 32-bit displacement instead of a 64-bit constant in
 * a register, which makes every inline data-access test and branch
 * predictor shorter.  Unused pages of these cost no memory. */
#define L1_POOL_TAGS 8192
static cs_addr_t l1_pool[3][L1_POOL_TAGS];
static cs_bpred_t bpred_storage;
Int cs_min_line_size;
Bool cs_hier_repeats_hit;
Bool cs_hier_fetch_repeats_hit;
Bool cs_hier_every_load;
Bool cs_hier_every_access;

/* Low address bits that are always zero in instruction addresses. */
#if defined(VGA_x86) || defined(VGA_amd64)
#  define IADDR_ZERO_BITS 0
#elif defined(VGA_arm) || defined(VGA_s390x)
#  define IADDR_ZERO_BITS 1
#else
#  define IADDR_ZERO_BITS 2
#endif

/* Used when the host's caches cannot be detected. */
static void default_geometry(cs_geometry_t* I1, cs_geometry_t* D1, cs_geometry_t* LL)
{
#if defined(VGA_arm) || defined(VGA_arm64)
   *I1 = (cs_geometry_t){ 16384, 4, 64 };
   *D1 = (cs_geometry_t){ 16384, 4, 64 };
   *LL = (cs_geometry_t){ 262144, 8, 64 };
#elif defined(VGA_mips32) || defined(VGA_mips64) || defined(VGA_nanomips)
   *I1 = (cs_geometry_t){ 32768, 4, 32 };
   *D1 = (cs_geometry_t){ 32768, 4, 32 };
   *LL = (cs_geometry_t){ 524288, 8, 32 };
#else
   *I1 = (cs_geometry_t){ 65536, 2, 64 };
   *D1 = (cs_geometry_t){ 65536, 2, 64 };
   *LL = (cs_geometry_t){ 262144, 8, 64 };
#endif
}

static const VexCache* find_cache(const VexCacheInfo* ci, VexCacheKind kind, UInt level)
{
   UInt i;
   for (i = 0; i < ci->num_caches; i++)
      if (ci->caches[i].kind == kind && ci->caches[i].level == level)
         return &ci->caches[i];
   return NULL;
}

static cs_geometry_t from_vex(const VexCache* c)
{
   cs_geometry_t g = { c->sizeB, c->assoc, c->line_sizeB };
   return g;
}

/* Fill I1/D1/LL from the host; False if the host's caches are unknown. */
static Bool detect_geometry(cs_geometry_t* I1, cs_geometry_t* D1, cs_geometry_t* LL)
{
   VexArch arch;
   VexArchInfo vai;
   const VexCacheInfo* ci;
   const VexCache *i1, *d1, *ll;

   VG_(machine_get_VexArchInfo)(&arch, &vai);
   ci = &vai.hwcache_info;
   if (ci->num_levels == 0 || ci->caches == NULL)
      return False;
   i1 = find_cache(ci, INSN_CACHE, 1);
   d1 = find_cache(ci, DATA_CACHE, 1);
   ll = find_cache(ci, UNIFIED_CACHE, ci->num_levels);
   if (i1 == NULL || d1 == NULL || ll == NULL || ci->num_levels < 2) {
      VG_(dmsg)("warning: L2 cache not installed, ignore LL results.\n");
      return False;
   }
   if (ci->num_levels > 2)
      VG_(dmsg)("warning: L3 cache found, using its data for the LL simulation.\n");
   *I1 = from_vex(i1);
   *D1 = from_vex(d1);
   *LL = from_vex(ll);
   if (i1->is_trace_cache) {
      /* A Pentium 4 trace cache has no byte size; model a 32 KB I1. */
      I1->size = 32768;
      I1->assoc = 8;
      I1->line_size = 32;
   }
   return True;
}

static void check_detected(const HChar* name, const cs_geometry_t* g, Bool overridden)
{
   const char* err;
   if (overridden || cs_geometry_check(g, &err) == 0)
      return;
   VG_(umsg)("cachesim: the detected %s cache (%lu B, %lu-way, %lu B lines) cannot be\n"
             "simulated: %s\nGive its geometry explicitly with --%s=<size>,<assoc>,<line_size>.\n",
             name, g->size, g->assoc, g->line_size, err, name);
   VG_(exit)(1);
}

/* I1 and D1 keep line addresses as tags (the generated code's inline tests
 * read them); the LL keeps 32-bit tags when its geometry allows, which
 * halves what the slow path reads on each L1 miss. */
static void init_cache(cs_cache_t* c, const cs_geometry_t* g, Bool narrow_if_possible,
                       cs_addr_t* pool)
{
   Bool narrow = narrow_if_possible && sizeof(Addr) == 8 && cs_cache_can_be_narrow(g);
   SizeT bytes = cs_cache_tag_bytes(g, narrow);
   void* tags = pool != NULL && bytes <= sizeof l1_pool[0] ? (void*)pool
                                                          : VG_(calloc)("cs.cache.tags", 1, bytes);
   cs_cache_init(c, g, tags, narrow);
}

/* Cachegrind's geometries for its model: given, detected or default. */
static void cachegrind_geometry(cs_geometry_t* I1, cs_geometry_t* D1, cs_geometry_t* LL)
{
   Bool given_I1 = cs_clo.I1.size != 0;
   Bool given_D1 = cs_clo.D1.size != 0;
   Bool given_LL = cs_clo.LL.size != 0;

   if (!(given_I1 && given_D1 && given_LL)) {
      if (!detect_geometry(I1, D1, LL)) {
         default_geometry(I1, D1, LL);
         VG_(dmsg)("Warning: Cannot auto-detect cache config, using defaults.\n");
         VG_(dmsg)("Run with -v to see.\n");
      } else if (!given_LL) {
         cs_geometry_t before = *LL;
         if (cs_geometry_tweak_ll(LL) && before.assoc != LL->assoc) {
            VG_(dmsg)("warning: specified LL cache: line_size %lu  assoc %lu  total_size %lu\n",
                      before.line_size, before.assoc, before.size);
            VG_(dmsg)("warning: simulated LL cache: line_size %lu  assoc %lu  total_size %lu\n",
                      LL->line_size, LL->assoc, LL->size);
         }
      }
      check_detected("I1", I1, given_I1);
      check_detected("D1", D1, given_D1);
      check_detected("LL", LL, given_LL);
   }
   if (given_I1) *I1 = cs_clo.I1;
   if (given_D1) *D1 = cs_clo.D1;
   if (given_LL) *LL = cs_clo.LL;
}

/* A one-way cache over a mirror of an L1's fast exit (see runtime.h):
 * one line address per set, which the inline tests read as tags. */
static void fast_view(cs_cache_t* view, const cs_policy_cache_t* c, const cs_geometry_t* g,
                      cs_line_t* mirror)
{
   VG_(memset)(view, 0, sizeof *view);
   view->geom = *g;
   view->line_bits = c->line_bits;
   view->set_mask = c->set_mask;
   view->assoc = 1;
   view->tags = mirror;
   while ((1UL << view->set_bits) <= c->set_mask)
      view->set_bits++;
}

/* Mirror storage: the static pool when it fits (the generated code then
 * reaches it with a 32-bit displacement), else the heap. */
static cs_line_t* mirror_storage(const cs_policy_cache_t* c, cs_addr_t* pool)
{
   SizeT sets = c->set_mask + 1;
   return sets <= L1_POOL_TAGS ? (cs_line_t*)pool
                               : VG_(calloc)("cs.cache.mirror", sets, sizeof(cs_line_t));
}

/* The classifier's allocator (model/classify.h): the core's heap. */
static void* classify_alloc(void* ctx, unsigned long bytes)
{
   return VG_(calloc)("cs.cache.classify", 1, bytes);
}

static void classify_release(void* ctx, void* mem)
{
   VG_(free)(mem);
}

/* --classify-misses=yes: a classifier attached to the hierarchy. */
static void attach_classifier(void)
{
   static cs_classify_t classifier;
   void* twins = VG_(calloc)("cs.cache.twins", 1, cs_classify_storage_bytes(&cs_cpu));
   if (cs_classify_init(&classifier, &cs_cpu, twins, classify_alloc, classify_release, NULL) != 0) {
      VG_(umsg)("cachesim: cannot continue: no memory for --classify-misses=yes\n");
      VG_(exit)(1);
   }
   cs_hier_attach_classify(&cs_hier, &classifier);
}

/* Fewer sets than a 4 KB page has lines? */
static Bool sets_below_page(const cs_cpu_cache_t* c)
{
   return c->geom.size / (c->geom.line_size * c->geom.assoc) < 4096 / c->geom.line_size;
}

/* May a prefetch take out of L1 the line an access just used (so that a
 * repeat of the access is not surely a hit)?  Prefetches stay within the
 * page of the line that triggered them, whose other lines map to other
 * sets of a level with at least a page's worth of sets: only a level
 * with fewer can evict that line -- D1 by its own prefetches, an
 * inclusive L2 or LL by back-invalidation. */
static Bool prefetch_may_take_used_line(void)
{
   const cs_cpu_cache_t* c = cs_cpu.cache;
   UInt i;
   Bool any = False;
   for (i = 0; i < CS_CPU_NCACHES; i++)
      any = any || (c[i].present && c[i].prefetcher.kinds != 0);
   if (!any)
      return False;
   if (c[CS_CPU_D1].prefetcher.kinds != 0 && sets_below_page(&c[CS_CPU_D1]))
      return True;
   for (i = CS_CPU_L2; i <= CS_CPU_LL; i++)
      if (c[i].present && c[i].inclusion == CS_CPU_INCLUSIVE && sets_below_page(&c[i]))
         return True;
   return False;
}

/* The general model of cs_cpu, and the views the generated code tests. */
static void init_hierarchy(void)
{
   const cs_cpu_cache_t* c = cs_cpu.cache;
   cs_policy_cache_t* i1 = &cs_hier.cache[CS_CPU_I1];
   cs_policy_cache_t* d1 = &cs_hier.cache[CS_CPU_D1];
   cs_line_t *i1_read, *d1_read, *d1_write;

   cs_hier_init(&cs_hier, &cs_cpu,
                VG_(calloc)("cs.cache.hier", 1, cs_hier_storage_bytes(&cs_cpu)));
   i1_read = mirror_storage(i1, l1_pool[0]);
   d1_read = mirror_storage(d1, l1_pool[1]);
   d1_write = cs_cpu.writeback ? mirror_storage(d1, l1_pool[2]) : NULL;
   cs_policy_set_mirrors(i1, i1_read, NULL);
   cs_policy_set_mirrors(d1, d1_read, d1_write);
   fast_view(&cs_I1_fast, i1, &c[CS_CPU_I1].geom, i1_read);
   fast_view(&cs_D1_fast_read, d1, &c[CS_CPU_D1].geom, d1_read);
   /* Without write-back a write changes no more than a read does. */
   fast_view(&cs_D1_fast_write, d1, &c[CS_CPU_D1].geom, d1_write ? d1_write : d1_read);
   cs_hier_fetch_repeats_hit = i1->fast == CS_POLICY_FAST_WAY0 || i1->fast == CS_POLICY_FAST_MEMO;
   cs_hier_repeats_hit = cs_hier_fetch_repeats_hit
                         && (d1->fast == CS_POLICY_FAST_WAY0 || d1->fast == CS_POLICY_FAST_MEMO)
                         && c[CS_CPU_LL].inclusion == CS_CPU_NON_INCLUSIVE
                         && (!c[CS_CPU_L2].present
                             || c[CS_CPU_L2].inclusion == CS_CPU_NON_INCLUSIVE);
   if (prefetch_may_take_used_line())
      cs_hier_fetch_repeats_hit = cs_hier_repeats_hit = False;
   if (cs_clo.classify_misses)
      attach_classifier();
   /* A classifier sees every L1 lookup, an ipstride prefetcher every
    * load: the generated code calls the model for them
    * (instrument/cache_tests.c). */
   cs_hier_every_access = cs_clo.classify_misses;
   cs_hier_every_load = cs_hier.pf_loads;
}

void cs_configure_caches(void)
{
   cs_geometry_t I1 = { 0, 0, 0 }, D1 = I1, LL = I1;
   Int largest_register;
   UInt i;

   if (cs_cpu_is_cachegrind_preset())
      cachegrind_geometry(&I1, &D1, &LL);
   cs_hier_on = !cs_cpu_choose(&I1, &D1, &LL);
   I1 = cs_cpu.cache[CS_CPU_I1].geom;
   D1 = cs_cpu.cache[CS_CPU_D1].geom;
   LL = cs_cpu.cache[CS_CPU_LL].geom;
   cs_event_set_choose(&cs_cpu, cs_hier_on);

   cs_min_line_size = (Int)I1.line_size;
   for (i = 0; i < CS_CPU_NCACHES; i++)
      if (cs_cpu.cache[i].present && (Int)cs_cpu.cache[i].geom.line_size < cs_min_line_size)
         cs_min_line_size = (Int)cs_cpu.cache[i].geom.line_size;
   /* A guest register must fit in one line, or one access could span
    * three lines. */
   largest_register = VG_(machine_get_size_of_largest_guest_register)();
   if (cs_min_line_size < largest_register) {
      VG_(umsg)("cachesim: cannot continue: the minimum line size (%d)\n", cs_min_line_size);
      VG_(umsg)("  must be equal to or larger than the maximum register size (%d)\n",
                largest_register);
      VG_(exit)(1);
   }

   if (VG_(clo_verbosity) >= 2) {
      VG_(umsg)("Cache configuration used:\n");
      if (cs_hier_on) {
         HChar line[1024];
         cs_cpu_one_line(line, sizeof line);
         VG_(umsg)("  %s\n", line);
      } else {
         VG_(umsg)("  I1: %lu B, %lu-way, %lu B lines\n", I1.size, I1.assoc, I1.line_size);
         VG_(umsg)("  D1: %lu B, %lu-way, %lu B lines\n", D1.size, D1.assoc, D1.line_size);
         VG_(umsg)("  LL: %lu B, %lu-way, %lu B lines\n", LL.size, LL.assoc, LL.line_size);
      }
   }

   if (cs_clo.cache_sim && cs_hier_on) {
      /* The general model; cs_I1, cs_D1 and cs_LL keep the geometries,
       * which the profile describes. */
      init_hierarchy();
      cs_I1.geom = I1;
      cs_D1.geom = D1;
      cs_LL.geom = LL;
   } else if (cs_clo.cache_sim) {
      init_cache(&cs_I1, &I1, False, l1_pool[0]);
      init_cache(&cs_D1, &D1, False, l1_pool[1]);
      init_cache(&cs_LL, &LL, True, NULL);
   } else {
      /* Nothing is simulated: no tag arrays (a detected LL can need tens
       * of MB of them), only the geometry, which the profile describes. */
      cs_I1.geom = I1;
      cs_D1.geom = D1;
      cs_LL.geom = LL;
   }
   cs_bpred = &bpred_storage;
   cs_bpred_init(cs_bpred, IADDR_ZERO_BITS);
}

void cs_flush_caches(void)
{
   if (cs_clo.cache_sim && cs_hier_on) {
      cs_hier_flush(&cs_hier);
      cs_hier_quiet[CS_QUIET_FETCH] = cs_hier_quiet[CS_QUIET_READ] =
         cs_hier_quiet[CS_QUIET_WRITE] = CS_POLICY_NO_LINE;
   } else if (cs_clo.cache_sim) {
      cs_cache_flush(&cs_I1);
      cs_cache_flush(&cs_D1);
      cs_cache_flush(&cs_LL);
   }
   cs_bpred_init(cs_bpred, cs_bpred->addr_shift);
}
