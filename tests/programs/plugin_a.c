/* plugin_a.c - the first of the two plugins dlmain.c loads in turn
 * (see plugin_b.c). */
static long squares_mod(long n)
{
    long s = 0;
    for (long i = 0; i < n; i++)
        s += (i * i) % 97;
    return s;
}

long plugin_work(long n)
{
    return squares_mod(n);
}
