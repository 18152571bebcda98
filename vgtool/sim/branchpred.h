/* branchpred.h - the branch predictors of the default model.
 *
 * Conditional branches: 16384 two-bit saturating counters indexed by 7 bits
 * of global history (all conditional outcomes, every thread) and 7 bits of
 * the branch's address.  Indirect branches: a 512-entry table of last
 * targets indexed by the branch's address.  Returns are assumed perfectly
 * predicted and are never simulated.  This is Cachegrind's model, so Bcm and
 * Bim equal its counts.  Plain C, no Valgrind headers, no libc. */
#ifndef CACHESIM_SIM_BRANCHPRED_H
#define CACHESIM_SIM_BRANCHPRED_H

#define CS_BP_HIST_BITS 7
#define CS_BP_ADDR_BITS 7
#define CS_BP_COUNTERS (1UL << (CS_BP_HIST_BITS + CS_BP_ADDR_BITS))
#define CS_BP_BTAC_ENTRIES 512UL

typedef struct {
    unsigned long history;     /* newest outcome in bit 0 (the tool's generated
                                  code keeps only the CS_BP_HIST_BITS it uses) */
    /* Two-bit counters, 0..3 (>= 2 predicts taken), each kept shifted left
     * by one, so that the counter and the outcome index the tables below
     * with one OR. */
    unsigned char counters[CS_BP_COUNTERS];
    unsigned long btac[CS_BP_BTAC_ENTRIES];   /* last target seen */
    unsigned addr_shift;  /* low address bits that are always zero (0 on x86) */
} cs_bpred_t;

/* A counter's next value (shifted, as kept), and whether it mispredicted,
 * indexed by (counter << 1) | taken.  The tool's generated code looks these up
 * instead of computing the saturating update. */
extern const unsigned char cs_bp_next[8];
extern const unsigned char cs_bp_mispredict[8];

/* Reset to the start-up state (all zero) with the given address shift. */
void cs_bpred_init(cs_bpred_t *bp, unsigned addr_shift);

/* The counters are indexed by the branch's address bits above the
 * history bits (any layout of the two gives the same predictions): the
 * address part is a constant in the tool's generated code, so it goes into
 * the load's displacement and only the history is masked at run time. */
static inline unsigned long cs_bpred_addr_bits(const cs_bpred_t *bp, unsigned long pc)
{
    return (pc >> bp->addr_shift) & ((1UL << CS_BP_ADDR_BITS) - 1);
}

/* A conditional branch at pc with outcome taken (0/1); 1 if mispredicted. */
static inline int cs_bpred_cond(cs_bpred_t *bp, unsigned long pc, int taken)
{
    unsigned long idx = (cs_bpred_addr_bits(bp, pc) << CS_BP_HIST_BITS)
                        | (bp->history & ((1UL << CS_BP_HIST_BITS) - 1));
    unsigned char *ctr = &bp->counters[idx];
    unsigned t = (unsigned)*ctr | (taken ? 1U : 0U);

    bp->history = (bp->history << 1) | (taken ? 1UL : 0UL);
    *ctr = cs_bp_next[t];
    return cs_bp_mispredict[t];
}

/* An indirect branch at pc going to target; 1 if mispredicted. */
static inline int cs_bpred_ind(cs_bpred_t *bp, unsigned long pc, unsigned long target)
{
    unsigned long *slot = &bp->btac[(pc >> bp->addr_shift) & (CS_BP_BTAC_ENTRIES - 1)];
    int miss = *slot != target;
    *slot = target;
    return miss;
}

#endif
