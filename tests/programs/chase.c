/* chase.c - a pointer chase over a random cycle larger than the LL cache. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : (4u << 20) / sizeof(void *);
    size_t steps = argc > 2 ? strtoul(argv[2], NULL, 10) : 300000;
    void **cells = malloc(n * sizeof *cells);
    size_t *order = malloc(n * sizeof *order);
    unsigned long seed = 42;
    void **p;

    for (size_t i = 0; i < n; i++)
        order[i] = i;
    for (size_t i = n - 1; i > 0; i--) {   /* fixed-seed shuffle */
        size_t j;
        seed = seed * 6364136223846793005UL + 1442695040888963407UL;
        j = (seed >> 33) % (i + 1);
        size_t t = order[i]; order[i] = order[j]; order[j] = t;
    }
    for (size_t i = 0; i < n; i++)
        cells[order[i]] = &cells[order[(i + 1) % n]];
    p = cells[order[0]];
    for (size_t s = 0; s < steps; s++)
        p = *p;
    printf("chased %zu steps, ended at offset %zu\n", steps, (size_t)(p - cells));
    free(order);
    free(cells);
    return 0;
}
