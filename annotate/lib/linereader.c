/* linereader.c - reads big blocks and hands out lines in place, which is
 * several times faster than stdio for multi-megabyte profiles. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "linereader.h"
#include "xalloc.h"

#define BLOCK (1 << 20)
#define SMALL 4096      /* the least buffer: a small file's, or a pipe's start */

int cs_line_reader_open(cs_line_reader *lr, const char *path)
{
    struct stat st;
    memset(lr, 0, sizeof *lr);
    lr->fd = open(path, O_RDONLY);
    if (lr->fd < 0)
        return -1;
    /* A file smaller than a block gets a buffer of its size, not 1 MB:
     * csann reads several small profiles in one run (and a fuzz target
     * thousands a second). */
    lr->cap = BLOCK + 1;
    if (fstat(lr->fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size < BLOCK)
        lr->cap = (st.st_size < SMALL ? SMALL : (size_t)st.st_size) + 2;
    lr->buf = xmalloc(lr->cap);
    return 0;
}

static void fill(cs_line_reader *lr)
{
    ssize_t n;
    if (lr->start > 0) {
        memmove(lr->buf, lr->buf + lr->start, lr->end - lr->start);
        lr->end -= lr->start;
        lr->start = 0;
    }
    /* Room for half a block (half the buffer while it is smaller). */
    if (lr->cap - lr->end < (lr->cap > BLOCK ? BLOCK : lr->cap) / 2 + 1) {
        lr->cap = lr->cap * 2;
        lr->buf = xrealloc(lr->buf, lr->cap);
    }
    do
        n = read(lr->fd, lr->buf + lr->end, lr->cap - lr->end - 1);
    while (n < 0 && errno == EINTR);
    if (n < 0)
        lr->error = errno;
    if (n <= 0)
        lr->eof = 1;
    else
        lr->end += (size_t)n;
}

int cs_line_reader_next(cs_line_reader *lr, char **line, size_t *len)
{
    size_t scanned = lr->start;
    for (;;) {
        char *nl = memchr(lr->buf + scanned, '\n', lr->end - scanned);
        if (nl) {
            *nl = '\0';
            *line = lr->buf + lr->start;
            *len = (size_t)(nl - *line);
            lr->start = (size_t)(nl - lr->buf) + 1;
            return 1;
        }
        if (lr->eof) {
            if (lr->start == lr->end || lr->error)
                return 0;
            /* A last line without '\n'. */
            lr->unterminated = 1;
            lr->buf[lr->end] = '\0';
            *line = lr->buf + lr->start;
            *len = lr->end - lr->start;
            lr->start = lr->end;
            return 1;
        }
        scanned = lr->end - lr->start;
        fill(lr);
        scanned += lr->start;
    }
}

int cs_line_reader_error(const cs_line_reader *lr)
{
    if (lr->error)
        errno = lr->error;
    return lr->error != 0;
}

int cs_line_reader_fd(const cs_line_reader *lr)
{
    return lr->fd;
}

void cs_line_reader_close(cs_line_reader *lr)
{
    if (lr->fd >= 0)
        close(lr->fd);
    free(lr->buf);
    lr->buf = NULL;
    lr->fd = -1;
}
