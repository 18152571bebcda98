/* harness.h - what the libFuzzer targets of tests/fuzz share.
 *
 * Each target (fuzz_*.c) is one LLVMFuzzerTestOneInput that hands the fuzz
 * input to csann the way a user would: as a profile file, to a subcommand
 * run with a fixed command line, or to the reader itself.  The input is
 * written to a memory file (memfd, opened by csann as /proc/self/fd/N),
 * standard output goes to /dev/null, and files a command writes (-o,
 * --junit) go to a private temporary directory removed at exit.
 *
 * Targets that take two profiles (diff, merge, check --baseline,
 * flamegraph --diff) split the input at the line FUZZ_SEPARATOR; an input
 * without it stands for both profiles. */
#ifndef CSANN_FUZZ_HARNESS_H
#define CSANN_FUZZ_HARNESS_H
#include <stddef.h>
#include <stdint.h>
#include "profile.h"
#include "model/cpu_desc.h"

/* A comment line to csann, so a two-profile input is still a profile. */
#define FUZZ_SEPARATOR "\n# csann-fuzz: second profile\n"

/* Source directories for annotation: those of the test programs and of
 * the golden profiles the seed corpus was made from, so that annotated
 * source is covered wherever the corpus was made. */
#ifndef FUZZ_TOP_SRCDIR
#define FUZZ_TOP_SRCDIR "."
/* The check of a CPU description csann made (a parsed file, hwloc's
 * topology): printed with cs_cpu_print after the comment lines in notes
 * (or NULL), it must parse back into the same description; and when the
 * description passes cs_cpu_check, so must what is parsed back. */
void fuzz_expect_cpu_round_trip(const cs_cpu_t *cpu, const char *notes, const char *what);

#endif
#define FUZZ_INCLUDES "-I", FUZZ_TOP_SRCDIR "/tests/programs", \
                      "-I", FUZZ_TOP_SRCDIR "/tests/golden/csann/src"

/* The input data as a file csann can open (slot 0, 1 or 2: up to three
 * files at once); returns its path. */
const char *fuzz_file(int slot, const uint8_t *data, size_t size);

/* The two profiles of an input (OLD before the separator, NEW after it),
 * as files in slots 0 and 1. */
void fuzz_two_files(const uint8_t *data, size_t size, const char **old_path,
                    const char **new_path);

/* A path in the private temporary directory. */
const char *fuzz_temp_path(const char *name);

/* Runs a subcommand on a command line (argv[0] is the command name, the
 * list ends with NULL) and returns its exit status, which must be one of
 * exit_status.h's. */
int fuzz_command(int (*cmd)(int, char **), const char *arg0, ...);

/* Reads path (all parts) into a new profile; NULL if csann rejects it.
 * A rejection must come with a message that names the file. */
cs_profile *fuzz_read(const char *path, const char *part);

/* A finding that is no crash: prints what is wrong and aborts, so that
 * libFuzzer keeps the input. */
void fuzz_fail(const char *fmt, ...);

/* Aborts unless path holds well-formed XML (an SVG, a JUnit report). */
void fuzz_expect_xml(const char *path, const char *what);

/* The check of a profile a command wrote (merge -o, diff -o): csann must
 * read it back, and its program totals must be those of a plus (sign > 0)
 * or minus (sign < 0) those of b, event by event (matched by name). */
void fuzz_expect_sum(const char *written, const cs_profile *a, const cs_profile *b,
                     int sign, const char *what);

/* The check of a CPU description csann made (a parsed file, hwloc's
 * topology): printed with cs_cpu_print after the comment lines in notes
 * (or NULL), it must parse back into the same description; and when the
 * description passes cs_cpu_check, so must what is parsed back. */
void fuzz_expect_cpu_round_trip(const cs_cpu_t *cpu, const char *notes, const char *what);

#endif
