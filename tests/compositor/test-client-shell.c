/*
 * test-client-strict's xdg-shell scenarios: a 1x1 buffer scaled by its
 * viewport to the configured size, state requests and the configures that
 * answer them, decoration negotiation, a frame loop for pacing.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test-client.h"

#define FILL_COLOR 0xff20c040u

struct fill {
	struct client *c;
	struct wp_viewport *viewport;
	struct wl_buffer *buffer;
	int32_t pattern_w, pattern_h; /* 0: one pixel of FILL_COLOR */
	bool done;
};

static void
fill_frame_done(void *data, struct wl_callback *callback, uint32_t time)
{
	struct fill *fill = data;

	fill->done = true;
	wl_callback_destroy(callback);
}

static const struct wl_callback_listener fill_frame_listener = {
	.done = fill_frame_done,
};

/* c->surface shows the 1x1 buffer stretched to w x h surface units; waits
 * until that frame was drawn. */
static void
fill_commit(struct fill *fill, int32_t w, int32_t h)
{
	struct client *c = fill->c;

	if (!fill->viewport) {
		fill->viewport =
		    wp_viewporter_get_viewport(c->viewporter, c->surface);
		fill->buffer =
		    fill->pattern_w
			? shm_buffer(c, fill->pattern_w, fill->pattern_h, 0)
			: shm_buffer(c, 1, 1, FILL_COLOR);
		wl_surface_attach(c->surface, fill->buffer, 0, 0);
		wl_surface_damage_buffer(c->surface, 0, 0, INT32_MAX,
					 INT32_MAX);
	}
	wp_viewport_set_destination(fill->viewport, w, h);
	struct wl_callback *frame = wl_surface_frame(c->surface);
	wl_callback_add_listener(frame, &fill_frame_listener, fill);
	fill->done = false;
	wl_surface_commit(c->surface);
	while (!fill->done)
		if (wl_display_dispatch(c->display) < 0)
			die("protocol error while drawing");
}

/*
 * fill W H [follow|fullscreen|maximized [PWxPH]]: follow (the default)
 * shows W x H until a configure names a size, then that size ("resized
 * WxH" each time); fullscreen/maximized ask for the state before the first
 * commit and keep W x H whatever the configure says (for placement). The
 * buffer is one pixel of FILL_COLOR, or a PW x PH test pattern.
 */
static int
fill_scenario(struct client *c, int32_t w, int32_t h, const char *mode,
	      const char *pattern)
{
	struct fill fill = { .c = c };
	bool follow = strcmp(mode, "follow") == 0;

	if (pattern &&
	    (sscanf(pattern, "%dx%d", &fill.pattern_w, &fill.pattern_h) != 2 ||
	     fill.pattern_w < 1 || fill.pattern_h < 1))
		die("fill: pattern size is PWxPH");

	toplevel_begin(c);
	if (strcmp(mode, "fullscreen") == 0)
		xdg_toplevel_set_fullscreen(c->toplevel, NULL);
	else if (strcmp(mode, "maximized") == 0)
		xdg_toplevel_set_maximized(c->toplevel);
	else if (!follow)
		die("fill: mode is follow, fullscreen or maximized");
	toplevel_create(c, true);
	if (follow && c->configure_w > 0 && c->configure_h > 0)
		w = c->configure_w, h = c->configure_h;
	fill_commit(&fill, w, h);
	printf("shown %dx%d\n", w, h);
	fflush(stdout);
	unsigned seen = c->configure_count;
	while (!c->closed) {
		if (wl_display_dispatch(c->display) < 0)
			return 1;
		if (c->configure_count == seen)
			continue;
		seen = c->configure_count;
		xdg_surface_ack_configure(c->xdg_surface, c->configure_serial);
		if (follow && c->configure_w > 0 && c->configure_h > 0)
			w = c->configure_w, h = c->configure_h;
		fill_commit(&fill, w, h);
		printf("resized %dx%d\n", w, h);
		fflush(stdout);
	}
	return 0;
}

/* Prints the configure just received, acks it and draws its size (or
 * the client's own 200x100 for 0x0). */
static void
answer_configure(struct client *c, struct fill *fill, const char *label)
{
	char states[64];

	printf("%s configure %dx%d states=%s\n", label, c->configure_w,
	       c->configure_h,
	       states_name(c->configure_states, states, sizeof(states)));
	fflush(stdout);
	xdg_surface_ack_configure(c->xdg_surface, c->configure_serial);
	fill_commit(fill, c->configure_w ? c->configure_w : 200,
		    c->configure_h ? c->configure_h : 100);
}

/* states: each state request and the configure answering it */
static int
states_scenario(struct client *c)
{
	struct fill fill = { .c = c };
	struct wl_output *output = NULL;

	if (!c->output_name)
		die("no wl_output");
	output = wl_registry_bind(c->registry, c->output_name,
				  &wl_output_interface, 4);
	toplevel_begin(c);
	xdg_toplevel_set_title(c->toplevel, "vv test title");
	xdg_toplevel_set_app_id(c->toplevel, "vv.test");
	toplevel_create(c, false);
	answer_configure(c, &fill, "initial");

	xdg_toplevel_set_fullscreen(c->toplevel, NULL);
	wait_configure(c);
	answer_configure(c, &fill, "set_fullscreen");
	xdg_toplevel_unset_fullscreen(c->toplevel);
	wait_configure(c);
	answer_configure(c, &fill, "unset_fullscreen");
	xdg_toplevel_set_maximized(c->toplevel);
	wait_configure(c);
	answer_configure(c, &fill, "set_maximized");
	xdg_toplevel_unset_maximized(c->toplevel);
	wait_configure(c);
	answer_configure(c, &fill, "unset_maximized");

	/* the compositor picks a size (control "configure") */
	printf("waiting\n");
	fflush(stdout);
	wait_configure(c);
	answer_configure(c, &fill, "compositor");
	xdg_toplevel_set_fullscreen(c->toplevel, output);
	wait_configure(c);
	answer_configure(c, &fill, "set_fullscreen-output");
	xdg_toplevel_set_maximized(c->toplevel);
	wait_configure(c);
	answer_configure(c, &fill, "and-maximized");
	xdg_toplevel_unset_fullscreen(c->toplevel);
	wait_configure(c);
	answer_configure(c, &fill, "still-maximized");
	xdg_toplevel_unset_maximized(c->toplevel);
	wait_configure(c);
	answer_configure(c, &fill, "floating-again");

	/* minimize: no configure */
	unsigned count = c->configure_count;
	xdg_toplevel_set_minimized(c->toplevel);
	wl_display_roundtrip(c->display);
	printf("minimized configures=%u\n", c->configure_count - count);
	fflush(stdout);
	while (!c->closed)
		if (wl_display_dispatch(c->display) < 0)
			return 1;
	return 0;
}

/* decoration */

static void
decoration_handle_configure(void *data,
			    struct zxdg_toplevel_decoration_v1 *decoration,
			    uint32_t mode)
{
	uint32_t *last = data;

	*last = mode;
}

static const struct zxdg_toplevel_decoration_v1_listener decoration_listener = {
	.configure = decoration_handle_configure,
};

static const char *
decoration_mode_name(uint32_t mode)
{
	return mode == ZXDG_TOPLEVEL_DECORATION_V1_MODE_SERVER_SIDE   ? "server"
	       : mode == ZXDG_TOPLEVEL_DECORATION_V1_MODE_CLIENT_SIDE ? "client"
								      : "none";
}

static void
request_mode(struct zxdg_toplevel_decoration_v1 *decoration, const char *mode)
{
	if (strcmp(mode, "server") == 0)
		zxdg_toplevel_decoration_v1_set_mode(
		    decoration, ZXDG_TOPLEVEL_DECORATION_V1_MODE_SERVER_SIDE);
	else if (strcmp(mode, "client") == 0)
		zxdg_toplevel_decoration_v1_set_mode(
		    decoration, ZXDG_TOPLEVEL_DECORATION_V1_MODE_CLIENT_SIDE);
	else
		zxdg_toplevel_decoration_v1_unset_mode(decoration);
}

/*
 * decoration FIRST THEN: a decoration object before the first commit,
 * set_mode FIRST (server, client, none = unset); prints the mode of the
 * initial configure; maps; asks for THEN and prints the mode again.
 */
static int
decoration_scenario(struct client *c, const char *first, const char *then)
{
	struct fill fill = { .c = c };
	uint32_t mode = 0;

	if (!c->decoration_manager) {
		printf("no-decoration-manager\n");
		return 0;
	}
	toplevel_begin(c);
	struct zxdg_toplevel_decoration_v1 *decoration =
	    zxdg_decoration_manager_v1_get_toplevel_decoration(
		c->decoration_manager, c->toplevel);
	zxdg_toplevel_decoration_v1_add_listener(decoration,
						 &decoration_listener, &mode);
	request_mode(decoration, first);
	toplevel_create(c, true);
	printf("initial mode=%s\n", decoration_mode_name(mode));
	fill_commit(&fill, 200, 100);
	mode = 0;
	request_mode(decoration, then);
	wait_configure(c);
	printf("after-%s mode=%s\n", then, decoration_mode_name(mode));
	xdg_surface_ack_configure(c->xdg_surface, c->configure_serial);
	fill_commit(&fill, 200, 100);
	/* the decoration goes before its toplevel, as the spec asks */
	zxdg_toplevel_decoration_v1_destroy(decoration);
	xdg_toplevel_destroy(c->toplevel);
	wl_display_roundtrip(c->display);
	return expect_error(c) == 0 ? 1 : 0;
}

static int
decoration_error(struct client *c, const char *which)
{
	if (!c->decoration_manager)
		die("no zxdg_decoration_manager_v1");
	if (strcmp(which, "decoration-twice") == 0) {
		toplevel_begin(c);
		zxdg_decoration_manager_v1_get_toplevel_decoration(
		    c->decoration_manager, c->toplevel);
		zxdg_decoration_manager_v1_get_toplevel_decoration(
		    c->decoration_manager, c->toplevel);
	} else if (strcmp(which, "decoration-orphaned") == 0) {
		toplevel_begin(c);
		zxdg_decoration_manager_v1_get_toplevel_decoration(
		    c->decoration_manager, c->toplevel);
		xdg_toplevel_destroy(c->toplevel);
	} else {
		/* decoration-after-buffer */
		struct fill fill = { .c = c };

		toplevel_create(c, true);
		fill_commit(&fill, 50, 50);
		zxdg_decoration_manager_v1_get_toplevel_decoration(
		    c->decoration_manager, c->toplevel);
	}
	return expect_error(c);
}

/* frames N: N commits, each waiting for its frame callback, with
 * presentation feedback; prints the refresh the feedback reported. */
struct frames {
	bool done;
	uint32_t refresh;
	unsigned presented;
};

static void
frames_done(void *data, struct wl_callback *callback, uint32_t time)
{
	struct frames *f = data;

	f->done = true;
	wl_callback_destroy(callback);
}

static const struct wl_callback_listener frames_listener = {
	.done = frames_done,
};

static void
feedback_sync_output(void *data, struct wp_presentation_feedback *fb,
		     struct wl_output *output)
{
}

static void
feedback_presented(void *data, struct wp_presentation_feedback *fb,
		   uint32_t sec_hi, uint32_t sec_lo, uint32_t nsec,
		   uint32_t refresh, uint32_t seq_hi, uint32_t seq_lo,
		   uint32_t flags)
{
	struct frames *f = data;

	f->refresh = refresh;
	f->presented++;
	wp_presentation_feedback_destroy(fb);
}

static void
feedback_discarded(void *data, struct wp_presentation_feedback *fb)
{
	wp_presentation_feedback_destroy(fb);
}

static const struct wp_presentation_feedback_listener feedback_listener = {
	.sync_output = feedback_sync_output,
	.presented = feedback_presented,
	.discarded = feedback_discarded,
};

static int
frames_scenario(struct client *c, int n)
{
	struct frames f = { 0 };
	struct fill fill = { .c = c };

	if (!c->presentation)
		die("no wp_presentation");
	toplevel_create(c, true);
	fill_commit(&fill, 64, 64);
	for (int i = 0; i < n; i++) {
		struct wl_callback *frame = wl_surface_frame(c->surface);
		wl_callback_add_listener(frame, &frames_listener, &f);
		struct wp_presentation_feedback *fb =
		    wp_presentation_feedback(c->presentation, c->surface);
		wp_presentation_feedback_add_listener(fb, &feedback_listener,
						      &f);
		wl_surface_damage_buffer(c->surface, 0, 0, 1, 1);
		f.done = false;
		wl_surface_commit(c->surface);
		while (!f.done)
			if (wl_display_dispatch(c->display) < 0)
				die("protocol error in the frame loop");
	}
	wl_display_roundtrip(c->display);
	printf("frames %d presented=%u refresh=%u\n", n, f.presented,
	       f.refresh);
	return 0;
}

int
shell_scenario(struct client *c, const char *name, int argc, char **argv)
{
	if (strcmp(name, "fill") == 0 && argc >= 2 && argc <= 4)
		return fill_scenario(c, atoi(argv[0]), atoi(argv[1]),
				     argc >= 3 ? argv[2] : "follow",
				     argc == 4 ? argv[3] : NULL);
	if (strcmp(name, "states") == 0)
		return states_scenario(c);
	if (strcmp(name, "decoration") == 0 && argc == 2)
		return decoration_scenario(c, argv[0], argv[1]);
	if (strcmp(name, "decoration-twice") == 0 ||
	    strcmp(name, "decoration-orphaned") == 0 ||
	    strcmp(name, "decoration-after-buffer") == 0)
		return decoration_error(c, name);
	if (strcmp(name, "frames") == 0 && argc == 1)
		return frames_scenario(c, atoi(argv[0]));
	return -1;
}
