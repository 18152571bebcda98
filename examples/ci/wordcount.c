/* wordcount.c - a chained hash table of words and their counts. */
#include <stdlib.h>
#include <string.h>
#include "wordcount.h"

typedef struct entry {
    struct entry *next;
    long count;
    size_t len;
    char word[];
} entry;

struct wc_table {
    size_t buckets;
    entry **slot;
};

__attribute__((noinline)) static size_t hash(const char *s, size_t len)
{
    size_t h = 2166136261u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
#ifdef WC_SLOW_HASH
    /* The deliberate regression of the CI example: hash every word twice. */
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
#endif
    return h;
}

wc_table *wc_new(size_t buckets)
{
    wc_table *t = malloc(sizeof *t);
    t->buckets = buckets;
    t->slot = calloc(buckets, sizeof *t->slot);
    return t;
}

void wc_free(wc_table *t)
{
    for (size_t i = 0; i < t->buckets; i++) {
        entry *e = t->slot[i];
        while (e) {
            entry *next = e->next;
            free(e);
            e = next;
        }
    }
    free(t->slot);
    free(t);
}

static entry *find(const wc_table *t, const char *word, size_t len, size_t h)
{
    for (entry *e = t->slot[h % t->buckets]; e; e = e->next)
        if (e->len == len && memcmp(e->word, word, len) == 0)
            return e;
    return NULL;
}

void wc_add(wc_table *t, const char *word, size_t len)
{
    size_t h = hash(word, len);
    entry *e = find(t, word, len, h);
    if (!e) {
        e = malloc(sizeof *e + len);
        e->count = 0;
        e->len = len;
        memcpy(e->word, word, len);
        e->next = t->slot[h % t->buckets];
        t->slot[h % t->buckets] = e;
    }
    e->count++;
}

long wc_count(const wc_table *t, const char *word, size_t len)
{
    entry *e = find(t, word, len, hash(word, len));
    return e ? e->count : 0;
}
