/* hand.c - the program that tests/golden/csann/hand.callgrind pretends
 * to profile.  The profile was written by hand; only its line numbers
 * have to match this file. */
#include "util.h"

static int table[256];

int work(int n)
{
    int s = 0;
    for (int i = 0; i < n; i++)
        s += table[i & 255];
    return clamp(s);
}

/* A few lines without costs, so that --context elides them. */
/* one */
/* two */
/* three */
/* four */
/* five */
/* six */
/* seven */
/* eight */
/* nine */
/* ten */

int helper(int x)
{
    return x * 2;
}

int main(void)
{
    int total = 0;
    for (int k = 0; k < 10; k++)
        total += work(100);
    total += helper(total);
    __builtin_memset(table, 0, sizeof table);
    return total & 1;
}
