/* protobuf_enc.h - writing Protocol Buffers wire format into a byte buffer:
 * the few encodings the pprof export needs (varints, length-delimited
 * strings and sub-messages, packed repeated integers), nothing schema-driven.
 *
 * A sub-message is built in its own buffer and then appended as one
 * length-delimited field, since its length must come before its bytes. */
#ifndef CSANN_PROTOBUF_ENC_H
#define CSANN_PROTOBUF_ENC_H
#include <stddef.h>
#include <stdint.h>

typedef struct cs_pb {
    unsigned char *data;
    size_t len, cap;
} cs_pb;

void cs_pb_init(cs_pb *b);
void cs_pb_free(cs_pb *b);
/* Empties b, keeping its memory for the next message. */
void cs_pb_reset(cs_pb *b);

/* A base-128 varint, with no tag. */
void cs_pb_raw_varint(cs_pb *b, uint64_t v);

/* Field `field` as a varint (uint64, or int64 in two's complement: a
 * negative number takes ten bytes, as the format says).  Zero is every
 * scalar's default, so it is left out, as proto3 encoders do. */
void cs_pb_uint(cs_pb *b, unsigned field, uint64_t v);
void cs_pb_int(cs_pb *b, unsigned field, int64_t v);
/* A bool field (left out when false). */
void cs_pb_bool(cs_pb *b, unsigned field, int v);
/* Length-delimited fields: bytes (always written, even empty, since an
 * element of a repeated string counts), and a finished sub-message. */
void cs_pb_bytes(cs_pb *b, unsigned field, const void *data, size_t len);
void cs_pb_message(cs_pb *b, unsigned field, const cs_pb *sub);
/* A packed repeated varint field (nothing when n is 0). */
void cs_pb_packed_uint(cs_pb *b, unsigned field, const uint64_t *v, size_t n);
void cs_pb_packed_int(cs_pb *b, unsigned field, const int64_t *v, size_t n);

#endif
