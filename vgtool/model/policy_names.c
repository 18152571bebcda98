/* policy_names.c - the replacement policies' names: parsing them
 * (--I1/--D1/--LL policies, CPU descriptions), printing them back,
 * checking a policy against an associativity, and comparing two. */
#include "policy.h"

/* ---------------------------------------------------------------------
 * Names
 * --------------------------------------------------------------------- */

static const char policy_list[] =
    "expected lru, fifo, random, tree-plru, bit-plru, lru3plru4, srrip, brrip "
    "or qlru:H<x><y>_M<m>_R<r>_U<u>[_UMO]";

static const char *const simple_names[] = {
    [CS_POLICY_LRU] = "lru",
    [CS_POLICY_FIFO] = "fifo",
    [CS_POLICY_RANDOM] = "random",
    [CS_POLICY_TREE_PLRU] = "tree-plru",
    [CS_POLICY_BIT_PLRU] = "bit-plru",
    [CS_POLICY_LRU3PLRU4] = "lru3plru4",
    [CS_POLICY_SRRIP] = "srrip",
    [CS_POLICY_BRRIP] = "brrip",
};

static char lower(char ch)
{
    return ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
}

/* Does text start with word (case-insensitive)?  Returns its length or 0. */
static unsigned long starts_with(const char *text, const char *word)
{
    unsigned long n = 0;
    while (word[n] != '\0') {
        if (lower(text[n]) != word[n])
            return 0;
        n++;
    }
    return n;
}

/* One digit 0..max after a letter, e.g. "M1".  Advances *p. */
static int letter_digit(const char **p, char letter, unsigned max, unsigned char *out)
{
    const char *s = *p;
    if (lower(s[0]) != letter || s[1] < '0' || s[1] > (char)('0' + max))
        return -1;
    *out = (unsigned char)(s[1] - '0');
    *p = s + 2;
    return 0;
}

static int parse_qlru(const char *s, cs_policy_t *p)
{
    unsigned char h3, h2;

    if (lower(s[0]) != 'h' || s[1] < '0' || s[1] > '3' || s[2] < '0' || s[2] > '3' || s[3] != '_')
        return -1;
    h3 = (unsigned char)(s[1] - '0');
    h2 = (unsigned char)(s[2] - '0');
    s += 4;
    if (letter_digit(&s, 'm', 3, &p->insert_age) != 0 || *s++ != '_'
        || letter_digit(&s, 'r', 2, &p->replace) != 0 || *s++ != '_'
        || letter_digit(&s, 'u', 3, &p->update) != 0)
        return -1;
    p->update_on_miss_only = 0;
    if (*s == '_') {
        unsigned long n = starts_with(s + 1, "umo");
        if (n == 0)
            return -1;
        p->update_on_miss_only = 1;
        s += 1 + n;
    }
    if (*s != '\0')
        return -1;
    p->hit_age[0] = 0;
    p->hit_age[1] = 0;
    p->hit_age[2] = h2;
    p->hit_age[3] = h3;
    return 0;
}

int cs_policy_parse(const char *text, cs_policy_t *out, const char **err)
{
    cs_policy_t p;
    unsigned long k, n;

    for (k = 0; k < sizeof p; k++)
        ((unsigned char *)&p)[k] = 0;
    for (k = 0; k < sizeof simple_names / sizeof simple_names[0]; k++) {
        n = starts_with(text, simple_names[k]);
        if (n != 0 && text[n] == '\0') {
            p.kind = (unsigned char)k;
            *out = p;
            return 0;
        }
    }
    /* qlru:H11_M1_R0_U0, or uops.info's QLRU_H11_M1_R0_U0 */
    n = starts_with(text, "qlru");
    if (n != 0 && (text[n] == ':' || text[n] == '_')) {
        p.kind = CS_POLICY_QLRU;
        if (parse_qlru(text + n + 1, &p) == 0) {
            *out = p;
            return 0;
        }
        *err = "bad QLRU variant: expected qlru:H<x><y>_M<m>_R<r>_U<u>[_UMO] with x, y, m "
               "and u from 0 to 3 and r from 0 to 2 (e.g. qlru:H11_M1_R0_U0)";
        return -1;
    }
    *err = policy_list;
    return -1;
}

unsigned long cs_policy_name(const cs_policy_t *p, char *buf, unsigned long buflen)
{
    char tmp[32];
    const char *s;
    unsigned long n = 0, k;

    if (p->kind == CS_POLICY_QLRU) {
        const char *q = "qlru:H";
        while (*q)
            tmp[n++] = *q++;
        tmp[n++] = (char)('0' + p->hit_age[3]);
        tmp[n++] = (char)('0' + p->hit_age[2]);
        tmp[n++] = '_';
        tmp[n++] = 'M';
        tmp[n++] = (char)('0' + p->insert_age);
        tmp[n++] = '_';
        tmp[n++] = 'R';
        tmp[n++] = (char)('0' + p->replace);
        tmp[n++] = '_';
        tmp[n++] = 'U';
        tmp[n++] = (char)('0' + p->update);
        if (p->update_on_miss_only) {
            tmp[n++] = '_';
            tmp[n++] = 'U';
            tmp[n++] = 'M';
            tmp[n++] = 'O';
        }
        tmp[n] = '\0';
        s = tmp;
    } else {
        s = simple_names[p->kind];
        while (s[n] != '\0')
            n++;
    }
    for (k = 0; buflen > 0 && k < n && k + 1 < buflen; k++)
        buf[k] = s[k];
    if (buflen > 0)
        buf[k] = '\0';
    return n;
}

int cs_policy_check(const cs_policy_t *p, unsigned long assoc, const char **err)
{
    switch (p->kind) {
    case CS_POLICY_LRU:
    case CS_POLICY_FIFO:
        return 0;
    case CS_POLICY_TREE_PLRU:
        if (assoc > 64 || (assoc & (assoc - 1)) != 0) {
            *err = "tree-plru needs a power-of-two associativity of at most 64";
            return -1;
        }
        return 0;
    case CS_POLICY_BIT_PLRU:
        if (assoc > 64) {
            *err = "bit-plru supports at most 64 ways";
            return -1;
        }
        return 0;
    case CS_POLICY_LRU3PLRU4:
        if (assoc != 12) {
            *err = "lru3plru4 needs exactly 12 ways (three 4-way trees)";
            return -1;
        }
        return 0;
    default:
        if (assoc > 255) {
            *err = "associativities above 255 are supported with lru and fifo only";
            return -1;
        }
        return 0;
    }
}

int cs_policy_equal(const cs_policy_t *a, const cs_policy_t *b)
{
    if (a->kind != b->kind)
        return 0;
    if (a->kind != CS_POLICY_QLRU)
        return 1;
    return a->hit_age[2] == b->hit_age[2] && a->hit_age[3] == b->hit_age[3]
        && a->insert_age == b->insert_age && a->replace == b->replace
        && a->update == b->update && a->update_on_miss_only == b->update_on_miss_only;
}
