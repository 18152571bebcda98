/* profile/output.h - writing the profile in the callgrind format
 * (profile/output.c). */
#ifndef CS_PROFILE_OUTPUT_H
#define CS_PROFILE_OUTPUT_H

#include "pub_tool_basics.h"
#include "model/events.h"

/* Record the counts so far as a part of the profile (label may be NULL),
 * then zero them. */
void cs_dump_part(const HChar* label);
/* Write the profile: the parts dumped so far and a final part.  Returns
 * False (after saying why) if it could not.  grand_totals gets the sum of
 * all parts, a full cost vector (profile/event_set.h). */
Bool cs_write_profile(ULong grand_totals[CS_MAX_EVENTS]);
/* At start-up: can the profile be created where asked?  Says why not. */
Bool cs_check_output_writable(void);
/* Before an exec: write the parts dumped so far and the counts since, as
 * a last part labelled "Before exec of PROGRAM", to the profile's name
 * followed by suffix (NULL: none), then zero them.  Returns the name
 * written (to be freed), or NULL after saying why it could not. */
HChar* cs_write_profile_before_exec(const HChar* suffix, const HChar* program);
/* In a forked child: the parts dumped so far are the parent's. */
void cs_output_forked(void);

#endif
