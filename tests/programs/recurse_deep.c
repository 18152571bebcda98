/* recurse_deep: recursion N frames deep (N from argv[1], default 1000),
 * deeper than the call graph's context limit of 400 frames, then a
 * shallow call, so that the tool's bounded context tree and its arcs past
 * the limit can be checked against Callgrind's. */
#include <stdlib.h>

static volatile long sink;

__attribute__((noinline)) static long down(long n)
{
    sink += n;
    if (n <= 1)
        return 1;
    return down(n - 1) + 1;     /* not a tail call */
}

__attribute__((noinline)) static long shallow(long n)
{
    sink += n;
    return n;
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 1000;
    long r = down(n);
    r += shallow(n);
    return r == 2 * n ? 0 : 1;
}
