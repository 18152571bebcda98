/* regions.c - measured regions with the client-request macros.
 *   regions [mode]
 * The work() calls between the macros are what is measured; noise()
 * around them must not show up in the measured parts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cachesim.h"

static int table[1 << 16];

__attribute__((noinline)) static long work(long n)
{
    long s = 0;
    for (long i = 0; i < n; i++)
        s += table[(i * 7919) & 0xffff] ^ i;
    return s;
}

__attribute__((noinline)) static long noise(long n)
{
    long s = 0;
    for (long i = 0; i < n; i++)
        s += (i * i) % 13;
    return s;
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "dump";
    long r = noise(5000);

    for (int i = 0; i < (1 << 16); i++)
        table[i] = i * 3;
    if (strcmp(mode, "dump") == 0) {
        CACHESIM_ZERO_STATS;
        r += work(20000);
        CACHESIM_DUMP_STATS_AT("work");
        r += noise(3000);
        r += work(1000);
        CACHESIM_DUMP_STATS_AT("second");
    } else if (strcmp(mode, "instr") == 0) {
        CACHESIM_START_INSTRUMENTATION;
        r += work(20000);
        CACHESIM_STOP_INSTRUMENTATION;
    } else if (strcmp(mode, "collect") == 0) {
        CACHESIM_START_COLLECTION;
        r += work(20000);
        CACHESIM_STOP_COLLECTION;
        r += noise(1000);
        CACHESIM_TOGGLE_COLLECT;
        r += work(10);
        CACHESIM_TOGGLE_COLLECT;
    } else if (strcmp(mode, "flush") == 0) {
        r += work(20000);
        CACHESIM_ZERO_STATS;
        r += work(20000);
        CACHESIM_DUMP_STATS_AT("warm");
        CACHESIM_FLUSH_CACHES;
        r += work(20000);
        CACHESIM_DUMP_STATS_AT("cold");
    } else if (strcmp(mode, "many") == 0) {
        /* More collection switches than the tool remakes code for, with
         * work() run both inside and outside the measured regions. */
        for (int i = 0; i < 100; i++) {
            CACHESIM_START_COLLECTION;
            r += work(200);
            CACHESIM_STOP_COLLECTION;
            r += work(50) + noise(20);
        }
    } else if (strcmp(mode, "plain") == 0) {
        r += work(20000);
    }
    r += noise(2000);
    printf("result %ld\n", r);
    return 0;
}
