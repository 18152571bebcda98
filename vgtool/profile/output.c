/* profile/output.c - writing the profile in the callgrind format.
 *
 * The file is what KCachegrind and callgrind_annotate read: a header
 * (creator, pid, cmd, cache descriptions, positions, events, summary), then
 * cost lines grouped by object (ob=), function (fl=, fn=) and inlined file
 * (fi=/fe=), with names compressed to "(id)" after first use in each part,
 * and totals.  No line's meaning depends on state that readers keep
 * differently (see "The body").
 *
 * Its second line promises its last, "# end of profile", which the writer
 * writes after everything else: a reader (csann) knows a file without it
 * was cut short.  Where the file goes and how it gets there (temporary
 * files, symlinks, devices): profile/outfile.c. */
#include "profile/output.h"
#include "cpu.h"
#include "det/mode.h"
#include "options.h"
#include "profile/callgraph.h"
#include "profile/costs.h"
#include "profile/event_set.h"
#include "profile/outfile.h"
#include "runtime.h"
#include "pub_tool_clientstate.h"
#include "pub_tool_libcbase.h"
#include "pub_tool_libcfile.h"
#include "pub_tool_libcprint.h"
#include "pub_tool_libcproc.h"
#include "pub_tool_mallocfree.h"
#include "pub_tool_options.h"
#include "pub_tool_xarray.h"
#include "pub_tool_vki.h"

/* ---- Buffered output that remembers the first error. ---- */
typedef struct {
   Int fd;              /* -1: collect the text in mem instead */
   Int error;           /* first errno seen, 0 if none */
   Int used;
   HChar* mem;          /* with fd == -1: everything flushed so far */
   SizeT mem_len, mem_cap;
   HChar buf[32768];
} Out;

static void out_flush(Out* o)
{
   Int done = 0;
   if (o->fd < 0) {
      if (o->mem_len + o->used > o->mem_cap) {
         o->mem_cap = 2 * (o->mem_len + o->used);
         o->mem = VG_(realloc)("cs.out.parts", o->mem, o->mem_cap);
      }
      VG_(memcpy)(o->mem + o->mem_len, o->buf, o->used);
      o->mem_len += o->used;
      o->used = 0;
      return;
   }
   while (done < o->used && o->error == 0) {
      Int n = VG_(write)(o->fd, o->buf + done, o->used - done);
      if (n <= 0)
         o->error = n < 0 ? -n : VKI_ENOSPC;
      else
         done += n;
   }
   o->used = 0;
}

static void out_bytes(Out* o, const HChar* s, Int len)
{
   if (len <= 16 && o->used + len <= (Int)sizeof o->buf) {
      /* Most are a few bytes ("# ctx: ", " "): not worth a call. */
      Int i;
      for (i = 0; i < len; i++)
         o->buf[o->used + i] = s[i];
      o->used += len;
      return;
   }
   while (len > 0) {
      Int room = (Int)sizeof o->buf - o->used;
      Int n = len < room ? len : room;
      VG_(memcpy)(o->buf + o->used, s, n);
      o->used += n;
      s += n;
      len -= n;
      if (o->used == (Int)sizeof o->buf)
         out_flush(o);
   }
}

static void out_str(Out* o, const HChar* s)
{
   out_bytes(o, s, (Int)VG_(strlen)(s));
}

static inline void out_char(Out* o, HChar c)
{
   if (o->used == (Int)sizeof o->buf)
      out_flush(o);
   o->buf[o->used++] = c;
}

/* Straight into the buffer: a profile with the call graph is mostly
 * numbers (14 MB of them for GCC's cc1). */
static void out_ulong(Out* o, ULong v)
{
   HChar rev[24];
   Int n = 0, i;
   do {
      rev[n++] = (HChar)('0' + v % 10);
      v /= 10;
   } while (v);
   if (o->used + n > (Int)sizeof o->buf)
      out_flush(o);
   for (i = 0; i < n; i++)
      o->buf[o->used + i] = rev[n - 1 - i];
   o->used += n;
}

static void out_hex(Out* o, ULong v)
{
   HChar rev[20];
   HChar d[20];
   Int n = 0;
   do {
      rev[n++] = "0123456789abcdef"[v & 15];
      v >>= 4;
   } while (v);
   for (Int i = 0; i < n; i++)
      d[i] = rev[n - 1 - i];
   out_str(o, "0x");
   out_bytes(o, d, n);
}

/* Names go on one line: escape what would break it. */
static void out_escaped(Out* o, const HChar* s)
{
   for (; *s; s++) {
      if (*s == '\n')
         out_str(o, "\\n");
      else if (*s == '\\')
         out_str(o, "\\\\");
      else
         out_bytes(o, s, 1);
   }
}

/* ---- The events written (profile/event_set.h) ---- */

/* Does a full cost vector have any written event that is not zero? */
static Bool any_cost(const ULong full[CS_MAX_EVENTS])
{
   UInt k;
   for (k = 0; k < cs_written_events(); k++)
      if (full[cs_written_slot(k)] != 0)
         return True;
   return False;
}

/* The written events of a full cost vector, in the profile's order. */
static void out_costs(Out* o, const ULong full[CS_MAX_EVENTS])
{
   UInt k, n = cs_written_events(), last = 0;
   for (k = 0; k < n; k++)
      if (full[cs_written_slot(k)] != 0)
         last = k;
   /* Trailing zeros are left out: readers take missing costs as 0. */
   for (k = 0; k <= last; k++) {
      out_char(o, ' ');
      out_ulong(o, full[cs_written_slot(k)]);
   }
}

/* ---- Name compression: "(id) name" the first time, "(id)" after. ----
 * A key is an interned name (objects, files) or a CsFn (functions: one id
 * per object and name, because KCachegrind binds an id to the object and
 * file in force where it was defined, so one id for "_init" in two objects
 * would put both under the first).  Ids are numbered once for the whole
 * file, but each part defines again the names it uses: KCachegrind forgets
 * the ids at every part, other readers keep them, and a repeated definition
 * with the same name is valid for both.  An open-addressing table maps a
 * key to its id. */
typedef struct {
   const void** keys;     /* hash slots, NULL = empty */
   UInt* ids;
   UInt* part;            /* the part whose text last defined the id */
   UInt n, cap;           /* ids given; slots (a power of two) */
} IdSpace;

static UInt this_part;    /* the part being written */

static UWord slot_of(const IdSpace* s, const void* key)
{
   return (((UWord)key >> 3) * 0x9E3779B1u) & (s->cap - 1);
}

static void space_grow(IdSpace* s)
{
   IdSpace bigger = { NULL, NULL, NULL, s->n, s->cap ? s->cap * 2 : 1024 };
   UInt i;
   bigger.keys = VG_(calloc)("cs.out.ids", bigger.cap, sizeof(void*));
   bigger.ids = VG_(calloc)("cs.out.ids", bigger.cap, sizeof(UInt));
   bigger.part = VG_(calloc)("cs.out.ids", bigger.cap, sizeof(UInt));
   for (i = 0; i < s->cap; i++) {
      if (s->keys[i]) {
         UWord j = slot_of(&bigger, s->keys[i]);
         while (bigger.keys[j])
            j = (j + 1) & (bigger.cap - 1);
         bigger.keys[j] = s->keys[i];
         bigger.ids[j] = s->ids[i];
         bigger.part[j] = s->part[i];
      }
   }
   VG_(free)(s->keys);
   VG_(free)(s->ids);
   VG_(free)(s->part);
   *s = bigger;
}

static void space_ref(Out* o, IdSpace* s, const void* key, const HChar* name)
{
   UWord j;
   if (2 * (s->n + 1) > s->cap)
      space_grow(s);
   for (j = slot_of(s, key); s->keys[j]; j = (j + 1) & (s->cap - 1))
      if (s->keys[j] == key)
         break;
   if (!s->keys[j]) {
      s->keys[j] = key;
      s->ids[j] = ++s->n;
   }
   out_str(o, "(");
   out_ulong(o, s->ids[j]);
   out_str(o, ")");
   if (s->part[j] != this_part) {
      s->part[j] = this_part;
      out_str(o, " ");
      out_escaped(o, name);
   }
}

static void ref_name(Out* o, IdSpace* s, const HChar* name)
{
   space_ref(o, s, name, name);
}


/* ---- The body ----
 * Readers keep state between lines, and they do not all keep the same:
 * callgrind_annotate leaves the fi=/fe= file in force across fn=, where
 * KCachegrind and csann go back to the last fl=; KCachegrind forgets names
 * and positions at each part, callgrind_annotate and csann do not.  So the
 * body never leans on any of that, as Callgrind's writer does not:
 *   - a function starts with fl= whenever the file in force is not its own,
 *     and its first position is absolute;
 *   - each call's cost line comes after the fi=/fe= of the call site's file,
 *     and every call names its callee's file (cfi=);
 *   - call lines are absolute, and so is the first line after them;
 *   - each part starts again with ob=, fl=, fn= and defines its names. */
static IdSpace objs, files, fns;

typedef struct {
   Out* o;
   const CsFn* fn;        /* function of the previous cost line */
   const HChar* obj;      /* last ob= written */
   const HChar* fl;       /* last fl= written */
   const HChar* file;     /* file the cost lines are in now (fl=, fi=, fe=) */
   UInt line;             /* previous cost line's line, 0 = none */
   Addr addr;             /* previous cost line's address, 0 = none */
} Body;

/* A position: "addr line" or "line", absolute. */
static void out_position(Out* o, Addr addr, UInt line)
{
   if (cs_clo.dump_instr) {
      out_hex(o, addr);
      out_str(o, " ");
   }
   out_ulong(o, line);
}

/* Make file the one in force inside fn: fe= back to fn's own, fi= another. */
static void switch_file(Body* b, const CsFn* fn, const HChar* file)
{
   if (file == b->file)
      return;
   out_str(b->o, file == fn->file ? "fe=" : "fi=");
   ref_name(b->o, &files, file);
   out_str(b->o, "\n");
   b->file = file;
}

/* The calls fn made: the call site's file, cob=/cfi=/cfn=,
 * calls=COUNT TARGET, then the call site with the inclusive costs of
 * those calls. */
static void write_arcs(Body* b, const CsFn* fn)
{
   Out* o = b->o;
   const CsArc* a;
   ULong incl[CS_MAX_EVENTS];

   for (a = fn->arcs; a; a = a->next) {
      cs_arc_full(a, incl);
      if (a->calls == 0 && !any_cost(incl))
         continue;
      switch_file(b, fn, a->site ? a->site->file : fn->file);
      if (a->callee->obj != b->obj) {
         out_str(o, "cob=");
         ref_name(o, &objs, a->callee->obj);
         out_str(o, "\n");
      }
      out_str(o, "cfi=");
      ref_name(o, &files, a->callee->file);
      out_str(o, "\ncfn=");
      space_ref(o, &fns, a->callee, a->callee->name);
      out_str(o, "\ncalls=");
      out_ulong(o, a->calls);
      out_str(o, " ");
      out_position(o, a->callee->entry_addr, a->callee->entry_line);
      out_str(o, "\n");
      out_position(o, a->site ? a->site->addr : fn->entry_addr, a->site ? a->site->line : 0);
      out_costs(o, incl);
      out_str(o, "\n");
   }
   /* Positions after this are written in full. */
   b->line = 0;
   b->addr = 0;
}

static void write_cc(const CsCC* cc, void* ctx)
{
   Body* b = ctx;
   Out* o = b->o;
   ULong full[CS_MAX_EVENTS];

   cs_cc_full(cc, full);
   if (!any_cost(full))
      return;                /* translated but never run (or not counted) */

   if (cc->fn != b->fn) {
      if (b->fn)
         write_arcs(b, b->fn);
      if (cc->fn->obj != b->obj) {
         out_str(o, "\nob=");
         ref_name(o, &objs, cc->fn->obj);
         b->obj = cc->fn->obj;
      }
      /* Also when only an fi=/fe= left another file in force. */
      if (cc->fn->file != b->fl || cc->fn->file != b->file) {
         out_str(o, "\nfl=");
         ref_name(o, &files, cc->fn->file);
         b->fl = cc->fn->file;
      }
      out_str(o, "\nfn=");
      space_ref(o, &fns, cc->fn, cc->fn->name);
      out_str(o, "\n");
      b->fn = cc->fn;
      b->file = cc->fn->file;
      b->line = 0;
      b->addr = 0;
   }
   switch_file(b, cc->fn, cc->file);
   if (cs_clo.dump_instr) {
      if (b->addr != 0 && cc->addr >= b->addr && cc->addr - b->addr < 4096) {
         out_str(o, cc->addr == b->addr ? "*" : "+");
         if (cc->addr != b->addr)
            out_ulong(o, cc->addr - b->addr);
      } else {
         out_hex(o, cc->addr);
      }
      b->addr = cc->addr;
      out_str(o, " ");
   }
   if (b->line != 0 && cc->line == b->line) {
      out_str(o, "*");
   } else if (b->line != 0 && cc->line > b->line && cc->line - b->line < 1000) {
      out_str(o, "+");
      out_ulong(o, cc->line - b->line);
   } else if (b->line != 0 && cc->line < b->line && b->line - cc->line < 1000 && cc->line != 0) {
      out_str(o, "-");
      out_ulong(o, b->line - cc->line);
   } else {
      out_ulong(o, cc->line);
   }
   b->line = cc->line;
   out_costs(o, full);
   out_str(o, "\n");
}

/* The last line of a complete file, promised in its second (as csann's
 * writer does, annotate/lib/profile_writer.h). */
#define LAST_LINE "# end of profile"
#define LAST_LINE_PROMISE "# last line: " LAST_LINE

/* The start of the file: what every part shares. */
static void write_file_header(Out* o)
{
   Word i, n_args;
   Int cmd_len;
   const HChar* exe = VG_(args_the_exename) ? VG_(args_the_exename) : "???";

   out_str(o, "# callgrind format\n" LAST_LINE_PROMISE "\n");
   out_str(o, "version: 1\ncreator: cachesim-" CACHESIM_VERSION "\n");
   out_str(o, "pid: ");
   out_ulong(o, (ULong)VG_(getpid)());
   /* KCachegrind looks for "events:" in the first 2 KB: keep cmd short. */
   out_str(o, "\ncmd: ");
   out_escaped(o, exe);
   cmd_len = (Int)VG_(strlen)(exe);
   n_args = VG_(args_for_client) ? VG_(sizeXA)(VG_(args_for_client)) : 0;
   for (i = 0; i < n_args; i++) {
      const HChar* arg = *(HChar**)VG_(indexXA)(VG_(args_for_client), i);
      cmd_len += 1 + (Int)VG_(strlen)(arg);
      if (cmd_len > 1200) {
         out_str(o, " ...");
         break;
      }
      out_str(o, " ");
      out_escaped(o, arg);
   }
   out_str(o, "\n");
}

/* The client's environment, as the core set it up (not in the tool API). */
extern HChar** VG_(client_envp);

static ULong env_bytes(void)
{
   ULong n = 0;
   HChar** e;
   for (e = VG_(client_envp); e && *e; e++)
      n += VG_(strlen)(*e) + 1;
   return n;
}

static ULong argv_bytes(void)
{
   ULong n = VG_(args_the_exename) ? VG_(strlen)(VG_(args_the_exename)) + 1 : 0;
   Word i, n_args = VG_(args_for_client) ? VG_(sizeXA)(VG_(args_for_client)) : 0;
   for (i = 0; i < n_args; i++)
      n += VG_(strlen)(*(HChar**)VG_(indexXA)(VG_(args_for_client), i)) + 1;
   return n;
}

static void out_geometry(Out* o, const HChar* name, const cs_geometry_t* g)
{
   out_str(o, " ");
   out_str(o, name);
   out_str(o, "=");
   out_ulong(o, g->size);
   out_str(o, ",");
   out_ulong(o, g->assoc);
   out_str(o, ",");
   out_ulong(o, g->line_size);
}

/* What a CI baseline must share with a new run for the counts to be
 * comparable: one line of key=value pairs. */
static void write_fingerprint(Out* o)
{
   out_str(o, "desc: Fingerprint: tool=cachesim-" CACHESIM_VERSION
              " valgrind=" CS_VALGRIND_VERSION);
   out_geometry(o, "I1", &cs_I1.geom);
   out_geometry(o, "D1", &cs_D1.geom);
   if (cs_cpu.cache[CS_CPU_L2].present)
      out_geometry(o, "L2", &cs_cpu.cache[CS_CPU_L2].geom);
   out_geometry(o, "LL", &cs_LL.geom);
   /* Any other model than Cachegrind's: which (its geometries above do
    * not say it all).  Cachegrind's is told by its geometries alone, as
    * before there were others, so that older baselines still compare. */
   if (cs_hier_on) {
      HChar cpu[CS_CPU_NAME_MAX + 16];
      cs_cpu_fingerprint(cpu, sizeof cpu);
      out_str(o, " cpu=");
      out_str(o, cpu);
   }
   out_str(o, cs_clo.cache_sim ? " cache-sim=yes" : " cache-sim=no");
   out_str(o, cs_clo.branch_sim ? " branch-sim=yes" : " branch-sim=no");
   out_str(o, " env-bytes=");
   out_ulong(o, env_bytes());
   out_str(o, " argv-bytes=");
   out_ulong(o, argv_bytes());
   out_str(o, cs_clo.instr_atstart ? " instr-atstart=yes" : " instr-atstart=no");
   out_str(o, cs_clo.collect_atstart ? " collect-atstart=yes" : " collect-atstart=no");
   out_str(o, " ");
   out_str(o, cs_det_fingerprint());
   out_str(o, "\n");
}

/* The events' long names, the cycle estimate as a derived event that
 * KCachegrind and csann evaluate, and the events recorded. */
static void write_events(Out* o)
{
   UInt k;
   for (k = 0; k < cs_written_events(); k++) {
      out_str(o, "event: ");
      out_str(o, cs_written_name(k));
      out_str(o, " : ");
      out_str(o, cs_written_long_name(k));
      out_str(o, "\n");
   }
   /* Its terms are cache misses, so only with the caches simulated. */
   if (cs_clo.cache_sim) {
      HChar cest[512];
      cs_cpu_cest_event(&cs_cpu, cs_clo.branch_sim, cest, sizeof cest);
      out_str(o, cest);
      out_str(o, "\n");
   }
   out_str(o, "events:");
   for (k = 0; k < cs_written_events(); k++) {
      out_str(o, " ");
      out_str(o, cs_written_name(k));
   }
}

static void write_part_header(Out* o, UInt part, const HChar* trigger,
                              const ULong totals[CS_MAX_EVENTS])
{
   HChar desc[96];

   out_str(o, "\npart: ");
   out_ulong(o, part);
   out_str(o, "\n\ndesc: I1 cache: ");
   cs_geometry_describe(&cs_I1.geom, desc, sizeof desc);
   out_str(o, desc);
   cs_geometry_describe(&cs_D1.geom, desc, sizeof desc);
   out_str(o, "\ndesc: D1 cache: ");
   out_str(o, desc);
   if (cs_cpu.cache[CS_CPU_L2].present) {
      cs_geometry_describe(&cs_cpu.cache[CS_CPU_L2].geom, desc, sizeof desc);
      out_str(o, "\ndesc: L2 cache: ");
      out_str(o, desc);
   }
   cs_geometry_describe(&cs_LL.geom, desc, sizeof desc);
   out_str(o, "\ndesc: LL cache: ");
   out_str(o, desc);
   if (cs_hier_on) {
      HChar cpu[1024];
      cs_cpu_one_line(cpu, sizeof cpu);
      out_str(o, "\ndesc: CPU: ");
      out_escaped(o, cpu);
   }
   out_str(o, "\ndesc: Trigger: ");
   out_escaped(o, trigger);
   out_str(o, "\n");
   write_fingerprint(o);
   out_str(o, "\n");
   out_str(o, cs_clo.dump_instr ? "positions: instr line\n" : "positions: line\n");
   write_events(o);
   out_str(o, "\nsummary:");
   out_costs(o, totals);
   out_str(o, "\n");
}

/* ---- The calling contexts ----
 * After the body, as comment lines that other readers skip: the tree of
 * exact calling contexts (profile/callgraph.h), parents first, one line
 * per context,
 *   # ctx: UP FN C1 C2 ...
 * UP saying which context of the part the call was made in: the one UP
 * lines above (the tree is written depth first, so that is most often 1,
 * the line just above); 0 for a top-level context (a thread's outermost
 * function).  FN is a function number, C1 ... the context's self costs
 * (the part's events; trailing zeros left out, as on cost lines).  A
 * function number is defined by
 *   # ctxfn: FN NAME
 * before its first use in each part (numbers hold for the whole file, as
 * fn= ids do).  The stack of a context is its parent's stack and its
 * function; the self costs of all contexts add up to the totals. */
static IdSpace ctx_fns;
static const HChar no_function[] = "(no function)";
static UInt ctx_written;      /* "# ctx:" lines of this part so far */

static void write_context(UInt parent, const CsFn* fn, const ULong self[CS_MAX_EVENTS],
                          void* ctx)
{
   Out* o = ctx;
   const void* key = fn != NULL ? (const void*)fn : (const void*)no_function;
   UWord j;
   if (2 * (ctx_fns.n + 1) > ctx_fns.cap)
      space_grow(&ctx_fns);
   for (j = slot_of(&ctx_fns, key); ctx_fns.keys[j]; j = (j + 1) & (ctx_fns.cap - 1))
      if (ctx_fns.keys[j] == key)
         break;
   if (!ctx_fns.keys[j]) {
      ctx_fns.keys[j] = key;
      ctx_fns.ids[j] = ++ctx_fns.n;
   }
   if (ctx_fns.part[j] != this_part) {
      ctx_fns.part[j] = this_part;
      out_str(o, "# ctxfn: ");
      out_ulong(o, ctx_fns.ids[j]);
      out_str(o, " ");
      out_escaped(o, fn != NULL ? fn->name : no_function);
      out_str(o, "\n");
   }
   ctx_written++;
   out_str(o, "# ctx: ");
   out_ulong(o, parent != 0 ? ctx_written - parent : 0);
   out_str(o, " ");
   out_ulong(o, ctx_fns.ids[j]);
   out_costs(o, self);
   out_str(o, "\n");
}

/* Parts dumped before the end, kept in memory until the file is written
 * whole (the last part goes straight to the file). */
static Out* parts;
static UInt n_parts;
static ULong grand_total[CS_MAX_EVENTS];
static UInt part_stamp;    /* parts written by this process, in any file */

/* Write the counts since the last part, whose totals are given, as the
 * next part, and zero them. */
static void write_part(Out* o, const HChar* trigger, const ULong totals[CS_MAX_EVENTS])
{
   Body b;

   VG_(memset)(&b, 0, sizeof b);
   b.o = o;
   if (cs_clo.call_graph)
      cs_calls_settle();
   write_part_header(o, ++n_parts, trigger, totals);
   /* Names are defined again in each part, also when a later file (after
    * a fork, or a failed exec) starts its parts from 1 again. */
   this_part = ++part_stamp;
   cs_costs_foreach_sorted(write_cc, &b);
   if (b.fn)
      write_arcs(&b, b.fn);
   if (cs_clo.call_graph) {
      out_str(o, "\n# Calling contexts, parents first: \"# ctx: <lines up to the parent, 0: none> "
                 "<function> <self costs>\"; \"# ctxfn: <function> <name>\"\n");
      ctx_written = 0;
      cs_calls_foreach_context(write_context, o);
      cs_calls_zero();
   }
   out_str(o, "\ntotals:");
   out_costs(o, totals);
   out_str(o, "\n");
   out_flush(o);
}

static void append_part(const HChar* trigger)
{
   ULong totals[CS_MAX_EVENTS];
   Int e;
   if (parts == NULL) {
      parts = VG_(calloc)("cs.out.parts", 1, sizeof *parts);
      parts->fd = -1;
   }
   cs_costs_totals(totals);
   for (e = 0; e < CS_MAX_EVENTS; e++)
      grand_total[e] += totals[e];
   write_part(parts, trigger, totals);
}

void cs_dump_part(const HChar* label)
{
   HChar* trigger;
   SizeT len = label ? VG_(strlen)(label) : 0;

   if (len > 200)
      len = 200;            /* a label is a name, not a payload */
   trigger = VG_(malloc)("cs.out.trigger", len + 32);
   VG_(strcpy)(trigger, "Client Request");
   if (label) {
      VG_(strcat)(trigger, ": ");
      VG_(strncat)(trigger, label, len);
   }
   append_part(trigger);
   VG_(free)(trigger);
   cs_costs_zero();
}

/* Forget the parts kept for the file (a forked child's are its parent's). */
static void drop_parts(void)
{
   if (parts != NULL) {
      VG_(free)(parts->mem);
      VG_(free)(parts);
      parts = NULL;
   }
   n_parts = 0;
   VG_(memset)(grand_total, 0, sizeof grand_total);
}

/* The file name: the parts so far and the counts since, as a last part
 * labelled trigger.  grand_totals gets the sum of all parts, also when
 * the file cannot be written. */
static Bool write_file(const HChar* name, const HChar* trigger,
                       ULong grand_totals[CS_MAX_EVENTS])
{
   ULong last[CS_MAX_EVENTS];
   CsOutFile f;
   Out* o;
   Bool ok;
   Int e;

   cs_costs_totals(last);
   for (e = 0; e < CS_MAX_EVENTS; e++)
      grand_totals[e] = grand_total[e] + last[e];
   if (!cs_outfile_open(&f, name))
      return False;
   o = VG_(calloc)("cs.out.buf", 1, sizeof *o);
   o->fd = f.fd;
   write_file_header(o);
   if (parts != NULL)
      out_bytes(o, parts->mem, (Int)parts->mem_len);
   /* The last part straight into the file: at the end of the run, when
    * the tool's memory is at its peak, it is not held whole in memory. */
   write_part(o, trigger, last);
   out_str(o, "\n" LAST_LINE "\n");
   out_flush(o);
   ok = cs_outfile_close(&f, o->error);
   VG_(free)(o);
   return ok;
}

Bool cs_check_output_writable(void)
{
   HChar* name = cs_outfile_name(NULL);
   Bool ok = cs_outfile_check(name);
   VG_(free)(name);
   return ok;
}

Bool cs_write_profile(ULong grand_totals[CS_MAX_EVENTS])
{
   HChar* name = cs_outfile_name(NULL);
   Bool ok;
   if (cs_clo.call_graph)
      cs_calls_finish();
   ok = write_file(name, "Program termination", grand_totals);
   VG_(free)(name);
   drop_parts();
   return ok;
}

HChar* cs_write_profile_before_exec(const HChar* suffix, const HChar* program)
{
   SizeT len = VG_(strlen)(program) < 200 ? VG_(strlen)(program) : 200;
   HChar* trigger = VG_(malloc)("cs.out.trigger", len + 32);
   HChar* name = cs_outfile_name(suffix);
   ULong totals[CS_MAX_EVENTS];
   Bool ok;

   VG_(strcpy)(trigger, "Before exec of ");
   VG_(strncat)(trigger, program, len);
   ok = write_file(name, trigger, totals);
   VG_(free)(trigger);
   /* Written: should the exec fail after all, counting starts again. */
   drop_parts();
   cs_costs_zero();
   if (!ok) {
      VG_(free)(name);
      return NULL;
   }
   return name;
}

void cs_output_forked(void)
{
   drop_parts();
}
