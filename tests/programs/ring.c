/* ring.c - the shape of lmbench's lat_mem_rd: a ring of 64-byte nodes,
 * each pointing to the one before it, walked once to warm the caches, then
 * (counters zeroed) walked PASSES more times.  Every load of the walk is
 * the one line marked RING LOAD, so its per-line counts are misses per
 * load.  Usage: ring BYTES PASSES */
#include <stdio.h>
#include <stdlib.h>
#include "cachesim.h"

#define NODE 64

static __attribute__((noinline)) void **walk(void **p, size_t steps)
{
   while (steps-- > 0)
      p = (void **)*p;                              /* RING LOAD */
   return p;
}

int main(int argc, char **argv)
{
   size_t bytes = argc > 1 ? strtoul(argv[1], NULL, 10) : 24576;
   size_t passes = argc > 2 ? strtoul(argv[2], NULL, 10) : 10;
   size_t n = bytes / NODE, i;
   char *mem;
   void **p;

   if (n < 2 || posix_memalign((void **)&mem, 4096, n * NODE) != 0)
      return 2;
   for (i = 0; i < n; i++)
      *(void **)(mem + i * NODE) = mem + ((i + n - 1) % n) * NODE;
   p = (void **)(mem + (n - 1) * NODE);
   p = walk(p, n);                                  /* warm-up pass */
   CACHESIM_ZERO_STATS;
   p = walk(p, n * passes);
   printf("%p\n", (void *)p);
   return 0;
}
