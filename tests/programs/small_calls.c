/* small_calls.c - a few calls inside work(), so that a profile of work()
 * alone (--toggle-collect=work) is small: about 1.5 KB, with call arcs and
 * exact stacks. */
static volatile long sink;

__attribute__((noinline)) static long leaf(long x) { sink += x; return x * 3; }
__attribute__((noinline)) static long middle(long x) { return leaf(x) + leaf(x + 1); }

__attribute__((noinline)) long work(void)
{
    long s = 0;
    for (long i = 0; i < 50; i++)
        s += i % 3 ? middle(i) : leaf(i);
    return s;
}

int main(void)
{
    return work() == 42;
}
