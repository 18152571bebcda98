/* protobuf_enc.c - see protobuf_enc.h. */
#include <stdlib.h>
#include <string.h>
#include "protobuf_enc.h"
#include "xalloc.h"

enum { WIRE_VARINT = 0, WIRE_LEN = 2 };

void cs_pb_init(cs_pb *b)
{
    memset(b, 0, sizeof *b);
}

void cs_pb_free(cs_pb *b)
{
    free(b->data);
    memset(b, 0, sizeof *b);
}

void cs_pb_reset(cs_pb *b)
{
    b->len = 0;
}

static void put(cs_pb *b, const void *data, size_t len)
{
    if (len == 0)
        return;
    xgrow((void **)&b->data, &b->cap, b->len + len, 1);
    memcpy(b->data + b->len, data, len);
    b->len += len;
}

void cs_pb_raw_varint(cs_pb *b, uint64_t v)
{
    unsigned char tmp[10];
    size_t n = 0;
    while (v >= 0x80) {
        tmp[n++] = (unsigned char)(v | 0x80);
        v >>= 7;
    }
    tmp[n++] = (unsigned char)v;
    put(b, tmp, n);
}

static void tag(cs_pb *b, unsigned field, unsigned wire)
{
    cs_pb_raw_varint(b, ((uint64_t)field << 3) | wire);
}

void cs_pb_uint(cs_pb *b, unsigned field, uint64_t v)
{
    if (v == 0)
        return;
    tag(b, field, WIRE_VARINT);
    cs_pb_raw_varint(b, v);
}

void cs_pb_int(cs_pb *b, unsigned field, int64_t v)
{
    cs_pb_uint(b, field, (uint64_t)v);
}

void cs_pb_bool(cs_pb *b, unsigned field, int v)
{
    cs_pb_uint(b, field, v ? 1 : 0);
}

void cs_pb_bytes(cs_pb *b, unsigned field, const void *data, size_t len)
{
    tag(b, field, WIRE_LEN);
    cs_pb_raw_varint(b, len);
    put(b, data, len);
}

void cs_pb_message(cs_pb *b, unsigned field, const cs_pb *sub)
{
    cs_pb_bytes(b, field, sub->data, sub->len);
}

static size_t varint_size(uint64_t v)
{
    size_t n = 1;
    while (v >= 0x80) {
        v >>= 7;
        n++;
    }
    return n;
}

void cs_pb_packed_uint(cs_pb *b, unsigned field, const uint64_t *v, size_t n)
{
    size_t i, len = 0;
    if (n == 0)
        return;
    for (i = 0; i < n; i++)
        len += varint_size(v[i]);
    tag(b, field, WIRE_LEN);
    cs_pb_raw_varint(b, len);
    for (i = 0; i < n; i++)
        cs_pb_raw_varint(b, v[i]);
}

void cs_pb_packed_int(cs_pb *b, unsigned field, const int64_t *v, size_t n)
{
    size_t i, len = 0;
    if (n == 0)
        return;
    for (i = 0; i < n; i++)
        len += varint_size((uint64_t)v[i]);
    tag(b, field, WIRE_LEN);
    cs_pb_raw_varint(b, len);
    for (i = 0; i < n; i++)
        cs_pb_raw_varint(b, (uint64_t)v[i]);
}
