/* control/fork.h - what a fork means for the profile (control/fork.c). */
#ifndef CS_CONTROL_FORK_H
#define CS_CONTROL_FORK_H

/* At start-up: registers the tool's fork hooks with the core. */
void cs_fork_init(void);

#endif
