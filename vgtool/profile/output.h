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

#endif
