/* cpu.c - the CPU description a run simulates.
 *
 * --cpu names a preset (model/presets.c) or a description file, read here
 * with the core's file calls and parsed by the model's plain-C parser
 * (model/cpu_desc.h).  Without --cpu, or with --cpu=cachegrind, it is
 * Cachegrind's model of the geometries caches.c decided (the host's or
 * --I1/--D1/--LL).  Then the per-cache options apply on top: geometries,
 * an L2, policies and inclusions.  Anything that cannot be simulated ends
 * the run before the program starts, with a message in the style of
 * Valgrind's bad-option messages. */
#include "cpu.h"
#include "options.h"
#include "model/presets.h"
#include "pub_tool_libcassert.h"
#include "pub_tool_libcbase.h"
#include "pub_tool_libcfile.h"
#include "pub_tool_libcprint.h"
#include "pub_tool_mallocfree.h"
#include "pub_tool_options.h"
#include "pub_tool_vki.h"

cs_cpu_t cs_cpu;

/* The description cannot be used: say why, as the core says of a bad
 * option (whose own function only warns once the options are read), and
 * end the run before the program starts. */
static void PRINTF_CHECK(2, 3) bad_model(const HChar* opt, const HChar* format, ...)
{
   va_list vargs;
   va_start(vargs, format);
   VG_(message)(Vg_FailMsg, "Bad option: %s\n", opt);
   VG_(vmessage)(Vg_FailMsg, format, vargs);
   VG_(message)(Vg_FailMsg, "Use --help for more information or consult the user manual.\n");
   va_end(vargs);
   VG_(exit)(1);
}

/* A description is a few lines; anything this large is something else. */
#define MAX_DESCRIPTION_BYTES (1 << 20)

Bool cs_cpu_is_cachegrind_preset(void)
{
   return cs_clo.cpu == NULL || VG_(strcmp)(cs_clo.cpu, "cachegrind") == 0;
}

/* The option that --cpu was given as, for messages. */
static const HChar* cpu_option(void)
{
   static HChar opt[256];
   VG_(snprintf)(opt, sizeof opt, "--cpu=%s", cs_clo.cpu);
   return opt;
}

static const HChar* errno_text(Int err)
{
   switch (err) {
   case VKI_EACCES: return "permission denied";
   case VKI_ENOENT: return "no such file or directory";
   case VKI_EISDIR: return "it is a directory";
   case VKI_ENOTDIR: return "a path component is not a directory";
   default: return "cannot read it";
   }
}

/* The list of presets, for messages: "cachegrind, skylake, ...". */
static const HChar* preset_list(void)
{
   static HChar list[256];
   unsigned n, i;
   const cs_cpu_preset_t* p = cs_cpu_presets(&n);
   list[0] = '\0';
   for (i = 0; i < n; i++) {
      if (i > 0)
         VG_(strncat)(list, ", ", sizeof list - VG_(strlen)(list) - 1);
      VG_(strncat)(list, p[i].name, sizeof list - VG_(strlen)(list) - 1);
   }
   return list;
}

/* Read the description file cs_clo.cpu whole; exits when it cannot. */
static HChar* read_description(SizeT* len_out)
{
   const HChar* path = cs_clo.cpu;
   SysRes sr = VG_(open)(path, VKI_O_RDONLY, 0);
   SizeT len = 0, cap = 4096;
   HChar* buf;
   Int fd;

   if (sr_isError(sr)) {
      if (sr_Err(sr) == VKI_ENOENT && VG_(strchr)(path, '/') == NULL)
         bad_model(cpu_option(), "no preset '%s' (the presets are %s) and no file "
                              "of that name\n", path, preset_list());
      bad_model(cpu_option(), "%s: %s\n", path, errno_text((Int)sr_Err(sr)));
   }
   fd = (Int)sr_Res(sr);
   buf = VG_(malloc)("cs.cpu.file", cap);
   for (;;) {
      Int n;
      if (len == cap) {
         if (cap >= MAX_DESCRIPTION_BYTES) {
            VG_(close)(fd);
            bad_model(cpu_option(), "%s: larger than 1 MB: not a CPU description\n",
                                 path);
         }
         cap *= 2;
         buf = VG_(realloc)("cs.cpu.file", buf, cap);
      }
      n = VG_(read)(fd, buf + len, (Int)(cap - len));
      if (n < 0) {
         VG_(close)(fd);
         bad_model(cpu_option(), "%s: %s\n", path, errno_text(-n));
      }
      if (n == 0)
         break;
      len += (SizeT)n;
   }
   VG_(close)(fd);
   *len_out = len;
   return buf;
}

/* The --cpu description (not Cachegrind's): a preset, else a file. */
static void load_description(cs_cpu_t* cpu)
{
   const cs_cpu_preset_t* preset = cs_cpu_preset_find(cs_clo.cpu);
   cs_cpu_error_t err;

   if (preset != NULL) {
      if (cs_cpu_preset_load(preset, cpu, &err) != 0)
         bad_model(cpu_option(), "the preset does not parse: %s\n", err.message);
   } else {
      SizeT len;
      HChar* text = read_description(&len);
      if (cs_cpu_parse(cpu, text, len, cs_clo.cpu, &err) != 0)
         bad_model(cpu_option(), "%s\n", err.message);
      VG_(free)(text);
   }
}

/* The options to blame for a description that cannot be simulated. */
static const HChar* blamed_option(void)
{
   return cs_clo.model_options[0] != '\0' ? cs_clo.model_options : "--I1/--D1/--LL";
}

/* --L2-policy or --L2-inclusion without an L2. */
static void need_l2(const cs_cpu_t* cpu, const HChar* opt)
{
   if (!cpu->cache[CS_CPU_L2].present)
      bad_model(opt, "there is no L2 to apply it to: add one with "
                           "--L2=<size>,<assoc>,<line_size> or choose a --cpu that has one\n");
}

static void apply_options(cs_cpu_t* cpu, Bool cachegrind)
{
   cs_cpu_cache_t* c = cpu->cache;
   UInt i;

   if (!cachegrind) {
      if (cs_clo.I1.size != 0) c[CS_CPU_I1].geom = cs_clo.I1;
      if (cs_clo.D1.size != 0) c[CS_CPU_D1].geom = cs_clo.D1;
      if (cs_clo.LL.size != 0) c[CS_CPU_LL].geom = cs_clo.LL;
   }
   if (cs_clo.L2.size != 0) {
      if (!c[CS_CPU_L2].present) {
         /* A new L2: LRU, non-inclusive, and for the cycle estimate a
          * latency half-way between L1's and LL's (a description file
          * gives a real one). */
         UInt l1 = c[CS_CPU_I1].latency > c[CS_CPU_D1].latency ? c[CS_CPU_I1].latency
                                                               : c[CS_CPU_D1].latency;
         VG_(memset)(&c[CS_CPU_L2], 0, sizeof c[CS_CPU_L2]);
         c[CS_CPU_L2].present = 1;
         c[CS_CPU_L2].latency = (l1 + c[CS_CPU_LL].latency) / 2;
      }
      c[CS_CPU_L2].geom = cs_clo.L2;
   }
   for (i = 0; i < CS_CPU_NCACHES; i++) {
      if (cs_clo.policy_given[i]) {
         if (i == CS_CPU_L2)
            need_l2(cpu, "--L2-policy");
         c[i].policy = cs_clo.policy[i];
      }
      if (cs_clo.prefetcher_given[i]) {
         if (i == CS_CPU_L2 && cs_clo.prefetcher[i].kinds != 0)
            need_l2(cpu, "--L2-prefetcher");
         c[i].prefetcher = cs_clo.prefetcher[i];
      }
      if (cs_clo.inclusion[i] >= 0) {
         if (i == CS_CPU_L2)
            need_l2(cpu, "--L2-inclusion");
         c[i].inclusion = (unsigned char)cs_clo.inclusion[i];
      }
   }
   /* Cachegrind's start state and its rule for accesses over two lines
    * hold only for its independent levels: an inclusion or a prefetcher
    * makes the model the general one. */
   if (cpu->cachegrind_quirks
       && (c[CS_CPU_LL].inclusion != CS_CPU_NON_INCLUSIVE
           || (c[CS_CPU_L2].present && c[CS_CPU_L2].inclusion != CS_CPU_NON_INCLUSIVE)
           || c[CS_CPU_D1].prefetcher.kinds != 0 || c[CS_CPU_L2].prefetcher.kinds != 0
           || c[CS_CPU_LL].prefetcher.kinds != 0))
      cpu->cachegrind_quirks = 0;
}

/* Is the description Cachegrind's model exactly? */
static Bool is_cachegrind_model(const cs_cpu_t* cpu)
{
   UInt i;
   if (!cpu->cachegrind_quirks || cpu->writeback || cpu->cache[CS_CPU_L2].present
       || cs_clo.classify_misses)
      return False;
   for (i = 0; i < CS_CPU_NCACHES; i++)
      if (cpu->cache[i].present && (cpu->cache[i].policy.kind != CS_POLICY_LRU
                                    || cpu->cache[i].inclusion != CS_CPU_NON_INCLUSIVE
                                    || cpu->cache[i].prefetcher.kinds != 0))
         return False;
   return True;
}

Bool cs_cpu_choose(const cs_geometry_t* I1, const cs_geometry_t* D1, const cs_geometry_t* LL)
{
   Bool cachegrind = cs_cpu_is_cachegrind_preset();
   HChar msg[256];

   if (cachegrind)
      cs_cpu_cachegrind(&cs_cpu, I1, D1, LL);
   else
      load_description(&cs_cpu);
   apply_options(&cs_cpu, cachegrind);
   if (cs_cpu_check(&cs_cpu, msg, sizeof msg) != 0)
      bad_model(blamed_option(), "the CPU model cannot be simulated: %s\n", msg);
   return is_cachegrind_model(&cs_cpu);
}

/* cs_cpu_print of cpu into a buffer of the core's heap (freed by the
 * caller). */
static HChar* printed(const cs_cpu_t* cpu)
{
   unsigned long len = cs_cpu_print(cpu, NULL, 0);
   HChar* text = VG_(malloc)("cs.cpu.print", len + 1);
   cs_cpu_print(cpu, text, len + 1);
   return text;
}

/* Append c to buf (room for len bytes with the NUL). */
static void put(HChar* buf, SizeT len, SizeT* n, HChar c)
{
   if (*n + 1 < len)
      buf[(*n)++] = c;
}

void cs_cpu_one_line(HChar* buf, SizeT len)
{
   HChar* text = printed(&cs_cpu);
   const HChar* line = text;
   SizeT n = 0;

   while (*line) {
      const HChar* end = VG_(strchr)(line, '\n');
      const HChar* s = line;
      Bool continues = *s == ' ' || *s == '\t';
      if (end == NULL)
         end = line + VG_(strlen)(line);
      while (s < end && (*s == ' ' || *s == '\t'))
         s++;
      if (s < end && *s != '#') {
         if (n > 0) {
            if (!continues)
               put(buf, len, &n, ';');
            put(buf, len, &n, ' ');
         }
         /* the line, runs of blanks as one */
         for (; s < end; s++) {
            Bool blank = *s == ' ' || *s == '\t';
            if (blank && (s[1] == ' ' || s[1] == '\t' || s + 1 == end))
               continue;
            put(buf, len, &n, blank ? ' ' : *s);
         }
      }
      line = *end ? end + 1 : end;
   }
   buf[n] = '\0';
   VG_(free)(text);
}

void cs_cpu_fingerprint(HChar* buf, SizeT len)
{
   cs_cpu_t model = cs_cpu;
   HChar* text;
   const HChar* s;
   UInt h = 2166136261u;          /* FNV-1a */

   model.name[0] = '\0';
   model.title[0] = '\0';
   text = printed(&model);
   for (s = text; *s; s++)
      h = (h ^ (UChar)*s) * 16777619u;
   VG_(free)(text);
   VG_(snprintf)(buf, len, "%s:%08x", cs_cpu.name[0] ? cs_cpu.name : "unnamed", h);
}
