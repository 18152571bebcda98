/* budgets.h - the budgets file of `csann check --budgets=FILE`: absolute
 * limits per event for the whole run, a part, or functions.  One limit a
 * line, "#" starts a comment:
 *     total              Ir   <= 1500000
 *     part    parse      D1mr <= 2000
 *     function main.c:*  Ir   <= 1_000_000     (glob on file:function)
 *     function parse*    Bcm  <= 50            (glob on the function name) */
#ifndef CSANN_BUDGETS_H
#define CSANN_BUDGETS_H
#include <stddef.h>
#include "profile.h"

typedef enum { CS_BUDGET_TOTAL, CS_BUDGET_PART, CS_BUDGET_FUNCTION } cs_budget_scope;

typedef struct cs_budget {
    cs_budget_scope scope;
    char *target;           /* part label or function pattern; NULL for total */
    char *event;
    cs_count limit;
    unsigned long line;     /* in the budgets file, for messages */
} cs_budget;

typedef struct cs_budgets {
    char *path;
    cs_budget *items;
    size_t count;
} cs_budgets;

/* Reads and checks the syntax; -1 with "FILE:LINE: message" in err. */
int cs_budgets_read(const char *path, cs_budgets *out, char *err, size_t errlen);
void cs_budgets_free(cs_budgets *b);

#endif
