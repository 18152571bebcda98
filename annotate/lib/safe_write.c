/* safe_write.c - every output file of csann goes through here, so that
 * one rule holds for all of them (see safe_write.h). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "safe_write.h"
#include "xalloc.h"

#define MAX_LINKS 40            /* as the kernel's ELOOP limit */

/* The name a symlink points to, relative to the link's directory. */
static char *link_target(const char *link)
{
    size_t cap = 256;
    for (;;) {
        char *buf = xmalloc(cap);
        ssize_t n = readlink(link, buf, cap);
        if (n < 0) {
            free(buf);
            return NULL;
        }
        if ((size_t)n < cap) {
            const char *slash = strrchr(link, '/');
            size_t dir_len = slash ? (size_t)(slash - link) + 1 : 0;
            char *joined;
            buf[n] = '\0';
            if (buf[0] == '/' || dir_len == 0)
                return buf;
            joined = xmalloc(dir_len + (size_t)n + 1);
            memcpy(joined, link, dir_len);
            memcpy(joined + dir_len, buf, (size_t)n + 1);
            free(buf);
            return joined;
        }
        free(buf);
        cap *= 2;
    }
}

/* Follows the symlinks that path names (the last component) to what is
 * to be written: *direct is set when it must be written in place (not a
 * regular file, or a link of /proc, whose target is an open file and not
 * a name).  Returns the path to write, or NULL with errno set. */
static char *resolve(const char *path, int *direct)
{
    char *p = xstrdup(path);
    struct stat st;
    int hops;

    *direct = 0;
    for (hops = 0; hops < MAX_LINKS; hops++) {
        char *next;
        if (lstat(p, &st) != 0) {
            if (errno == ENOENT)
                return p;           /* a new file */
            free(p);
            return NULL;
        }
        if (!S_ISLNK(st.st_mode)) {
            if (S_ISDIR(st.st_mode)) {
                free(p);
                errno = EISDIR;
                return NULL;
            }
            *direct = !S_ISREG(st.st_mode);
            return p;
        }
        if (strncmp(p, "/proc/", 6) == 0) {
            /* /proc/self/fd/N and the like: open it, never rename over it. */
            if (stat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
                free(p);
                errno = EISDIR;
                return NULL;
            }
            *direct = 1;
            return p;
        }
        next = link_target(p);
        free(p);
        if (!next)
            return NULL;
        p = next;
    }
    free(p);
    errno = ELOOP;
    return NULL;
}

/* "DIR/.NAME.XXXXXX" for path "DIR/NAME" (or "NAME"). */
static char *temp_template(const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t dir_len = slash ? (size_t)(slash - path) + 1 : 0;
    const char *base = path + dir_len;
    size_t len = dir_len + strlen(base) + 10;
    char *t = xmalloc(len);
    snprintf(t, len, "%.*s.%s.XXXXXX", (int)dir_len, path, base);
    return t;
}

/* Runs writer on out and closes it: 0, or -1 with errno. */
static int write_and_close(FILE *out, cs_write_fn writer, void *ctx, int sync)
{
    int saved;
    errno = 0;
    if (writer(out, ctx) < 0 || fflush(out) != 0 || ferror(out)
        || (sync && fsync(fileno(out)) != 0)) {
        saved = errno ? errno : EIO;
        fclose(out);
        errno = saved;
        return -1;
    }
    return fclose(out) != 0 ? -1 : 0;
}

/* A device, a FIFO, /proc/self/fd/N: written where it is.  O_APPEND
 * keeps what a `>>` redirection holds already; it changes nothing for
 * the others. */
static int write_in_place(const char *target, cs_write_fn writer, void *ctx)
{
    int fd = open(target, O_WRONLY | O_APPEND);
    FILE *out;
    if (fd < 0)
        return -1;
    out = fdopen(fd, "w");
    if (!out) {
        int saved = errno;
        close(fd);
        errno = saved;
        return -1;
    }
    return write_and_close(out, writer, ctx, 0);
}

/* A regular file or a new name: a temporary beside it, renamed over it. */
static int write_by_rename(const char *target, cs_write_fn writer, void *ctx)
{
    char *tmp = temp_template(target);
    struct stat old;
    mode_t mode;
    FILE *out;
    int fd, saved;

    fd = mkstemp(tmp);
    if (fd < 0) {
        saved = errno;
        free(tmp);
        errno = saved;
        return -1;
    }
    /* mkstemp makes the file 0600: give it the mode of the file it
     * replaces, or the usual 0666 & ~umask. */
    if (stat(target, &old) == 0) {
        mode = old.st_mode & 07777;
    } else {
        mode_t mask = umask(0);
        umask(mask);
        mode = 0666 & ~mask;
    }
    fchmod(fd, mode);
    out = fdopen(fd, "w");
    if (!out) {
        saved = errno;
        close(fd);
        goto fail;
    }
    if (write_and_close(out, writer, ctx, 1) < 0 || rename(tmp, target) != 0) {
        saved = errno;
        goto fail;
    }
    free(tmp);
    return 0;
fail:
    unlink(tmp);
    free(tmp);
    errno = saved;
    return -1;
}

int cs_write_atomically(const char *path, cs_write_fn writer, void *ctx,
                        char *err, size_t errlen)
{
    int direct, rc;
    char *target = resolve(path, &direct);

    if (!target) {
        snprintf(err, errlen, "%s: cannot write: %s", path,
                 errno == EISDIR ? "it is a directory" : strerror(errno));
        return -1;
    }
    rc = direct ? write_in_place(target, writer, ctx)
                : write_by_rename(target, writer, ctx);
    if (rc < 0) {
        int saved = errno;
        if (strcmp(target, path) != 0)
            snprintf(err, errlen, "%s: cannot write (to %s): %s", path, target,
                     strerror(saved));
        else
            snprintf(err, errlen, "%s: cannot write: %s", path, strerror(saved));
    }
    free(target);
    return rc;
}

static int copy_from(FILE *out, void *ctx)
{
    FILE *in = ctx;
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, n, out) != n)
            return -1;
    return ferror(in) ? -1 : 0;
}

int cs_copy_atomically(const char *from, const char *to, char *err,
                       size_t errlen)
{
    FILE *in = fopen(from, "rb");
    int rc;
    if (!in) {
        snprintf(err, errlen, "%s: cannot open: %s", from, strerror(errno));
        return -1;
    }
    rc = cs_write_atomically(to, copy_from, in, err, errlen);
    fclose(in);
    return rc;
}

int cs_flush_output(FILE *out, const char *what, char *err, size_t errlen)
{
    errno = 0;
    if (fflush(out) == 0 && !ferror(out))
        return 0;
    snprintf(err, errlen, "cannot write %s%s: %s", what,
             out == stdout ? " to standard output" : "",
             errno ? strerror(errno) : "write error");
    return -1;
}
