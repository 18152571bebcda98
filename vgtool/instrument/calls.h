/* instrument/calls.h - the generated code that follows function entries
 * and returns (instrument/calls.c). */
#ifndef CS_INSTRUMENT_CALLS_H
#define CS_INSTRUMENT_CALLS_H

#include "instrument/emit.h"

/* --toggle-collect: is a the first instruction of a matching function?
 * Then cs_emit_toggle_enter goes before it.  cs_emit_toggle_check goes at
 * the start of every superblock: has a matching function returned? */
Bool cs_is_toggle_entry(Addr a);
void cs_emit_toggle_enter(Walk* w, const VexGuestLayout* layout);
void cs_emit_toggle_check(Walk* w, const VexGuestLayout* layout);
/* The call graph: a function's first instruction opens a frame, and a
 * call instruction is remembered by its return address; after a
 * superblock that can return, the check for returned frames. */
void cs_emit_call_tracking(Walk* w, const VexGuestLayout* layout, CsInstr* ii);
void cs_emit_return_check(Walk* w, const VexGuestLayout* layout);

#endif
