/*
 * zwp_linux_dmabuf_v1, v4 (feedback with a sealed format table) or v3
 * (format and modifier events). Imports are CPU mappings of the fd: what a
 * real compositor's renderer would refuse is refused here as `failed`
 * (create) or a protocol error (create_immed), and --fail-modifier plays a
 * driver that rejects an advertised modifier at import time.
 */
#include <drm_fourcc.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/types.h>
#include <unistd.h>

#include "buffer.h"
#include "detile.h"
#include "linux-dmabuf-unstable-v1-server-protocol.h"
#include "log.h"
#include "server.h"

#define MAX_PLANES 4

struct vv_dmabuf {
	struct vv_server *server;
	struct wl_global *global;
	int table_fd; /* owned: sealed memfd of vv_format_pair entries */
	size_t table_size;
};

struct vv_dmabuf_plane {
	int fd; /* owned, -1 when not set */
	uint32_t offset, stride;
	uint64_t modifier;
};

struct vv_dmabuf_params {
	struct vv_server *server;
	struct wl_resource *resource;
	bool used;
	struct vv_dmabuf_plane planes[MAX_PLANES];
};

/* Why an import did not make a buffer; fatal ones are protocol errors. */
struct import_result {
	bool fatal;
	uint32_t error; /* zwp_linux_buffer_params_v1 error when fatal */
	const char *reason;
};

static void
params_close_fds(struct vv_dmabuf_params *params)
{
	for (int i = 0; i < MAX_PLANES; i++) {
		if (params->planes[i].fd >= 0)
			close(params->planes[i].fd);
		params->planes[i].fd = -1;
	}
}

static void
params_handle_destroy(struct wl_client *client, struct wl_resource *resource)
{
	wl_resource_destroy(resource);
}

static void
params_handle_add(struct wl_client *client, struct wl_resource *resource,
		  int32_t fd, uint32_t plane_idx, uint32_t offset,
		  uint32_t stride, uint32_t modifier_hi, uint32_t modifier_lo)
{
	struct vv_dmabuf_params *params = wl_resource_get_user_data(resource);

	if (params->used) {
		vv_post_error(resource,
			      ZWP_LINUX_BUFFER_PARAMS_V1_ERROR_ALREADY_USED,
			      "add after create");
		close(fd);
		return;
	}
	if (plane_idx >= MAX_PLANES) {
		vv_post_error(
		    resource, ZWP_LINUX_BUFFER_PARAMS_V1_ERROR_PLANE_IDX,
		    "plane index %u is not below %d", plane_idx, MAX_PLANES);
		close(fd);
		return;
	}
	if (params->planes[plane_idx].fd >= 0) {
		vv_post_error(resource,
			      ZWP_LINUX_BUFFER_PARAMS_V1_ERROR_PLANE_SET,
			      "plane %u was already set", plane_idx);
		close(fd);
		return;
	}
	params->planes[plane_idx] = (struct vv_dmabuf_plane){
		.fd = fd,
		.offset = offset,
		.stride = stride,
		.modifier = (uint64_t)modifier_hi << 32 | modifier_lo,
	};
}

static void
dmabuf_buffer_destroy(struct vv_buffer *buffer)
{
	munmap(buffer->map, buffer->map_size);
	free(buffer);
}

#define FATAL(code, why)                                           \
	(struct import_result)                                     \
	{                                                          \
		true, ZWP_LINUX_BUFFER_PARAMS_V1_ERROR_##code, why \
	}
#define FAILED(why)            \
	(struct import_result) \
	{                      \
		false, 0, why  \
	}

/*
 * Checks the parameters and maps plane 0 into buffer. reason is NULL on
 * success.
 */
static struct import_result
params_import(struct vv_dmabuf_params *params, int32_t width, int32_t height,
	      uint32_t format, uint32_t flags, bool immed,
	      struct vv_buffer *buffer)
{
	const struct vv_options *opt = &params->server->opt;
	struct vv_dmabuf_plane *plane = &params->planes[0];
	const struct vv_format_info *info = vv_format_lookup(format);
	struct vv_tiling tiling = { 1, 1 };

	if (plane->fd < 0)
		return FATAL(INCOMPLETE, "no-plane-0");
	for (int i = 1; i < MAX_PLANES; i++) {
		if (params->planes[i].fd >= 0)
			return FATAL(INCOMPLETE, "too-many-planes");
	}
	if (width <= 0 || height <= 0)
		return FATAL(INVALID_DIMENSIONS, "dimensions");
	/* The implicit modifier means the layout the buffer object carries;
	 * the files and memfds this compositor maps carry none, which a
	 * driver takes as linear (weston 10 on Mesa does the same). */
	uint64_t layout = plane->modifier == DRM_FORMAT_MOD_INVALID
			      ? DRM_FORMAT_MOD_LINEAR
			      : plane->modifier;
	bool tiled_known = vv_tiling_get(layout, &tiling);

	/* the rows the layout needs: whole tiles */
	uint64_t rows = ((uint64_t)height + tiling.tile_height - 1) /
			tiling.tile_height * tiling.tile_height;
	uint64_t end = plane->offset + rows * plane->stride;
	off_t size = lseek(plane->fd, 0, SEEK_END);
	if ((size >= 0 && end > (uint64_t)size) ||
	    (info && plane->stride < (uint64_t)width * info->cpp))
		return FATAL(OUT_OF_BOUNDS, "out-of-bounds");

	if (!vv_format_list_has(opt->formats, opt->format_count, format,
				plane->modifier))
		return immed ? FATAL(INVALID_FORMAT, "unadvertised")
			     : FAILED("unadvertised");
	if (opt->fail_modifier_set && plane->modifier == opt->fail_modifier)
		return immed ? FATAL(INVALID_WL_BUFFER, "fail-modifier")
			     : FAILED("fail-modifier");
	if (flags != 0)
		return immed ? FATAL(INVALID_WL_BUFFER, "flags")
			     : FAILED("flags");
	if (!info)
		return immed ? FATAL(INVALID_WL_BUFFER, "unsupported-format")
			     : FAILED("unsupported-format");
	if (!tiled_known)
		return immed ? FATAL(INVALID_WL_BUFFER, "unsupported-modifier")
			     : FAILED("unsupported-modifier");
	if (plane->stride % tiling.tile_width != 0)
		return immed
			   ? FATAL(INVALID_WL_BUFFER, "stride-not-tile-aligned")
			   : FAILED("stride-not-tile-aligned");

	void *map = mmap(NULL, end, PROT_READ, MAP_SHARED, plane->fd, 0);
	if (map == MAP_FAILED)
		return immed ? FATAL(INVALID_WL_BUFFER, "mmap")
			     : FAILED("mmap");
	buffer->type = VV_BUFFER_DMABUF;
	buffer->format = format;
	buffer->modifier = layout;
	buffer->width = width;
	buffer->height = height;
	buffer->stride = plane->stride;
	buffer->map = map;
	buffer->map_size = end;
	buffer->plane_offset = plane->offset;
	buffer->destroy = dmabuf_buffer_destroy;
	return (struct import_result){ false, 0, NULL };
}

static void
params_create_common(struct wl_client *client, struct wl_resource *resource,
		     uint32_t buffer_id, int32_t width, int32_t height,
		     uint32_t format, uint32_t flags, bool immed)
{
	struct vv_dmabuf_params *params = wl_resource_get_user_data(resource);
	char fmt_buf[12], mod_buf[24];

	if (params->used) {
		vv_post_error(resource,
			      ZWP_LINUX_BUFFER_PARAMS_V1_ERROR_ALREADY_USED,
			      "params were already used to create a buffer");
		return;
	}
	params->used = true;

	struct vv_buffer *buffer = calloc(1, sizeof(*buffer));
	if (!buffer) {
		wl_client_post_no_memory(client);
		return;
	}
	struct import_result result =
	    params_import(params, width, height, format, flags, immed, buffer);
	const char *modifier =
	    params->planes[0].fd >= 0
		? vv_modifier_name(params->planes[0].modifier, mod_buf)
		: "none";
	vv_plog(
	    "dmabuf-import format=%s modifier=%s size=%dx%d result=%s reason=%s request=%s",
	    vv_format_name(format, fmt_buf), modifier, width, height,
	    !result.reason ? "created"
	    : result.fatal ? "error"
			   : "failed",
	    result.reason ? result.reason : "none",
	    immed ? "create_immed" : "create");
	params_close_fds(params);

	if (result.fatal) {
		free(buffer);
		vv_post_error(resource, result.error,
			      "cannot import %s:%s %dx%d: %s",
			      vv_format_name(format, fmt_buf), modifier, width,
			      height, result.reason);
		return;
	}
	if (result.reason) {
		free(buffer);
		zwp_linux_buffer_params_v1_send_failed(resource);
		return;
	}
	if (!vv_buffer_create_resource(buffer, client, buffer_id)) {
		dmabuf_buffer_destroy(buffer);
		return;
	}
	if (!immed)
		zwp_linux_buffer_params_v1_send_created(resource,
							buffer->resource);
}

static void
params_handle_create(struct wl_client *client, struct wl_resource *resource,
		     int32_t width, int32_t height, uint32_t format,
		     uint32_t flags)
{
	params_create_common(client, resource, 0, width, height, format, flags,
			     false);
}

static void
params_handle_create_immed(struct wl_client *client,
			   struct wl_resource *resource, uint32_t buffer_id,
			   int32_t width, int32_t height, uint32_t format,
			   uint32_t flags)
{
	params_create_common(client, resource, buffer_id, width, height, format,
			     flags, true);
}

static const struct zwp_linux_buffer_params_v1_interface
    params_implementation = {
	    .destroy = params_handle_destroy,
	    .add = params_handle_add,
	    .create = params_handle_create,
	    .create_immed = params_handle_create_immed,
    };

static void
params_resource_destroy(struct wl_resource *resource)
{
	struct vv_dmabuf_params *params = wl_resource_get_user_data(resource);

	params_close_fds(params);
	free(params);
}

static void
dmabuf_handle_destroy(struct wl_client *client, struct wl_resource *resource)
{
	wl_resource_destroy(resource);
}

static void
dmabuf_handle_create_params(struct wl_client *client,
			    struct wl_resource *resource, uint32_t id)
{
	struct vv_dmabuf *dmabuf = wl_resource_get_user_data(resource);
	struct vv_dmabuf_params *params = calloc(1, sizeof(*params));

	if (!params) {
		wl_client_post_no_memory(client);
		return;
	}
	params->server = dmabuf->server;
	for (int i = 0; i < MAX_PLANES; i++)
		params->planes[i].fd = -1;
	params->resource =
	    wl_resource_create(client, &zwp_linux_buffer_params_v1_interface,
			       wl_resource_get_version(resource), id);
	if (!params->resource) {
		free(params);
		wl_client_post_no_memory(client);
		return;
	}
	wl_resource_set_implementation(params->resource, &params_implementation,
				       params, params_resource_destroy);
}

static void
feedback_handle_destroy(struct wl_client *client, struct wl_resource *resource)
{
	wl_resource_destroy(resource);
}

static const struct zwp_linux_dmabuf_feedback_v1_interface
    feedback_implementation = {
	    .destroy = feedback_handle_destroy,
    };

/* One tranche with every entry of the table, on device 0 (no device:
 * vv-compositor renders on the CPU). */
static void
dmabuf_send_feedback(struct vv_dmabuf *dmabuf, struct wl_client *client,
		     uint32_t version, uint32_t id, const char *kind)
{
	const struct vv_options *opt = &dmabuf->server->opt;
	struct wl_resource *resource = wl_resource_create(
	    client, &zwp_linux_dmabuf_feedback_v1_interface, version, id);
	struct wl_array device, indices;

	if (!resource) {
		wl_client_post_no_memory(client);
		return;
	}
	wl_resource_set_implementation(resource, &feedback_implementation,
				       dmabuf, NULL);
	wl_array_init(&device);
	wl_array_init(&indices);
	dev_t *dev = wl_array_add(&device, sizeof(*dev));
	if (dev)
		*dev = 0;
	for (size_t i = 0; i < opt->format_count; i++) {
		uint16_t *index = wl_array_add(&indices, sizeof(*index));
		if (index)
			*index = (uint16_t)i;
	}
	zwp_linux_dmabuf_feedback_v1_send_format_table(
	    resource, dmabuf->table_fd, (uint32_t)dmabuf->table_size);
	zwp_linux_dmabuf_feedback_v1_send_main_device(resource, &device);
	zwp_linux_dmabuf_feedback_v1_send_tranche_target_device(resource,
								&device);
	zwp_linux_dmabuf_feedback_v1_send_tranche_formats(resource, &indices);
	zwp_linux_dmabuf_feedback_v1_send_tranche_flags(resource, 0);
	zwp_linux_dmabuf_feedback_v1_send_tranche_done(resource);
	zwp_linux_dmabuf_feedback_v1_send_done(resource);
	wl_array_release(&device);
	wl_array_release(&indices);
	vv_plog("dmabuf-feedback kind=%s formats=%zu", kind, opt->format_count);
}

static void
dmabuf_handle_get_default_feedback(struct wl_client *client,
				   struct wl_resource *resource, uint32_t id)
{
	dmabuf_send_feedback(wl_resource_get_user_data(resource), client,
			     wl_resource_get_version(resource), id, "default");
}

static void
dmabuf_handle_get_surface_feedback(struct wl_client *client,
				   struct wl_resource *resource, uint32_t id,
				   struct wl_resource *surface)
{
	dmabuf_send_feedback(wl_resource_get_user_data(resource), client,
			     wl_resource_get_version(resource), id, "surface");
}

static const struct zwp_linux_dmabuf_v1_interface dmabuf_implementation = {
	.destroy = dmabuf_handle_destroy,
	.create_params = dmabuf_handle_create_params,
	.get_default_feedback = dmabuf_handle_get_default_feedback,
	.get_surface_feedback = dmabuf_handle_get_surface_feedback,
};

static void
dmabuf_bind(struct wl_client *client, void *data, uint32_t version, uint32_t id)
{
	struct vv_dmabuf *dmabuf = data;
	const struct vv_options *opt = &dmabuf->server->opt;
	struct wl_resource *resource = wl_resource_create(
	    client, &zwp_linux_dmabuf_v1_interface, version, id);

	if (!resource) {
		wl_client_post_no_memory(client);
		return;
	}
	wl_resource_set_implementation(resource, &dmabuf_implementation, dmabuf,
				       NULL);
	vv_plog("bind zwp_linux_dmabuf_v1 v%u", version);
	if (version >= ZWP_LINUX_DMABUF_V1_GET_DEFAULT_FEEDBACK_SINCE_VERSION)
		return; /* formats come with feedback */

	for (size_t i = 0; i < opt->format_count; i++) {
		uint32_t format = opt->formats[i].format;
		bool seen = false;

		for (size_t j = 0; j < i; j++)
			seen |= opt->formats[j].format == format;
		if (!seen)
			zwp_linux_dmabuf_v1_send_format(resource, format);
	}
	if (version < ZWP_LINUX_DMABUF_V1_MODIFIER_SINCE_VERSION)
		return;
	for (size_t i = 0; i < opt->format_count; i++) {
		uint64_t modifier = opt->formats[i].modifier;

		zwp_linux_dmabuf_v1_send_modifier(
		    resource, opt->formats[i].format, modifier >> 32,
		    modifier & 0xffffffff);
	}
}

/* The format table: a sealed memfd clients can only map read-only. */
static int
table_create(struct vv_dmabuf *dmabuf)
{
	const struct vv_options *opt = &dmabuf->server->opt;
	size_t size = opt->format_count * sizeof(struct vv_format_pair);
	int fd = memfd_create("vv-compositor-format-table",
			      MFD_CLOEXEC | MFD_ALLOW_SEALING);

	if (fd < 0)
		return -errno;
	if (write(fd, opt->formats, size) != (ssize_t)size ||
	    fcntl(fd, F_ADD_SEALS,
		  F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE) <
		0) {
		int ret = errno ? -errno : -EIO;
		close(fd);
		return ret;
	}
	dmabuf->table_fd = fd;
	dmabuf->table_size = size;
	return 0;
}

int
vv_dmabuf_global_create(struct vv_server *server)
{
	struct vv_dmabuf *dmabuf;
	int ret;

	if (server->opt.dmabuf == VV_DMABUF_NONE)
		return 0;
	dmabuf = calloc(1, sizeof(*dmabuf));
	if (!dmabuf)
		return -ENOMEM;
	dmabuf->server = server;
	ret = table_create(dmabuf);
	if (ret < 0) {
		free(dmabuf);
		return ret;
	}
	dmabuf->global = wl_global_create(
	    server->display, &zwp_linux_dmabuf_v1_interface,
	    server->opt.dmabuf == VV_DMABUF_V4 ? 4 : 3, dmabuf, dmabuf_bind);
	if (!dmabuf->global) {
		close(dmabuf->table_fd);
		free(dmabuf);
		return -ENOMEM;
	}
	server->dmabuf = dmabuf;
	return 0;
}

void
vv_dmabuf_global_destroy(struct vv_server *server)
{
	struct vv_dmabuf *dmabuf = server->dmabuf;

	if (!dmabuf)
		return;
	wl_global_destroy(dmabuf->global);
	close(dmabuf->table_fd);
	free(dmabuf);
	server->dmabuf = NULL;
}
