/* cachedemo.c - the bundled example: the same sum computed twice, once
 * walking memory in order and once striding across it.  Under cachesim the
 * second loop's line shows the D1 and LL misses.
 *   gcc -g -O1 -o cachedemo examples/cachedemo.c
 *   valgrind --tool=cachesim ./cachedemo
 *   csann --auto=yes cachesim.out.<pid> */
#include <stdio.h>
#include <stdlib.h>

#define N 1024

static double grid[N][N];

static double sum_by_rows(void)
{
    double s = 0;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++)
            s += grid[i][j];            /* consecutive addresses */
    return s;
}

static double sum_by_columns(void)
{
    double s = 0;
    for (int j = 0; j < N; j++)
        for (int i = 0; i < N; i++)
            s += grid[i][j];            /* 8 KB apart: a new line each time */
    return s;
}

int main(void)
{
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++)
            grid[i][j] = (i * 31 + j) % 17;
    printf("rows %.0f columns %.0f\n", sum_by_rows(), sum_by_columns());
    return 0;
}
