/* exit_status.h - csann's exit statuses, the same for every subcommand
 * (and for the library's fatal out-of-memory exit). */
#ifndef CSANN_EXIT_STATUS_H
#define CSANN_EXIT_STATUS_H

/* 0 success, 1 bad data (a malformed profile), 2 bad usage. */
enum { CSANN_OK = 0, CSANN_EDATA = 1, CSANN_EUSAGE = 2 };

#endif
