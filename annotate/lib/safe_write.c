/* safe_write.c - temp file + fsync + rename. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "safe_write.h"
#include "xalloc.h"

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

int cs_write_atomically(const char *path, cs_write_fn writer, void *ctx,
                        char *err, size_t errlen)
{
    char *tmp = temp_template(path);
    mode_t mask;
    FILE *out;
    int fd, saved;

    fd = mkstemp(tmp);
    if (fd < 0) {
        snprintf(err, errlen, "%s: cannot write: %s", path, strerror(errno));
        free(tmp);
        return -1;
    }
    /* mkstemp makes the file 0600; give it the usual 0666 & ~umask. */
    mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    out = fdopen(fd, "w");
    if (!out) {
        saved = errno;
        close(fd);
        goto fail;
    }
    errno = 0;
    if (writer(out, ctx) < 0 || fflush(out) != 0 || ferror(out) || fsync(fd) != 0) {
        saved = errno ? errno : EIO;
        fclose(out);
        goto fail;
    }
    if (fclose(out) != 0) {
        saved = errno;
        goto fail;
    }
    if (rename(tmp, path) != 0) {
        saved = errno;
        goto fail;
    }
    free(tmp);
    return 0;
fail:
    unlink(tmp);
    free(tmp);
    snprintf(err, errlen, "%s: cannot write: %s", path, strerror(saved));
    return -1;
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
