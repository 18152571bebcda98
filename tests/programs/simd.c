/* simd.c - vectorisable loops, built with -O3 -mavx2 (256-bit accesses). */
#include <stdio.h>

#define N 4096
static float x[N], y[N], z[N];
static int ix[N];

int main(void)
{
    float dot = 0;
    long isum = 0;
    for (int i = 0; i < N; i++) {
        x[i] = (float)(i % 13) * 0.5f;
        y[i] = (float)(i % 7) * 0.25f;
        ix[i] = i * 3;
    }
    for (int r = 0; r < 50; r++) {
        for (int i = 0; i < N; i++)
            z[i] = x[i] * y[i] + z[i];
        for (int i = 0; i < N; i++)
            isum += ix[i] ^ r;
    }
    for (int i = 0; i < N; i++)
        dot += z[i];
    printf("dot %.1f isum %ld\n", dot, isum);
    return 0;
}
