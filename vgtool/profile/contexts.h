/* profile/contexts.h - the calling-context tree of the call graph
 * (profile/contexts.c): one context per distinct stack of functions and
 * call sites seen, with its calls and the exact inclusive cost of every
 * event of its activations.
 *
 * A context is a number (0: none); its function is a CsFn id and its call
 * site a number of profile/callgraph.c's.  The generated code never
 * reaches these: profile/callgraph.c finds and adds to contexts at calls
 * and returns, and walks them when a profile is written. */
#ifndef CS_PROFILE_CONTEXTS_H
#define CS_PROFILE_CONTEXTS_H

#include "pub_tool_basics.h"
#include "model/events.h"

/* The function of a thread's root context (code outside any function). */
#define CS_CTX_NO_FN 0xFFFFFFFFu

/* At start-up: every context counts calls and n_events events, a full
 * vector (profile/event_set.h): the 13, then the run's extra events. */
void cs_ctx_init(UInt n_events);
/* A new root context, for a thread. */
UInt cs_ctx_root(void);
/* The context of fn called at site from context parent, made on first use. */
UInt cs_ctx_child(UInt parent, UInt fn, UInt site);
/* The same in two steps: the number of the pair (fn, site), which never
 * changes, then the child of parent for that pair. */
UInt cs_ctx_pair(UInt fn, UInt site);
UInt cs_ctx_child_of_pair(UInt parent, UInt pair);
/* Contexts are numbered 1 .. cs_ctx_end() - 1. */
UInt cs_ctx_end(void);
/* Adds calls, and now[e] - enter[e] for each of the 13 events e, to its
 * counts (when they are all it counts). */
void cs_ctx_add(UInt ctx, ULong calls, const ULong* now, const ULong* enter);
/* The same with the extra events: xnow[x] - xenter[x] for each. */
void cs_ctx_add_full(UInt ctx, ULong calls, const ULong* now, const ULong* enter,
                     const ULong* xnow, const ULong* xenter);
/* Asks the host to fetch a context's counts (it is added to soon). */
void cs_ctx_prefetch(UInt ctx);

UInt cs_ctx_fn(UInt ctx);
UInt cs_ctx_site(UInt ctx);
/* Its counts this part: [0] calls, [1 + e] event e of the full vector
 * (0 past the events it counts). */
void cs_ctx_counts(UInt ctx, ULong counts[1 + CS_MAX_EVENTS]);

/* For writing a profile: lists every context's children (and gives back
 * the memory of the index, which is made again at the next
 * cs_ctx_child).  The lists, valid until cs_ctx_zero (no context may be
 * made before), go from cs_ctx_first_child through cs_ctx_next_sibling,
 * in the order the children were made; 0 ends them. */
void cs_ctx_list_children(void);
UInt cs_ctx_first_child(UInt ctx);
UInt cs_ctx_next_sibling(UInt ctx);
/* Zeroes every context's counts: the next part starts. */
void cs_ctx_zero(void);

#endif
