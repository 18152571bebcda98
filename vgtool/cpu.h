/* cpu.h - the CPU description a run simulates (cpu.c): --cpu (a preset or
 * a description file, else Cachegrind's model of the host's caches), with
 * the per-cache options on top. */
#ifndef CS_CPU_H
#define CS_CPU_H

#include "pub_tool_basics.h"
#include "model/cpu_desc.h"

/* The description, once cs_cpu_choose has run. */
extern cs_cpu_t cs_cpu;

/* Does --cpu ask for Cachegrind's model (no --cpu, or --cpu=cachegrind)?
 * Its geometries are then the host's or --I1/--D1/--LL's. */
Bool cs_cpu_is_cachegrind_preset(void);

/* Decide cs_cpu: Cachegrind's model of the geometries given (when
 * cs_cpu_is_cachegrind_preset; else they are ignored) or the --cpu
 * description, then --I1/--D1/--L2/--LL, the policies and inclusions.
 * A description that cannot be read, parsed or simulated ends the run
 * with a message naming the file and line or the option.  Returns True
 * when the result is Cachegrind's model exactly, which the tool runs with
 * its own fast model (model/cache.h) instead of the general one. */
Bool cs_cpu_choose(const cs_geometry_t* I1, const cs_geometry_t* D1, const cs_geometry_t* LL);

/* The description on one line, for the profile's header: its records
 * without comments, separated by "; ". */
void cs_cpu_one_line(HChar* buf, SizeT len);

/* "NAME:HASH" for the profile's fingerprint: the name, and a hash of what
 * the description simulates (name and title aside), so that two
 * profiles made with different models are told apart. */
void cs_cpu_fingerprint(HChar* buf, SizeT len);

#endif
