/* plugin_b.c - the second plugin dlmain.c loads: the same shape of code
 * as plugin_a.c (so that it lands at the same addresses), under other
 * names and lines. */


/* (two lines down from plugin_a.c's, on purpose) */
static long cubes_mod(long n)
{
    long s = 0;
    for (long i = 0; i < n; i++)
        s += (i * i * i) % 89;
    return s;
}

long plugin_work(long n)
{
    return cubes_mod(n);
}
