/* csann.h - shared declarations of csann's subcommands. */
#ifndef CSANN_H
#define CSANN_H

/* Exit statuses: 0 success, 1 bad data (a malformed profile), 2 bad usage. */
enum { CSANN_OK = 0, CSANN_EDATA = 1, CSANN_EUSAGE = 2 };

#endif
