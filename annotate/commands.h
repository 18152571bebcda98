/* commands.h - csann's subcommands: one file each in cmd/, over the profile
 * library in lib/; csann.c picks one by its name and runs it.
 *
 * Adding a subcommand `csann foo`:
 *
 *  1. Write cmd/foo.c with `int cmd_foo(int argc, char **argv)` (argv[0]
 *     is "foo"; return an exit status of exit_status.h).  Declare its
 *     settings as a struct, its options as a cs_option table over that
 *     struct and the command line as a cs_command_line (lib/options.h), and
 *     read argv with cs_parse_options: the --help text comes from the same
 *     table, and usage errors look like every other command's.  Options
 *     several commands share come as table entries too (the --part and
 *     --mod-* trio is CS_INPUT_OPTIONS of lib/profile_input.h).
 *  2. Declare cmd_foo below.
 *  3. Add { "foo", cmd_foo, "one line for csann --help" } to commands[] in
 *     csann.c, where the order is that of `csann --help`.
 *  4. Add cmd/foo.c to csann_cmd_sources in Makefile.inc; new library
 *     files go to csann_lib_sources.
 *  5. Document it in docs/csann.md and the man page docs/csann.1; test how a
 *     user runs it end to end (tests/e2e) and any new library code on the
 *     host (tests/unit/csann). */
#ifndef CSANN_COMMANDS_H
#define CSANN_COMMANDS_H
#include <stdio.h>
#include "exit_status.h"

int cmd_annotate(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_merge(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_flamegraph(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_cpu(int argc, char **argv);

/* annotate is the default command: `csann --help` shows its options too. */
void cmd_annotate_usage(FILE *out);

#endif
