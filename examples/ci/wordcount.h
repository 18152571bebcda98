/* wordcount.h - a tiny word-counting library: the code under test in the
 * CI example. */
#ifndef WORDCOUNT_H
#define WORDCOUNT_H
#include <stddef.h>

typedef struct wc_table wc_table;

wc_table *wc_new(size_t buckets);
void wc_free(wc_table *t);
/* Count one occurrence of word (len bytes). */
void wc_add(wc_table *t, const char *word, size_t len);
/* How often word was counted. */
long wc_count(const wc_table *t, const char *word, size_t len);

#endif
