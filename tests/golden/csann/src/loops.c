/* loops.c - the program profiled by Valgrind into the fixtures
 * tests/golden/csann/callgrind.out and cachegrind.out. */
#include <stdio.h>
#include <stdlib.h>

static int data[4096];

__attribute__((noinline)) static int sum_strided(int n, int stride)
{
    int s = 0;
    for (int i = 0; i < n; i++)
        s += data[(i * stride) % 4096];
    return s;
}

__attribute__((noinline)) static int pick(int x)
{
    if (x % 3 == 0)
        return x / 3;
    return x + 1;
}

__attribute__((noinline)) static int walk(int n)
{
    int s = 0;
    for (int i = 0; i < n; i++)
        s += pick(i);
    return s;
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 2000;
    for (int i = 0; i < 4096; i++)
        data[i] = i;
    int a = sum_strided(n, 1);
    int b = sum_strided(n, 16);
    int c = walk(n / 4);
    printf("%d\n", a + b + c);
    return 0;
}
