/* events.h - what the simulation counts: Cachegrind's 13 events, in its
 * order (which is also the order of the profile's columns).
 *
 * Each miss event follows the access event it belongs to, and each LL
 * miss event follows its L1 miss event (I1mr, ILmr; D1mr, DLmr; D1mw,
 * DLmw), so that an access's events are found from its first one.
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

#endif
