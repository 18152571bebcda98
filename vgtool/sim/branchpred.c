/* branchpred.c - set-up of the branch predictors; the hot path is inline. */
#include "branchpred.h"

/* Two-bit saturating counters: >= 2 predicts taken; taken counts up,
 * not taken counts down. */
const unsigned char cs_bp_next[8] = {
    0 << 1, 1 << 1,   /* counter 0: not taken, taken */
    0 << 1, 2 << 1,   /* counter 1 */
    1 << 1, 3 << 1,   /* counter 2 */
    2 << 1, 3 << 1,   /* counter 3 */
};
const unsigned char cs_bp_mispredict[8] = {
    0, 1,
    0, 1,
    1, 0,
    1, 0,
};

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
