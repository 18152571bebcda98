/* writeback.c - dirty lines on their way out, for exact writeback counts.
 * Usage: writeback MODE BYTES PASSES
 * One pass writes a byte of each 64-byte line of a buffer of BYTES, so that
 * every line is dirty; then, counters zeroed, PASSES passes that write
 * (MODE write: the WRITE LINE) or read (MODE read: the READ LINE) each line
 * again.  All of it in one function, with no call or stack access between
 * the zeroing and the end, so that the buffer's lines alone come and go. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cachesim.h"

static __attribute__((noinline)) long run(volatile char *buf, size_t lines, size_t passes,
                                          int reads)
{
   long sum = 0;
   size_t i, k;
   for (i = 0; i < lines; i++)
      buf[i * 64] = 1;
   CACHESIM_ZERO_STATS;
   for (k = 0; k < passes; k++) {
      if (reads)
         for (i = 0; i < lines; i++)
            sum += buf[i * 64];                     /* READ LINE */
      else
         for (i = 0; i < lines; i++)
            buf[i * 64] = (char)k;                  /* WRITE LINE */
   }
   return sum;
}

int main(int argc, char **argv)
{
   const char *mode = argc > 1 ? argv[1] : "write";
   size_t bytes = argc > 2 ? strtoul(argv[2], NULL, 10) : 8192;
   size_t passes = argc > 3 ? strtoul(argv[3], NULL, 10) : 10;
   char *buf;

   if (bytes < 64 || posix_memalign((void **)&buf, 4096, bytes) != 0)
      return 2;
   printf("%ld\n", run(buf, bytes / 64, passes, strcmp(mode, "read") == 0));
   return 0;
}
