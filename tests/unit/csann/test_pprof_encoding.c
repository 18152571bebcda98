/* test_pprof_encoding.c - host tests of csann export's building blocks: the
 * Protocol Buffers encoder (byte for byte against the wire format's rules)
 * and the sharing out of context costs over source lines. */
#include <string.h>
#include "unit.h"
#include "protobuf_enc.h"
#include "pprof_split.h"

static int bytes_are(const cs_pb *b, const unsigned char *want, size_t n)
{
    return b->len == n && memcmp(b->data, want, n) == 0;
}

static void test_encoder(void)
{
    cs_pb b, sub;
    static const uint64_t ids[] = { 1, 300 };
    static const int64_t values[] = { 0, -1 };
    cs_pb_init(&b);
    cs_pb_init(&sub);

    /* Field 1 = 150: the format's own example, 08 96 01. */
    cs_pb_uint(&b, 1, 150);
    { static const unsigned char w[] = { 0x08, 0x96, 0x01 }; CHECK(bytes_are(&b, w, sizeof w)); }
    /* Zero is left out; a large field number takes a two-byte tag. */
    cs_pb_reset(&b);
    cs_pb_uint(&b, 2, 0);
    cs_pb_bool(&b, 3, 0);
    CHECK_EQ(b.len, 0);
    cs_pb_uint(&b, 16, 1);
    { static const unsigned char w[] = { 0x80, 0x01, 0x01 }; CHECK(bytes_are(&b, w, sizeof w)); }
    /* A negative int64 is ten bytes of two's complement. */
    cs_pb_reset(&b);
    cs_pb_int(&b, 2, -1);
    { static const unsigned char w[] = { 0x10, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                         0xff, 0xff, 0x01 };
      CHECK(bytes_are(&b, w, sizeof w)); }
    /* Strings: "testing" in field 2 (the format's example); the empty
     * string is still written (string_table[0] must be there). */
    cs_pb_reset(&b);
    cs_pb_bytes(&b, 2, "testing", 7);
    cs_pb_bytes(&b, 6, "", 0);
    { static const unsigned char w[] = { 0x12, 0x07, 't', 'e', 's', 't', 'i', 'n', 'g',
                                         0x32, 0x00 };
      CHECK(bytes_are(&b, w, sizeof w)); }
    /* A sub-message: field 3 holding field 1 = 150 (1a 03 08 96 01). */
    cs_pb_reset(&b);
    cs_pb_uint(&sub, 1, 150);
    cs_pb_message(&b, 3, &sub);
    { static const unsigned char w[] = { 0x1a, 0x03, 0x08, 0x96, 0x01 }; CHECK(bytes_are(&b, w, sizeof w)); }
    /* Packed: the length counts the varints' bytes; zeros are kept. */
    cs_pb_reset(&b);
    cs_pb_packed_uint(&b, 1, ids, 2);
    cs_pb_packed_int(&b, 2, values, 2);
    cs_pb_packed_uint(&b, 4, ids, 0);
    { static const unsigned char w[] = { 0x0a, 0x03, 0x01, 0xac, 0x02,
                                         0x12, 0x0b, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff,
                                         0xff, 0xff, 0xff, 0xff, 0x01 };
      CHECK(bytes_are(&b, w, sizeof w)); }
    /* The largest varint. */
    cs_pb_reset(&b);
    cs_pb_raw_varint(&b, UINT64_MAX);
    CHECK_EQ(b.len, 10);
    CHECK_EQ(b.data[9], 0x01);
    cs_pb_free(&b);
    cs_pb_free(&sub);
}

/* ----- cs_split ---------------------------------------------------------- */

enum { MAXR = 8, MAXC = 8 };
static cs_count cell[MAXR][MAXC];
static int emitted_zero;

static void collect(void *ctx, size_t row, size_t col, cs_count v)
{
    (void)ctx;
    if (v == 0)
        emitted_zero = 1;
    cell[row][col] += v;
}

static void split(const cs_count *rows, size_t nr, const cs_count *cols, size_t nc, size_t fb)
{
    memset(cell, 0, sizeof cell);
    emitted_zero = 0;
    cs_split(rows, nr, cols, nc, fb, collect, NULL);
}

static cs_count row_sum(size_t r, size_t nc)
{
    cs_count s = 0;
    size_t c;
    for (c = 0; c < nc; c++)
        s += cell[r][c];
    return s;
}

static cs_count col_sum(size_t c, size_t nr)
{
    cs_count s = 0;
    size_t r;
    for (r = 0; r < nr; r++)
        s += cell[r][c];
    return s;
}

static void test_split(void)
{
    size_t i;
    /* Same sums: every row and every column exact, whatever the order of
     * the rows (the second row must take from what the first left). */
    {
        static const cs_count rows[] = { 100, 200, 3, 0, 200 };
        static const cs_count cols[] = { 187, 316 };
        split(rows, 5, cols, 2, 0);
        for (i = 0; i < 5; i++)
            CHECK_EQ(row_sum(i, 2), rows[i]);
        CHECK_EQ(col_sum(0, 5), 187);
        CHECK_EQ(col_sum(1, 5), 316);
        CHECK(!emitted_zero);
        /* In proportion: the first row's 100 is 37.2 + 62.8. */
        CHECK_EQ(cell[0][0], 37);
        CHECK_EQ(cell[0][1], 63);
    }
    {
        static const cs_count rows[] = { 7, 1, 1, 1, 5, 9, 2 };
        static const cs_count cols[] = { 3, 0, 11, 4, 8 };
        size_t c;
        split(rows, 7, cols, 5, 0);
        for (i = 0; i < 7; i++)
            CHECK_EQ(row_sum(i, 5), rows[i]);
        for (c = 0; c < 5; c++)
            CHECK_EQ(col_sum(c, 7), cols[c]);
        CHECK_EQ(col_sum(1, 7), 0);
    }
    /* One row: the columns themselves. */
    {
        static const cs_count rows[] = { 1000000007 };
        static const cs_count cols[] = { 1, 1000000000, 6 };
        split(rows, 1, cols, 3, 0);
        CHECK_EQ(cell[0][0], 1);
        CHECK_EQ(cell[0][1], 1000000000);
        CHECK_EQ(cell[0][2], 6);
    }
    /* Counts whose products pass 2^64. */
    {
        static const cs_count rows[] = { (cs_count)1 << 40, ((cs_count)1 << 40) + 3 };
        static const cs_count cols[] = { ((cs_count)1 << 41) - 1, 4 };
        split(rows, 2, cols, 2, 0);
        CHECK_EQ(row_sum(0, 2), rows[0]);
        CHECK_EQ(row_sum(1, 2), rows[1]);
        CHECK_EQ(col_sum(0, 2), cols[0]);
        CHECK_EQ(col_sum(1, 2), cols[1]);
    }
    /* Different sums: rows exact, in proportion to the columns. */
    {
        static const cs_count rows[] = { 10, 5 };
        static const cs_count cols[] = { 1, 3 };
        split(rows, 2, cols, 2, 0);
        CHECK_EQ(row_sum(0, 2), 10);
        CHECK_EQ(row_sum(1, 2), 5);
        CHECK_EQ(cell[0][0], 3);        /* 2.5 rounds to the larger remainder's */
        CHECK_EQ(cell[0][1], 7);
    }
    /* Negative counts or empty columns: each row whole to the fallback. */
    {
        static const cs_count rows[] = { 4, -2 };
        static const cs_count cols[] = { 1, 1, 0 };
        split(rows, 2, cols, 3, 1);
        CHECK_EQ(cell[0][1], 4);
        CHECK_EQ(cell[1][1], -2);
        CHECK_EQ(cell[0][0], 0);
    }
    {
        static const cs_count rows[] = { 4 };
        static const cs_count cols[] = { 0, 0 };
        split(rows, 1, cols, 2, 0);
        CHECK_EQ(cell[0][0], 4);
    }
}

int main(void)
{
    test_encoder();
    test_split();
    return unit_finish("test_pprof_encoding");
}
