/* pprof_split.c - see pprof_split.h.
 *
 * One row's share of column j is r * c_j / C (C: the sum of the columns
 * still open).  The floors of the shares sum to at most r; the counts left
 * over go to the columns with the largest remainders (the largest-remainder
 * rounding of apportionment).  A share never exceeds c_j while r <= C, so
 * taking each row out of what is left keeps every column exact. */
#include <stdlib.h>
#include <string.h>
#include "pprof_split.h"
#include "xalloc.h"

typedef struct share {
    size_t col;
    cs_count whole;
    uint64_t rest;          /* r * c_j mod C: the fraction's numerator */
} share;

static int by_rest(const void *a, const void *b)
{
    const share *x = a, *y = b;
    if (x->rest != y->rest)
        return x->rest < y->rest ? 1 : -1;
    return x->col < y->col ? -1 : x->col > y->col;
}

/* q = floor(a * b / c), *rest = (a * b) mod c, for 0 <= a, b and c > 0;
 * counts can reach 2^40 and more, so the product needs 128 bits. */
static cs_count mul_div(uint64_t a, uint64_t b, uint64_t c, uint64_t *rest)
{
#ifdef __SIZEOF_INT128__
    unsigned __int128 prod = (unsigned __int128)a * b;
    *rest = (uint64_t)(prod % c);
    return (cs_count)(prod / c);
#else
    long double q = (long double)a * b / c;
    cs_count whole = (cs_count)q;
    *rest = (uint64_t)((q - whole) * c);
    return whole;
#endif
}

/* Shares r out over cols[] (non-negative, sum total > 0): whole counts
 * that sum to r, emitted for row `row`; subtracted from cols when
 * `take` (then r <= total keeps every column non-negative). */
static void share_row(cs_count r, size_t row, cs_count *cols, size_t n_cols,
                      cs_count total, int take, share *tmp,
                      cs_split_emit emit, void *ctx)
{
    size_t j, n = 0;
    cs_count given = 0;
    for (j = 0; j < n_cols; j++) {
        if (cols[j] == 0)
            continue;
        tmp[n].col = j;
        tmp[n].whole = mul_div((uint64_t)r, (uint64_t)cols[j], (uint64_t)total,
                               &tmp[n].rest);
        given += tmp[n].whole;
        n++;
    }
    if (given < r) {
        /* A few counts left: pick the largest remainders one by one (most
         * rows); many: sort. */
        size_t left = (size_t)(r - given), k;
        if (left <= 8) {
            for (k = 0; k < left; k++) {
                size_t best = k;
                share t;
                for (j = k + 1; j < n; j++)
                    if (by_rest(&tmp[j], &tmp[best]) < 0)
                        best = j;
                t = tmp[k];
                tmp[k] = tmp[best];
                tmp[best] = t;
                tmp[k].whole++;
            }
        } else {
            qsort(tmp, n, sizeof *tmp, by_rest);
            for (j = 0; j < left; j++)
                tmp[j].whole++;
        }
    }
    for (j = 0; j < n; j++) {
        if (tmp[j].whole == 0)
            continue;
        if (take)
            cols[tmp[j].col] -= tmp[j].whole;
        emit(ctx, row, tmp[j].col, tmp[j].whole);
    }
}

void cs_split(const cs_count *rows, size_t n_rows, const cs_count *cols,
              size_t n_cols, size_t fallback, cs_split_emit emit, void *ctx)
{
    cs_count row_sum = 0, col_sum = 0, *left;
    share *tmp;
    size_t i;
    int negative = 0, same_sums;

    for (i = 0; i < n_rows; i++) {
        negative |= rows[i] < 0;
        row_sum = cs_count_add(row_sum, rows[i]);
    }
    for (i = 0; i < n_cols; i++) {
        negative |= cols[i] < 0;
        col_sum = cs_count_add(col_sum, cols[i]);
    }
    if (negative || col_sum <= 0) {
        for (i = 0; i < n_rows; i++)
            if (rows[i] != 0)
                emit(ctx, i, fallback, rows[i]);
        return;
    }
    same_sums = row_sum == col_sum;
    left = xmalloc(n_cols * sizeof *left);
    memcpy(left, cols, n_cols * sizeof *left);
    tmp = xmalloc(n_cols * sizeof *tmp);
    for (i = 0; i < n_rows; i++) {
        if (rows[i] == 0)
            continue;
        if (same_sums) {
            /* What is left sums to the rows still to come. */
            share_row(rows[i], i, left, n_cols, col_sum, 1, tmp, emit, ctx);
            col_sum -= rows[i];
        } else {
            share_row(rows[i], i, left, n_cols, col_sum, 0, tmp, emit, ctx);
        }
    }
    free(tmp);
    free(left);
}
