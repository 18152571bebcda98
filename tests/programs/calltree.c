/* calltree.c - a call tree with known call counts: plain calls, direct and
 * mutual recursion, calls through function pointers, a tail call, longjmp
 * out of deep recursion and a signal handler. */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>

static volatile long sink;
static jmp_buf escape;

__attribute__((noinline)) static long leaf(long x) { sink += x; return x * 3; }
__attribute__((noinline)) static long middle(long x) { return leaf(x) + leaf(x + 1); }
__attribute__((noinline)) static long fact(long n) { return n <= 1 ? leaf(1) : n * fact(n - 1); }
__attribute__((noinline)) static long is_odd(long n);
__attribute__((noinline)) static long is_even(long n) { return n == 0 ? 1 : is_odd(n - 1); }
__attribute__((noinline)) static long is_odd(long n) { return n == 0 ? 0 : is_even(n - 1); }
__attribute__((noinline)) static long twice(long x) { return 2 * leaf(x); }
__attribute__((noinline)) static long thrice(long x) { return 3 * leaf(x); }
__attribute__((noinline)) static long tail_target(long x) { sink += x; return x + 1; }
__attribute__((noinline)) static long tail_caller(long x)
{
    sink += 1;
    return tail_target(x * 2);          /* a jump at -O1 and above */
}
__attribute__((noinline)) static void dive(int depth)
{
    sink += depth;
    if (depth == 0)
        longjmp(escape, 1);
    dive(depth - 1);
    sink -= 1;   /* never reached: keeps dive() from being a tail call */
}
static volatile sig_atomic_t signals;
__attribute__((noinline)) static void on_signal(int sig) { signals += sig; leaf(sig); }

int main(void)
{
    long (*ops[2])(long) = { twice, thrice };
    long total = 0;

    for (int i = 0; i < 1000; i++)
        total += middle(i);                 /* 1000 x middle, 2000 x leaf */
    total += fact(6);                       /* 1 + 5 recursive, 1 leaf */
    total += is_even(7);                    /* mutual recursion, 8 calls */
    for (int i = 0; i < 600; i++)
        total += ops[i % 2](i);             /* 300 x twice, 300 x thrice */
    for (int i = 0; i < 4; i++)
        total += tail_caller(i);            /* 4 x tail_caller -> tail_target */
    for (int i = 0; i < 3; i++)
        if (setjmp(escape) == 0)
            dive(20);                       /* 3 x (1 + 20) dive, then longjmp */
    signal(SIGUSR1, on_signal);
    for (int i = 0; i < 2; i++)
        raise(SIGUSR1);                     /* 2 x on_signal -> leaf */
    total += leaf(5);
    printf("total %ld signals %d\n", total, (int)signals);
    return 0;
}
