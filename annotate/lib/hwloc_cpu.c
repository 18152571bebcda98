/* hwloc_cpu.c - see hwloc_cpu.h. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include "hwloc_cpu.h"

/* One cache object of the topology. */
typedef struct hw_cache {
    int found;
    unsigned long size, line;
    long assoc;                 /* hwloc: 0 unknown, -1 fully associative */
    int inclusive;              /* -1 unknown */
} hw_cache;

/* By depth (1..MAX_DEPTH) and type (0 unified, 1 data, 2 instruction). */
#define MAX_DEPTH 5
typedef struct topology {
    hw_cache cache[MAX_DEPTH + 1][3];
    char model[CS_CPU_TITLE_MAX];
} topology;

#define X(s) ((const xmlChar *)(s))

static int attr_long(xmlNodePtr n, const char *name, long *out)
{
    xmlChar *v = xmlGetProp(n, X(name));
    char *end;
    long x;
    if (!v)
        return -1;
    x = strtol((const char *)v, &end, 10);
    if (end == (char *)v || *end) {
        xmlFree(v);
        return -1;
    }
    xmlFree(v);
    *out = x;
    return 0;
}

/* The value of the object's <info name="NAME" value="..."/>, or NULL
 * (free with xmlFree). */
static xmlChar *info_of(xmlNodePtr n, const char *name)
{
    xmlNodePtr c;
    for (c = n->children; c; c = c->next) {
        xmlChar *k;
        if (c->type != XML_ELEMENT_NODE || xmlStrcmp(c->name, X("info")) != 0)
            continue;
        k = xmlGetProp(c, X("name"));
        if (k && xmlStrcmp(k, X(name)) == 0) {
            xmlFree(k);
            return xmlGetProp(c, X("value"));
        }
        xmlFree(k);
    }
    return NULL;
}

/* Is this object type a cache: hwloc 2's "L2Cache", "L1iCache", or
 * hwloc 1's "Cache"? */
static int is_cache_type(const xmlChar *type)
{
    size_t n = (size_t)xmlStrlen(type);
    return n >= 5 && strcmp((const char *)type + n - 5, "Cache") == 0;
}

static void visit(xmlNodePtr n, topology *t)
{
    for (; n; n = n->next) {
        xmlChar *type;
        if (n->type != XML_ELEMENT_NODE)
            continue;
        type = xmlGetProp(n, X("type"));
        if (type && is_cache_type(type)) {
            long depth = 0, kind = 0, size = 0, line = 0, assoc = 0;
            if (attr_long(n, "depth", &depth) == 0 && depth >= 1 && depth <= MAX_DEPTH
                && attr_long(n, "cache_size", &size) == 0 && size > 0) {
                hw_cache *c;
                attr_long(n, "cache_type", &kind);
                if (kind < 0 || kind > 2)
                    kind = 0;
                attr_long(n, "cache_linesize", &line);
                attr_long(n, "cache_associativity", &assoc);
                c = &t->cache[depth][kind];
                /* the first of each (every core has the same) */
                if (!c->found) {
                    xmlChar *inc = info_of(n, "Inclusive");
                    c->found = 1;
                    c->size = (unsigned long)size;
                    c->line = line > 0 ? (unsigned long)line : 0;
                    c->assoc = assoc;
                    c->inclusive = inc ? atoi((const char *)inc) != 0 : -1;
                    xmlFree(inc);
                }
            }
        } else if (type && !t->model[0]) {
            xmlChar *model = info_of(n, "CPUModel");
            if (model) {
                size_t i, k = 0;
                /* The title of a description: one line, in double quotes. */
                for (i = 0; model[i] && k + 1 < sizeof t->model; i++)
                    if (model[i] != '"')
                        t->model[k++] = model[i] < ' ' ? ' ' : (char)model[i];
                t->model[k] = '\0';
                xmlFree(model);
            }
        }
        xmlFree(type);
        visit(n->children, t);
    }
}

typedef struct notes {
    char *buf;
    size_t len, used;
} notes;

static void note(notes *n, const char *fmt, ...)
{
    va_list ap;
    int k;
    if (n->used >= n->len)
        return;
    va_start(ap, fmt);
    k = vsnprintf(n->buf + n->used, n->len - n->used, fmt, ap);
    va_end(ap);
    if (k > 0)
        n->used += (size_t)k < n->len - n->used ? (size_t)k : n->len - n->used - 1;
}

/* One cache of the description from an hwloc cache; -1 with err set when
 * hwloc does not give what the model needs. */
static int take(const char *path, const char *name, const hw_cache *h, cs_cpu_cache_t *c,
                notes *n, char *err, size_t errlen)
{
    cs_geometry_t g;
    const char *why;
    g.size = h->size;
    g.line_size = h->line;
    if (h->line == 0) {
        snprintf(err, errlen, "%s: the %s cache has no line size (cache_linesize)", path, name);
        return -1;
    }
    if (h->assoc == -1) {
        g.assoc = h->size / h->line;           /* fully associative: one set */
        note(n, "# %s: fully associative in hwloc, one set of %lu ways here.\n", name, g.assoc);
    } else if (h->assoc <= 0) {
        snprintf(err, errlen, "%s: the %s cache's associativity is unknown "
                 "(cache_associativity=%ld)", path, name, h->assoc);
        return -1;
    } else {
        g.assoc = (unsigned long)h->assoc;
    }
    if (cs_geometry_check(&g, &why) != 0) {
        cs_geometry_t before = g;
        if (cs_geometry_tweak_ll(&g) && cs_geometry_check(&g, &why) == 0) {
            note(n, "# %s: %lu B, %lu-way has %lu sets, not a power of two; simulated as\n"
                 "#   %lu B, %lu-way (Cachegrind's adjustment of such a cache).\n", name,
                 before.size, before.assoc, before.size / before.line_size / before.assoc,
                 g.size, g.assoc);
        } else {
            snprintf(err, errlen, "%s: the %s cache (%lu B, %lu-way, %lu B lines) cannot be "
                     "simulated: %s", path, name, before.size, before.assoc,
                     before.line_size, why);
            return -1;
        }
    }
    c->present = 1;
    c->geom = g;
    return 0;
}

int cs_hwloc_read(const char *path, cs_cpu_t *out, char *notes_buf, size_t notes_len,
                  char *err, size_t errlen)
{
    xmlDocPtr doc;
    xmlNodePtr root;
    topology t;
    notes n = { notes_buf, notes_len, 0 };
    const hw_cache *i1, *d1, *l2 = NULL, *ll = NULL;
    int depth, last = 0;
    char msg[256];

    if (notes_len)
        notes_buf[0] = '\0';
    memset(&t, 0, sizeof t);
    {
        FILE *f = fopen(path, "rb");
        if (!f) {
            snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
            return -1;
        }
        fclose(f);
    }
    doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc) {
        const xmlError *e = xmlGetLastError();
        if (e && e->line > 0)
            snprintf(err, errlen, "%s:%d: not well-formed XML: %s", path, e->line,
                     e->message ? e->message : "parse error");
        else
            snprintf(err, errlen, "%s: cannot read it as XML%s%s", path,
                     e && e->message ? ": " : "", e && e->message ? e->message : "");
        /* libxml2's messages end in a newline */
        if (strlen(err) && err[strlen(err) - 1] == '\n')
            err[strlen(err) - 1] = '\0';
        return -1;
    }
    root = xmlDocGetRootElement(doc);
    if (!root || xmlStrcmp(root->name, X("topology")) != 0) {
        snprintf(err, errlen, "%s: not an hwloc topology (its root element is <%s>, "
                 "not <topology>; make one with lstopo --of xml)", path,
                 root ? (const char *)root->name : "nothing");
        xmlFreeDoc(doc);
        return -1;
    }
    visit(root->children, &t);
    xmlFreeDoc(doc);

    for (depth = 1; depth <= MAX_DEPTH; depth++)
        if (t.cache[depth][0].found || t.cache[depth][1].found)
            last = depth;
    i1 = t.cache[1][2].found ? &t.cache[1][2] : t.cache[1][0].found ? &t.cache[1][0] : NULL;
    d1 = t.cache[1][1].found ? &t.cache[1][1] : t.cache[1][0].found ? &t.cache[1][0] : NULL;
    if (!i1 || !d1 || last < 2) {
        snprintf(err, errlen, "%s: the topology has no %s (the model needs I1, D1 and a "
                 "last-level cache)", path, !i1 ? "L1 instruction cache"
                 : !d1 ? "L1 data cache" : "cache beyond L1");
        return -1;
    }
    ll = t.cache[last][0].found ? &t.cache[last][0] : &t.cache[last][1];
    if (last > 2)
        l2 = t.cache[2][0].found ? &t.cache[2][0] : t.cache[2][1].found ? &t.cache[2][1] : NULL;
    if (last > 3)
        note(&n, "# The levels between L2 and L%d are left out (the model has I1, D1, L2, LL).\n",
             last);

    memset(out, 0, sizeof *out);
    snprintf(out->name, sizeof out->name, "from-hwloc");
    snprintf(out->title, sizeof out->title, "%s", t.model[0] ? t.model : "hwloc topology");
    out->writeback = 1;
    out->seed = 1;
    if (take(path, "I1", i1, &out->cache[CS_CPU_I1], &n, err, errlen) < 0
        || take(path, "D1", d1, &out->cache[CS_CPU_D1], &n, err, errlen) < 0
        || (l2 && take(path, "L2", l2, &out->cache[CS_CPU_L2], &n, err, errlen) < 0)
        || take(path, "LL", ll, &out->cache[CS_CPU_LL], &n, err, errlen) < 0)
        return -1;
    if (l2)
        out->cache[CS_CPU_L2].inclusion = l2->inclusive == 1 ? CS_CPU_INCLUSIVE
                                                             : CS_CPU_NON_INCLUSIVE;
    out->cache[CS_CPU_LL].inclusion = ll->inclusive == 1 ? CS_CPU_INCLUSIVE : CS_CPU_NON_INCLUSIVE;
    if (ll->inclusive < 0 || (l2 && l2->inclusive < 0))
        note(&n, "# hwloc gives no Inclusive info for %s: non-inclusive assumed.\n",
             ll->inclusive < 0 ? "LL" : "L2");
    note(&n, "# hwloc does not say whether a cache is exclusive (a victim cache, as AMD's\n"
         "#   L3s are): set LL's inclusion=exclusive if it is.\n");
    /* What hwloc does not know: assumed, and said so. */
    out->cache[CS_CPU_I1].latency = out->cache[CS_CPU_D1].latency = 4;
    out->cache[CS_CPU_L2].latency = l2 ? 12 : 0;
    out->cache[CS_CPU_LL].latency = l2 ? 40 : 14;
    out->memory_latency = 250;
    out->branch_penalty = 15;
    note(&n, "# Assumed (hwloc does not give them; replace them with your CPU's): every\n"
         "#   policy lru, latencies %s, memory 250 cycles, branch-penalty 15.\n",
         l2 ? "L1 4, L2 12, LL 40" : "L1 4, LL 14");
    if (cs_cpu_check(out, msg, sizeof msg) != 0) {
        snprintf(err, errlen, "%s: the caches it describes cannot be simulated: %s", path, msg);
        return -1;
    }
    return 0;
}
