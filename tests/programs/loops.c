/* loops.c - integer loops and data-dependent branches. */
#include <stdio.h>
#include <stdlib.h>

static unsigned collatz_steps(unsigned long n)
{
    unsigned steps = 0;
    while (n != 1) {
        n = (n & 1) ? 3 * n + 1 : n / 2;
        steps++;
    }
    return steps;
}

int main(int argc, char **argv)
{
    unsigned long limit = argc > 1 ? strtoul(argv[1], NULL, 10) : 20000;
    unsigned long total = 0, longest = 0, i;
    int primes = 0;

    for (i = 1; i <= limit; i++) {
        unsigned s = collatz_steps(i);
        total += s;
        if (s > longest)
            longest = s;
    }
    for (i = 2; i < limit; i++) {
        unsigned long d;
        int prime = 1;
        for (d = 2; d * d <= i; d++)
            if (i % d == 0) { prime = 0; break; }
        primes += prime;
    }
    printf("collatz total %lu longest %lu primes %d\n", total, longest, primes);
    return 0;
}
