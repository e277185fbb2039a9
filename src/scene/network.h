/* Internal to scene/: the network band's plan (which columns are shown,
 * where, and how big a strip's cells are: layout_network_plan.c) shared
 * with its drawing (layout_network.c) and with the compare view
 * (layout_compare*.c), which draws the same strips in its own rows. */
#ifndef S2S_NETWORK_H
#define S2S_NETWORK_H

#include "scene/layout.h"

/* Rows of the band (y), top to bottom. */
#define OUT_Y NETWORK_Y                /* decoder outputs y_t */
#define OUT_H 48.0f
#define LANE_Y (OUT_Y + OUT_H)         /* the buses carrying C */
#define LANE_H 40.0f
#define LABEL_Y (LANE_Y + LANE_H)      /* h_t, C, s_t labels */
#define LABEL_H 32.0f
#define STRIP_Y (LABEL_Y + LABEL_H)    /* the strips of cells */
#define STRIP_H 272.0f
#define IN_Y (STRIP_Y + STRIP_H + 32)  /* input tokens */
#define IN_H 56.0f

#define MEAN_BUS_Y (LANE_Y + 12)
#define EVERY_BUS_Y (LANE_Y + 28)

#define PITCH_MAX 200.0f
#define PITCH_MIN 84.0f
/* Large text (Z): numbers LARGE_TEXT_MIN high need cells this tall and
 * wide ("−0.00"), so fewer, wider columns; a strip whose H cells do not
 * fit in one column is folded into two, side by side. */
#define LARGE_CELL_H (LARGE_TEXT_MIN * TEXT_LINE_HEIGHT + 2)
#define LARGE_CELL_W 96.0f
#define LARGE_NUMBER_W 72.0f
#define LARGE_PITCH_MAX 280.0f
#define SIDE_GAP 0.6f /* extra room either side of C, in pitches */
#define MAX_COLS 64

typedef struct {
    int n;
    int idx[MAX_COLS]; /* 1-based step, or 0 for an ellipsis column */
    float cx[MAX_COLS];
} Cols;

typedef struct {
    float pitch, strip_w, box_w, cell_h, strip_top, num_font;
    int hidden;
    int cols, rows; /* a strip's cells: cols side by side of rows each */
    float label_font; /* h_t / s_t / C labels */
    float c_cx; /* the C column */
    Cols enc, dec;
    int min_slots; /* in: columns to make room for at least (0: those
                      shown), so the pitch is the same from step to step */
} Net;


/* Chooses which of steps 1..n to show in at most budget columns: all when
 * they fit, else the ends, the current step and its neighbour first, then
 * more from the ends and around the current step (large text: current
 * first, so it is shown even when the ends cannot all be). */
void network_choose_columns(int n, int budget, int cur, bool current_first,
                            Cols *out);

/* Plans the network band of L's step into N (zeroed by the caller, but
 * for min_slots). */
void network_plan(const Layout *L, Net *N);
/* The same with Td decoder columns (steps 1..Td) and, when open, a "…"
 * column after them: the compare view plans for its longest output. */
void network_plan_columns(const Layout *L, Net *N, int Td, bool open);

/* Parts of the band (layout_network.c), also drawn by the compare view:
 * the soft band behind the current step's column; the encoder columns
 * (x_t boxes, h_t strips, their arrows); C with its label, its formula
 * and the arrows into it (*label_left: the formula's left edge). */
void network_highlight(const Layout *L, const Net *N);
void network_encoder(const Layout *L, const Net *N);
void network_context(const Layout *L, const Net *N, float *label_left);
/* The note over the encoder naming the input's <unk> tokens, left of
 * right. */
void network_unknown_note(const Layout *L, const Net *N, float right);

/* The strip of vector v (H = N->hidden cells, laid out by N) at column
 * cx, filling while r goes 0.4 -> 1; name is for the tooltips ("h₃"). */
void network_strip(const Layout *L, const Net *N, float cx, const double *v,
                   float r, const char *name);

/* A flow arrow: the whole path faint until revealed, then drawn in while
 * f goes 0 -> 1, in color. */
void network_flow(const Layout *L, const Point *pts, int n, float f,
                  Rgba color);

#endif
