/* branchpred.c - set-up of the branch predictors; the hot path is inline. */
#include "branchpred.h"

/* Two-bit saturating counters: >= 2 predicts taken; taken counts up,
 * not taken counts down. */
#define K(c) ((c) << CS_BP_CTR_SHIFT)
#define GAP 0, 0, 0, 0, 0, 0, 0
const unsigned char cs_bp_next[64] = {
   K(0), GAP, K(1), GAP,     /* counter 0: not taken, taken */
   K(0), GAP, K(2), GAP,     /* counter 1 */
   K(1), GAP, K(3), GAP,     /* counter 2 */
   K(2), GAP, K(3), GAP,     /* counter 3 */
};
const unsigned long long cs_bp_mispredict[8] = {
   0, 1,     /* counter 0: not taken, taken */
   0, 1,
   1, 0,
   1, 0,
};

void cs_bpred_init(cs_bpred_t *bp, unsigned addr_shift)
{
   unsigned long i;

   bp->history = 0;
   for (i = 0; i < sizeof bp->counters; i++)
      bp->counters[i] = 0;
   for (i = 0; i < CS_BP_BTAC_ENTRIES; i++)
      bp->btac[i] = 0;
   bp->addr_shift = addr_shift;
}
