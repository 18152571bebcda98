/* fork_work.c - work before a fork, in the child and in the parent after
 * it, each in a function of its own, so that the profiles show who ran
 * what.  "fork_work" forks once; "fork_work exec PROGRAM [ARG...]": the
 * child execs PROGRAM after its work.  Prints the child's pid. */
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile unsigned long sink;

__attribute__((noinline)) static void before_fork(void)
{
    for (unsigned long i = 0; i < 200000; i++)
        sink += i;
}

__attribute__((noinline)) static void in_child(void)
{
    for (unsigned long i = 0; i < 300000; i++)
        sink ^= i;
}

__attribute__((noinline)) static void in_parent(void)
{
    for (unsigned long i = 0; i < 100000; i++)
        sink += 3 * i;
}

int main(int argc, char **argv)
{
    pid_t pid;
    int status;

    before_fork();
    fflush(stdout);
    pid = fork();
    if (pid < 0) {
        perror("fork");
        return 1;
    }
    if (pid == 0) {
        in_child();
        if (argc > 2 && strcmp(argv[1], "exec") == 0) {
            execv(argv[2], argv + 2);
            perror("execv");
        }
        _exit(0);
    }
    waitpid(pid, &status, 0);
    in_parent();
    printf("child %d\n", (int)pid);
    return 0;
}
