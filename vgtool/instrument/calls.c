/* instrument/calls.c - the generated code that follows function entries
 * and returns: for --toggle-collect (control/collection.c) and for the
 * call graph (profile/callgraph.c). */
#include "instrument/calls.h"
#include "instrument/queue.h"
#include "options.h"
#include "profile/callgraph.h"
#include "profile/costs.h"
#include "runtime.h"
#include "pub_tool_debuginfo.h"
#include "pub_tool_seqmatch.h"

static IRExpr* get_sp(Walk* w, const VexGuestLayout* layout)
{
   return new_tmp(w, w->word, IRExpr_Get(layout->offset_SP, w->word));
}

/* Has the stack pointer risen above *top (a frame's stack pointer at
 * entry)?  Then that function has returned (or was left by longjmp or an
 * exception): call unwind(sp). */
static void emit_sp_check(Walk* w, const VexGuestLayout* layout, const Addr* top,
                          const HChar* name, void* unwind)
{
   IRExpr* sp = get_sp(w, layout);
   IRExpr* top_sp = new_tmp(w, w->word, IRExpr_Load(HOST_END, w->word, mem_addr(w, top)));
   IRExpr* returned = new_tmp(w, Ity_I1, IRExpr_Binop(w->word == Ity_I32 ? Iop_CmpLT32U
                                                                         : Iop_CmpLT64U,
                                                      top_sp, sp));
   emit_call(w, 1, name, unwind, mkIRExprVec_1(sp), returned);
}

/* ------------------------------------------------------------------ */
/* --toggle-collect (see control/collection.c)                         */
/* ------------------------------------------------------------------ */

/* Is a the first instruction of a function matching --toggle-collect? */
Bool cs_is_toggle_entry(Addr a)
{
   const HChar* name;
   UInt i;
   if (!VG_(get_fnname_if_entry)(VG_(current_DiEpoch)(), a, &name))
      return False;
   for (i = 0; i < cs_clo.n_toggle_fns; i++)
      if (VG_(string_match)(cs_clo.toggle_fns[i], name))
         return True;
   return False;
}

void cs_emit_toggle_enter(Walk* w, const VexGuestLayout* layout)
{
   /* Count what came before in the old state, the rest in the new. */
   cs_queue_flush(w);
   emit_call(w, 1, "cs_toggle_enter", cs_toggle_enter, mkIRExprVec_1(get_sp(w, layout)), NULL);
}

void cs_emit_toggle_check(Walk* w, const VexGuestLayout* layout)
{
   emit_sp_check(w, layout, &cs_toggle_top_sp, "cs_toggle_unwind", cs_toggle_unwind);
}

/* ------------------------------------------------------------------ */
/* Call tracking (see profile/callgraph.c)                             */
/* ------------------------------------------------------------------ */

/* Is the instruction at a a call (x86 and amd64: E8, or FF /2 or /3)? */
static Bool is_call_instruction(Addr a, UWord len)
{
#if defined(VGA_amd64) || defined(VGA_x86)
   const UChar* p = (const UChar*)a;
   const UChar* end = p + len;
   while (p < end && (*p == 0x66 || *p == 0x67 || *p == 0xF2 || *p == 0xF3 || *p == 0x2E
                      || *p == 0x3E || *p == 0x26 || *p == 0x36 || *p == 0x64 || *p == 0x65))
      p++;
#  if defined(VGA_amd64)
   if (p < end && (*p & 0xF0) == 0x40)
      p++;                    /* REX */
#  endif
   if (p >= end)
      return False;
   if (p[0] == 0xE8)
      return True;
   return p[0] == 0xFF && p + 1 < end && (((p[1] >> 3) & 7) == 2 || ((p[1] >> 3) & 7) == 3);
#else
   return False;
#endif
}

/* A function's first instruction opens a frame; a call instruction is
 * remembered by its return address, which identifies the call's site. */
void cs_emit_call_tracking(Walk* w, const VexGuestLayout* layout, CsInstr* ii)
{
   CsFn* fn = cs_fn_if_entry(ii->addr);
   if (fn != NULL) {
      /* What came before belongs to the caller's frame. */
      cs_queue_flush(w);
      cs_calls_note_fn(fn);
      /* Its id, a shorter constant than its address. */
      emit_call(w, 2, "cs_calls_enter", cs_calls_enter,
                mkIRExprVec_2(word_const(fn->id), get_sp(w, layout)), NULL);
   }
   if (is_call_instruction(ii->addr, ii->len))
      cs_calls_note_call(ii->addr + ii->len, ii->cc);
}

void cs_emit_return_check(Walk* w, const VexGuestLayout* layout)
{
   emit_sp_check(w, layout, &cs_calls_top_sp, "cs_calls_unwind", cs_calls_unwind);
}
