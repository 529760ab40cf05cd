/*
 * wl_surface: pending, cached (synchronized subsurfaces) and current state,
 * roles, the subsurface stack. Coordinates are surface-local units unless
 * a field says otherwise.
 */
#pragma once

#include <pixman.h>
#include <stdbool.h>
#include <stdint.h>
#include <wayland-server-core.h>

#include "buffer.h"

struct vv_server;
struct vv_surface;

/* which fields of a state were set since it was last applied */
enum vv_state_field {
	VV_STATE_BUFFER = 1 << 0,
	VV_STATE_SCALE = 1 << 1,
	VV_STATE_TRANSFORM = 1 << 2,
	VV_STATE_OPAQUE = 1 << 3,
	VV_STATE_INPUT = 1 << 4,
	VV_STATE_VIEWPORT = 1 << 5,
	VV_STATE_OFFSET = 1 << 6,
};

struct vv_surface_state {
	uint32_t fields; /* enum vv_state_field */
	struct vv_buffer_ref buffer;
	int32_t dx, dy; /* wl_surface.offset / attach x,y */
	bool damaged;   /* damage or damage_buffer since the last commit */
	int32_t scale;  /* buffer scale */
	int32_t transform;
	pixman_region32_t opaque, input;
	/* wp_viewport: source in wl_fixed_t surface units before scaling,
	 * destination in surface units */
	bool has_src, has_dst;
	wl_fixed_t src_x, src_y, src_w, src_h;
	int32_t dst_w, dst_h;
	struct wl_list frame_callbacks; /* wl_resource link (wl_callback) */
	struct wl_list feedbacks;       /* vv_feedback.link */
};

/* A role: set once, kept for the surface's life (re-taken only by the same
 * role). */
struct vv_role {
	const char *name; /* "toplevel", "subsurface" as in the commit log */
	/* Before applying a commit: false if it posted a protocol error. */
	bool (*precommit)(struct vv_surface *surface, void *data);
	/* After pending (or cached) state became current. */
	void (*applied)(struct vv_surface *surface, void *data);
};

/* An entry of a parent's stack: a child subsurface, or the parent itself. */
struct vv_stack_entry {
	struct vv_surface *surface;
	struct wl_list link;         /* parent's stack, current order */
	struct wl_list link_pending; /* parent's stack_pending */
};

struct vv_subsurface;
struct vv_viewport;
struct vv_fractional_scale;

struct vv_surface {
	struct vv_server *server;
	struct wl_resource *resource;
	struct vv_surface_state pending, cached, current;
	bool has_cache; /* cached holds commits not yet applied */

	const struct vv_role *role;
	void *role_data; /* NULL while the role object is gone */

	struct vv_subsurface *subsurface; /* when a subsurface */
	struct vv_stack_entry self;       /* this surface in its own stack */
	struct wl_list stack;             /* vv_stack_entry.link, bottom up */
	struct wl_list stack_pending;     /* vv_stack_entry.link_pending */

	struct vv_viewport *viewport;
	struct vv_fractional_scale *fractional_scale;
	bool entered; /* wl_surface.enter sent */

	struct wl_signal destroy_signal; /* before the surface is freed */
	struct wl_list link;             /* vv_server.surfaces */
};

struct vv_surface *vv_surface_from_resource(struct wl_resource *resource);

/*
 * Gives the surface a role. False, with error_code posted on
 * error_resource, if it has another one.
 */
bool vv_surface_set_role(struct vv_surface *surface, const struct vv_role *role,
			 void *role_data, struct wl_resource *error_resource,
			 uint32_t error_code);

/* The buffer the surface shows (current state), or NULL. */
static inline struct vv_buffer *
vv_surface_buffer(struct vv_surface *surface)
{
	return surface->current.buffer.buffer;
}

/*
 * The surface's size in surface units from its current state (viewport,
 * buffer scale); false when it has no buffer.
 */
bool vv_surface_size(struct vv_surface *surface, double *width, double *height);

/* Applies state to current, then the children's positions, order and
 * caches (a parent commit). */
void vv_surface_apply(struct vv_surface *surface,
		      struct vv_surface_state *state);

/* Moves everything set in src into dst (a commit onto the cache). */
void vv_surface_state_merge(struct vv_surface_state *dst,
			    struct vv_surface_state *src);

/* subsurface.c */
bool vv_subsurface_is_synchronized(struct vv_subsurface *subsurface);
/* x, y: the position requested last (for the commit log) */
void vv_subsurface_pending_position(struct vv_subsurface *subsurface,
				    int32_t *x, int32_t *y);
void vv_subsurface_position(struct vv_subsurface *subsurface, int32_t *x,
			    int32_t *y);
struct vv_surface *vv_subsurface_parent(struct vv_subsurface *subsurface);
/* A parent's state was applied: children take their pending position and
 * order, cached children their cache. */
void vv_subsurface_parent_applied(struct vv_surface *parent);
/* The surface is going: unlink its children, drop its own link. */
void vv_subsurface_surface_destroyed(struct vv_surface *surface);
int vv_subcompositor_global_create(struct vv_server *server);

/* presentation.c */
struct vv_feedback;
void vv_feedback_discard_list(struct wl_list *feedbacks);
/* Sends presented for every feedback of the list and empties it. */
void vv_feedback_present_list(struct vv_server *server,
			      struct wl_list *feedbacks,
			      const struct timespec *when, uint64_t seq,
			      uint32_t refresh_ns);

/* viewporter.c */
void vv_viewport_surface_destroyed(struct vv_viewport *viewport);
/* the wp_viewport resource, to post its errors at commit */
struct wl_resource *vv_viewport_resource(struct vv_viewport *viewport);

/* region.c */
int vv_region_create(struct wl_client *client, uint32_t version, uint32_t id);
/* the region of a wl_region resource */
pixman_region32_t *vv_region_get(struct wl_resource *resource);

/* fractional-scale.c */
void vv_fractional_scale_surface_destroyed(struct vv_fractional_scale *fs);
