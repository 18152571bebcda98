/* speed.c - two builds for the differential flame graph test: with -DSLOW,
 * grow() loops more and shrink() loops less than without. */
#include <stdio.h>

#ifdef SLOW
enum { GROW = 40000, SHRINK = 10000 };
#else
enum { GROW = 10000, SHRINK = 40000 };
#endif

static volatile long sink;

__attribute__((noinline)) static void grow(void)
{
    for (long i = 0; i < GROW; i++)
        sink += i;
}

__attribute__((noinline)) static void shrink(void)
{
    for (long i = 0; i < SHRINK; i++)
        sink ^= i;
}

__attribute__((noinline)) static void steady(void)
{
    for (long i = 0; i < 20000; i++)
        sink -= i;
}

int main(void)
{
    grow();
    shrink();
    steady();
    printf("%ld\n", (long)sink);
    return 0;
}
