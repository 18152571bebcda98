/* reader.h - reading a callgrind-format or Cachegrind-format profile into
 * the model of profile.h, checking it line by line as it goes. */
#ifndef CSANN_READER_H
#define CSANN_READER_H
#include <stddef.h>
#include "profile.h"

typedef struct cs_read_options {
    /* NULL to load every part, else a part number (1-based position in
     * the file) or a part: label (see cs_part_matches). */
    const char *part_select;
} cs_read_options;

/* Reads path into p (a new, empty model).  On error, returns -1 with
 * "FILE:LINE: message" in err (or "FILE: message" when no line is to
 * blame); opts may be NULL. */
int cs_profile_read(cs_profile *p, const char *path,
                    const cs_read_options *opts, char *err, size_t errlen);

#endif
