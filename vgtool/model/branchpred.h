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

/* The layout serves the tool's generated code, which runs this model
 * inline.  The history is kept shifted left by one, the newest outcome in
 * bit 1, so that it is the byte offset of its counter in the branch's row
 * of counters (one every second byte), and the next history is
 * (history | outcome) << 1 stored as a byte, which drops the oldest
 * outcome.  Each counter is kept shifted left by four, so that the
 * counter plus eight times the outcome is the byte offset of the tables'
 * entries below: an x86 address mode, disp(counter, outcome, 8). */
#define CS_BP_ROW_BYTES (2UL << CS_BP_HIST_BITS)
#define CS_BP_CTR_SHIFT 4

typedef struct {
   unsigned char history;     /* the last CS_BP_HIST_BITS outcomes, << 1 */
   /* Two-bit counters, 0..3 (>= 2 predicts taken), << CS_BP_CTR_SHIFT:
    * the one for address bits a and history h at a * CS_BP_ROW_BYTES +
    * 2 * h. */
   unsigned char counters[CS_BP_COUNTERS * 2];
   unsigned long btac[CS_BP_BTAC_ENTRIES];   /* last target seen */
   unsigned addr_shift;  /* low address bits that are always zero (0 on x86) */
} cs_bpred_t;

/* A counter's next value (as kept), at byte offset counter (as kept) +
 * 8 * taken; and whether it mispredicted, a 64-bit 0 or 1 at the same
 * byte offset (so at index counter / 8 + taken), which the generated code
 * adds to a count as it is.  The tool's generated code looks these up
 * instead of computing the saturating update. */
extern const unsigned char cs_bp_next[64];
extern const unsigned long long cs_bp_mispredict[8];

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

/* The row of counters of a branch at pc. */
static inline unsigned char *cs_bpred_row(cs_bpred_t *bp, unsigned long pc)
{
   return &bp->counters[cs_bpred_addr_bits(bp, pc) * CS_BP_ROW_BYTES];
}

/* A conditional branch at pc with outcome taken (0/1); 1 if mispredicted.
 * (The tool's generated code does the same, step by step.) */
static inline int cs_bpred_cond(cs_bpred_t *bp, unsigned long pc, int taken)
{
   unsigned char *ctr = cs_bpred_row(bp, pc) + bp->history;
   unsigned t = (unsigned)*ctr + (taken ? 8U : 0U);

   bp->history = (unsigned char)((bp->history | (taken ? 1U : 0U)) << 1);
   *ctr = cs_bp_next[t];
   return (int)cs_bp_mispredict[t / 8];
}

/* The last CS_BP_HIST_BITS outcomes, newest in bit 0; and setting them. */
static inline unsigned cs_bpred_history(const cs_bpred_t *bp)
{
   return bp->history >> 1;
}

static inline void cs_bpred_set_history(cs_bpred_t *bp, unsigned h)
{
   bp->history = (unsigned char)((h & ((1U << CS_BP_HIST_BITS) - 1)) << 1);
}

/* The two-bit counter (0..3) a branch at pc uses after history h. */
static inline unsigned cs_bpred_counter(cs_bpred_t *bp, unsigned long pc, unsigned h)
{
   return cs_bpred_row(bp, pc)[2 * (h & ((1U << CS_BP_HIST_BITS) - 1))] >> CS_BP_CTR_SHIFT;
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
