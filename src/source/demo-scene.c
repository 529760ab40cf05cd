/* The demo's guest: what it draws on its screen and how things move there.
 *
 * Nothing here knows of buffers, dma-bufs or planes: demo.c is the driver
 * that owns the framebuffers, flips them and reports them. */
#include "demo-scene.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "demo.h"

#define SCENE_PI 3.14159265358979323846

struct vv_demo_scene {
	uint32_t width;  /* guest pixels */
	uint32_t height; /* guest pixels */
	/* The parts of a frame that never move (gradient, grid, corner
	 * marks, title, clock face), drawn once: each frame starts as a copy
	 * of it, which keeps a 4K frame cheap. */
	cairo_surface_t *backdrop;
	/* The ball and its shadow, drawn once: a radial gradient is the
	 * costliest thing in a frame. */
	cairo_surface_t *ball;
};

/* ---- motion: pure functions of the frame ---- */

/* 0 → 1 → 0 over @period frames, at constant speed: a bounce off two walls. */
static double
triangle(uint64_t frame, uint32_t period)
{
	double t = (double)(frame % period) * 2.0 / period;

	return t <= 1.0 ? t : 2.0 - t;
}

/* Slows down at both ends like a sine does, with arithmetic only: the demo
 * cannot count on libm being linked, and this gives the same bits on every
 * machine, so tests can hard-code positions. */
static double
ease(double t)
{
	return t * t * (3.0 - 2.0 * t);
}

/* The value in [lo, hi] (inclusive) at @t in [0, 1], rounded. */
static uint32_t
lerp_pixel(double t, uint32_t lo, uint32_t hi)
{
	return lo + (uint32_t)((double)(hi - lo) * t + 0.5);
}

/* Declared in demo.h, where tests find it; defined here, with the motion it
 * shares with the ball. */
void
vv_demo_cursor_position(uint64_t frame, uint32_t width, uint32_t height,
			uint32_t *x, uint32_t *y)
{
	/* A Lissajous-like figure: 7 s across, 5 s down, repeating every
	 * 35 s, kept a sixteenth of the screen away from the edges. Frame 0
	 * is at the top centre. */
	uint32_t mx = width / 16, my = height / 16;
	double tx = ease(
	    triangle(frame + 7 * VV_DEMO_SCENE_FPS / 4, 7 * VV_DEMO_SCENE_FPS));
	double ty = ease(triangle(frame, 5 * VV_DEMO_SCENE_FPS));

	*x = lerp_pixel(tx, mx, width - 1 - mx);
	*y = lerp_pixel(ty, my, height - 1 - my);
}

/* ---- the guest's drawing ---- */

/* One guest pixel at 720 lines: everything scales with the screen height,
 * so each resolution shows the same picture. */
static double
unit(uint32_t height)
{
	return height / 720.0;
}

static void
backdrop_gradient(cairo_t *cr, uint32_t w, uint32_t h)
{
	cairo_pattern_t *p;

	p = cairo_pattern_create_linear(0, 0, w, h);
	cairo_pattern_add_color_stop_rgb(p, 0.0, 0.04, 0.06, 0.14);
	cairo_pattern_add_color_stop_rgb(p, 1.0, 0.14, 0.05, 0.22);
	cairo_set_source(cr, p);
	cairo_paint(cr);
	cairo_pattern_destroy(p);

	/* A glow behind the title. */
	p = cairo_pattern_create_radial(w / 2.0, h * 0.42, 0, w / 2.0, h * 0.42,
					(w > h ? w : h) * 0.55);
	cairo_pattern_add_color_stop_rgba(p, 0.0, 0.25, 0.35, 0.85, 0.22);
	cairo_pattern_add_color_stop_rgba(p, 1.0, 0.25, 0.35, 0.85, 0.0);
	cairo_set_source(cr, p);
	cairo_paint(cr);
	cairo_pattern_destroy(p);
}

/* A grid makes scaling, cropping and stretching visible at a glance. */
static void
backdrop_grid(cairo_t *cr, uint32_t w, uint32_t h)
{
	uint32_t cell = (uint32_t)(40 * unit(h) + 0.5);
	uint32_t i;

	if (cell < 8)
		cell = 8;
	cairo_set_line_width(cr, 1);
	for (i = 0; i * cell < w; i++) {
		cairo_move_to(cr, i * cell + 0.5, 0);
		cairo_line_to(cr, i * cell + 0.5, h);
	}
	for (i = 0; i * cell < h; i++) {
		cairo_move_to(cr, 0, i * cell + 0.5);
		cairo_line_to(cr, w, i * cell + 0.5);
	}
	cairo_set_source_rgba(cr, 1, 1, 1, 0.06);
	cairo_stroke(cr);
}

/* Orange brackets in the four corners: a viewer that crops or offsets the
 * screen loses one. */
static void
backdrop_corners(cairo_t *cr, uint32_t w, uint32_t h)
{
	double len = 28 * unit(h), t = 4 * unit(h);
	int i;

	if (t < 2)
		t = 2;
	for (i = 0; i < 4; i++) {
		double x = (i & 1) ? w : 0, y = (i & 2) ? h : 0;
		double dx = (i & 1) ? -1 : 1, dy = (i & 2) ? -1 : 1;

		cairo_rectangle(cr, x, y, dx * len, dy * t);
		cairo_rectangle(cr, x, y, dx * t, dy * len);
	}
	cairo_set_source_rgb(cr, 1.0, 0.6, 0.1);
	cairo_fill(cr);
}

/* Draws @text centred on @cx with its baseline at @y, with a soft shadow. */
static void
text_centered(cairo_t *cr, const char *text, double cx, double y, double shadow)
{
	cairo_text_extents_t ext;
	double x;

	cairo_text_extents(cr, text, &ext);
	x = cx - ext.x_advance / 2;
	cairo_move_to(cr, x + shadow, y + shadow);
	cairo_save(cr);
	cairo_set_source_rgba(cr, 0, 0, 0, 0.55);
	cairo_show_text(cr, text);
	cairo_restore(cr);
	cairo_move_to(cr, x, y);
	cairo_show_text(cr, text);
}

/* The largest font size up to @size at which @text fits in @max_width. */
static double
fit_font(cairo_t *cr, const char *text, double size, double max_width)
{
	cairo_text_extents_t ext;

	cairo_set_font_size(cr, size);
	cairo_text_extents(cr, text, &ext);
	if (ext.x_advance > max_width && ext.x_advance > 0)
		size *= max_width / ext.x_advance;
	cairo_set_font_size(cr, size);
	return size;
}

static double
title_baseline(uint32_t h)
{
	return h * 0.42;
}

/* The title is still, so it is part of the backdrop, and the moving bars
 * pass over it. */
static void
backdrop_title(cairo_t *cr, uint32_t w, uint32_t h)
{
	static const char title[] = "vgpu-view demo";
	double y = title_baseline(h), size;
	cairo_pattern_t *p;

	cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL,
			       CAIRO_FONT_WEIGHT_BOLD);
	size = fit_font(cr, title, 104 * unit(h), w * 0.86);
	p = cairo_pattern_create_linear(0, y - size, 0, y);
	cairo_pattern_add_color_stop_rgb(p, 0.0, 1.0, 1.0, 1.0);
	cairo_pattern_add_color_stop_rgb(p, 1.0, 0.70, 0.85, 1.0);
	cairo_set_source(cr, p);
	text_centered(cr, title, w / 2.0, y, size / 24);
	cairo_pattern_destroy(p);
}

/* The clock in the top right corner. */
static void
clock_geometry(uint32_t w, uint32_t h, double *cx, double *cy, double *r)
{
	double u = unit(h);

	*r = 34 * u;
	*cx = w - 24 * u - *r;
	*cy = 24 * u + *r;
}

static void
backdrop_clock_face(cairo_t *cr, uint32_t w, uint32_t h)
{
	double cx, cy, r;

	clock_geometry(w, h, &cx, &cy, &r);
	cairo_new_path(cr); /* show_text left a current point */
	cairo_arc(cr, cx, cy, r, 0, 2 * SCENE_PI);
	cairo_set_source_rgba(cr, 0, 0, 0, 0.35);
	cairo_fill_preserve(cr);
	cairo_set_line_width(cr, 3 * unit(h));
	cairo_set_source_rgba(cr, 1, 1, 1, 0.8);
	cairo_stroke(cr);
}

static void
backdrop_draw(cairo_surface_t *surface, uint32_t w, uint32_t h)
{
	cairo_t *cr = cairo_create(surface);

	backdrop_gradient(cr, w, h);
	backdrop_grid(cr, w, h);
	backdrop_corners(cr, w, h);
	backdrop_title(cr, w, h);
	backdrop_clock_face(cr, w, h);
	cairo_destroy(cr);
	cairo_surface_flush(surface);
}

/* Full-height bars sweeping across at constant speed, with a sharp leading
 * edge: a torn frame shows as a break in an edge. */
static void
frame_bars(cairo_t *cr, uint64_t frame, uint32_t w, uint32_t h)
{
	static const struct {
		uint32_t period; /* frames to cross the screen */
		uint32_t phase;  /* frames: spreads them out at frame 0 */
		double r, g, b;
	} bars[] = {
		{ 240, 40, 0.20, 0.85, 1.00 },
		{ 330, 150, 1.00, 0.30, 0.70 },
		{ 420, 330, 1.00, 0.78, 0.20 },
	};
	/* Whole pixels: cairo fills pixel-aligned boxes without
	 * rasterising, and the edges stay crisp. */
	int64_t bw = w / 40 < 4 ? 4 : w / 40;
	int64_t edge = h / 240 < 1 ? 1 : h / 240;
	size_t i;

	for (i = 0; i < sizeof(bars) / sizeof(bars[0]); i++) {
		uint64_t step = (frame + bars[i].phase) % bars[i].period;
		int64_t x = (int64_t)step * (w + bw) / bars[i].period - bw;

		cairo_set_source_rgba(cr, bars[i].r, bars[i].g, bars[i].b,
				      0.28);
		cairo_rectangle(cr, (double)x, 0, (double)bw, h);
		cairo_fill(cr);
		cairo_set_source_rgb(cr, bars[i].r, bars[i].g, bars[i].b);
		cairo_rectangle(cr, (double)(x + bw - edge), 0, (double)edge,
				h);
		cairo_fill(cr);
	}
}

/* The ball's diameter in guest pixels. */
static uint32_t
ball_size(uint32_t h)
{
	uint32_t d = (uint32_t)(104 * unit(h));

	return d < 8 ? 8 : d;
}

/* The ball sprite: the ball at the top left, its shadow below right. */
static void
ball_draw(cairo_surface_t *surface, uint32_t d)
{
	cairo_t *cr = cairo_create(surface);
	double r = d / 2.0;
	cairo_pattern_t *p;

	cairo_arc(cr, r + 0.15 * r, r + 0.2 * r, r, 0, 2 * SCENE_PI);
	cairo_set_source_rgba(cr, 0, 0, 0, 0.35);
	cairo_fill(cr);

	p = cairo_pattern_create_radial(0.65 * r, 0.6 * r, 0.1 * r, r, r, r);
	cairo_pattern_add_color_stop_rgb(p, 0.0, 1.0, 0.85, 0.70);
	cairo_pattern_add_color_stop_rgb(p, 0.45, 1.0, 0.42, 0.32);
	cairo_pattern_add_color_stop_rgb(p, 1.0, 0.55, 0.08, 0.22);
	cairo_arc(cr, r, r, r, 0, 2 * SCENE_PI);
	cairo_set_source(cr, p);
	cairo_fill(cr);
	cairo_pattern_destroy(p);
	cairo_destroy(cr);
	cairo_surface_flush(surface);
}

/* A ball bouncing off the edges, on periods that never line up, at whole
 * pixels so that it is a plain blit. */
static void
frame_ball(cairo_t *cr, cairo_surface_t *ball, uint64_t frame, uint32_t w,
	   uint32_t h)
{
	uint32_t d = ball_size(h);
	uint32_t x =
	    lerp_pixel(triangle(frame + 150, 197), 0, w > d ? w - d : 0);
	uint32_t y =
	    lerp_pixel(triangle(frame + 80, 131), 0, h > d ? h - d : 0);

	cairo_set_source_surface(cr, ball, x, y);
	cairo_paint(cr);
}

/* Monospace, so the line does not jiggle as the digits change. */
static void
frame_caption(cairo_t *cr, uint64_t frame, uint32_t w, uint32_t h)
{
	char line[96];
	double size;

	snprintf(line, sizeof(line),
		 "%" PRIu32 " \xc3\x97 %" PRIu32 "  \xc2\xb7  frame %" PRIu64,
		 w, h, frame);
	cairo_select_font_face(cr, "monospace", CAIRO_FONT_SLANT_NORMAL,
			       CAIRO_FONT_WEIGHT_NORMAL);
	size = fit_font(cr, line, 30 * unit(h), w * 0.9);
	cairo_set_source_rgb(cr, 0.78, 0.84, 0.98);
	text_centered(cr, line, w / 2.0, title_baseline(h) + 2.2 * size,
		      size / 16);
}

/* Sixty cells, one lit per frame with a fading trail: a dropped or repeated
 * frame shows as a gap or a double in the trail. */
static void
frame_ticker(cairo_t *cr, uint64_t frame, uint32_t w, uint32_t h)
{
	uint32_t cell = w * 7 / 10 / VV_DEMO_SCENE_FPS, gap = cell / 5 + 1;
	uint32_t x0 = (w - cell * VV_DEMO_SCENE_FPS) / 2, y = h - h * 64 / 720;
	uint32_t ch = h * 14 / 720 < 2 ? 2 : h * 14 / 720;
	unsigned lit = frame % VV_DEMO_SCENE_FPS, i;

	if (cell < 2)
		return;
	for (i = 0; i < VV_DEMO_SCENE_FPS; i++) {
		unsigned age =
		    (lit + VV_DEMO_SCENE_FPS - i) % VV_DEMO_SCENE_FPS;
		double a = age < 12 ? 1.0 - age / 12.0 : 0.0;

		cairo_rectangle(cr, x0 + i * cell + gap / 2, y, cell - gap, ch);
		cairo_set_source_rgba(cr, 0.3 + 0.7 * a, 0.9, 1.0,
				      0.10 + 0.9 * a);
		cairo_fill(cr);
	}
}

/* The clock's hands, one going round once a second and the other once a
 * minute, turned by cairo, which has the trigonometry. */
static void
frame_clock(cairo_t *cr, uint64_t frame, uint32_t w, uint32_t h)
{
	double u = unit(h), cx, cy, r;

	clock_geometry(w, h, &cx, &cy, &r);
	cairo_save(cr);
	cairo_translate(cr, cx, cy);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
	cairo_save(cr);
	cairo_rotate(cr, 2 * SCENE_PI *
			     (double)(frame % (60 * VV_DEMO_SCENE_FPS)) /
			     (60 * VV_DEMO_SCENE_FPS));
	cairo_move_to(cr, 0, 0);
	cairo_line_to(cr, 0, -0.6 * r);
	cairo_set_line_width(cr, 4 * u);
	cairo_set_source_rgb(cr, 1.0, 0.6, 0.1);
	cairo_stroke(cr);
	cairo_restore(cr);

	cairo_rotate(cr, 2 * SCENE_PI * (double)(frame % VV_DEMO_SCENE_FPS) /
			     VV_DEMO_SCENE_FPS);
	cairo_move_to(cr, 0, 0.15 * r);
	cairo_line_to(cr, 0, -0.85 * r);
	cairo_set_line_width(cr, 2.5 * u);
	cairo_set_source_rgb(cr, 0.3, 0.9, 1.0);
	cairo_stroke(cr);
	cairo_restore(cr);
}

/* Every pixel is written (the backdrop is copied, not blended), so nothing
 * depends on what @target held. */
void
vv_demo_scene_draw_frame(const struct vv_demo_scene *scene, uint64_t frame,
			 cairo_surface_t *target)
{
	cairo_t *cr = cairo_create(target);

	cairo_set_source_surface(cr, scene->backdrop, 0, 0);
	cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE);
	cairo_paint(cr);
	cairo_set_operator(cr, CAIRO_OPERATOR_OVER);

	frame_bars(cr, frame, scene->width, scene->height);
	frame_ball(cr, scene->ball, frame, scene->width, scene->height);
	frame_caption(cr, frame, scene->width, scene->height);
	frame_ticker(cr, frame, scene->width, scene->height);
	frame_clock(cr, frame, scene->width, scene->height);
	cairo_destroy(cr);
	cairo_surface_flush(target);
}

/* The classic arrow, tip at the origin, in cursor pixels. */
static void
cursor_arrow_path(cairo_t *cr)
{
	static const double pts[][2] = {
		{ 0, 0 },   { 0, 34 },  { 8, 26 },  { 13, 38 },
		{ 18, 36 }, { 13, 24 }, { 24, 24 },
	};
	size_t i;

	cairo_move_to(cr, pts[0][0], pts[0][1]);
	for (i = 1; i < sizeof(pts) / sizeof(pts[0]); i++)
		cairo_line_to(cr, pts[i][0], pts[i][1]);
	cairo_close_path(cr);
}

/* White with a black outline, its tip on the hotspot, transparent
 * elsewhere (premultiplied ARGB, as cairo and AR24 both want). */
void
vv_demo_scene_draw_cursor(cairo_surface_t *target)
{
	cairo_t *cr = cairo_create(target);

	cairo_set_operator(cr, CAIRO_OPERATOR_CLEAR);
	cairo_paint(cr);
	cairo_set_operator(cr, CAIRO_OPERATOR_OVER);
	cairo_translate(cr, VV_DEMO_CURSOR_HOT_X, VV_DEMO_CURSOR_HOT_Y);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);

	/* A soft shadow lifts the pointer off any background. */
	cairo_save(cr);
	cairo_translate(cr, 2, 3);
	cursor_arrow_path(cr);
	cairo_set_source_rgba(cr, 0, 0, 0, 0.3);
	cairo_fill(cr);
	cairo_restore(cr);

	cursor_arrow_path(cr);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_fill_preserve(cr);
	cairo_set_line_width(cr, 2);
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_stroke(cr);
	cairo_destroy(cr);
	cairo_surface_flush(target);
}

/* ---- the scene's life ---- */

struct vv_demo_scene *
vv_demo_scene_create(uint32_t width, uint32_t height)
{
	struct vv_demo_scene *scene;
	uint32_t d = ball_size(height);
	uint32_t side = d + d / 5 + 2; /* room for the shadow */

	scene = calloc(1, sizeof(*scene));
	if (!scene)
		return NULL;
	scene->width = width;
	scene->height = height;
	scene->backdrop = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
						     (int)width, (int)height);
	scene->ball = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, (int)side,
						 (int)side);
	if (cairo_surface_status(scene->backdrop) != CAIRO_STATUS_SUCCESS ||
	    cairo_surface_status(scene->ball) != CAIRO_STATUS_SUCCESS) {
		vv_demo_scene_destroy(scene);
		return NULL;
	}
	backdrop_draw(scene->backdrop, width, height);
	ball_draw(scene->ball, d);
	return scene;
}

void
vv_demo_scene_destroy(struct vv_demo_scene *scene)
{
	if (!scene)
		return;
	if (scene->backdrop)
		cairo_surface_destroy(scene->backdrop);
	if (scene->ball)
		cairo_surface_destroy(scene->ball);
	free(scene);
}
