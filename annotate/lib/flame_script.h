/* flame_script.h - the JavaScript that flame_svg.c embeds in each flame
 * graph (zoom, hover details, search); kept in a file of its own so that
 * the SVG writer's C reads as C. */
#ifndef CSANN_FLAME_SCRIPT_H
#define CSANN_FLAME_SCRIPT_H

extern const char cs_flame_script[];

#endif
