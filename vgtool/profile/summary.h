/* profile/summary.h - the totals printed on stderr at exit
 * (profile/summary.c). */
#ifndef CS_PROFILE_SUMMARY_H
#define CS_PROFILE_SUMMARY_H

#include "pub_tool_basics.h"
#include "model/events.h"

void cs_print_summary(const ULong totals[CS_N_EVENTS]);

#endif
