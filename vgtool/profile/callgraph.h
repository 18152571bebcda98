/* profile/callgraph.h - callers, callees, inclusive costs and exact call
 * stacks (profile/callgraph.c).
 *
 * Calls are seen at function entry points (so calls that VEX chased into
 * the middle of a superblock are seen too) and returns by the stack
 * pointer rising above a frame's entry value, checked at the end of every
 * superblock that ends in a return or a computed jump, and after signal
 * handlers (so longjmp, exceptions and tail calls unwind correctly).
 * Inclusive costs are differences of running totals (cs_running,
 * runtime.h).  The functions the generated code calls are in runtime.h. */
#ifndef CS_PROFILE_CALLGRAPH_H
#define CS_PROFILE_CALLGRAPH_H

#include "pub_tool_basics.h"
#include "profile/costs.h"

typedef struct CsArc {
   struct CsArc* next;        /* the caller's list */
   CsFn* callee;
   const CsCC* site;          /* the call instruction's cost centre, or NULL */
   ULong calls;
   ULong incl[CS_N_EVENTS];
   ULong xincl[];             /* the extra events', cs_n_xev (runtime.h) */
} CsArc;

void cs_calls_init(void);
/* Move cs_running_packed into cs_running. */
void cs_calls_fold(void);
/* Is a time slice short enough for the packed running totals? */
Bool cs_running_can_pack(void);
/* At translation: a function entry (the generated code passes its id to
 * cs_calls_enter), and a call instruction whose return address is ret. */
void cs_calls_note_fn(CsFn* fn);
void cs_calls_note_call(Addr ret, const CsCC* site);
/* A thread's time slice begins. */
void cs_calls_thread_starts(ThreadId tid);
/* Bring active frames' inclusive costs up to date (before a dump). */
void cs_calls_settle(void);
void cs_calls_zero(void);
/* At the end of the run, before the last profile is written: no call
 * comes any more, so the table of return addresses gives its memory to
 * the writing (which peaks the run's memory). */
void cs_calls_finish(void);
/* An arc's inclusive costs as a full vector (profile/event_set.h). */
void cs_arc_full(const CsArc* a, ULong full[CS_MAX_EVENTS]);
/* Visit the calling contexts of the current part as a tree, parents
 * before their children, depth first: the contexts are numbered 1, 2, ...
 * in the order visited, and each visit gives its parent's number (0 at the
 * top), its function (NULL for code run outside any function) and its
 * self costs, a full vector.  Contexts that differ only by the call sites
 * that reached them are one, and so are the threads' identical contexts;
 * contexts whose subtree cost nothing are left out. */
typedef void (*CsContextVisitor)(UInt parent, const CsFn* fn,
                                 const ULong self[CS_MAX_EVENTS], void* ctx);
void cs_calls_foreach_context(CsContextVisitor visit, void* ctx);

#endif
