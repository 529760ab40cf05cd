/*
 * test-client-strict SCENARIO [ARGS]: provokes vv-compositor's strictness
 * and shows known pixels. Error scenarios print the protocol error they got
 * ("protocol-error iface=I code=N", exit 0) or "no-error" (exit 1).
 * Showing scenarios print "shown" once their frame was presented and stay
 * until the compositor sends xdg_toplevel.close (control "close"). The
 * xdg-shell scenarios (fill, states, decoration, frames) are in
 * test-client-shell.c, the seat ones (seat, cursor-role, get-touch) in
 * test-client-seat.c.
 */
#include <drm_fourcc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fractional-scale-v1-client-protocol.h"
#include "test-client.h"

/* a buffer before the first ack_configure */
static int
unconfigured_buffer(struct client *c)
{
	toplevel_create(c, false);
	wl_surface_attach(c->surface, shm_buffer(c, 64, 64, 0), 0, 0);
	wl_surface_commit(c->surface);
	return expect_error(c);
}

static int
ack_bad_serial(struct client *c)
{
	toplevel_create(c, false);
	xdg_surface_ack_configure(c->xdg_surface, c->configure_serial + 1000);
	return expect_error(c);
}

static int
attach_offset(struct client *c)
{
	struct wl_surface *surface =
	    wl_compositor_create_surface(c->compositor);

	wl_surface_attach(surface, shm_buffer(c, 8, 8, 0), 1, 0);
	return expect_error(c);
}

static int
buffer_scale_size(struct client *c)
{
	toplevel_create(c, true);
	wl_surface_set_buffer_scale(c->surface, 2);
	wl_surface_attach(c->surface, shm_buffer(c, 65, 64, 0), 0, 0);
	wl_surface_commit(c->surface);
	return expect_error(c);
}

static int
shm_bad_stride(struct client *c)
{
	int fd = memfd_create("test", MFD_CLOEXEC);

	if (fd < 0 || ftruncate(fd, 4096) < 0)
		die("memfd");
	struct wl_shm_pool *pool = wl_shm_create_pool(c->shm, fd, 4096);
	wl_shm_pool_create_buffer(pool, 0, 32, 8, 64, WL_SHM_FORMAT_XRGB8888);
	close(fd);
	return expect_error(c);
}

static int
subsurface_bad_parent(struct client *c)
{
	struct wl_surface *s = wl_compositor_create_surface(c->compositor);

	wl_subcompositor_get_subsurface(c->subcompositor, s, s);
	return expect_error(c);
}

static int
place_above_nonsibling(struct client *c)
{
	struct wl_surface *parent = wl_compositor_create_surface(c->compositor);
	struct wl_surface *child = wl_compositor_create_surface(c->compositor);
	struct wl_surface *other = wl_compositor_create_surface(c->compositor);
	struct wl_subsurface *sub =
	    wl_subcompositor_get_subsurface(c->subcompositor, child, parent);

	wl_subsurface_place_above(sub, other);
	return expect_error(c);
}

static int
viewport_bad_value(struct client *c)
{
	struct wl_surface *s = wl_compositor_create_surface(c->compositor);
	struct wp_viewport *viewport =
	    wp_viewporter_get_viewport(c->viewporter, s);

	wp_viewport_set_destination(viewport, 0, 5);
	return expect_error(c);
}

static int
viewport_out_of_buffer(struct client *c)
{
	toplevel_create(c, true);
	struct wp_viewport *viewport =
	    wp_viewporter_get_viewport(c->viewporter, c->surface);
	wp_viewport_set_source(viewport, wl_fixed_from_int(8),
			       wl_fixed_from_int(0), wl_fixed_from_int(60),
			       wl_fixed_from_int(10));
	wl_surface_attach(c->surface, shm_buffer(c, 64, 64, 0), 0, 0);
	wl_surface_commit(c->surface);
	return expect_error(c);
}

static int
dmabuf_immed(struct client *c, const char *fourcc, const char *mod)
{
	uint32_t format;
	uint64_t modifier;

	if (!parse_format(fourcc, mod, &format, &modifier))
		die("bad FOURCC MODIFIER");
	struct zwp_linux_buffer_params_v1 *params =
	    params_with_pattern(c, modifier, 64, 64);
	zwp_linux_buffer_params_v1_create_immed(params, 64, 64, format, 0);
	return expect_error(c);
}

static int
dmabuf_plane_set(struct client *c)
{
	struct zwp_linux_buffer_params_v1 *params =
	    params_with_pattern(c, DRM_FORMAT_MOD_LINEAR, 16, 16);
	int fd = memfd_create("test", MFD_CLOEXEC);

	zwp_linux_buffer_params_v1_add(params, fd, 0, 0, 64, 0, 0);
	close(fd);
	return expect_error(c);
}

static int
dmabuf_out_of_bounds(struct client *c)
{
	struct zwp_linux_buffer_params_v1 *params =
	    params_with_pattern(c, DRM_FORMAT_MOD_LINEAR, 16, 16);

	/* the memfd holds 16 rows */
	zwp_linux_buffer_params_v1_create(params, 16, 17, DRM_FORMAT_XRGB8888,
					  0);
	return expect_error(c);
}

static int
dmabuf_show(struct client *c, const char *fourcc, const char *mod, int32_t w,
	    int32_t h)
{
	toplevel_create(c, true);
	if (!dmabuf_create(c, fourcc, mod, w, h))
		return 1;
	wl_surface_attach(c->surface, c->created, 0, 0);
	wl_surface_damage_buffer(c->surface, 0, 0, w, h);
	return show_and_hold(c);
}

/* a 200x150 toplevel of one colour, a 32x24 pattern subsurface at 10,20
 * scaled to 64x48 by its viewport */
static int
subsurface_viewport(struct client *c)
{
	toplevel_create(c, true);
	struct wl_surface *child = wl_compositor_create_surface(c->compositor);
	struct wl_subsurface *sub = wl_subcompositor_get_subsurface(
	    c->subcompositor, child, c->surface);
	struct wp_viewport *viewport =
	    wp_viewporter_get_viewport(c->viewporter, child);

	wl_subsurface_set_position(sub, 10, 20);
	wp_viewport_set_destination(viewport, 64, 48);
	wl_surface_attach(child, shm_buffer(c, 32, 24, 0), 0, 0);
	wl_surface_commit(child); /* synchronized: cached until the parent */
	wl_surface_attach(c->surface, shm_buffer(c, 200, 150, 0xff2080c0), 0,
			  0);
	return show_and_hold(c);
}

/* output: what wl_output and wp_fractional_scale_v1 tell a client */
struct output_info {
	char name[64];
	int32_t scale, width, height, refresh;
	uint32_t fractional; /* 120ths, 0 if none */
	bool done;
};

static void
output_handle_geometry(void *data, struct wl_output *output, int32_t x,
		       int32_t y, int32_t mm_w, int32_t mm_h, int32_t subpixel,
		       const char *make, const char *model, int32_t transform)
{
}

static void
output_handle_mode(void *data, struct wl_output *output, uint32_t flags,
		   int32_t width, int32_t height, int32_t refresh)
{
	struct output_info *info = data;

	info->width = width;
	info->height = height;
	info->refresh = refresh;
}

static void
output_handle_done(void *data, struct wl_output *output)
{
	struct output_info *info = data;

	info->done = true;
}

static void
output_handle_scale(void *data, struct wl_output *output, int32_t scale)
{
	struct output_info *info = data;

	info->scale = scale;
}

static void
output_handle_name(void *data, struct wl_output *output, const char *name)
{
	struct output_info *info = data;

	snprintf(info->name, sizeof(info->name), "%s", name);
}

static void
output_handle_description(void *data, struct wl_output *output,
			  const char *description)
{
}

static const struct wl_output_listener output_listener = {
	.geometry = output_handle_geometry,
	.mode = output_handle_mode,
	.done = output_handle_done,
	.scale = output_handle_scale,
	.name = output_handle_name,
	.description = output_handle_description,
};

static void
fractional_handle_preferred_scale(void *data, struct wp_fractional_scale_v1 *fs,
				  uint32_t scale)
{
	struct output_info *info = data;

	info->fractional = scale;
}

static const struct wp_fractional_scale_v1_listener fractional_listener = {
	.preferred_scale = fractional_handle_preferred_scale,
};

static int
output(struct client *c)
{
	struct output_info info = { .name = "none" };

	if (!c->output_name)
		die("no wl_output");
	struct wl_output *wl_output = wl_registry_bind(
	    c->registry, c->output_name, &wl_output_interface, 4);
	wl_output_add_listener(wl_output, &output_listener, &info);
	if (c->fractional_manager) {
		struct wl_surface *s =
		    wl_compositor_create_surface(c->compositor);
		struct wp_fractional_scale_v1 *fs =
		    wp_fractional_scale_manager_v1_get_fractional_scale(
			c->fractional_manager, s);
		wp_fractional_scale_v1_add_listener(fs, &fractional_listener,
						    &info);
	}
	wl_display_roundtrip(c->display);
	printf("output name=%s scale=%d mode=%dx%d@%d done=%s\n", info.name,
	       info.scale, info.width, info.height, info.refresh,
	       info.done ? "yes" : "no");
	if (info.fractional)
		printf("preferred_scale=%u\n", info.fractional);
	else
		printf("preferred_scale=none\n");
	return 0;
}

int
main(int argc, char *argv[])
{
	struct client c = { 0 };

	if (argc < 2) {
		fprintf(stderr, "usage: test-client-strict SCENARIO [ARGS]\n");
		return 2;
	}
	const char *s = argv[1];
	client_connect(&c);
	if (strcmp(s, "unconfigured-buffer") == 0)
		return unconfigured_buffer(&c);
	if (strcmp(s, "ack-bad-serial") == 0)
		return ack_bad_serial(&c);
	if (strcmp(s, "attach-offset") == 0)
		return attach_offset(&c);
	if (strcmp(s, "buffer-scale-size") == 0)
		return buffer_scale_size(&c);
	if (strcmp(s, "shm-bad-stride") == 0)
		return shm_bad_stride(&c);
	if (strcmp(s, "subsurface-bad-parent") == 0)
		return subsurface_bad_parent(&c);
	if (strcmp(s, "place-above-nonsibling") == 0)
		return place_above_nonsibling(&c);
	if (strcmp(s, "viewport-bad-value") == 0)
		return viewport_bad_value(&c);
	if (strcmp(s, "viewport-out-of-buffer") == 0)
		return viewport_out_of_buffer(&c);
	if (strcmp(s, "dmabuf-plane-set") == 0)
		return dmabuf_plane_set(&c);
	if (strcmp(s, "dmabuf-out-of-bounds") == 0)
		return dmabuf_out_of_bounds(&c);
	if (strcmp(s, "dmabuf-immed") == 0 && argc == 4)
		return dmabuf_immed(&c, argv[2], argv[3]);
	if (strcmp(s, "dmabuf-create") == 0 && argc == 4) {
		dmabuf_create(&c, argv[2], argv[3], 64, 64);
		return 0;
	}
	if (strcmp(s, "dmabuf-show") == 0 && argc == 6)
		return dmabuf_show(&c, argv[2], argv[3], atoi(argv[4]),
				   atoi(argv[5]));
	if (strcmp(s, "subsurface-viewport") == 0)
		return subsurface_viewport(&c);
	if (strcmp(s, "output") == 0)
		return output(&c);
	if (strcmp(s, "formats") == 0)
		return print_formats(&c);
	int ret = shell_scenario(&c, s, argc - 2, argv + 2);
	if (ret < 0)
		ret = seat_scenario(&c, s, argc - 2, argv + 2);
	if (ret >= 0)
		return ret;
	fprintf(stderr, "test-client-strict: unknown scenario %s\n", s);
	return 2;
}
