/* profile/hugemem.h - memory for the call graph's large tables that
 * calls and returns reach at random (profile/hugemem.c). */
#ifndef CS_PROFILE_HUGEMEM_H
#define CS_PROFILE_HUGEMEM_H

#include "pub_tool_basics.h"

/* size bytes, not zeroed; from 1 MB up, 2 MB aligned and backed by the
 * host's huge pages where the kernel gives them. */
void* cs_huge_alloc(const HChar* cc, SizeT size);
void cs_huge_free(void* p);

#endif
