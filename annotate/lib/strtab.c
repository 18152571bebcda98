/* strtab.c - open-addressing hash table of interned strings.  Strings live
 * in large chunks so that interning millions of names costs few mallocs. */
#include <stdlib.h>
#include <string.h>
#include "strtab.h"
#include "hash.h"
#include "xalloc.h"

#define CHUNK_SIZE (64 * 1024)

struct cs_strtab {
    char **strs;            /* id -> string */
    uint32_t *hashes;       /* id -> hash, to rehash without rereading */
    size_t count, cap;
    uint32_t *slots;        /* id + 1, or 0 when empty */
    size_t nslots;          /* power of two */
    char **chunks;
    size_t nchunks, chunks_cap;
    size_t chunk_used, chunk_size;
};

cs_strtab *cs_strtab_new(void)
{
    cs_strtab *t = xcalloc(1, sizeof *t);
    t->nslots = 1024;
    t->slots = xcalloc(t->nslots, sizeof *t->slots);
    return t;
}

void cs_strtab_free(cs_strtab *t)
{
    size_t i;
    if (!t)
        return;
    for (i = 0; i < t->nchunks; i++)
        free(t->chunks[i]);
    free(t->chunks);
    free(t->strs);
    free(t->hashes);
    free(t->slots);
    free(t);
}

static char *store(cs_strtab *t, const char *s, size_t len)
{
    char *d;
    if (t->nchunks == 0 || t->chunk_used + len + 1 > t->chunk_size) {
        size_t size = len + 1 > CHUNK_SIZE ? len + 1 : CHUNK_SIZE;
        xgrow((void **)&t->chunks, &t->chunks_cap, t->nchunks + 1,
              sizeof *t->chunks);
        t->chunks[t->nchunks++] = xmalloc(size);
        t->chunk_used = 0;
        t->chunk_size = size;
    }
    d = t->chunks[t->nchunks - 1] + t->chunk_used;
    memcpy(d, s, len);
    d[len] = '\0';
    t->chunk_used += len + 1;
    return d;
}

static void rehash(cs_strtab *t)
{
    size_t i, mask;
    free(t->slots);
    t->nslots *= 2;
    mask = t->nslots - 1;
    t->slots = xcalloc(t->nslots, sizeof *t->slots);
    for (i = 0; i < t->count; i++) {
        size_t j = t->hashes[i] & mask;
        while (t->slots[j])
            j = (j + 1) & mask;
        t->slots[j] = (uint32_t)i + 1;
    }
}

uint32_t cs_strtab_intern(cs_strtab *t, const char *s, size_t len)
{
    uint32_t h = cs_hash_bytes(s, len);
    size_t mask = t->nslots - 1, j = h & mask;
    uint32_t id;

    while (t->slots[j]) {
        id = t->slots[j] - 1;
        if (t->hashes[id] == h && strncmp(t->strs[id], s, len) == 0
            && t->strs[id][len] == '\0')
            return id;
        j = (j + 1) & mask;
    }
    xgrow((void **)&t->strs, &t->cap, t->count + 1, sizeof *t->strs);
    t->hashes = xrealloc(t->hashes, t->cap * sizeof *t->hashes);
    id = (uint32_t)t->count++;
    t->strs[id] = store(t, s, len);
    t->hashes[id] = h;
    t->slots[j] = id + 1;
    if (t->count * 2 > t->nslots)
        rehash(t);
    return id;
}

const char *cs_strtab_get(const cs_strtab *t, uint32_t id)
{
    return id < t->count ? t->strs[id] : "";
}

size_t cs_strtab_count(const cs_strtab *t)
{
    return t->count;
}
