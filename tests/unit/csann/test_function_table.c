/* test_function_table.c - host tests of the rows of `csann annotate`
 * (lib/function_table.c): a row per function per source file, self and
 * inclusive costs computed as callgrind_annotate does, and the callers and
 * callees of a row for --tree. */
#include "csann_test.h"
#include "function_table.h"
#include "reader.h"

/* main calls f 3 + 1 times from two lines and g once; f has code inlined
 * from h.h, which calls g twice. */
static const char text[] =
    "events: Ir\n"
    "fl=a.c\n"
    "fn=main\n"
    "1 2\n"
    "cfi=b.c\n"
    "cfn=f\n"
    "calls=3 10\n"
    "2 34\n"
    "cfi=c.c\n"
    "cfn=g\n"
    "calls=1 20\n"
    "3 6\n"
    "cfi=b.c\n"
    "cfn=f\n"
    "calls=1 10\n"              /* a second call site: summed with the first */
    "4 0\n"
    "fl=b.c\n"
    "fn=f\n"
    "10 25\n"
    "fi=h.h\n"
    "12 4\n"
    "cfi=c.c\n"                /* called from the inlined code */
    "cfn=g\n"
    "calls=2 20\n"
    "13 5\n"
    "fl=c.c\n"
    "fn=g\n"
    "20 11\n"
    "totals: 42\n";

static size_t row_of(const cs_fn_table *t, const cs_profile *p, const char *file,
                     const char *name)
{
    size_t r;
    for (r = 0; r < t->count; r++)
        if (strcmp(cs_name(p, t->file[r]), file) == 0
            && strcmp(cs_name(p, t->name[r]), name) == 0)
            return r;
    return (size_t)-1;
}

static cs_count cost(const cs_fn_table *t, size_t r, int inclusive)
{
    cs_count v[1] = { -1 };
    if (r < t->count)
        cs_fn_table_costs(t, r, inclusive, v);
    return v[0];
}

int main(void)
{
    char *path = temp_file(text), err[1024];
    cs_profile *p = cs_profile_new();
    cs_fn_table t;
    cs_column ir;
    cs_fn_links l;
    size_t main_r, f, f_inlined, g;

    if (cs_profile_read(p, path, NULL, err, sizeof err) < 0) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    unlink(path);
    free(path);
    cs_fn_table_build(&t, p);
    CHECK_EQ(t.count, 4);
    CHECK_EQ(t.width, 1);
    main_r = row_of(&t, p, "a.c", "main");
    f = row_of(&t, p, "b.c", "f");
    f_inlined = row_of(&t, p, "h.h", "f");      /* a row of its own */
    g = row_of(&t, p, "c.c", "g");

    CHECK_EQ(cost(&t, main_r, 0), 2);
    CHECK_EQ(cost(&t, f, 0), 25);              /* not the cost of its calls */
    CHECK_EQ(cost(&t, f_inlined, 0), 4);
    CHECK_EQ(cost(&t, g, 0), 11);
    /* Inclusive: a called row sums its incoming calls; a row nothing calls
     * (main; the inlined row, as calls= name the function's own file) gets
     * its self cost plus its outgoing calls, which are the calls made from
     * its lines. */
    CHECK_EQ(cost(&t, main_r, 1), 2 + 34 + 6);
    CHECK_EQ(cost(&t, f, 1), 34);
    CHECK_EQ(cost(&t, f_inlined, 1), 4 + 5);
    CHECK_EQ(cost(&t, g, 1), 6 + 5);

    cs_column_event(p, 0, &ir);
    l = cs_fn_table_links(&t, p, g, 1, &ir);    /* callers of g, largest first */
    CHECK_EQ(l.count, 2);
    if (l.count == 2) {
        CHECK_EQ(l.items[0].other, main_r);
        CHECK_EQ(l.items[0].count, 1);
        CHECK_EQ(l.items[0].v[0], 6);
        CHECK_EQ(l.items[1].other, f_inlined);
        CHECK_EQ(l.items[1].count, 2);
        CHECK_EQ(l.items[1].v[0], 5);
    }
    cs_fn_links_free(&l);
    l = cs_fn_table_links(&t, p, main_r, 0, &ir);   /* what main calls */
    CHECK_EQ(l.count, 2);
    if (l.count == 2) {
        CHECK_EQ(l.items[0].other, f);
        CHECK_EQ(l.items[0].count, 3 + 1);
        CHECK_EQ(l.items[0].v[0], 34);
        CHECK_EQ(l.items[1].other, g);
    }
    cs_fn_links_free(&l);
    l = cs_fn_table_links(&t, p, main_r, 1, &ir);   /* nobody calls main */
    CHECK_EQ(l.count, 0);
    cs_fn_links_free(&l);

    cs_column_free(&ir);
    cs_fn_table_free(&t);
    cs_profile_free(p);
    return unit_finish("test_function_table");
}
