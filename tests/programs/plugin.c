/* plugin.c - a shared object loaded and unloaded by dlmain.c. */
long plugin_work(long n)
{
    long s = 0;
    for (long i = 0; i < n; i++)
        s += (i * i) % 97;
    return s;
}
