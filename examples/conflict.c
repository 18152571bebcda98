/* conflict.c - conflict misses from a power-of-two stride, and the
 * one-line padding that removes them.
 *
 * The matrix's rows are 4096 bytes long, so the elements of one column are
 * 4096 bytes apart and all fall in the same set of a 32 KB 8-way D1 (64
 * sets of 64-byte lines): walking a column of 64 rows cycles 64 lines
 * through 8 ways, and every load misses, although the 64 lines would fit
 * in the cache 8 times over.  --classify-misses=yes calls these misses
 * conflict misses (D1cnf).  Padding each row by one line (PAD 8) spreads
 * the column over 64 sets: what is left are capacity misses (D1cap), since
 * the matrix, written before the walk, is larger than D1.
 *
 *   gcc -g -O1 -o conflict examples/conflict.c
 *   gcc -g -O1 -DPAD=8 -o conflict-padded examples/conflict.c
 *   G="--I1=32768,8,64 --D1=32768,8,64 --LL=8388608,16,64"
 *   valgrind --tool=cachesim $G --classify-misses=yes --cachesim-out-file=before.cs ./conflict
 *   valgrind --tool=cachesim $G --classify-misses=yes --cachesim-out-file=after.cs ./conflict-padded
 *   csann diff --show=D1mr,D1cmp,D1cap,D1cnf before.cs after.cs
 * (docs/choosing-a-cpu-model.md, "Why a line misses", shows the output.) */
#include <stdio.h>

#define ROWS 64
#define COLS 512                /* doubles: 4096 bytes a row */
#ifndef PAD
#define PAD 0                   /* the fix: 8, one 64-byte line more per row */
#endif

static double m[ROWS][COLS + PAD];

/* Sum the matrix column by column, a line's worth of columns at a time. */
static double column_sums(void)
{
    double s = 0;
    for (int j0 = 0; j0 < COLS; j0 += 8)
        for (int j = j0; j < j0 + 8; j++)
            for (int i = 0; i < ROWS; i++)
                s += m[i][j];           /* the column walk */
    return s;
}

int main(void)
{
    for (int i = 0; i < ROWS; i++)
        for (int j = 0; j < COLS; j++)
            m[i][j] = i + j;
    printf("%.0f\n", column_sums());
    return 0;
}
