/* hash.h - hash functions and a map from fixed-size integer keys to indexes,
 * used for every lookup of the profile model (functions, lines, call arcs). */
#ifndef CSANN_HASH_H
#define CSANN_HASH_H
#include <stddef.h>
#include <stdint.h>

#define CS_NONE UINT32_MAX

uint32_t cs_hash_bytes(const char *s, size_t len);

typedef struct { uint64_t a, b, c; } cs_key;

typedef struct cs_keymap cs_keymap;

cs_keymap *cs_keymap_new(void);
void cs_keymap_free(cs_keymap *m);
/* The value stored for key, or CS_NONE. */
uint32_t cs_keymap_get(const cs_keymap *m, cs_key key);
/* Stores key -> value (value must not be CS_NONE); replaces an old value. */
void cs_keymap_put(cs_keymap *m, cs_key key, uint32_t value);
size_t cs_keymap_count(const cs_keymap *m);

#endif
