/* test_geometry.c - host tests of geometry parsing and checks. */
#include <string.h>
#include "unit.h"
#include "model/geometry.h"

static int valid(unsigned long s, unsigned long a, unsigned long l)
{
    cs_geometry_t g = { s, a, l };
    const char *err;
    return cs_geometry_check(&g, &err) == 0;
}

int main(void)
{
    cs_geometry_t g;
    const char *err = NULL;
    char buf[80];

    CHECK_EQ(cs_geometry_parse("32768,8,64", &g, &err), 0);
    CHECK_EQ(g.size, 32768);
    CHECK_EQ(g.assoc, 8);
    CHECK_EQ(g.line_size, 64);
    CHECK_EQ(cs_geometry_parse("32768,8", &g, &err), -1);
    CHECK_EQ(cs_geometry_parse("32768,8,64,", &g, &err), -1);
    CHECK_EQ(cs_geometry_parse("a,8,64", &g, &err), -1);
    CHECK_EQ(cs_geometry_parse("99999999999,8,64", &g, &err), -1);
    /* Right syntax, a number over the limit: the message says which and
     * the limit, not that the syntax is wrong. */
    CHECK_EQ(cs_geometry_parse("34359738368,8,64", &g, &err), -1);
    CHECK(strcmp(err, "the size is too large: at most 2147483647 bytes (2 GiB - 1)") == 0);
    CHECK_EQ(cs_geometry_parse("2147483648,16,64", &g, &err), -1);
    CHECK(strstr(err, "size is too large") != NULL);
    CHECK_EQ(cs_geometry_parse("32768,4294967296,64", &g, &err), -1);
    CHECK(strcmp(err, "the associativity is too large: at most 2147483647") == 0);
    CHECK_EQ(cs_geometry_parse("32768,8,99999999999999999999999", &g, &err), -1);
    CHECK(strstr(err, "line size is too large") != NULL);
    CHECK_EQ(cs_geometry_parse("2147483647,1,64", &g, &err), 0);
    CHECK_EQ(cs_geometry_parse("99999999999,8", &g, &err), -1);   /* bad syntax first */
    CHECK(strstr(err, "expected <size>") != NULL);
    CHECK_EQ(cs_geometry_parse("", &g, &err), -1);

    CHECK(valid(32768, 8, 64));
    CHECK(valid(24576, 6, 64));      /* 64 sets: associativity need not be 2^n */
    CHECK(valid(1024, 16, 64));      /* one set: fully associative */
    CHECK(valid(4096, 1, 16));
    CHECK(!valid(32768, 3, 64));     /* set count not a power of two */
    CHECK(!valid(3000000, 12, 64));
    CHECK(!valid(32768, 8, 48));     /* line size not a power of two */
    CHECK(!valid(32768, 8, 8));      /* line too small */
    CHECK(!valid(64, 1, 64));        /* size <= line size */
    CHECK(!valid(32768, 0, 64));
    CHECK(!valid(32768, 8, 0));
    {
        cs_geometry_t bad = { 32768, 3, 64 };
        cs_geometry_check(&bad, &err);
        CHECK(strcmp(err, "Cache set count is not a power of two.") == 0);
    }

    g.size = 32768; g.assoc = 8; g.line_size = 64;
    cs_geometry_describe(&g, buf, sizeof buf);
    CHECK(strcmp(buf, "32768 B, 64 B, 8-way associative") == 0);
    g.size = 268435456; g.assoc = 1;
    cs_geometry_describe(&g, buf, sizeof buf);
    CHECK(strcmp(buf, "268435456 B, 64 B, direct-mapped") == 0);

    /* 12 MB 16-way: 12288 sets become 8192 sets, 24-way, still 12 MB. */
    g.size = 12582912; g.assoc = 16; g.line_size = 64;
    CHECK_EQ(cs_geometry_tweak_ll(&g), 1);
    CHECK_EQ(g.assoc, 24);
    CHECK_EQ(g.size, 12582912);
    CHECK(valid(g.size, g.assoc, g.line_size));
    g.size = 1048576; g.assoc = 16; g.line_size = 64;
    CHECK_EQ(cs_geometry_tweak_ll(&g), 0);
    return unit_finish("test_geometry");
}
