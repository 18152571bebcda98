/* det/client.h - checked reads and writes of the client's memory: a bad
 * pointer passed to a system call must not crash the tool. */
#ifndef DET_CLIENT_H
#define DET_CLIENT_H

#include "pub_tool_basics.h"

Bool det_client_read(Addr from, void* to, SizeT len);
Bool det_client_write(Addr to, const void* from, SizeT len);
/* Copy a NUL-terminated string of at most max-1 characters; False when
 * unreadable or longer. */
Bool det_client_read_str(Addr from, HChar* to, SizeT max);

#endif
