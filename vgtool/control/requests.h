/* control/requests.h - the client requests of include/cachesim.h
 * (control/requests.c). */
#ifndef CS_CONTROL_REQUESTS_H
#define CS_CONTROL_REQUESTS_H

#include "pub_tool_basics.h"

Bool cs_handle_client_request(ThreadId tid, UWord* args, UWord* ret);

#endif
