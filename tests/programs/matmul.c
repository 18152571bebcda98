/* matmul.c - naive and blocked matrix multiply: same result, different
 * cache behaviour.  Usage: matmul [naive|blocked] [n] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void naive(int n, const double *a, const double *b, double *c)
{
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (int k = 0; k < n; k++)
                s += a[i * n + k] * b[k * n + j];
            c[i * n + j] = s;
        }
}

static void blocked(int n, const double *a, const double *b, double *c)
{
    const int bs = 16;
    memset(c, 0, sizeof(double) * n * n);
    for (int ii = 0; ii < n; ii += bs)
        for (int kk = 0; kk < n; kk += bs)
            for (int jj = 0; jj < n; jj += bs)
                for (int i = ii; i < ii + bs && i < n; i++)
                    for (int k = kk; k < kk + bs && k < n; k++) {
                        double aik = a[i * n + k];
                        for (int j = jj; j < jj + bs && j < n; j++)
                            c[i * n + j] += aik * b[k * n + j];
                    }
}

int main(int argc, char **argv)
{
    const char *how = argc > 1 ? argv[1] : "naive";
    int n = argc > 2 ? atoi(argv[2]) : 96;
    double *a = malloc(sizeof(double) * n * n);
    double *b = malloc(sizeof(double) * n * n);
    double *c = malloc(sizeof(double) * n * n);
    double trace = 0;

    for (int i = 0; i < n * n; i++) {
        a[i] = (i % 7) * 0.5;
        b[i] = (i % 5) * 0.25;
    }
    if (strcmp(how, "blocked") == 0)
        blocked(n, a, b, c);
    else
        naive(n, a, b, c);
    for (int i = 0; i < n; i++)
        trace += c[i * n + i];
    printf("%s n=%d trace=%.2f\n", how, n, trace);
    free(a);
    free(b);
    free(c);
    return 0;
}
