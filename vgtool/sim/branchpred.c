/* branchpred.c - set-up of the branch predictors; the hot path is inline. */
#include "branchpred.h"

void cs_bpred_init(cs_bpred_t *bp, unsigned addr_shift)
{
    unsigned long i;

    bp->history = 0;
    for (i = 0; i < CS_BP_COUNTERS; i++)
        bp->counters[i] = 0;
    for (i = 0; i < CS_BP_BTAC_ENTRIES; i++)
        bp->btac[i] = 0;
    bp->addr_shift = addr_shift;
}
