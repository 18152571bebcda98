/* cachesim.h - client requests for programs run under cachesim.
 *
 * Include this header to talk to cachesim from the program being measured.
 * Like Valgrind's own client-request headers, every macro is harmless when
 * the program runs natively: it costs a few instructions and does nothing. */
#ifndef CACHESIM_H
#define CACHESIM_H

#include <valgrind/valgrind.h>

/* Request codes live in their own range: 'C','S' identifies cachesim. */
typedef enum {
    CACHESIM_USERREQ_BASE = VG_USERREQ_TOOL_BASE('C', 'S')
} CachesimClientRequest;

#endif
