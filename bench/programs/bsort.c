/* bsort.c - a branchy sort: quicksort of pseudo-random integers, with
 * insertion sort for short runs (data-dependent branches everywhere). */
#include <stdio.h>
#include <stdlib.h>

static void isort(int *a, long n)
{
    for (long i = 1; i < n; i++) {
        int v = a[i];
        long j = i - 1;
        while (j >= 0 && a[j] > v) {
            a[j + 1] = a[j];
            j--;
        }
        a[j + 1] = v;
    }
}

static void qsort_int(int *a, long n)
{
    while (n > 16) {
        int pivot = a[n / 2];
        long i = 0, j = n - 1;
        while (i <= j) {
            while (a[i] < pivot) i++;
            while (a[j] > pivot) j--;
            if (i <= j) {
                int t = a[i]; a[i] = a[j]; a[j] = t;
                i++; j--;
            }
        }
        if (j + 1 < n - i) { qsort_int(a, j + 1); a += i; n -= i; }
        else { qsort_int(a + i, n - i); n = j + 1; }
    }
    isort(a, n);
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 400000;
    int *a = malloc(sizeof(int) * n);
    unsigned s = 12345;
    long check = 0;
    for (long i = 0; i < n; i++) {
        s = s * 1103515245u + 12345u;
        a[i] = (int)(s >> 8);
    }
    qsort_int(a, n);
    for (long i = 1; i < n; i++)
        check += a[i] < a[i - 1];
    printf("unsorted pairs %ld\n", check);
    free(a);
    return 0;
}
