/* profile/event_set.h - the events a run counts and writes, chosen once at
 * start-up from the CPU model and the options (profile/event_set.c).
 *
 * Cachegrind's 13 events live in every cost centre's ev[]; the extra ones
 * (model/events.h) the model counts only when the description asks for
 * them, in a side row (runtime.h).  A "full" cost vector holds both:
 * ev[0..CS_N_EVENTS) then the run's extra columns, cs_n_xev of them. */
#ifndef CS_PROFILE_EVENT_SET_H
#define CS_PROFILE_EVENT_SET_H

#include "pub_tool_basics.h"
#include "model/cpu_desc.h"
#include "runtime.h"

/* Choose the extra events (an L2's misses, writebacks) and the written
 * events: hier is whether the general model runs (else no extra event). */
void cs_event_set_choose(const cs_cpu_t* cpu, Bool hier);

/* How many slots a full vector uses this run (CS_N_EVENTS + cs_n_xev). */
UInt cs_full_events(void);

/* The events the profile lists, in its order ("events:"): how many, and
 * for each its short and long name and its slot in a full vector. */
UInt cs_written_events(void);
const HChar* cs_written_name(UInt k);
const HChar* cs_written_long_name(UInt k);
UInt cs_written_slot(UInt k);
/* Is the event with this short name written? */
Bool cs_event_is_written(const HChar* name);

/* A cost centre's full vector. */
void cs_cc_full(const CsCC* cc, ULong full[CS_MAX_EVENTS]);

#endif
