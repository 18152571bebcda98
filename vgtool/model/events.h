/* events.h - what the simulation counts: Cachegrind's 13 events, in its
 * order (which is also the order of the profile's columns), and the one
 * function that counts them.
 *
 * Each access event is followed by its L1 miss event and then its LL miss
 * event (Ir, I1mr, ILmr; Dr, D1mr, DLmr; Dw, D1mw, DLmw), so that an
 * access's events are found from its first one.
 * Plain C, no Valgrind headers, no libc. */
#ifndef CACHESIM_MODEL_EVENTS_H
#define CACHESIM_MODEL_EVENTS_H

enum {
   EV_Ir, EV_I1mr, EV_ILmr,
   EV_Dr, EV_D1mr, EV_DLmr,
   EV_Dw, EV_D1mw, EV_DLmw,
   EV_Bc, EV_Bcm, EV_Bi, EV_Bim,
   CS_N_EVENTS
};

/* Events beyond Cachegrind's, counted only when the CPU description asks
 * for them: L2's demand misses (a description with an L2) and the dirty
 * lines each level evicts (writeback=yes), charged to the access that
 * caused them.  A cost centre keeps the ones a run counts in a side row
 * of its own (runtime.h), so that a run of Cachegrind's model pays
 * nothing for them; profile/event_set.c chooses them at start-up and
 * names them.  New kinds of event (prefetches, miss classes) go at the
 * end. */
enum {
   XEV_I2mr, XEV_D2mr, XEV_D2mw,   /* L2 misses: fetch, read (or modify), write */
   XEV_D1wb, XEV_L2wb, XEV_LLwb,   /* writebacks out of D1, L2 and LL */
   /* prefetches issued and useful ones (hit by a demand access before
    * their eviction) of D1, L2 and LL: a level with a prefetcher */
   XEV_D1pf, XEV_D1pfu, XEV_L2pf, XEV_L2pfu, XEV_LLpf, XEV_LLpfu,
   /* each level's demand misses by class (--classify-misses=yes):
    * compulsory, capacity, conflict; L2 and LL count fetches and data */
   XEV_I1cmp, XEV_I1cap, XEV_I1cnf, XEV_D1cmp, XEV_D1cap, XEV_D1cnf,
   XEV_L2cmp, XEV_L2cap, XEV_L2cnf, XEV_LLcmp, XEV_LLcap, XEV_LLcnf,
   CS_N_XEVENTS
};

/* The most events a run can count: a full cost vector, Cachegrind's 13
 * first, then the extra events the run counts (in their row order). */
#define CS_MAX_EVENTS (CS_N_EVENTS + CS_N_XEVENTS)

/* Where the events of one access are counted: its cost centre's counters
 * and, when the call graph keeps them, the running totals of everything
 * counted.  While collection is off nothing is counted; the simulation
 * goes on all the same.  The switches are read through pointers when a
 * count is made, not before: the tool's slow paths count after a lookup,
 * and a value read before it would be kept in a register across it. */
typedef struct {
   unsigned long long *cc;              /* the access's cost centre, by event */
   const unsigned long long *collect;   /* zero while not collecting */
   const unsigned char *keep_running;   /* nonzero: count in running too */
   unsigned long long *running;         /* the running totals, by event */
} cs_tally_t;

/* Count n more of event ev and n_next more of the event after it: an L1
 * miss and its LL miss (see l1_miss.h), or (n_next 0) one event.  The one
 * place where the simulation counts. */
static inline __attribute__((always_inline)) void
cs_count(cs_tally_t t, int ev, unsigned long long n, unsigned long long n_next)
{
   if (*t.collect) {
      t.cc[ev] += n;
      t.cc[ev + 1] += n_next;
      if (*t.keep_running) {
         t.running[ev] += n;
         t.running[ev + 1] += n_next;
      }
   }
}

#endif
