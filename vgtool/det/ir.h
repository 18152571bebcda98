/* det/ir.h - the IR side of --deterministic=yes: fixed results for the
 * instructions that read the time or the CPU's random generator, and the
 * inline count of guest instructions that drives the virtual clock. */
#ifndef DET_IR_H
#define DET_IR_H

#include "pub_tool_basics.h"
#include "pub_tool_tooliface.h"

/* Replace VEX's RDTSC/RDTSCP/RDRAND/RDSEED helper calls with ours. */
IRStmt* det_ir_filter_stmt(IRStmt* st);
/* The final tidy pass (after the tool's instrumentation and VEX's
 * optimisation): add the instruction count of each stretch of code that
 * runs to its end, before each side exit, before our clock helpers and at
 * the end of the superblock. */
IRSB* det_ir_count_instrs(IRSB* sb);

#endif
