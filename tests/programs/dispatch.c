/* dispatch.c - calls through function pointers and a switch jump table. */
#include <stdio.h>
#include <stdlib.h>

typedef long (*op_fn)(long, long);
static long add(long a, long b) { return a + b; }
static long sub(long a, long b) { return a - b; }
static long mul(long a, long b) { return a * b % 1000003; }
static long xor_(long a, long b) { return a ^ b; }

__attribute__((noinline)) static long interpret(int op, long acc, long v)
{
    switch (op) {
    case 0: return acc + v;
    case 1: return acc - v / 2;
    case 2: return acc * 3 % 999983;
    case 3: return acc ^ (v << 1);
    case 4: return acc + (v & 15);
    case 5: return acc - 7;
    case 6: return acc | 1;
    default: return acc;
    }
}

int main(int argc, char **argv)
{
    static op_fn table[4] = { add, sub, mul, xor_ };
    volatile int n = argc > 1 ? atoi(argv[1]) : 50000;
    long acc = 1;
    unsigned seed = 7;
    for (int i = 0; i < n; i++) {
        seed = seed * 1103515245u + 12345u;
        acc = table[(seed >> 16) & 3](acc, i);
        acc = interpret((int)((seed >> 20) % 8), acc, i);
    }
    printf("acc %ld\n", acc);
    return 0;
}
