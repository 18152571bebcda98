/* det/client.c - client memory access through the address-space manager's
 * permission check. */
#include "det/client.h"
#include "pub_tool_aspacemgr.h"
#include "pub_tool_libcbase.h"
#include "pub_tool_vki.h"

Bool det_client_read(Addr from, void* to, SizeT len)
{
   if (from == 0 || !VG_(am_is_valid_for_client)(from, len, VKI_PROT_READ))
      return False;
   VG_(memcpy)(to, (const void*)from, len);
   return True;
}

Bool det_client_write(Addr to, const void* from, SizeT len)
{
   if (to == 0 || !VG_(am_is_valid_for_client)(to, len, VKI_PROT_WRITE))
      return False;
   VG_(memcpy)((void*)to, from, len);
   return True;
}

Bool det_client_read_str(Addr from, HChar* to, SizeT max)
{
   SizeT i;
   for (i = 0; i < max; i++) {
      if (!det_client_read(from + i, &to[i], 1))
         return False;
      if (to[i] == '\0')
         return True;
   }
   return False;
}
