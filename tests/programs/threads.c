/* threads.c - two threads updating their own counters.
 *   threads [ITERATIONS]   (default 100000 per thread) */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static long iterations = 100000;
static long counter[2][64];

static void *work(void *arg)
{
    long id = (long)arg;
    for (long i = 0; i < iterations; i++)
        counter[id][i & 63] += i;
    return NULL;
}

int main(int argc, char **argv)
{
    pthread_t t[2];
    long sum = 0;
    if (argc > 1)
        iterations = atol(argv[1]);
    for (long i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, work, (void *)i);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 64; j++)
            sum += counter[i][j];
    printf("sum %ld\n", sum);
    return 0;
}
