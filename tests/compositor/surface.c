/*
 * wl_compositor v5 and wl_surface: requests fill the pending state, commit
 * checks it, logs it and applies it (or caches it for a synchronized
 * subsurface).
 */
#include "surface.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <wayland-server-protocol.h>

#include "server.h"
#include "tc-format.h"
#include "tc-log.h"
#include "viewporter-server-protocol.h"

static void
state_init(struct tc_surface_state *state, bool busy)
{
	*state = (struct tc_surface_state){ .scale = 1 };
	tc_buffer_ref_init(&state->buffer, busy);
	pixman_region32_init(&state->opaque);
	/* infinite, as the protocol's default input region */
	pixman_region32_init_rect(&state->input, INT32_MIN / 2, INT32_MIN / 2,
				  UINT32_MAX / 2, UINT32_MAX / 2);
	wl_list_init(&state->frame_callbacks);
	wl_list_init(&state->feedbacks);
}

static void
state_finish(struct tc_surface_state *state)
{
	struct wl_resource *callback, *tmp;

	tc_buffer_ref_set(&state->buffer, NULL);
	pixman_region32_fini(&state->opaque);
	pixman_region32_fini(&state->input);
	wl_resource_for_each_safe(callback, tmp, &state->frame_callbacks)
	    wl_resource_destroy(callback);
	tc_feedback_discard_list(&state->feedbacks);
}

void
tc_surface_state_merge(struct tc_surface_state *dst,
		       struct tc_surface_state *src)
{
	if (src->fields & TC_STATE_BUFFER) {
		/* new content: feedback for the old one is superseded */
		tc_feedback_discard_list(&dst->feedbacks);
		tc_buffer_ref_set(&dst->buffer, src->buffer.buffer);
		tc_buffer_ref_set(&src->buffer, NULL);
	}
	if (src->fields & TC_STATE_OFFSET) {
		dst->dx += src->dx;
		dst->dy += src->dy;
	}
	if (src->fields & TC_STATE_SCALE)
		dst->scale = src->scale;
	if (src->fields & TC_STATE_TRANSFORM)
		dst->transform = src->transform;
	if (src->fields & TC_STATE_OPAQUE)
		pixman_region32_copy(&dst->opaque, &src->opaque);
	if (src->fields & TC_STATE_INPUT)
		pixman_region32_copy(&dst->input, &src->input);
	if (src->fields & TC_STATE_VIEWPORT) {
		dst->has_src = src->has_src;
		dst->src_x = src->src_x;
		dst->src_y = src->src_y;
		dst->src_w = src->src_w;
		dst->src_h = src->src_h;
		dst->has_dst = src->has_dst;
		dst->dst_w = src->dst_w;
		dst->dst_h = src->dst_h;
	}
	dst->damaged |= src->damaged;
	wl_list_insert_list(dst->frame_callbacks.prev, &src->frame_callbacks);
	wl_list_init(&src->frame_callbacks);
	wl_list_insert_list(dst->feedbacks.prev, &src->feedbacks);
	wl_list_init(&src->feedbacks);
	dst->fields |= src->fields;
	src->fields = 0;
	src->damaged = false;
	src->dx = src->dy = 0;
}

void
tc_surface_apply(struct tc_surface *surface, struct tc_surface_state *state)
{
	tc_surface_state_merge(&surface->current, state);
	surface->current.fields = 0;
	tc_subsurface_parent_applied(surface);
	if (surface->role && surface->role_data && surface->role->applied)
		surface->role->applied(surface, surface->role_data);
	if (tc_surface_buffer(surface) && !surface->entered) {
		tc_output_surface_enter(surface->server, surface);
		surface->entered = true;
	}
	tc_repaint_schedule(surface->server);
}

bool
tc_surface_size(struct tc_surface *surface, double *width, double *height)
{
	const struct tc_surface_state *s = &surface->current;
	struct tc_buffer *buffer = s->buffer.buffer;

	if (!buffer)
		return false;
	if (s->has_dst) {
		*width = s->dst_w;
		*height = s->dst_h;
	} else if (s->has_src) {
		*width = wl_fixed_to_double(s->src_w);
		*height = wl_fixed_to_double(s->src_h);
	} else {
		*width = (double)buffer->width / s->scale;
		*height = (double)buffer->height / s->scale;
	}
	return true;
}

bool
tc_surface_set_role(struct tc_surface *surface, const struct tc_role *role,
		    void *role_data, struct wl_resource *error_resource,
		    uint32_t error_code)
{
	if (surface->role && surface->role != role) {
		tc_post_error(error_resource, error_code,
			      "wl_surface@%u already has the role %s",
			      wl_resource_get_id(surface->resource),
			      surface->role->name);
		return false;
	}
	surface->role = role;
	surface->role_data = role_data;
	return true;
}

/* The state a commit leads to: pending over cached over current. */
struct commit_view {
	struct tc_buffer *buffer;
	int32_t scale;
	bool has_src, has_dst;
	wl_fixed_t src_x, src_y, src_w, src_h;
	int32_t dst_w, dst_h;
};

static void
view_layer(struct commit_view *view, const struct tc_surface_state *state,
	   bool all)
{
	if (all || (state->fields & TC_STATE_BUFFER))
		view->buffer = state->buffer.buffer;
	if (all || (state->fields & TC_STATE_SCALE))
		view->scale = state->scale;
	if (all || (state->fields & TC_STATE_VIEWPORT)) {
		view->has_src = state->has_src;
		view->src_x = state->src_x;
		view->src_y = state->src_y;
		view->src_w = state->src_w;
		view->src_h = state->src_h;
		view->has_dst = state->has_dst;
		view->dst_w = state->dst_w;
		view->dst_h = state->dst_h;
	}
}

static void
commit_view_get(struct tc_surface *surface, struct commit_view *view)
{
	view_layer(view, &surface->current, true);
	if (surface->has_cache)
		view_layer(view, &surface->cached, false);
	view_layer(view, &surface->pending, false);
}

static void
log_commit(struct tc_surface *surface, const struct commit_view *view)
{
	const struct tc_surface_state *pending = &surface->pending;
	struct tc_buffer *buffer = view->buffer;
	char parent[16] = "none", viewport[32] = "none";
	char fmt_buf[12], mod_buf[24];
	const char *kind = "same", *format = "none", *modifier = "none";
	int32_t x = 0, y = 0;

	if (surface->subsurface) {
		struct tc_surface *p =
		    tc_subsurface_parent(surface->subsurface);

		if (p)
			snprintf(parent, sizeof(parent), "%u",
				 wl_resource_get_id(p->resource));
		tc_subsurface_pending_position(surface->subsurface, &x, &y);
	}
	if (pending->fields & TC_STATE_BUFFER)
		kind = !buffer                         ? "none"
		       : buffer->type == TC_BUFFER_SHM ? "shm"
						       : "dmabuf";
	if (buffer) {
		format = tc_format_name(buffer->format, fmt_buf);
		modifier = tc_modifier_name(buffer->modifier, mod_buf);
	}
	if (view->has_dst)
		snprintf(viewport, sizeof(viewport), "%dx%d", view->dst_w,
			 view->dst_h);
	else if (view->has_src)
		snprintf(viewport, sizeof(viewport), "%gx%g",
			 wl_fixed_to_double(view->src_w),
			 wl_fixed_to_double(view->src_h));
	tc_plog(
	    "commit surface=%u role=%s parent=%s buffer=%s format=%s modifier=%s size=%dx%d scale=%d pos=%d,%d viewport=%s damage=%s frame=%s",
	    wl_resource_get_id(surface->resource),
	    surface->role ? surface->role->name : "none", parent, kind, format,
	    modifier, buffer ? buffer->width : 0, buffer ? buffer->height : 0,
	    view->scale, x, y, viewport, pending->damaged ? "yes" : "no",
	    wl_list_empty(&pending->frame_callbacks) ? "no" : "yes");
}

/* The errors the protocol asks for at commit time. */
static bool
commit_check(struct tc_surface *surface, const struct commit_view *view)
{
	struct tc_buffer *buffer = view->buffer;
	struct wl_resource *viewport =
	    surface->viewport ? tc_viewport_resource(surface->viewport) : NULL;

	if (buffer && (buffer->width % view->scale != 0 ||
		       buffer->height % view->scale != 0)) {
		tc_post_error(
		    surface->resource, WL_SURFACE_ERROR_INVALID_SIZE,
		    "buffer size %dx%d is not a multiple of the buffer scale %d",
		    buffer->width, buffer->height, view->scale);
		return false;
	}
	if (!viewport)
		return true;
	if (view->has_src && !view->has_dst &&
	    ((view->src_w & 0xff) != 0 || (view->src_h & 0xff) != 0)) {
		tc_post_error(
		    viewport, WP_VIEWPORT_ERROR_BAD_SIZE,
		    "source size %gx%g is not integer and no destination is set",
		    wl_fixed_to_double(view->src_w),
		    wl_fixed_to_double(view->src_h));
		return false;
	}
	/* source in surface units (fixed 24.8) against the buffer / scale */
	if (buffer && view->has_src &&
	    ((int64_t)(view->src_x + view->src_w) * view->scale >
		 (int64_t)buffer->width * 256 ||
	     (int64_t)(view->src_y + view->src_h) * view->scale >
		 (int64_t)buffer->height * 256)) {
		tc_post_error(
		    viewport, WP_VIEWPORT_ERROR_OUT_OF_BUFFER,
		    "source %g,%g %gx%g extends outside the %dx%d buffer at scale %d",
		    wl_fixed_to_double(view->src_x),
		    wl_fixed_to_double(view->src_y),
		    wl_fixed_to_double(view->src_w),
		    wl_fixed_to_double(view->src_h), buffer->width,
		    buffer->height, view->scale);
		return false;
	}
	return true;
}

static void
surface_handle_commit(struct wl_client *client, struct wl_resource *resource)
{
	struct tc_surface *surface = wl_resource_get_user_data(resource);
	struct commit_view view;

	commit_view_get(surface, &view);
	log_commit(surface, &view);
	if (!commit_check(surface, &view))
		return;
	if (surface->role && surface->role_data && surface->role->precommit &&
	    !surface->role->precommit(surface, surface->role_data))
		return;

	if (surface->subsurface &&
	    tc_subsurface_is_synchronized(surface->subsurface)) {
		tc_surface_state_merge(&surface->cached, &surface->pending);
		surface->has_cache = true;
		return;
	}
	if (surface->has_cache) {
		tc_surface_state_merge(&surface->cached, &surface->pending);
		surface->has_cache = false;
		tc_surface_apply(surface, &surface->cached);
	} else {
		tc_surface_apply(surface, &surface->pending);
	}
}

static void
surface_handle_destroy(struct wl_client *client, struct wl_resource *resource)
{
	wl_resource_destroy(resource);
}

static void
surface_handle_attach(struct wl_client *client, struct wl_resource *resource,
		      struct wl_resource *buffer_resource, int32_t x, int32_t y)
{
	struct tc_surface *surface = wl_resource_get_user_data(resource);
	struct tc_buffer *buffer = NULL;

	if ((x != 0 || y != 0) && wl_resource_get_version(resource) >=
				      WL_SURFACE_OFFSET_SINCE_VERSION) {
		tc_post_error(
		    resource, WL_SURFACE_ERROR_INVALID_OFFSET,
		    "attach with offset %d,%d on a version 5 surface (use wl_surface.offset)",
		    x, y);
		return;
	}
	if (buffer_resource) {
		buffer = tc_buffer_from_resource(buffer_resource);
		if (!buffer) {
			tc_post_error(
			    resource, WL_DISPLAY_ERROR_INVALID_OBJECT,
			    "wl_buffer@%u is not a buffer of this compositor",
			    wl_resource_get_id(buffer_resource));
			return;
		}
	}
	tc_buffer_ref_set(&surface->pending.buffer, buffer);
	surface->pending.fields |= TC_STATE_BUFFER;
	if (x != 0 || y != 0) {
		surface->pending.dx = x;
		surface->pending.dy = y;
		surface->pending.fields |= TC_STATE_OFFSET;
	}
}

static void
surface_handle_damage(struct wl_client *client, struct wl_resource *resource,
		      int32_t x, int32_t y, int32_t width, int32_t height)
{
	struct tc_surface *surface = wl_resource_get_user_data(resource);

	surface->pending.damaged = true;
}

static void
callback_resource_destroy(struct wl_resource *resource)
{
	wl_list_remove(wl_resource_get_link(resource));
}

static void
surface_handle_frame(struct wl_client *client, struct wl_resource *resource,
		     uint32_t id)
{
	struct tc_surface *surface = wl_resource_get_user_data(resource);
	struct wl_resource *callback =
	    wl_resource_create(client, &wl_callback_interface, 1, id);

	if (!callback) {
		wl_client_post_no_memory(client);
		return;
	}
	wl_resource_set_implementation(callback, NULL, NULL,
				       callback_resource_destroy);
	wl_list_insert(surface->pending.frame_callbacks.prev,
		       wl_resource_get_link(callback));
}

static void
surface_handle_set_opaque_region(struct wl_client *client,
				 struct wl_resource *resource,
				 struct wl_resource *region)
{
	struct tc_surface *surface = wl_resource_get_user_data(resource);

	if (region)
		pixman_region32_copy(&surface->pending.opaque,
				     tc_region_get(region));
	else
		pixman_region32_clear(&surface->pending.opaque);
	surface->pending.fields |= TC_STATE_OPAQUE;
}

static void
surface_handle_set_input_region(struct wl_client *client,
				struct wl_resource *resource,
				struct wl_resource *region)
{
	struct tc_surface *surface = wl_resource_get_user_data(resource);

	if (region)
		pixman_region32_copy(&surface->pending.input,
				     tc_region_get(region));
	else
		pixman_region32_init_rect(&surface->pending.input,
					  INT32_MIN / 2, INT32_MIN / 2,
					  UINT32_MAX / 2, UINT32_MAX / 2);
	surface->pending.fields |= TC_STATE_INPUT;
}

static void
surface_handle_set_buffer_transform(struct wl_client *client,
				    struct wl_resource *resource,
				    int32_t transform)
{
	struct tc_surface *surface = wl_resource_get_user_data(resource);
	static bool warned;

	if (transform < WL_OUTPUT_TRANSFORM_NORMAL ||
	    transform > WL_OUTPUT_TRANSFORM_FLIPPED_270) {
		tc_post_error(
		    resource, WL_SURFACE_ERROR_INVALID_TRANSFORM,
		    "buffer transform %d is not a wl_output.transform",
		    transform);
		return;
	}
	if (transform != WL_OUTPUT_TRANSFORM_NORMAL && !warned) {
		tc_msg("buffer transform %d accepted but composited as normal",
		       transform);
		warned = true;
	}
	surface->pending.transform = transform;
	surface->pending.fields |= TC_STATE_TRANSFORM;
}

static void
surface_handle_set_buffer_scale(struct wl_client *client,
				struct wl_resource *resource, int32_t scale)
{
	struct tc_surface *surface = wl_resource_get_user_data(resource);

	if (scale < 1) {
		tc_post_error(resource, WL_SURFACE_ERROR_INVALID_SCALE,
			      "buffer scale %d is not positive", scale);
		return;
	}
	surface->pending.scale = scale;
	surface->pending.fields |= TC_STATE_SCALE;
}

static void
surface_handle_offset(struct wl_client *client, struct wl_resource *resource,
		      int32_t x, int32_t y)
{
	struct tc_surface *surface = wl_resource_get_user_data(resource);

	surface->pending.dx = x;
	surface->pending.dy = y;
	surface->pending.fields |= TC_STATE_OFFSET;
}

static const struct wl_surface_interface surface_implementation = {
	.destroy = surface_handle_destroy,
	.attach = surface_handle_attach,
	.damage = surface_handle_damage,
	.frame = surface_handle_frame,
	.set_opaque_region = surface_handle_set_opaque_region,
	.set_input_region = surface_handle_set_input_region,
	.commit = surface_handle_commit,
	.set_buffer_transform = surface_handle_set_buffer_transform,
	.set_buffer_scale = surface_handle_set_buffer_scale,
	.damage_buffer = surface_handle_damage,
	.offset = surface_handle_offset,
};

struct tc_surface *
tc_surface_from_resource(struct wl_resource *resource)
{
	return wl_resource_get_user_data(resource);
}

static void
surface_resource_destroy(struct wl_resource *resource)
{
	struct tc_surface *surface = wl_resource_get_user_data(resource);

	wl_signal_emit(&surface->destroy_signal, surface);
	if (surface->viewport)
		tc_viewport_surface_destroyed(surface->viewport);
	if (surface->fractional_scale)
		tc_fractional_scale_surface_destroyed(
		    surface->fractional_scale);
	tc_subsurface_surface_destroyed(surface);
	state_finish(&surface->pending);
	state_finish(&surface->cached);
	state_finish(&surface->current);
	wl_list_remove(&surface->link);
	tc_repaint_schedule(surface->server);
	free(surface);
}

static void
compositor_handle_create_surface(struct wl_client *client,
				 struct wl_resource *resource, uint32_t id)
{
	struct tc_server *server = wl_resource_get_user_data(resource);
	struct tc_surface *surface = calloc(1, sizeof(*surface));

	if (!surface) {
		wl_client_post_no_memory(client);
		return;
	}
	surface->resource =
	    wl_resource_create(client, &wl_surface_interface,
			       wl_resource_get_version(resource), id);
	if (!surface->resource) {
		free(surface);
		wl_client_post_no_memory(client);
		return;
	}
	surface->server = server;
	state_init(&surface->pending, false);
	state_init(&surface->cached, true);
	state_init(&surface->current, true);
	surface->self.surface = surface;
	wl_list_init(&surface->stack);
	wl_list_init(&surface->stack_pending);
	wl_list_insert(&surface->stack, &surface->self.link);
	wl_list_insert(&surface->stack_pending, &surface->self.link_pending);
	wl_signal_init(&surface->destroy_signal);
	wl_list_insert(server->surfaces.prev, &surface->link);
	wl_resource_set_implementation(surface->resource,
				       &surface_implementation, surface,
				       surface_resource_destroy);
}

static void
compositor_handle_create_region(struct wl_client *client,
				struct wl_resource *resource, uint32_t id)
{
	tc_region_create(client, 1, id);
}

static const struct wl_compositor_interface compositor_implementation = {
	.create_surface = compositor_handle_create_surface,
	.create_region = compositor_handle_create_region,
};

static void
compositor_bind(struct wl_client *client, void *data, uint32_t version,
		uint32_t id)
{
	struct wl_resource *resource =
	    wl_resource_create(client, &wl_compositor_interface, version, id);

	if (!resource) {
		wl_client_post_no_memory(client);
		return;
	}
	wl_resource_set_implementation(resource, &compositor_implementation,
				       data, NULL);
	tc_plog("bind wl_compositor v%u", version);
}

int
tc_compositor_global_create(struct tc_server *server)
{
	return wl_global_create(server->display, &wl_compositor_interface, 5,
				server, compositor_bind)
		   ? 0
		   : -1;
}
