/* dlmain.c - dlopen a plugin, run it, dlclose it; then again.  The counts
 * of the unloaded code must still be in the profile, under its names.
 * Given several plugins, it loads each once, in turn: the loader usually
 * maps the next one where the last one was, and each must be counted
 * under its own names and lines. */
#include <dlfcn.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "./plugin.so";
    int rounds = argc > 2 ? argc - 1 : 2;
    long total = 0;
    for (int round = 0; round < rounds; round++) {
        void *h = dlopen(argc > 2 ? argv[round + 1] : path, RTLD_NOW);
        long (*work)(long);
        if (!h) {
            fprintf(stderr, "dlopen: %s\n", dlerror());
            return 1;
        }
        *(void **)&work = dlsym(h, "plugin_work");
        total += work(20000);
        dlclose(h);
    }
    printf("total %ld\n", total);
    return 0;
}
