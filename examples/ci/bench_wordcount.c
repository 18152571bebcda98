/* bench_wordcount.c - the CI benchmark: build a table from generated
 * words, then look words up.  Each phase is a measured region, dumped as a
 * labelled part of the profile; start-up and set-up are not measured. */
#include <stdio.h>
#include <string.h>
#include <cachesim.h>
#include "wordcount.h"

#define N_WORDS 20000

static char words[N_WORDS][12];

int main(void)
{
    unsigned seed = 1;
    wc_table *t = wc_new(4096);
    long found = 0;

    for (int i = 0; i < N_WORDS; i++) {          /* fixed, generated input */
        seed = seed * 1103515245u + 12345u;
        snprintf(words[i], sizeof words[i], "w%u", (seed >> 16) % 5000);
    }

    CACHESIM_ZERO_STATS;                         /* measure from here */
    for (int i = 0; i < N_WORDS; i++)
        wc_add(t, words[i], strlen(words[i]));
    CACHESIM_DUMP_STATS_AT("insert");

    for (int i = 0; i < N_WORDS; i++)
        found += wc_count(t, words[i], strlen(words[i]));
    CACHESIM_DUMP_STATS_AT("lookup");

    wc_free(t);
    printf("found %ld\n", found);
    return 0;
}
