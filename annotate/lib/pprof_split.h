/* pprof_split.h - sharing counts out over a table when only its row and
 * column totals are known: each calling context's self cost (a row) over
 * the source lines of its function (the columns), for the pprof export. */
#ifndef CSANN_PPROF_SPLIT_H
#define CSANN_PPROF_SPLIT_H
#include <stddef.h>
#include "profile.h"

/* Called once per non-zero cell. */
typedef void (*cs_split_emit)(void *ctx, size_t row, size_t col, cs_count v);

/* Shares out each rows[i] over the columns in proportion to cols[], in
 * whole counts:
 *   - when the rows and the columns have the same sum, every row and every
 *     column gets exactly its total (each row takes its share of what the
 *     earlier rows left, so the last row takes the rest);
 *   - when the sums differ, every row still gets exactly its total;
 *   - with a negative count, or columns that sum to 0, each row goes whole
 *     to column fallback.
 * n_cols must be at least 1. */
void cs_split(const cs_count *rows, size_t n_rows, const cs_count *cols,
              size_t n_cols, size_t fallback, cs_split_emit emit, void *ctx);

#endif
