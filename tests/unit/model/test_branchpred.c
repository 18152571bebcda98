/* test_branchpred.c - host tests of the branch predictors. */
#include <stdlib.h>
#include "unit.h"
#include "model/branchpred.h"

int main(void)
{
    cs_bpred_t *bp = malloc(sizeof *bp);
    int i, misses;

    /* The transition tables are the two-bit saturating counter. */
    for (i = 0; i < 8; i++) {
        int ctr = i >> 1, taken = i & 1;
        int next = taken ? (ctr < 3 ? ctr + 1 : 3) : (ctr > 0 ? ctr - 1 : 0);
        /* at byte offset counter (as kept) + 8 * taken */
        unsigned off = (ctr << CS_BP_CTR_SHIFT) + 8 * taken;
        CHECK_EQ(cs_bp_next[off], next << CS_BP_CTR_SHIFT);
        CHECK_EQ(*(const unsigned long long *)((const char *)cs_bp_mispredict + off),
                 (ctr >= 2) != taken);
    }

    cs_bpred_init(bp, 0);
    /* Counters start strongly not-taken: the first taken mispredicts. */
    CHECK_EQ(cs_bpred_cond(bp, 0x400000, 1), 1);

    /* An always-taken branch saturates: after a few mispredicts (one per
     * new history value until the history is all ones) it is predicted. */
    cs_bpred_init(bp, 0);
    misses = 0;
    for (i = 0; i < 100; i++)
        misses += cs_bpred_cond(bp, 0x400010, 1);
    CHECK(misses >= 2 && misses <= 9);
    for (i = 0; i < 100; i++)
        CHECK_EQ(cs_bpred_cond(bp, 0x400010, 1), 0);

    /* Saturation: many taken then one not-taken is mispredicted once, and
     * with a history of all ones, the counter is at 3 and drops to 2. */
    cs_bpred_init(bp, 0);
    for (i = 0; i < 20; i++)
        cs_bpred_cond(bp, 0x10, 1);
    CHECK_EQ(cs_bpred_counter(bp, 0x10, 0x7F), 3);
    CHECK_EQ(cs_bpred_history(bp), 0x7F);
    CHECK_EQ(cs_bpred_cond(bp, 0x10, 0), 1);
    CHECK_EQ(cs_bpred_counter(bp, 0x10, 0x7F), 2);
    CHECK_EQ(cs_bpred_history(bp), 0x7E);       /* newest in bit 0, 7 bits kept */

    /* Index: 7 address bits and 7 history bits, each counter its own. */
    cs_bpred_init(bp, 0);
    cs_bpred_set_history(bp, 0x5);
    cs_bpred_cond(bp, 0x1234, 1);
    CHECK_EQ(cs_bpred_counter(bp, 0x1234, 0x5), 1);
    CHECK_EQ(cs_bpred_counter(bp, 0x1234 + 128, 0x5), 1);      /* same 7 address bits */
    CHECK_EQ(cs_bpred_counter(bp, 0x1235, 0x5), 0);
    CHECK_EQ(cs_bpred_counter(bp, 0x1234, 0x4), 0);
    CHECK_EQ(cs_bpred_history(bp), 0xB);
    {
        int changed = 0;
        for (i = 0; i < (int)sizeof bp->counters; i++)
            changed += bp->counters[i] != 0;
        CHECK_EQ(changed, 1);             /* only that counter */
    }
    CHECK_EQ(bp->counters[(0x1234UL & 0x7F) * CS_BP_ROW_BYTES + 2 * 0x5],
             1 << CS_BP_CTR_SHIFT);

    /* Address shift for architectures with aligned instructions. */
    cs_bpred_init(bp, 2);
    cs_bpred_cond(bp, 0x1234, 1);
    CHECK_EQ(cs_bpred_counter(bp, 0x1234, 0), 1);
    CHECK_EQ(bp->counters[((0x1234UL >> 2) & 0x7F) * CS_BP_ROW_BYTES], 1 << CS_BP_CTR_SHIFT);

    /* Never-taken branches are always predicted. */
    cs_bpred_init(bp, 0);
    misses = 0;
    for (i = 0; i < 50; i++)
        misses += cs_bpred_cond(bp, 0x999, 0);
    CHECK_EQ(misses, 0);

    /* Indirect: last-target prediction, 512 entries by address. */
    cs_bpred_init(bp, 0);
    CHECK_EQ(cs_bpred_ind(bp, 0x1000, 0x5000), 1);
    CHECK_EQ(cs_bpred_ind(bp, 0x1000, 0x5000), 0);
    CHECK_EQ(cs_bpred_ind(bp, 0x1000, 0x6000), 1);
    CHECK_EQ(cs_bpred_ind(bp, 0x1000 + 512, 0x6000), 0); /* aliases */
    CHECK_EQ(cs_bpred_ind(bp, 0x1001, 0x6000), 1);
    /* Alternating targets always miss. */
    misses = 0;
    for (i = 0; i < 10; i++)
        misses += cs_bpred_ind(bp, 0x2000, (i & 1) ? 0x7000 : 0x8000);
    CHECK_EQ(misses, 10);
    free(bp);
    return unit_finish("test_branchpred");
}
