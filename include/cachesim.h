/* cachesim.h - client requests for programs measured with cachesim.
 *
 * This header may be used, copied and changed without restriction (the
 * rest of cachesim is GPL'd: see COPYING); including it puts no condition
 * on your program.
 *
 * Include this header and use the macros to mark what to measure:
 *
 *     CACHESIM_ZERO_STATS;                 // forget what was counted so far
 *     run_the_benchmark();
 *     CACHESIM_DUMP_STATS_AT("benchmark"); // a part labelled "benchmark"
 *
 * Every macro is a statement usable from C and C++.  When the program runs
 * natively, or under another Valgrind tool, each costs a handful of
 * instructions and does nothing.
 *
 * What each one does (see docs/ci.md for how they combine with the
 * --instr-atstart, --collect-atstart and --toggle-collect options):
 *   CACHESIM_START_INSTRUMENTATION  simulate and count from here on
 *   CACHESIM_STOP_INSTRUMENTATION   stop simulating and counting (fastest)
 *   CACHESIM_START_COLLECTION       count from here on (simulation goes on
 *   CACHESIM_STOP_COLLECTION        either way: caches stay warm)
 *   CACHESIM_TOGGLE_COLLECT         flip counting on/off
 *   CACHESIM_ZERO_STATS             set every count to zero
 *   CACHESIM_DUMP_STATS             write the counts so far as a part of the
 *   CACHESIM_DUMP_STATS_AT(label)   profile (optionally labelled), then zero
 *   CACHESIM_FLUSH_CACHES           empty the simulated caches and reset the
 *                                   branch predictors (a cold start)
 * Switching instrumentation or collection never resets the simulated
 * caches: only CACHESIM_FLUSH_CACHES does. */
#ifndef CACHESIM_H
#define CACHESIM_H

#include <valgrind/valgrind.h>

/* Request codes live in their own range: 'C','S' identifies cachesim. */
typedef enum {
    CACHESIM_USERREQ_START_INSTRUMENTATION = VG_USERREQ_TOOL_BASE('C', 'S'),
    CACHESIM_USERREQ_STOP_INSTRUMENTATION,
    CACHESIM_USERREQ_START_COLLECTION,
    CACHESIM_USERREQ_STOP_COLLECTION,
    CACHESIM_USERREQ_TOGGLE_COLLECT,
    CACHESIM_USERREQ_ZERO_STATS,
    CACHESIM_USERREQ_DUMP_STATS_AT,
    CACHESIM_USERREQ_FLUSH_CACHES
} CachesimClientRequest;

#define CACHESIM_REQUEST_(req, arg) \
    VALGRIND_DO_CLIENT_REQUEST_STMT((req), (arg), 0, 0, 0, 0)

#define CACHESIM_START_INSTRUMENTATION \
    CACHESIM_REQUEST_(CACHESIM_USERREQ_START_INSTRUMENTATION, 0)
#define CACHESIM_STOP_INSTRUMENTATION \
    CACHESIM_REQUEST_(CACHESIM_USERREQ_STOP_INSTRUMENTATION, 0)
#define CACHESIM_START_COLLECTION \
    CACHESIM_REQUEST_(CACHESIM_USERREQ_START_COLLECTION, 0)
#define CACHESIM_STOP_COLLECTION \
    CACHESIM_REQUEST_(CACHESIM_USERREQ_STOP_COLLECTION, 0)
#define CACHESIM_TOGGLE_COLLECT \
    CACHESIM_REQUEST_(CACHESIM_USERREQ_TOGGLE_COLLECT, 0)
#define CACHESIM_ZERO_STATS \
    CACHESIM_REQUEST_(CACHESIM_USERREQ_ZERO_STATS, 0)
#define CACHESIM_DUMP_STATS \
    CACHESIM_REQUEST_(CACHESIM_USERREQ_DUMP_STATS_AT, 0)
#define CACHESIM_DUMP_STATS_AT(label) \
    CACHESIM_REQUEST_(CACHESIM_USERREQ_DUMP_STATS_AT, (label))
#define CACHESIM_FLUSH_CACHES \
    CACHESIM_REQUEST_(CACHESIM_USERREQ_FLUSH_CACHES, 0)

#endif
