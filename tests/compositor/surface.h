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

struct tc_server;
struct tc_surface;

/* which fields of a state were set since it was last applied */
enum tc_state_field {
	TC_STATE_BUFFER = 1 << 0,
	TC_STATE_SCALE = 1 << 1,
	TC_STATE_TRANSFORM = 1 << 2,
	TC_STATE_OPAQUE = 1 << 3,
	TC_STATE_INPUT = 1 << 4,
	TC_STATE_VIEWPORT = 1 << 5,
	TC_STATE_OFFSET = 1 << 6,
};

struct tc_surface_state {
	uint32_t fields; /* enum tc_state_field */
	struct tc_buffer_ref buffer;
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
	struct wl_list feedbacks;       /* tc_feedback.link */
};

/* A role: set once, kept for the surface's life (re-taken only by the same
 * role). */
struct tc_role {
	const char *name; /* "toplevel", "subsurface" as in the commit log */
	/* Before applying a commit: false if it posted a protocol error. */
	bool (*precommit)(struct tc_surface *surface, void *data);
	/* After pending (or cached) state became current. */
	void (*applied)(struct tc_surface *surface, void *data);
};

/* An entry of a parent's stack: a child subsurface, or the parent itself. */
struct tc_stack_entry {
	struct tc_surface *surface;
	struct wl_list link;         /* parent's stack, current order */
	struct wl_list link_pending; /* parent's stack_pending */
};

struct tc_subsurface;
struct tc_viewport;
struct tc_fractional_scale;

struct tc_surface {
	struct tc_server *server;
	struct wl_resource *resource;
	struct tc_surface_state pending, cached, current;
	bool has_cache; /* cached holds commits not yet applied */

	const struct tc_role *role;
	void *role_data; /* NULL while the role object is gone */

	struct tc_subsurface *subsurface; /* when a subsurface */
	struct tc_stack_entry self;       /* this surface in its own stack */
	struct wl_list stack;             /* tc_stack_entry.link, bottom up */
	struct wl_list stack_pending;     /* tc_stack_entry.link_pending */

	struct tc_viewport *viewport;
	struct tc_fractional_scale *fractional_scale;
	bool entered; /* wl_surface.enter sent */

	struct wl_signal destroy_signal; /* before the surface is freed */
	struct wl_list link;             /* tc_server.surfaces */
};

struct tc_surface *tc_surface_from_resource(struct wl_resource *resource);

/*
 * Gives the surface a role. False, with error_code posted on
 * error_resource, if it has another one.
 */
bool tc_surface_set_role(struct tc_surface *surface, const struct tc_role *role,
			 void *role_data, struct wl_resource *error_resource,
			 uint32_t error_code);

/* The buffer the surface shows (current state), or NULL. */
static inline struct tc_buffer *
tc_surface_buffer(struct tc_surface *surface)
{
	return surface->current.buffer.buffer;
}

/*
 * The surface's size in surface units from its current state (viewport,
 * buffer scale); false when it has no buffer.
 */
bool tc_surface_size(struct tc_surface *surface, double *width, double *height);

/* Applies state to current, then the children's positions, order and
 * caches (a parent commit). */
void tc_surface_apply(struct tc_surface *surface,
		      struct tc_surface_state *state);

/* Moves everything set in src into dst (a commit onto the cache). */
void tc_surface_state_merge(struct tc_surface_state *dst,
			    struct tc_surface_state *src);

/* subsurface.c */
bool tc_subsurface_is_synchronized(struct tc_subsurface *subsurface);
/* x, y: the position requested last (for the commit log) */
void tc_subsurface_pending_position(struct tc_subsurface *subsurface,
				    int32_t *x, int32_t *y);
void tc_subsurface_position(struct tc_subsurface *subsurface, int32_t *x,
			    int32_t *y);
struct tc_surface *tc_subsurface_parent(struct tc_subsurface *subsurface);
/* A parent's state was applied: children take their pending position and
 * order, cached children their cache. */
void tc_subsurface_parent_applied(struct tc_surface *parent);
/* The surface is going: unlink its children, drop its own link. */
void tc_subsurface_surface_destroyed(struct tc_surface *surface);
int tc_subcompositor_global_create(struct tc_server *server);

/* presentation.c */
struct tc_feedback;
void tc_feedback_discard_list(struct wl_list *feedbacks);
/* Sends presented for every feedback of the list and empties it. */
void tc_feedback_present_list(struct tc_server *server,
			      struct wl_list *feedbacks,
			      const struct timespec *when, uint64_t seq,
			      uint32_t refresh_ns);

/* viewporter.c */
void tc_viewport_surface_destroyed(struct tc_viewport *viewport);
/* the wp_viewport resource, to post its errors at commit */
struct wl_resource *tc_viewport_resource(struct tc_viewport *viewport);

/* region.c */
int tc_region_create(struct wl_client *client, uint32_t version, uint32_t id);
/* the region of a wl_region resource */
pixman_region32_t *tc_region_get(struct wl_resource *resource);

/* fractional-scale.c */
void tc_fractional_scale_surface_destroyed(struct tc_fractional_scale *fs);
