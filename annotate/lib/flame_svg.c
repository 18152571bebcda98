/* flame_svg.c - see flame_svg.h.  Layout: the root ("all") at the bottom,
 * each frame above its caller, children left to right by name, widths in
 * proportion to their total count.  Frames below the threshold are left
 * out (with everything above them). */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/encoding.h>
#include <libxml/xmlwriter.h>
#include "flame_script.h"
#include "flame_svg.h"
#include "numfmt.h"
#include "xalloc.h"
#include "xml_text.h"

enum { WIDTH = 1200, PAD = 10, FRAME_H = 16, TOP = 62, BOTTOM = 30 };
#define CHAR_W 7.2              /* of the 12px monospace font */

typedef struct layout {
    const cs_flame_tree *t;
    const cs_flame_svg *opts;
    unsigned char *shown;
    double *x;                  /* left edge in pixels */
    double scale;               /* pixels per count */
    uint32_t max_depth;
    uint64_t max_change;        /* differential: largest |self change| */
} layout;

static const cs_flame_tree *sort_tree;

static int by_name(const void *a, const void *b)
{
    return strcmp(cs_flame_name(sort_tree, *(const uint32_t *)a),
                  cs_flame_name(sort_tree, *(const uint32_t *)b));
}

/* |self - old self|, exact for any two counts (their difference may not
 * fit in a signed 64-bit count). */
static uint64_t change_size(const cs_flame_node *n)
{
    return n->self >= n->old_self ? (uint64_t)n->self - (uint64_t)n->old_self
                                  : (uint64_t)n->old_self - (uint64_t)n->self;
}

/* Which frames are drawn and where: parents precede children in t->nodes,
 * so one forward pass places every child group inside its parent. */
static void compute_layout(layout *l)
{
    const cs_flame_tree *t = l->t;
    size_t n = t->n_nodes, i, *first = xcalloc(n + 2, sizeof *first), *fill;
    uint32_t *kids;
    cs_count root = t->nodes[0].total;
    double min = l->opts->threshold / 100.0 * (double)root;

    l->shown = xcalloc(n, 1);
    l->x = xcalloc(n, sizeof *l->x);
    l->scale = root > 0 ? (WIDTH - 2.0 * PAD) / (double)root : 0;
    for (i = 1; i < n; i++)
        first[t->nodes[i].parent + 1]++;
    for (i = 0; i < n; i++)
        first[i + 1] += first[i];
    kids = xcalloc(n + 1, sizeof *kids);
    fill = xcalloc(n + 1, sizeof *fill);
    for (i = 1; i < n; i++)
        kids[first[t->nodes[i].parent] + fill[t->nodes[i].parent]++] = (uint32_t)i;
    sort_tree = t;
    l->shown[0] = root > 0;
    l->x[0] = PAD;
    for (i = 0; i < n; i++) {
        double x = l->x[i];
        size_t k;
        if (!l->shown[i])
            continue;
        qsort(kids + first[i], first[i + 1] - first[i], sizeof *kids, by_name);
        for (k = first[i]; k < first[i + 1]; k++) {
            const cs_flame_node *c = &t->nodes[kids[k]];
            if (c->total <= 0)
                continue;
            l->x[kids[k]] = x;
            x += (double)c->total * l->scale;
            if ((double)c->total < min)
                continue;
            l->shown[kids[k]] = 1;
            if (c->depth > l->max_depth)
                l->max_depth = c->depth;
        }
    }
    for (i = 0; i < n; i++)
        if (l->shown[i] && change_size(&t->nodes[i]) > l->max_change)
            l->max_change = change_size(&t->nodes[i]);
    free(first);
    free(fill);
    free(kids);
}

/* Warm colours (red to yellow) from a hash of the name: the same function
 * has the same colour in every graph. */
static void warm_colour(const char *name, char *buf, size_t len)
{
    uint32_t h = cs_hash_bytes(name, strlen(name));
    snprintf(buf, len, "rgb(%u,%u,%u)", 205 + h % 50, 80 + (h >> 8) % 140,
             30 + (h >> 16) % 50);
}

/* Differential: red for more, blue for less, the deeper the larger the
 * change of the frame's self count; grey for no change. */
static void change_colour(const layout *l, const cs_flame_node *n, char *buf, size_t len)
{
    double strength = l->max_change ? (double)change_size(n) / (double)l->max_change : 0;
    unsigned pale = (unsigned)(215 - 175 * strength);
    if (n->self > n->old_self)
        snprintf(buf, len, "rgb(255,%u,%u)", pale, pale);
    else if (n->self < n->old_self)
        snprintf(buf, len, "rgb(%u,%u,255)", pale, pale);
    else
        snprintf(buf, len, "rgb(225,225,225)");
}

static void hover_text(const layout *l, uint32_t node, char *buf, size_t len)
{
    const cs_flame_node *n = &l->t->nodes[node];
    const char *name = cs_flame_name(l->t, node);
    const char *file = node && l->opts->file_of
                       ? l->opts->file_of(l->opts->file_ctx, name) : NULL;
    char count[32], pct[16], old[32], change[32], change_pct[16];
    size_t used;

    cs_commify_signed(count, n->total, 0);
    cs_format_pct(pct, (double)n->total, (double)l->t->nodes[0].total);
    used = (size_t)snprintf(buf, len, file ? "%s (%s)\n" : "%s\n", name, file);
    if (used >= len)
        return;
    if (!l->opts->differential) {
        snprintf(buf + used, len - used, "%s %s (%s%%)", count,
                 l->opts->event, pct);
        return;
    }
    cs_commify_signed(old, n->old_total, 0);
    cs_commify_signed(change, cs_count_sub(n->total, n->old_total), 1);
    cs_format_signed_pct(change_pct, (double)n->total - (double)n->old_total,
                         (double)n->old_total);
    used += (size_t)snprintf(buf + used, len - used,
                             "new %s %s (%s%%), old %s, change %s (%s%%)\n",
                             count, l->opts->event, pct, old, change, change_pct);
    if (used >= len)
        return;
    cs_commify_signed(old, n->old_self, 0);
    cs_commify_signed(count, n->self, 0);
    cs_commify_signed(change, cs_count_sub(n->self, n->old_self), 1);
    snprintf(buf + used, len - used, "self: new %s, old %s, change %s", count, old, change);
}

/* The name as it fits in w pixels ("" when nothing fits). */
static void fitted_label(const char *name, double w, char *buf, size_t len)
{
    int fit = (int)((w - 6) / CHAR_W);
    size_t n = strlen(name);
    if (fit < 3) {
        buf[0] = '\0';
    } else if (n <= (size_t)fit) {
        snprintf(buf, len, "%s", name);
    } else {
        snprintf(buf, len, "%.*s..", fit - 2, name);
    }
}

static int write_text(xmlTextWriterPtr w, const char *id, double x, double y,
                      const char *anchor, const char *cls, const char *text)
{
    char *safe = cs_xml_text(text);
    int rc = xmlTextWriterStartElement(w, BAD_CAST "text");
    if (id)
        rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "id", BAD_CAST id);
    rc |= xmlTextWriterWriteFormatAttribute(w, BAD_CAST "x", "%.2f", x);
    rc |= xmlTextWriterWriteFormatAttribute(w, BAD_CAST "y", "%.2f", y);
    if (anchor)
        rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "text-anchor", BAD_CAST anchor);
    if (cls)
        rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "class", BAD_CAST cls);
    rc |= xmlTextWriterWriteString(w, BAD_CAST safe);
    rc |= xmlTextWriterEndElement(w);
    free(safe);
    return rc < 0 ? -1 : 0;
}

static int write_frame(xmlTextWriterPtr w, const layout *l, uint32_t node, int height)
{
    const cs_flame_node *n = &l->t->nodes[node];
    double width = (double)n->total * l->scale;
    double y = height - BOTTOM - (double)(n->depth + 1) * FRAME_H;
    char colour[40], hover[2048], label[512];
    char *name = cs_xml_text(cs_flame_name(l->t, node)), *safe_hover;
    int rc;

    if (l->opts->differential)
        change_colour(l, n, colour, sizeof colour);
    else
        warm_colour(name, colour, sizeof colour);
    hover_text(l, node, hover, sizeof hover);
    safe_hover = cs_xml_text(hover);
    fitted_label(name, width, label, sizeof label);
    rc = xmlTextWriterStartElement(w, BAD_CAST "g");
    rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "class", BAD_CAST "fr");
    rc |= xmlTextWriterWriteFormatAttribute(w, BAD_CAST "data-depth", "%u", n->depth);
    rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "data-name", BAD_CAST name);
    rc |= xmlTextWriterWriteElement(w, BAD_CAST "title", BAD_CAST safe_hover);
    rc |= xmlTextWriterStartElement(w, BAD_CAST "rect");
    rc |= xmlTextWriterWriteFormatAttribute(w, BAD_CAST "x", "%.2f", l->x[node]);
    rc |= xmlTextWriterWriteFormatAttribute(w, BAD_CAST "y", "%.1f", y);
    rc |= xmlTextWriterWriteFormatAttribute(w, BAD_CAST "width", "%.2f", width);
    rc |= xmlTextWriterWriteFormatAttribute(w, BAD_CAST "height", "%d", FRAME_H - 1);
    rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "fill", BAD_CAST colour);
    rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "rx", BAD_CAST "2");
    rc |= xmlTextWriterEndElement(w);
    rc |= write_text(w, NULL, l->x[node] + 3, y + FRAME_H - 4.5, NULL, NULL, label);
    rc |= xmlTextWriterEndElement(w);
    rc |= xmlTextWriterWriteRaw(w, BAD_CAST "\n");
    free(name);
    free(safe_hover);
    return rc < 0 ? -1 : 0;
}

static const char style[] =
    "text { font-family: monospace; font-size: 12px; fill: #000; }\n"
    "#title { font-size: 17px; }\n"
    "#subtitle { fill: #555; }\n"
    "#unzoom { display: none; }\n"
    ".button { cursor: pointer; fill: #246; text-decoration: underline; }\n"
    ".fr { cursor: pointer; }\n"
    ".fr:hover rect { stroke: #000; stroke-width: 0.7; }\n";

/* libxml2's own output to a FILE reports a failed write itself ("I/O
 * error : flush error", on stderr) and then forgets it; this one tells
 * libxml2 all is well and leaves the error in the FILE, for the caller's
 * ferror() and its message naming the file. */
typedef struct svg_out {
    FILE *file;
    int error;                  /* errno of the first failed write */
} svg_out;

static int write_to_file(void *ctx, const char *bytes, int len)
{
    svg_out *o = ctx;
    if (len > 0 && fwrite(bytes, 1, (size_t)len, o->file) != (size_t)len && !o->error)
        o->error = errno ? errno : EIO;
    return len;
}

int cs_flame_write_svg(FILE *out, const cs_flame_tree *t, const cs_flame_svg *opts)
{
    svg_out o = { out, 0 };
    xmlOutputBufferPtr buf = xmlOutputBufferCreateIO(write_to_file, NULL, &o, NULL);
    xmlTextWriterPtr w;
    layout l;
    int height, rc = 0;
    size_t i;

    if (!buf)
        return -1;
    w = xmlNewTextWriter(buf);
    if (!w) {
        xmlOutputBufferClose(buf);
        return -1;
    }
    memset(&l, 0, sizeof l);
    l.t = t;
    l.opts = opts;
    compute_layout(&l);
    height = TOP + (int)(l.max_depth + 1) * FRAME_H + BOTTOM;

    rc |= xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL);
    rc |= xmlTextWriterStartElement(w, BAD_CAST "svg");
    rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns", BAD_CAST "http://www.w3.org/2000/svg");
    rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "version", BAD_CAST "1.1");
    rc |= xmlTextWriterWriteFormatAttribute(w, BAD_CAST "width", "%d", WIDTH);
    rc |= xmlTextWriterWriteFormatAttribute(w, BAD_CAST "height", "%d", height);
    rc |= xmlTextWriterWriteFormatAttribute(w, BAD_CAST "viewBox", "0 0 %d %d", WIDTH, height);
    rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "onload", BAD_CAST "csInit()");
    rc |= xmlTextWriterWriteRaw(w, BAD_CAST "\n");
    rc |= xmlTextWriterWriteElement(w, BAD_CAST "style", BAD_CAST style);
    rc |= xmlTextWriterStartElement(w, BAD_CAST "script");
    rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "type", BAD_CAST "text/ecmascript");
    rc |= xmlTextWriterWriteCDATA(w, BAD_CAST cs_flame_script);
    rc |= xmlTextWriterEndElement(w);
    rc |= xmlTextWriterWriteRaw(w, BAD_CAST "\n");
    rc |= xmlTextWriterStartElement(w, BAD_CAST "rect");
    rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "width", BAD_CAST "100%");
    rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "height", BAD_CAST "100%");
    rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "fill", BAD_CAST "rgb(253,248,236)");
    rc |= xmlTextWriterEndElement(w);
    rc |= write_text(w, "title", WIDTH / 2.0, 24, "middle", NULL, opts->title);
    rc |= write_text(w, "subtitle", WIDTH / 2.0, 44, "middle", NULL,
                     opts->subtitle ? opts->subtitle : "");
    rc |= write_text(w, "unzoom", PAD, 24, NULL, "button", "Reset zoom");
    rc |= xmlTextWriterWriteRaw(w, BAD_CAST "\n");
    rc |= write_text(w, "search", WIDTH - PAD, 24, "end", "button", "Search");
    rc |= write_text(w, "details", PAD, height - 10, NULL, NULL, " ");
    rc |= write_text(w, "matched", WIDTH - PAD, height - 10, "end", NULL, " ");
    rc |= xmlTextWriterWriteRaw(w, BAD_CAST "\n");
    for (i = 0; i < t->n_nodes && rc >= 0; i++)
        if (l.shown[i])
            rc |= write_frame(w, &l, (uint32_t)i, height);
    rc |= xmlTextWriterEndElement(w);
    rc |= xmlTextWriterEndDocument(w);
    xmlFreeTextWriter(w);       /* flushes and closes buf, not out */
    free(l.shown);
    free(l.x);
    if (o.error || ferror(out)) {
        errno = o.error ? o.error : EIO;
        return -1;
    }
    return rc < 0 ? -1 : 0;
}
