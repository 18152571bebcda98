/* profile/summary.h - the totals printed on stderr at exit
 * (profile/summary.c). */
#ifndef CS_PROFILE_SUMMARY_H
#define CS_PROFILE_SUMMARY_H

#include "pub_tool_basics.h"
#include "model/events.h"

/* totals: a full cost vector (profile/event_set.h). */
void cs_print_summary(const ULong totals[CS_MAX_EVENTS]);

#endif
