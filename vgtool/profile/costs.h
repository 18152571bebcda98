/* profile/costs.h - functions, cost centres and the per-superblock run
 * counters (profile/costs.c).  The cost centre itself, which the generated
 * code adds to, is in runtime.h. */
#ifndef CS_PROFILE_COSTS_H
#define CS_PROFILE_COSTS_H

#include "pub_tool_basics.h"
#include "pub_tool_tooliface.h"
#include "runtime.h"

struct CsArc;
typedef struct CsFn {
   struct CsFn* next;         /* hash chain */
   UInt id;                   /* 0, 1, 2, ... in order of discovery */
   struct CsArc* arcs;        /* calls made by this function (profile/callgraph.h) */
   Addr entry_addr;           /* first instruction, once seen as an entry */
   UInt entry_line;
   const HChar* obj;          /* object file, "???" if unknown */
   const HChar* name;         /* function, "???" if unknown */
   const HChar* file;         /* the function's own source file */
} CsFn;

/* Functions seen so far (their ids are 0 .. cs_fn_count - 1). */
extern UInt cs_fn_count;

/* What one run of a stretch of code adds to one counter. */
typedef struct {
   ULong* counter;
   ULong n;
} CsCount;

/* A translated superblock.  Its stretches (the code between side exits)
 * each have a run counter that the generated code increments; the
 * constant counts of a run are added to the cost centres only when they
 * are needed (cs_costs_fold), which saves an add per cost centre and
 * event on every run.  The record is followed by its stretches' ends and
 * counts (see profile/costs.c): one per translation, so it is kept small. */
typedef struct CsSB {
   struct CsSB* next;
   Addr base;                 /* guest address the translation starts at */
   ULong* runs;               /* n_stretches run counters */
   UInt n_stretches;
   Bool narrow;               /* counts as 32-bit addresses (see profile/costs.c) */
} CsSB;

void cs_costs_init(void);
/* The cost centre for the instruction at guest address a (debug info is
 * looked up now, at translation time). */
CsCC* cs_cc_for_instr(Addr a);
/* Is a the first instruction of a function?  Then its CsFn, else NULL. */
CsFn* cs_fn_if_entry(Addr a);
/* A superblock record with zeroed run counters: stretch k's counts end at
 * counts[ends[k]] (n_counts in all). */
CsSB* cs_sb_new(Addr base, UInt n_stretches, const UInt* ends, UInt n_counts,
                const CsCount* counts);
/* Add what every stretch has run so far to the cost centres. */
void cs_costs_fold(void);
void cs_sb_discard(Addr orig_addr, VexGuestExtents vge);

/* Visit every cost centre, ordered by object, function, file and line. */
typedef void (*CsCCVisitor)(const CsCC* cc, void* ctx);
void cs_costs_foreach_sorted(CsCCVisitor visit, void* ctx);
/* The run's totals as a full vector (profile/event_set.h). */
void cs_costs_totals(ULong totals[CS_MAX_EVENTS]);
void cs_costs_zero(void);

#endif
