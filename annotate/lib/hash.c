/* hash.c - FNV-1a for strings and a linear-probing map for integer keys. */
#include <stdlib.h>
#include "hash.h"
#include "xalloc.h"

uint32_t cs_hash_bytes(const char *s, size_t len)
{
    uint32_t h = 2166136261u;
    size_t i;
    for (i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

struct entry {
    cs_key key;
    uint32_t value;         /* CS_NONE marks an empty slot */
};

struct cs_keymap {
    struct entry *slots;
    size_t nslots, count;   /* nslots is a power of two */
};

static uint64_t mix(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return x;
}

static size_t key_hash(cs_key k)
{
    return (size_t)mix(k.a * 0x9e3779b97f4a7c15ULL ^ mix(k.b + 0x632be59bd9b4e019ULL)
                       ^ mix(k.c ^ 0x85ebca77c2b2ae63ULL));
}

static int key_eq(cs_key x, cs_key y)
{
    return x.a == y.a && x.b == y.b && x.c == y.c;
}

static struct entry *new_slots(size_t n)
{
    struct entry *e = xmalloc(n * sizeof *e);
    size_t i;
    for (i = 0; i < n; i++)
        e[i].value = CS_NONE;
    return e;
}

cs_keymap *cs_keymap_new(void)
{
    cs_keymap *m = xcalloc(1, sizeof *m);
    m->nslots = 256;
    m->slots = new_slots(m->nslots);
    return m;
}

void cs_keymap_free(cs_keymap *m)
{
    if (!m)
        return;
    free(m->slots);
    free(m);
}

uint32_t cs_keymap_get(const cs_keymap *m, cs_key key)
{
    size_t mask = m->nslots - 1, j = key_hash(key) & mask;
    while (m->slots[j].value != CS_NONE) {
        if (key_eq(m->slots[j].key, key))
            return m->slots[j].value;
        j = (j + 1) & mask;
    }
    return CS_NONE;
}

static void grow(cs_keymap *m)
{
    struct entry *old = m->slots;
    size_t oldn = m->nslots, i, mask;
    m->nslots *= 2;
    mask = m->nslots - 1;
    m->slots = new_slots(m->nslots);
    for (i = 0; i < oldn; i++) {
        size_t j;
        if (old[i].value == CS_NONE)
            continue;
        j = key_hash(old[i].key) & mask;
        while (m->slots[j].value != CS_NONE)
            j = (j + 1) & mask;
        m->slots[j] = old[i];
    }
    free(old);
}

void cs_keymap_put(cs_keymap *m, cs_key key, uint32_t value)
{
    size_t mask = m->nslots - 1, j = key_hash(key) & mask;
    while (m->slots[j].value != CS_NONE) {
        if (key_eq(m->slots[j].key, key)) {
            m->slots[j].value = value;
            return;
        }
        j = (j + 1) & mask;
    }
    m->slots[j].key = key;
    m->slots[j].value = value;
    if (++m->count * 2 > m->nslots)
        grow(m);
}

size_t cs_keymap_count(const cs_keymap *m)
{
    return m->count;
}
