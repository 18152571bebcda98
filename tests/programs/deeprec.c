/* deeprec.c - a deep recursion for csann export's tests: down() calls
 * itself DEPTH times (default 1000), touching a new cache line at each
 * level, then twice more shallowly, so every level is its own calling
 * context with its own self cost.
 *   deeprec [DEPTH] */
#include <stdio.h>
#include <stdlib.h>

#define MAX_DEPTH 100000

static char buffer[MAX_DEPTH][64];

__attribute__((noinline)) static long down(int depth)
{
    long here = buffer[depth][0] += (char)depth;
    if (depth == 0)
        return here;
    return here + down(depth - 1) + 1;      /* not a tail call */
}

int main(int argc, char **argv)
{
    int depth = argc > 1 ? atoi(argv[1]) : 1000;
    long sum;
    if (depth < 0 || depth >= MAX_DEPTH)
        depth = 1000;
    sum = down(depth) + down(depth / 2) + down(depth / 4);
    printf("%ld\n", sum);
    return 0;
}
