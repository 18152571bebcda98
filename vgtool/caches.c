/* caches.c - choosing the simulated geometry and setting up the models.
 *
 * Geometry comes from --I1/--D1/--LL where given, else from the host's
 * caches as the core detected them (CPUID on x86), else from fixed
 * defaults: the same choices, adjustments and checks as Cachegrind, so the
 * default model simulates the same caches. */
#include "caches.h"
#include "options.h"
#include "runtime.h"
#include "pub_tool_libcassert.h"
#include "pub_tool_libcbase.h"
#include "pub_tool_libcprint.h"
#include "pub_tool_machine.h"
#include "pub_tool_mallocfree.h"
#include "pub_tool_options.h"

cs_cache_t cs_I1, cs_D1, cs_LL;
cs_bpred_t* cs_bpred;

/* The predictors and the L1 tags (when they fit, as they do for any usual
 * L1) live in the tool's static data, below 2 GB: the generated code then
 * reaches them with a 32-bit displacement instead of a 64-bit constant in
 * a register, which makes every inline data-access test and branch
 * predictor shorter.  Unused pages of these cost no memory. */
#define L1_POOL_TAGS 8192
static cs_addr_t l1_pool[2][L1_POOL_TAGS];
static cs_bpred_t bpred_storage;
Int cs_min_line_size;

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

void cs_configure_caches(void)
{
   cs_geometry_t I1, D1, LL;
   Bool given_I1 = cs_clo.I1.size != 0;
   Bool given_D1 = cs_clo.D1.size != 0;
   Bool given_LL = cs_clo.LL.size != 0;
   Int largest_register;

   if (!(given_I1 && given_D1 && given_LL)) {
      if (!detect_geometry(&I1, &D1, &LL)) {
         default_geometry(&I1, &D1, &LL);
         VG_(dmsg)("Warning: Cannot auto-detect cache config, using defaults.\n");
         VG_(dmsg)("Run with -v to see.\n");
      } else if (!given_LL) {
         cs_geometry_t before = LL;
         if (cs_geometry_tweak_ll(&LL) && before.assoc != LL.assoc) {
            VG_(dmsg)("warning: specified LL cache: line_size %lu  assoc %lu  total_size %lu\n",
                      before.line_size, before.assoc, before.size);
            VG_(dmsg)("warning: simulated LL cache: line_size %lu  assoc %lu  total_size %lu\n",
                      LL.line_size, LL.assoc, LL.size);
         }
      }
      check_detected("I1", &I1, given_I1);
      check_detected("D1", &D1, given_D1);
      check_detected("LL", &LL, given_LL);
   }
   if (given_I1) I1 = cs_clo.I1;
   if (given_D1) D1 = cs_clo.D1;
   if (given_LL) LL = cs_clo.LL;

   cs_min_line_size = (Int)I1.line_size;
   if ((Int)D1.line_size < cs_min_line_size) cs_min_line_size = (Int)D1.line_size;
   if ((Int)LL.line_size < cs_min_line_size) cs_min_line_size = (Int)LL.line_size;
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
      VG_(umsg)("  I1: %lu B, %lu-way, %lu B lines\n", I1.size, I1.assoc, I1.line_size);
      VG_(umsg)("  D1: %lu B, %lu-way, %lu B lines\n", D1.size, D1.assoc, D1.line_size);
      VG_(umsg)("  LL: %lu B, %lu-way, %lu B lines\n", LL.size, LL.assoc, LL.line_size);
   }

   if (cs_clo.cache_sim) {
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
   if (cs_clo.cache_sim) {
      cs_cache_flush(&cs_I1);
      cs_cache_flush(&cs_D1);
      cs_cache_flush(&cs_LL);
   }
   cs_bpred_init(cs_bpred, cs_bpred->addr_shift);
}
