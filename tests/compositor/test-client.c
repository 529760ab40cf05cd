/*
 * The test client's plumbing: globals, a toplevel, shm and memfd "dma-buf"
 * buffers holding the test pattern, feedback parsing.
 */
#include <drm_fourcc.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/types.h>
#include <unistd.h>
#include <wayland-client.h>

#include "test-client.h"
#include "test-pattern.h"

void
die(const char *what)
{
	fprintf(stderr, "test-client-strict: %s\n", what);
	exit(2);
}

static const char *
modifier_name(uint64_t modifier, char *buf)
{
	if (modifier == DRM_FORMAT_MOD_LINEAR)
		return "LINEAR";
	if (modifier == I915_FORMAT_MOD_X_TILED)
		return "X_TILED";
	if (modifier == I915_FORMAT_MOD_Y_TILED)
		return "Y_TILED";
	snprintf(buf, 24, "0x%016llx", (unsigned long long)modifier);
	return buf;
}

static void
add_pair(struct client *c, uint32_t format, uint64_t modifier)
{
	char mod[24];

	if (c->pair_count == 256)
		return;
	snprintf(c->pairs[c->pair_count++], 48, "%.4s:%s", (char *)&format,
		 modifier_name(modifier, mod));
}

static void
dmabuf_handle_format(void *data, struct zwp_linux_dmabuf_v1 *dmabuf,
		     uint32_t format)
{
}

static void
dmabuf_handle_modifier(void *data, struct zwp_linux_dmabuf_v1 *dmabuf,
		       uint32_t format, uint32_t hi, uint32_t lo)
{
	add_pair(data, format, (uint64_t)hi << 32 | lo);
}

static const struct zwp_linux_dmabuf_v1_listener dmabuf_listener = {
	.format = dmabuf_handle_format,
	.modifier = dmabuf_handle_modifier,
};

static void
wm_base_handle_ping(void *data, struct xdg_wm_base *wm_base, uint32_t serial)
{
	xdg_wm_base_pong(wm_base, serial);
}

static const struct xdg_wm_base_listener wm_base_listener = {
	.ping = wm_base_handle_ping,
};

static void
registry_handle_global(void *data, struct wl_registry *registry, uint32_t name,
		       const char *iface, uint32_t version)
{
	struct client *c = data;

	if (strcmp(iface, "wl_compositor") == 0)
		c->compositor = wl_registry_bind(registry, name,
						 &wl_compositor_interface, 5);
	else if (strcmp(iface, "wl_subcompositor") == 0)
		c->subcompositor = wl_registry_bind(
		    registry, name, &wl_subcompositor_interface, 1);
	else if (strcmp(iface, "wl_shm") == 0)
		c->shm = wl_registry_bind(registry, name, &wl_shm_interface, 1);
	else if (strcmp(iface, "xdg_wm_base") == 0) {
		c->wm_base =
		    wl_registry_bind(registry, name, &xdg_wm_base_interface, 5);
		xdg_wm_base_add_listener(c->wm_base, &wm_base_listener, c);
	} else if (strcmp(iface, "wp_viewporter") == 0)
		c->viewporter = wl_registry_bind(registry, name,
						 &wp_viewporter_interface, 1);
	else if (strcmp(iface, "wl_output") == 0)
		c->output_name = name;
	else if (strcmp(iface, "wp_fractional_scale_manager_v1") == 0)
		c->fractional_manager = wl_registry_bind(
		    registry, name, &wp_fractional_scale_manager_v1_interface,
		    1);
	else if (strcmp(iface, "wl_seat") == 0)
		c->seat =
		    wl_registry_bind(registry, name, &wl_seat_interface, 7);
	else if (strcmp(iface, "zxdg_decoration_manager_v1") == 0)
		c->decoration_manager = wl_registry_bind(
		    registry, name, &zxdg_decoration_manager_v1_interface, 1);
	else if (strcmp(iface, "wp_presentation") == 0)
		c->presentation = wl_registry_bind(
		    registry, name, &wp_presentation_interface, 1);
	else if (strcmp(iface, "zwp_linux_dmabuf_v1") == 0) {
		c->dmabuf_version = version < 4 ? version : 4;
		c->dmabuf = wl_registry_bind(registry, name,
					     &zwp_linux_dmabuf_v1_interface,
					     c->dmabuf_version);
		zwp_linux_dmabuf_v1_add_listener(c->dmabuf, &dmabuf_listener,
						 c);
	}
}

static void
registry_handle_global_remove(void *data, struct wl_registry *registry,
			      uint32_t name)
{
}

static const struct wl_registry_listener registry_listener = {
	.global = registry_handle_global,
	.global_remove = registry_handle_global_remove,
};

void
client_connect(struct client *c)
{
	c->table_fd = -1;
	c->display = wl_display_connect(NULL);
	if (!c->display)
		die("cannot connect to $WAYLAND_DISPLAY");
	c->registry = wl_display_get_registry(c->display);
	wl_registry_add_listener(c->registry, &registry_listener, c);
	wl_display_roundtrip(c->display);
	wl_display_roundtrip(c->display);
	if (!c->compositor || !c->shm || !c->wm_base || !c->subcompositor)
		die("a core global is missing");
}

/* Ends an error scenario: what error, if any, the compositor sent. */
int
expect_error(struct client *c)
{
	const struct wl_interface *iface;

	wl_display_roundtrip(c->display);
	if (wl_display_get_error(c->display) != EPROTO) {
		printf("no-error\n");
		return 1;
	}
	uint32_t code = wl_display_get_protocol_error(c->display, &iface, NULL);
	printf("protocol-error iface=%s code=%u\n",
	       iface ? iface->name : "none", code);
	return 0;
}

static int
memfd_sized(size_t size)
{
	int fd = memfd_create("test-client", MFD_CLOEXEC);

	if (fd < 0 || ftruncate(fd, size) < 0)
		die("cannot create a memfd");
	return fd;
}

/* An XRGB8888 shm buffer: the test pattern, or one colour if color. */
struct wl_buffer *
shm_buffer(struct client *c, int32_t w, int32_t h, uint32_t color)
{
	size_t size = (size_t)w * h * 4;
	int fd = memfd_sized(size);
	uint32_t *pixels =
	    mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);

	if (pixels == MAP_FAILED)
		die("cannot map the memfd");
	for (int32_t y = 0; y < h; y++) {
		for (int32_t x = 0; x < w; x++)
			pixels[y * w + x] =
			    color ? color : tc_test_pattern(x, y);
	}
	munmap(pixels, size);
	struct wl_shm_pool *pool = wl_shm_create_pool(c->shm, fd, size);
	struct wl_buffer *buffer = wl_shm_pool_create_buffer(
	    pool, 0, w, h, w * 4, WL_SHM_FORMAT_XRGB8888);
	wl_shm_pool_destroy(pool);
	close(fd);
	return buffer;
}

static void
xdg_surface_handle_configure(void *data, struct xdg_surface *xdg_surface,
			     uint32_t serial)
{
	struct client *c = data;

	c->configure_serial = serial;
	c->configured = true;
	c->configure_count++;
}

static const struct xdg_surface_listener xdg_surface_listener = {
	.configure = xdg_surface_handle_configure,
};

static void
toplevel_handle_configure(void *data, struct xdg_toplevel *toplevel,
			  int32_t width, int32_t height,
			  struct wl_array *states)
{
	struct client *c = data;
	uint32_t *state;

	c->configure_w = width;
	c->configure_h = height;
	c->configure_states = 0;
	wl_array_for_each (state, states) {
		if (*state < 32)
			c->configure_states |= 1u << *state;
	}
}

void
wait_configure(struct client *c)
{
	unsigned count = c->configure_count;

	while (c->configure_count == count)
		if (wl_display_dispatch(c->display) < 0)
			die("the compositor went away before configuring");
}

const char *
states_name(uint32_t states, char *buf, size_t size)
{
	static const char *const names[] = {
		[XDG_TOPLEVEL_STATE_MAXIMIZED] = "maximized",
		[XDG_TOPLEVEL_STATE_FULLSCREEN] = "fullscreen",
		[XDG_TOPLEVEL_STATE_RESIZING] = "resizing",
		[XDG_TOPLEVEL_STATE_ACTIVATED] = "activated",
	};
	size_t n = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++) {
		if (names[i] && (states & (1u << i)))
			n += snprintf(buf + n, size - n, "%s%s", n ? "," : "",
				      names[i]);
	}
	if (n == 0)
		snprintf(buf, size, "none");
	return buf;
}

static void
toplevel_handle_close(void *data, struct xdg_toplevel *toplevel)
{
	struct client *c = data;

	c->closed = true;
}

static void
toplevel_handle_configure_bounds(void *data, struct xdg_toplevel *toplevel,
				 int32_t width, int32_t height)
{
}

static void
toplevel_handle_wm_capabilities(void *data, struct xdg_toplevel *toplevel,
				struct wl_array *caps)
{
}

static const struct xdg_toplevel_listener toplevel_listener = {
	.configure = toplevel_handle_configure,
	.close = toplevel_handle_close,
	.configure_bounds = toplevel_handle_configure_bounds,
	.wm_capabilities = toplevel_handle_wm_capabilities,
};

void
toplevel_begin(struct client *c)
{
	c->surface = wl_compositor_create_surface(c->compositor);
	c->xdg_surface = xdg_wm_base_get_xdg_surface(c->wm_base, c->surface);
	xdg_surface_add_listener(c->xdg_surface, &xdg_surface_listener, c);
	c->toplevel = xdg_surface_get_toplevel(c->xdg_surface);
	xdg_toplevel_add_listener(c->toplevel, &toplevel_listener, c);
}

/* A toplevel after its initial commit and configure; acked if ack. */
void
toplevel_create(struct client *c, bool ack)
{
	if (!c->toplevel)
		toplevel_begin(c);
	wl_surface_commit(c->surface);
	while (!c->configured)
		if (wl_display_dispatch(c->display) < 0)
			die("the compositor went away before configuring");
	if (ack)
		xdg_surface_ack_configure(c->xdg_surface, c->configure_serial);
}

static void
frame_handle_done(void *data, struct wl_callback *callback, uint32_t time)
{
	struct client *c = data;

	c->frame_done = true;
	wl_callback_destroy(callback);
}

static const struct wl_callback_listener frame_listener = {
	.done = frame_handle_done,
};

/* Commits the toplevel with a frame callback, prints "shown" once it is
 * done, then stays until closed. */
int
show_and_hold(struct client *c)
{
	struct wl_callback *frame = wl_surface_frame(c->surface);

	wl_callback_add_listener(frame, &frame_listener, c);
	wl_surface_commit(c->surface);
	while (!c->frame_done)
		if (wl_display_dispatch(c->display) < 0) {
			expect_error(c);
			return 1;
		}
	printf("shown\n");
	fflush(stdout);
	while (!c->closed)
		if (wl_display_dispatch(c->display) < 0)
			return 1;
	return 0;
}

/* dma-buf */

bool
parse_format(const char *fourcc, const char *mod, uint32_t *format,
	     uint64_t *modifier)
{
	if (strlen(fourcc) != 4)
		return false;
	*format = fourcc_code(fourcc[0], fourcc[1], fourcc[2], fourcc[3]);
	if (strcmp(mod, "LINEAR") == 0)
		*modifier = DRM_FORMAT_MOD_LINEAR;
	else if (strcmp(mod, "X_TILED") == 0)
		*modifier = I915_FORMAT_MOD_X_TILED;
	else if (strcmp(mod, "Y_TILED") == 0)
		*modifier = I915_FORMAT_MOD_Y_TILED;
	else
		*modifier = strtoull(mod, NULL, 0);
	return true;
}

/* Where byte xb of row y lives, written from the layouts independently
 * of the compositor's detiler. */
static size_t
layout_offset(uint64_t modifier, uint32_t stride, uint32_t xb, uint32_t y)
{
	if (modifier == I915_FORMAT_MOD_X_TILED) {
		size_t tile = (size_t)(y / 8) * (stride / 512) + xb / 512;
		return tile * 4096 + (y % 8) * 512 + xb % 512;
	}
	if (modifier == I915_FORMAT_MOD_Y_TILED) {
		size_t tile = (size_t)(y / 32) * (stride / 128) + xb / 128;
		return tile * 4096 + (xb % 128 / 16) * 512 + (y % 32) * 16 +
		       xb % 16;
	}
	return (size_t)y * stride + xb;
}

/* A memfd "dma-buf" holding the pattern as 32-bit pixels in the layout;
 * the size is whole tiles. */
static int
pattern_memfd(uint64_t modifier, int32_t w, int32_t h, uint32_t *stride)
{
	uint32_t tw = 4, th = 1;

	if (modifier == I915_FORMAT_MOD_X_TILED)
		tw = 512, th = 8;
	else if (modifier == I915_FORMAT_MOD_Y_TILED)
		tw = 128, th = 32;
	*stride = ((uint32_t)w * 4 + tw - 1) / tw * tw;
	size_t rows = ((size_t)h + th - 1) / th * th;
	size_t size = rows * *stride;
	int fd = memfd_sized(size);
	uint8_t *map =
	    mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);

	if (map == MAP_FAILED)
		die("cannot map the memfd");
	for (int32_t y = 0; y < h; y++) {
		for (int32_t x = 0; x < w; x++) {
			uint32_t p = tc_test_pattern(x, y);
			for (int b = 0; b < 4; b++)
				map[layout_offset(modifier, *stride, x * 4 + b,
						  y)] = (p >> (8 * b)) & 0xff;
		}
	}
	munmap(map, size);
	return fd;
}

static void
params_handle_created(void *data, struct zwp_linux_buffer_params_v1 *params,
		      struct wl_buffer *buffer)
{
	struct client *c = data;

	c->created = buffer;
}

static void
params_handle_failed(void *data, struct zwp_linux_buffer_params_v1 *params)
{
	struct client *c = data;

	c->import_failed = true;
}

static const struct zwp_linux_buffer_params_v1_listener params_listener = {
	.created = params_handle_created,
	.failed = params_handle_failed,
};

struct zwp_linux_buffer_params_v1 *
params_with_pattern(struct client *c, uint64_t modifier, int32_t w, int32_t h)
{
	uint32_t stride;
	int fd = pattern_memfd(modifier, w, h, &stride);

	if (!c->dmabuf)
		die("no zwp_linux_dmabuf_v1");
	struct zwp_linux_buffer_params_v1 *params =
	    zwp_linux_dmabuf_v1_create_params(c->dmabuf);
	zwp_linux_buffer_params_v1_add_listener(params, &params_listener, c);
	zwp_linux_buffer_params_v1_add(params, fd, 0, 0, stride, modifier >> 32,
				       modifier & 0xffffffff);
	close(fd);
	return params;
}

/* Asynchronous create: prints created or failed. */
bool
dmabuf_create(struct client *c, const char *fourcc, const char *mod, int32_t w,
	      int32_t h)
{
	uint32_t format;
	uint64_t modifier;

	if (!parse_format(fourcc, mod, &format, &modifier))
		die("bad FOURCC MODIFIER");
	struct zwp_linux_buffer_params_v1 *params =
	    params_with_pattern(c, modifier, w, h);
	zwp_linux_buffer_params_v1_create(params, w, h, format, 0);
	while (!c->created && !c->import_failed)
		if (wl_display_dispatch(c->display) < 0)
			die("protocol error during create");
	zwp_linux_buffer_params_v1_destroy(params);
	printf("%s\n", c->created ? "created" : "failed");
	fflush(stdout);
	return c->created != NULL;
}

/* v4 feedback */

static void
feedback_handle_done(void *data, struct zwp_linux_dmabuf_feedback_v1 *fb)
{
	struct client *c = data;

	c->feedback_done = true;
}

static void
feedback_handle_format_table(void *data,
			     struct zwp_linux_dmabuf_feedback_v1 *fb,
			     int32_t fd, uint32_t size)
{
	struct client *c = data;

	c->table_fd = fd;
	c->table_size = size;
}

static void
feedback_handle_main_device(void *data, struct zwp_linux_dmabuf_feedback_v1 *fb,
			    struct wl_array *device)
{
	struct client *c = data;

	c->main_device_size = device->size;
}

static void
feedback_handle_tranche_done(void *data,
			     struct zwp_linux_dmabuf_feedback_v1 *fb)
{
}

static void
feedback_handle_tranche_target_device(void *data,
				      struct zwp_linux_dmabuf_feedback_v1 *fb,
				      struct wl_array *device)
{
}

static void
feedback_handle_tranche_formats(void *data,
				struct zwp_linux_dmabuf_feedback_v1 *fb,
				struct wl_array *indices)
{
	struct client *c = data;
	uint16_t *index;

	wl_array_for_each (index, indices) {
		if (c->index_count < 256)
			c->indices[c->index_count++] = *index;
	}
}

static void
feedback_handle_tranche_flags(void *data,
			      struct zwp_linux_dmabuf_feedback_v1 *fb,
			      uint32_t flags)
{
}

static const struct zwp_linux_dmabuf_feedback_v1_listener feedback_listener = {
	.done = feedback_handle_done,
	.format_table = feedback_handle_format_table,
	.main_device = feedback_handle_main_device,
	.tranche_done = feedback_handle_tranche_done,
	.tranche_target_device = feedback_handle_tranche_target_device,
	.tranche_formats = feedback_handle_tranche_formats,
	.tranche_flags = feedback_handle_tranche_flags,
};

/* "version N", then one FOURCC:MODIFIER line per entry, in order. */
int
print_formats(struct client *c)
{
	if (!c->dmabuf) {
		printf("no-dmabuf\n");
		return 0;
	}
	printf("version %u\n", c->dmabuf_version);
	if (c->dmabuf_version < 4) {
		for (size_t i = 0; i < c->pair_count; i++)
			printf("%s\n", c->pairs[i]);
		return 0;
	}
	struct zwp_linux_dmabuf_feedback_v1 *fb =
	    zwp_linux_dmabuf_v1_get_default_feedback(c->dmabuf);
	zwp_linux_dmabuf_feedback_v1_add_listener(fb, &feedback_listener, c);
	while (!c->feedback_done)
		if (wl_display_dispatch(c->display) < 0)
			die("protocol error while reading feedback");
	if (c->table_fd < 0 || c->table_size % 16 != 0 ||
	    c->main_device_size != sizeof(dev_t)) {
		printf("bad-feedback table_fd=%d size=%u main_device=%zu\n",
		       c->table_fd, c->table_size, c->main_device_size);
		return 1;
	}
	/* the table must be sealed against writes */
	int seals = fcntl(c->table_fd, F_GET_SEALS);
	if (seals < 0 || !(seals & F_SEAL_WRITE) || !(seals & F_SEAL_SHRINK)) {
		printf("table-not-sealed\n");
		return 1;
	}
	const uint8_t *table =
	    mmap(NULL, c->table_size, PROT_READ, MAP_PRIVATE, c->table_fd, 0);
	if (table == MAP_FAILED)
		die("cannot map the format table");
	for (size_t i = 0; i < c->index_count; i++) {
		uint32_t format;
		uint64_t modifier;

		if ((size_t)c->indices[i] * 16 >= c->table_size) {
			printf("index-out-of-table %u\n", c->indices[i]);
			return 1;
		}
		memcpy(&format, table + c->indices[i] * 16, 4);
		memcpy(&modifier, table + c->indices[i] * 16 + 8, 8);
		add_pair(c, format, modifier);
	}
	for (size_t i = 0; i < c->pair_count; i++)
		printf("%s\n", c->pairs[i]);
	munmap((void *)table, c->table_size);
	close(c->table_fd);
	zwp_linux_dmabuf_feedback_v1_destroy(fb);
	return 0;
}
