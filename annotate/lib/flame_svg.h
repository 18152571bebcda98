/* flame_svg.h - a flame tree as a self-contained interactive SVG (hover
 * text, click to zoom, search), written with libxml2's text writer. */
#ifndef CSANN_FLAME_SVG_H
#define CSANN_FLAME_SVG_H
#include <stdio.h>
#include "flame_tree.h"

typedef struct cs_flame_svg {
    const char *title;
    const char *subtitle;       /* a second line under the title, or NULL */
    const char *event;          /* the event's name, for the hover text */
    double threshold;           /* draw frames of at least this % of the root */
    int differential;           /* colour by self change from old to new */
    /* The source file of a frame's function, or NULL when unknown. */
    const char *(*file_of)(void *ctx, const char *frame);
    void *file_ctx;
} cs_flame_svg;

/* Writes the SVG of t (whose totals are summed) to out: 0, or -1. */
int cs_flame_write_svg(FILE *out, const cs_flame_tree *t, const cs_flame_svg *opts);

#endif
