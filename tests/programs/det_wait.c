/* det_wait.c - waits: "sleep" sleeps 0.2 s with nanosleep, "poll" waits
 * 0.2 s for a pipe that never becomes readable, "abs" sleeps until an
 * absolute CLOCK_MONOTONIC deadline 0.2 s ahead.  Prints how long the wait
 * looked from inside (by CLOCK_MONOTONIC). */
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(int argc, char** argv)
{
    const char* mode = argc > 1 ? argv[1] : "sleep";
    long long start = now_ns();

    if (strcmp(mode, "sleep") == 0) {
        struct timespec d = { 0, 200000000 };
        nanosleep(&d, NULL);
    } else if (strcmp(mode, "poll") == 0) {
        int fds[2];
        struct pollfd p;
        if (pipe(fds) != 0)
            return 1;
        p.fd = fds[0];
        p.events = POLLIN;
        if (poll(&p, 1, 200) != 0)
            return 1;
    } else if (strcmp(mode, "abs") == 0) {
        struct timespec t;
        clock_gettime(CLOCK_MONOTONIC, &t);
        t.tv_nsec += 200000000;
        if (t.tv_nsec >= 1000000000) {
            t.tv_sec++;
            t.tv_nsec -= 1000000000;
        }
        clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &t, NULL);
    } else {
        return 2;
    }
    printf("%s: waited %lld ms\n", mode, (now_ns() - start) / 1000000);
    return 0;
}
