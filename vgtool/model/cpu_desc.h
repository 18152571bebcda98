/* cpu_desc.h - a CPU description: the caches a run simulates, read from
 * and written to a small text format that people edit by hand.
 *
 * Plain C, no Valgrind headers, no libc: the parser works on a buffer the
 * caller has read (the tool with VG_(read), csann with stdio).
 *
 * The format (docs/cpu-models.md has the reference):
 *
 *   # a comment runs from '#' to the end of the line
 *   cpu    name=skylake title="Intel Skylake client" writeback=yes
 *   I1     size=32K  assoc=8  line=64 policy=tree-plru latency=4
 *   D1     size=32K  assoc=8  line=64 policy=tree-plru latency=4
 *   L2     size=256K assoc=4  line=64 policy=qlru:H00_M1_R2_U1 latency=12
 *          inclusion=non-inclusive        (a line may continue on an
 *                                          indented next line)
 *   LL     size=8M   assoc=16 line=64 policy=qlru:H11_M1_R0_U0 latency=42
 *          inclusion=inclusive
 *   memory latency=250
 *
 * Each line starts with a keyword (cpu, I1, D1, L2, LL, memory) followed
 * by key=value fields; a line that starts with blanks continues the
 * previous one.  Values with blanks are written in double quotes.  Sizes
 * are bytes, or a number with K, M or G (powers of 1024).  I1, D1 and LL
 * are required, L2 is optional.
 *
 * cpu fields: name, title, writeback=yes|no (dirty lines and writeback
 * counts; default yes), seed=N (for random and brrip; default 1),
 * branch-penalty=N (cycles per mispredicted branch in the cycle estimate;
 * default 0), cachegrind-quirks=yes|no (Cachegrind's start state and its
 * accesses across two lines; default no).
 * Cache fields: size, assoc, line, policy (default lru), latency (cycles
 * for a hit at that level, load to use), inclusion (L2 and LL only:
 * inclusive, non-inclusive (default) or exclusive (LL only)), prefetcher
 * (D1, L2 and LL: the text of prefetch.h, e.g.
 * prefetcher=stream:streams=16,distance=20; default none).
 * memory: latency.
 */
#ifndef CACHESIM_MODEL_CPU_DESC_H
#define CACHESIM_MODEL_CPU_DESC_H

#include "geometry.h"
#include "policy.h"
#include "prefetch.h"

/* The caches, in this order everywhere. */
enum { CS_CPU_I1, CS_CPU_D1, CS_CPU_L2, CS_CPU_LL, CS_CPU_NCACHES };

typedef enum {
    CS_CPU_NON_INCLUSIVE,
    CS_CPU_INCLUSIVE,
    CS_CPU_EXCLUSIVE
} cs_cpu_inclusion_t;

typedef struct {
    int present;
    cs_geometry_t geom;
    cs_policy_t policy;
    unsigned char inclusion;     /* cs_cpu_inclusion_t; L2 and LL */
    unsigned latency;            /* cycles for a hit here */
    cs_pf_config_t prefetcher;   /* D1, L2, LL; all zero: none */
} cs_cpu_cache_t;

#define CS_CPU_NAME_MAX 32
#define CS_CPU_TITLE_MAX 96

typedef struct {
    char name[CS_CPU_NAME_MAX];
    char title[CS_CPU_TITLE_MAX];
    cs_cpu_cache_t cache[CS_CPU_NCACHES];
    unsigned memory_latency;
    unsigned branch_penalty;
    int writeback;
    int cachegrind_quirks;
    unsigned long seed;
} cs_cpu_t;

/* The name of cache i ("I1", "D1", "L2", "LL"). */
const char *cs_cpu_cache_name(unsigned i);

/* An error: "FILE:LINE: message" (or "FILE: message" when no line). */
typedef struct {
    unsigned line;
    char message[256];
} cs_cpu_error_t;

/* Parse a description from text[0..len) read from file (a name for the
 * messages).  0 on success; -1 with err filled on the first error.
 * Parsing does not validate the combination: call cs_cpu_check. */
int cs_cpu_parse(cs_cpu_t *out, const char *text, unsigned long len, const char *file,
                 cs_cpu_error_t *err);

/* Is the combination something the model can simulate?  0, or -1 with a
 * message ("D1: Cache set count is not a power of two.") in msg. */
int cs_cpu_check(const cs_cpu_t *cpu, char *msg, unsigned long msglen);

/* Write the description in the text format (parsing it gives the same
 * description back).  Returns the full length; buf holds at most
 * buflen - 1 characters of it, NUL-terminated. */
unsigned long cs_cpu_print(const cs_cpu_t *cpu, char *buf, unsigned long buflen);

/* Do two descriptions simulate the same machine (name and title aside)? */
int cs_cpu_same_model(const cs_cpu_t *a, const cs_cpu_t *b);

/* Cachegrind's model as a description: I1/D1/LL of these geometries, lru,
 * non-inclusive, no writeback, Cachegrind's quirks; latencies that make
 * the cycle estimate Ir + 10 L1m + 100 LLm + 10 Bm. */
void cs_cpu_cachegrind(cs_cpu_t *out, const cs_geometry_t *i1, const cs_geometry_t *d1,
                       const cs_geometry_t *ll);

/* The cycle estimate as a callgrind-format derived event:
 *
 *   CEst = Ir + w1 (I1mr + D1mr + D1mw) + w2 (I2mr + D2mr + D2mw)
 *             + wL (ILmr + DLmr + DLmw) + P (Bcm + Bim)
 *
 * each miss weighted by the extra cycles it costs over a hit in the level
 * that missed: w1 = latency(next level out) - latency(L1), for I1mr with
 * I1's latency and for D1mr and D1mw with D1's; w2 = latency(LL) -
 * latency(L2); wL = memory latency - latency(LL); P the branch penalty.
 * A weight of 1 is written without its number; terms with a zero weight or
 * for absent events (no L2; with_branches = 0) are left out.  Writes
 * "event: CEst = Ir + 7 I1mr + ... : Cycle estimate" (no newline) into
 * buf; returns the full length. */
unsigned long cs_cpu_cest_event(const cs_cpu_t *cpu, int with_branches, char *buf,
                                unsigned long buflen);

#endif
