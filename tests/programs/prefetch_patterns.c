/* prefetch_patterns.c - access patterns with known miss counts for the
 * prefetchers and the miss classification (issue 27).  Each pattern's
 * loads are on one line marked with its name, so that the per-line counts
 * of the profile are the pattern's own; counters are zeroed (client
 * request) after set-up.  Usage: prefetch_patterns PATTERN [ARG...]
 *   seq LINES          read LINES 64-byte lines in order, 8 bytes at a time
 *   chase LINES        a random cycle through LINES lines (Sattolo), once
 *   ipstride PAGES     load A walks PAGES 4 KB pages with a 256-byte
 *                      stride while load B reads sequentially
 *   first LINES        one pass over LINES lines never touched before
 *   cycle LINES PASSES PASSES passes over a cycle of LINES untouched lines
 *   pingpong GAP TIMES two untouched lines GAP bytes apart, read in turn,
 *                      TIMES each
 *   rewrite LINES      write each of LINES lines twice in a row (the same
 *                      address, nothing in between), in order
 *   wlw LINES GAP      per line: write it, read the line GAP bytes on,
 *                      write it again */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include "cachesim.h"

#define LINE 64

/* Fresh pages: zero, never touched by the program before the pattern.
 * A megabyte on each side is left unused: the mapping may reuse addresses
 * the loader touched and gave back. */
static char *fresh(size_t bytes)
{
   void *p = mmap(NULL, bytes + (2UL << 20), PROT_READ | PROT_WRITE,
                  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
   if (p == MAP_FAILED) {
      perror("mmap");
      exit(2);
   }
   return (char *)p + (1UL << 20);
}

static __attribute__((noinline)) unsigned long seq(const unsigned long *w, size_t words)
{
   unsigned long sum = 0;
   size_t i;
   for (i = 0; i < words; i++)
      sum += w[i];                                  /* SEQ LOAD */
   return sum;
}

static __attribute__((noinline)) void **chase(void **p, size_t steps)
{
   while (steps-- > 0)
      p = (void **)*p;                              /* CHASE LOAD */
   return p;
}

static __attribute__((noinline)) unsigned long two_walks(const char *a, const char *b,
                                                        size_t steps)
{
   unsigned long sum = 0;
   size_t i;
   for (i = 0; i < steps; i++) {
      sum += *(const unsigned long *)(a + i * 256); /* STRIDE A */
      sum += *(const unsigned long *)(b + i * 8);   /* SEQ B */
   }
   return sum;
}

static __attribute__((noinline)) unsigned long lines(const char *m, size_t n, size_t passes)
{
   unsigned long sum = 0;
   size_t p, i;
   for (p = 0; p < passes; p++)
      for (i = 0; i < n; i++)
         sum += *(const volatile unsigned long *)(m + i * LINE);   /* LINES LOAD */
   return sum;
}

static __attribute__((noinline)) unsigned long pingpong(const volatile char *x,
                                                       const volatile char *y, size_t n)
{
   unsigned long sum = 0;
   while (n-- > 0) {
      sum += *(const volatile unsigned long *)x;    /* PING LOAD */
      sum += *(const volatile unsigned long *)y;    /* PONG LOAD */
   }
   return sum;
}

static __attribute__((noinline)) void rewrite(volatile unsigned long *w, size_t n)
{
   size_t i;
   for (i = 0; i < n; i++) {
      w[i * 8] = i;                                 /* REWRITE */
      w[i * 8] = i + 1;
   }
}

static __attribute__((noinline)) unsigned long wlw(volatile unsigned long *w, size_t n,
                                                  size_t gap_words)
{
   unsigned long sum = 0;
   size_t i;
   for (i = 0; i < n; i++) {
      volatile unsigned long *p = w + i * 8;
      *p = i;                                       /* WLW */
      sum += p[gap_words];
      *p = i + 1;
   }
   return sum;
}

static size_t arg(char **argv, int i, int argc)
{
   if (i >= argc) {
      fprintf(stderr, "prefetch_patterns: missing argument\n");
      exit(2);
   }
   return strtoul(argv[i], NULL, 10);
}

int main(int argc, char **argv)
{
   const char *what = argc > 1 ? argv[1] : "";
   unsigned long r = 0;

   if (strcmp(what, "seq") == 0) {
      size_t n = arg(argv, 2, argc);
      unsigned long *w = (unsigned long *)fresh(n * LINE);
      memset(w, 1, n * LINE);
      CACHESIM_ZERO_STATS;
      r = seq(w, n * LINE / sizeof *w);
   } else if (strcmp(what, "chase") == 0) {
      size_t n = arg(argv, 2, argc), i;
      char *m = fresh(n * LINE);
      size_t *next = malloc(n * sizeof *next);
      unsigned long long x = 0x2545F4914F6CDD1DULL;
      for (i = 0; i < n; i++)
         next[i] = i;
      for (i = n - 1; i > 0; i--) {                 /* Sattolo: one cycle through all */
         size_t j, t;
         x ^= x << 13;
         x ^= x >> 7;
         x ^= x << 17;
         j = (size_t)(x % i);
         t = next[i];
         next[i] = next[j];
         next[j] = t;
      }
      for (i = 0; i < n; i++)
         *(void **)(m + i * LINE) = m + next[i] * LINE;
      free(next);
      CACHESIM_ZERO_STATS;
      r = (unsigned long)chase((void **)m, n);
   } else if (strcmp(what, "ipstride") == 0) {
      size_t pages = arg(argv, 2, argc);
      char *a = fresh(pages * 4096), *b = fresh(pages * 4096 / 32);
      CACHESIM_ZERO_STATS;
      r = two_walks(a, b, pages * 16);
   } else if (strcmp(what, "first") == 0) {
      size_t n = arg(argv, 2, argc);
      char *m = fresh(n * LINE);
      CACHESIM_ZERO_STATS;
      r = lines(m, n, 1);
   } else if (strcmp(what, "cycle") == 0) {
      size_t n = arg(argv, 2, argc), passes = arg(argv, 3, argc);
      char *m = fresh(n * LINE);
      CACHESIM_ZERO_STATS;
      r = lines(m, n, passes);
   } else if (strcmp(what, "pingpong") == 0) {
      size_t gap = arg(argv, 2, argc), n = arg(argv, 3, argc);
      /* a line in the middle of a page, so that stack lines (near a page
       * start or end) are unlikely to share its set */
      char *m = fresh(gap + 8192) + 37 * LINE;
      CACHESIM_ZERO_STATS;
      r = pingpong(m, m + gap, n);
   } else if (strcmp(what, "rewrite") == 0) {
      size_t n = arg(argv, 2, argc);
      unsigned long *w = (unsigned long *)fresh(n * LINE);
      CACHESIM_ZERO_STATS;
      rewrite(w, n);
   } else if (strcmp(what, "wlw") == 0) {
      size_t n = arg(argv, 2, argc), gap = arg(argv, 3, argc);
      unsigned long *w = (unsigned long *)fresh(n * LINE + gap);
      CACHESIM_ZERO_STATS;
      r = wlw(w, n, gap / sizeof *w);
   } else {
      fprintf(stderr, "usage: prefetch_patterns seq|chase|ipstride|first|cycle|pingpong|rewrite|wlw"
              " ARG...\n");
      return 2;
   }
   printf("%lu\n", r);
   return 0;
}
