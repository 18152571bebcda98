/* linereader.h - fast buffered reading of text lines of any length. */
#ifndef CSANN_LINEREADER_H
#define CSANN_LINEREADER_H
#include <stddef.h>

typedef struct cs_line_reader {
    int fd;
    char *buf;
    size_t cap, start, end;     /* unread bytes are buf[start..end) */
    int eof, error;
    int unterminated;           /* the last line returned had no '\n' */
} cs_line_reader;

int cs_line_reader_open(cs_line_reader *lr, const char *path);
/* Sets *line (NUL-terminated, without its '\n'; it may contain NULs, so
 * *len counts them) and returns 1, or returns 0 at end of file or error.
 * The line stays valid until the next call.  A last line without '\n'
 * (a file cut short, or written so) sets lr->unterminated. */
int cs_line_reader_next(cs_line_reader *lr, char **line, size_t *len);
int cs_line_reader_error(const cs_line_reader *lr);
int cs_line_reader_fd(const cs_line_reader *lr);
void cs_line_reader_close(cs_line_reader *lr);

#endif
