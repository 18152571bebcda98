/* fingerprint.c - see fingerprint.h.  Keys are compared generically, so
 * keys added by later versions of the tool need no change here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "combine.h"
#include "fingerprint.h"
#include "xalloc.h"

static const char prefix[] = "Fingerprint:";

static void add_pair(cs_fingerprint *f, const char *word, size_t len)
{
    const char *eq = memchr(word, '=', len);
    f->keys = xrealloc(f->keys, (f->n + 1) * sizeof *f->keys);
    f->values = xrealloc(f->values, (f->n + 1) * sizeof *f->values);
    if (eq) {
        f->keys[f->n] = xstrndup(word, (size_t)(eq - word));
        f->values[f->n] = xstrndup(eq + 1, len - (size_t)(eq - word) - 1);
    } else {
        f->keys[f->n] = xstrndup(word, len);   /* a bare word: a flag */
        f->values[f->n] = xstrdup("");
    }
    f->n++;
}

int cs_fingerprint_get(const cs_profile *p, cs_fingerprint *out)
{
    const cs_part *part = cs_first_selected_part(p);
    size_t i;
    memset(out, 0, sizeof *out);
    for (i = 0; part && i < part->n_desc; i++) {
        const char *s = part->desc[i];
        if (strncmp(s, prefix, sizeof prefix - 1) != 0)
            continue;
        s += sizeof prefix - 1;
        for (;;) {
            size_t len;
            while (*s == ' ' || *s == '\t')
                s++;
            if (!*s)
                break;
            len = strcspn(s, " \t");
            add_pair(out, s, len);
            s += len;
        }
        return 1;
    }
    return 0;
}

void cs_fingerprint_free(cs_fingerprint *f)
{
    size_t i;
    for (i = 0; i < f->n; i++) {
        free(f->keys[i]);
        free(f->values[i]);
    }
    free(f->keys);
    free(f->values);
    memset(f, 0, sizeof *f);
}

static const char *lookup(const cs_fingerprint *f, const char *key)
{
    size_t i;
    for (i = 0; i < f->n; i++)
        if (strcmp(f->keys[i], key) == 0)
            return f->values[i];
    return NULL;
}

static size_t warn_key(const char *key, const char *a, const char *b,
                       const char *base_name, const char *new_name)
{
    if (a && b && strcmp(a, b) == 0)
        return 0;
    fprintf(stderr, "csann: warning: fingerprint differs: %s %s (%s) vs %s (%s)\n",
            key, a ? a : "(none)", base_name, b ? b : "(none)", new_name);
    /* cpu=NAME:HASH names a CPU description other than Cachegrind's model
     * (none: Cachegrind's): the cache counts come from different models. */
    if (strcmp(key, "cpu") == 0)
        fprintf(stderr, "csann: warning: the profiles were made with different CPU "
                "descriptions (%s and %s): their cache counts are not comparable\n",
                a ? a : "Cachegrind's model", b ? b : "Cachegrind's model");
    return 1;
}

size_t cs_fingerprint_warn(const cs_profile *base, const cs_profile *new_,
                           const char *base_name, const char *new_name,
                           int *n_compared)
{
    cs_fingerprint a, b;
    size_t i, n = 0;
    int have_a = cs_fingerprint_get(base, &a), have_b = cs_fingerprint_get(new_, &b);
    if (n_compared)
        *n_compared = have_a && have_b;
    if (have_a && have_b) {
        for (i = 0; i < a.n; i++)
            n += warn_key(a.keys[i], a.values[i], lookup(&b, a.keys[i]),
                          base_name, new_name);
        for (i = 0; i < b.n; i++)
            if (!lookup(&a, b.keys[i]))
                n += warn_key(b.keys[i], NULL, b.values[i], base_name, new_name);
    }
    cs_fingerprint_free(&a);
    cs_fingerprint_free(&b);
    return n;
}
