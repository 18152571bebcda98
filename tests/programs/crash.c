/* crash.c - does some work, then dies of a segmentation fault. */
#include <stdio.h>

__attribute__((noinline)) static long work(long n)
{
    long s = 0;
    for (long i = 0; i < n; i++)
        s += i % 7;
    return s;
}

int main(void)
{
    volatile int *null = 0;
    printf("%ld\n", work(100000));
    fflush(stdout);
    return *null;
}
