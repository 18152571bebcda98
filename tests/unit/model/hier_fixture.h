/* hier_fixture.h - a hierarchy built from description text, with an
 * optional miss classifier, for the host tests and benches of
 * prefetch.h and classify.h (one program each: static functions). */
#ifndef CACHESIM_TESTS_HIER_FIXTURE_H
#define CACHESIM_TESTS_HIER_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model/hierarchy.h"
#include "model/classify.h"

typedef struct {
    cs_hier_t h;
    cs_cpu_t cpu;
    void *storage;
    cs_classify_t cl;
    void *cl_storage;
} fixture_t;

static void *fixture_alloc(void *ctx, unsigned long bytes)
{
    (void)ctx;
    return calloc(1, bytes);
}

static void fixture_free(void *ctx, void *mem)
{
    (void)ctx;
    free(mem);
}

/* Build from a description; with_classify attaches a classifier.
 * Exits on a bad description (a bug in the test). */
static void fixture_build_cpu(fixture_t *f, const cs_cpu_t *cpu, int with_classify)
{
    char msg[256];
    if (cs_cpu_check(cpu, msg, sizeof msg) != 0) {
        fprintf(stderr, "bad test description: %s\n", msg);
        exit(2);
    }
    f->cpu = *cpu;
    f->storage = calloc(1, cs_hier_storage_bytes(cpu));
    cs_hier_init(&f->h, cpu, f->storage);
    f->cl_storage = 0;
    if (with_classify) {
        f->cl_storage = calloc(1, cs_classify_storage_bytes(cpu));
        if (cs_classify_init(&f->cl, cpu, f->cl_storage, fixture_alloc, fixture_free, 0) != 0)
            exit(2);
        cs_hier_attach_classify(&f->h, &f->cl);
    }
}

static void fixture_parse(cs_cpu_t *cpu, const char *text)
{
    cs_cpu_error_t err;
    if (cs_cpu_parse(cpu, text, strlen(text), "test", &err) != 0) {
        fprintf(stderr, "bad test description: %s\n", err.message);
        exit(2);
    }
}

static void fixture_build(fixture_t *f, const char *text, int with_classify)
{
    cs_cpu_t cpu;
    fixture_parse(&cpu, text);
    fixture_build_cpu(f, &cpu, with_classify);
}

static void fixture_destroy(fixture_t *f)
{
    if (f->cl_storage != 0) {
        cs_classify_free(&f->cl);
        free(f->cl_storage);
    }
    free(f->storage);
}

/* cs_hier_access_ext by the general path: the access without the fast
 * exit, then D1's ipstride prefetches, each a fill unless present. */
static inline cs_hier_outcome_t ext_by_slow_path(cs_hier_t *h, cs_hier_kind_t kind,
                                                 unsigned long addr, unsigned long size,
                                                 unsigned long ip)
{
    cs_hier_outcome_t out = cs_hier_access_slow(h, kind, addr, size);
    if (h->pf_loads && (kind == CS_HIER_READ || kind == CS_HIER_MODIFY)) {
        unsigned long t[CS_PF_MAX_TARGETS];
        unsigned n = cs_pf_load(&h->pf[CS_CPU_D1], ip, addr, t), j;
        for (j = 0; j < n; j++)
            if (cs_hier_probe(h, CS_CPU_D1, t[j] << 6) == 0) {
                out += cs_hier_prefetch(h, CS_CPU_D1, t[j] << 6);
                out += 1ULL << CS_HIER_PF_SHIFT(CS_HIER_L1);
            }
    }
    return out;
}

#endif
