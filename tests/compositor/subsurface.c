/*
 * wl_subcompositor and wl_subsurface: position and stacking order are
 * parent state (applied when the parent's state is applied), synchronized
 * children cache their commits until then.
 */
#include <stdlib.h>
#include <wayland-server-protocol.h>

#include "server.h"
#include "surface.h"
#include "tc-log.h"

/* wayland 1.22 added this code; 1.21 (bookworm) reports everything as
 * bad_surface. Value 1 is what newer clients understand. */
#ifndef WL_SUBCOMPOSITOR_ERROR_BAD_PARENT
#define WL_SUBCOMPOSITOR_ERROR_BAD_PARENT 1
#endif

struct tc_subsurface {
	struct tc_server *server;
	struct wl_resource *resource;
	struct tc_surface *surface;  /* NULL once the wl_surface is gone */
	struct tc_surface *parent;   /* NULL once the parent is gone */
	struct tc_stack_entry entry; /* in the parent's stacks */
	int32_t x, y;                /* current position, parent units */
	int32_t pending_x, pending_y;
	bool synchronized;
};

static bool subsurface_precommit(struct tc_surface *surface, void *data);

static const struct tc_role subsurface_role = {
	.name = "subsurface",
	.precommit = subsurface_precommit,
};

static bool
subsurface_precommit(struct tc_surface *surface, void *data)
{
	return true;
}

bool
tc_subsurface_is_synchronized(struct tc_subsurface *sub)
{
	while (sub) {
		if (sub->synchronized)
			return true;
		if (!sub->parent)
			return false;
		sub = sub->parent->subsurface;
	}
	return false;
}

void
tc_subsurface_pending_position(struct tc_subsurface *sub, int32_t *x,
			       int32_t *y)
{
	*x = sub->pending_x;
	*y = sub->pending_y;
}

void
tc_subsurface_position(struct tc_subsurface *sub, int32_t *x, int32_t *y)
{
	*x = sub->x;
	*y = sub->y;
}

struct tc_surface *
tc_subsurface_parent(struct tc_subsurface *sub)
{
	return sub->parent;
}

void
tc_subsurface_parent_applied(struct tc_surface *parent)
{
	struct tc_stack_entry *entry;

	/* the pending order becomes the current one */
	wl_list_init(&parent->stack);
	wl_list_for_each (entry, &parent->stack_pending, link_pending)
		wl_list_insert(parent->stack.prev, &entry->link);

	wl_list_for_each (entry, &parent->stack, link) {
		struct tc_surface *child = entry->surface;

		if (child == parent)
			continue;
		child->subsurface->x = child->subsurface->pending_x;
		child->subsurface->y = child->subsurface->pending_y;
		if (child->has_cache) {
			child->has_cache = false;
			tc_surface_apply(child, &child->cached);
		}
	}
}

static void
subsurface_unlink_parent(struct tc_subsurface *sub)
{
	if (!sub->parent)
		return;
	wl_list_remove(&sub->entry.link);
	wl_list_remove(&sub->entry.link_pending);
	sub->parent = NULL;
	tc_repaint_schedule(sub->server);
}

void
tc_subsurface_surface_destroyed(struct tc_surface *surface)
{
	struct tc_stack_entry *entry, *tmp;

	/* as a parent: the children become inert until destroyed */
	wl_list_for_each_safe (entry, tmp, &surface->stack_pending,
			       link_pending) {
		if (entry->surface != surface)
			subsurface_unlink_parent(entry->surface->subsurface);
	}
	/* as a child */
	if (surface->subsurface) {
		subsurface_unlink_parent(surface->subsurface);
		surface->subsurface->surface = NULL;
	}
}

static void
subsurface_handle_destroy(struct wl_client *client,
			  struct wl_resource *resource)
{
	wl_resource_destroy(resource);
}

static void
subsurface_handle_set_position(struct wl_client *client,
			       struct wl_resource *resource, int32_t x,
			       int32_t y)
{
	struct tc_subsurface *sub = wl_resource_get_user_data(resource);

	sub->pending_x = x;
	sub->pending_y = y;
}

/* sibling: a child of the same parent, or the parent itself */
static struct tc_stack_entry *
subsurface_sibling_entry(struct tc_subsurface *sub,
			 struct wl_resource *sibling_resource,
			 const char *request)
{
	struct tc_surface *sibling = tc_surface_from_resource(sibling_resource);

	if (!sub->parent || !sub->surface)
		return NULL;
	if (sibling == sub->parent)
		return &sibling->self;
	if (sibling != sub->surface && sibling->subsurface &&
	    sibling->subsurface->parent == sub->parent)
		return &sibling->subsurface->entry;
	tc_post_error(sub->resource, WL_SUBSURFACE_ERROR_BAD_SURFACE,
		      "%s: wl_surface@%u is neither a sibling nor the parent",
		      request, wl_resource_get_id(sibling_resource));
	return NULL;
}

static void
subsurface_handle_place_above(struct wl_client *client,
			      struct wl_resource *resource,
			      struct wl_resource *sibling)
{
	struct tc_subsurface *sub = wl_resource_get_user_data(resource);
	struct tc_stack_entry *at =
	    subsurface_sibling_entry(sub, sibling, "place_above");

	if (!at)
		return;
	wl_list_remove(&sub->entry.link_pending);
	wl_list_insert(&at->link_pending, &sub->entry.link_pending);
}

static void
subsurface_handle_place_below(struct wl_client *client,
			      struct wl_resource *resource,
			      struct wl_resource *sibling)
{
	struct tc_subsurface *sub = wl_resource_get_user_data(resource);
	struct tc_stack_entry *at =
	    subsurface_sibling_entry(sub, sibling, "place_below");

	if (!at)
		return;
	wl_list_remove(&sub->entry.link_pending);
	wl_list_insert(at->link_pending.prev, &sub->entry.link_pending);
}

static void
subsurface_handle_set_sync(struct wl_client *client,
			   struct wl_resource *resource)
{
	struct tc_subsurface *sub = wl_resource_get_user_data(resource);

	sub->synchronized = true;
}

static void
subsurface_handle_set_desync(struct wl_client *client,
			     struct wl_resource *resource)
{
	struct tc_subsurface *sub = wl_resource_get_user_data(resource);

	/* A cache left over is applied with the next commit of this
	 * surface, or the next parent commit, whichever comes first. */
	sub->synchronized = false;
}

static const struct wl_subsurface_interface subsurface_implementation = {
	.destroy = subsurface_handle_destroy,
	.set_position = subsurface_handle_set_position,
	.place_above = subsurface_handle_place_above,
	.place_below = subsurface_handle_place_below,
	.set_sync = subsurface_handle_set_sync,
	.set_desync = subsurface_handle_set_desync,
};

static void
subsurface_resource_destroy(struct wl_resource *resource)
{
	struct tc_subsurface *sub = wl_resource_get_user_data(resource);

	subsurface_unlink_parent(sub);
	if (sub->surface) {
		struct tc_surface *surface = sub->surface;

		/* the surface is unmapped at once: its cache is dropped */
		surface->subsurface = NULL;
		surface->role_data = NULL;
		if (surface->has_cache) {
			tc_surface_state_merge(&surface->pending,
					       &surface->cached);
			surface->has_cache = false;
		}
		tc_repaint_schedule(surface->server);
	}
	free(sub);
}

/* Is candidate the surface or one of its ancestors? */
static bool
surface_is_ancestor(struct tc_surface *candidate, struct tc_surface *surface)
{
	for (struct tc_surface *s = surface; s;
	     s = s->subsurface ? s->subsurface->parent : NULL) {
		if (s == candidate)
			return true;
	}
	return false;
}

static void
subcompositor_handle_get_subsurface(struct wl_client *client,
				    struct wl_resource *resource, uint32_t id,
				    struct wl_resource *surface_resource,
				    struct wl_resource *parent_resource)
{
	struct tc_surface *surface = tc_surface_from_resource(surface_resource);
	struct tc_surface *parent = tc_surface_from_resource(parent_resource);

	if (surface->subsurface) {
		tc_post_error(resource, WL_SUBCOMPOSITOR_ERROR_BAD_SURFACE,
			      "wl_surface@%u is already a subsurface",
			      wl_resource_get_id(surface_resource));
		return;
	}
	if (surface_is_ancestor(surface, parent)) {
		tc_post_error(
		    resource, WL_SUBCOMPOSITOR_ERROR_BAD_PARENT,
		    "wl_surface@%u cannot be a child of wl_surface@%u: it is that surface or one of its ancestors",
		    wl_resource_get_id(surface_resource),
		    wl_resource_get_id(parent_resource));
		return;
	}

	struct tc_subsurface *sub = calloc(1, sizeof(*sub));
	if (!sub) {
		wl_client_post_no_memory(client);
		return;
	}
	if (!tc_surface_set_role(surface, &subsurface_role, sub, resource,
				 WL_SUBCOMPOSITOR_ERROR_BAD_SURFACE)) {
		free(sub);
		return;
	}
	sub->resource =
	    wl_resource_create(client, &wl_subsurface_interface, 1, id);
	if (!sub->resource) {
		free(sub);
		wl_client_post_no_memory(client);
		return;
	}
	sub->server = surface->server;
	sub->surface = surface;
	sub->parent = parent;
	sub->synchronized = true;
	sub->entry.surface = surface;
	surface->subsurface = sub;
	surface->role_data = sub;
	/* on top of its siblings and parent, in both orders */
	wl_list_insert(parent->stack.prev, &sub->entry.link);
	wl_list_insert(parent->stack_pending.prev, &sub->entry.link_pending);
	wl_resource_set_implementation(sub->resource,
				       &subsurface_implementation, sub,
				       subsurface_resource_destroy);
}

static void
subcompositor_handle_destroy(struct wl_client *client,
			     struct wl_resource *resource)
{
	wl_resource_destroy(resource);
}

static const struct wl_subcompositor_interface subcompositor_implementation = {
	.destroy = subcompositor_handle_destroy,
	.get_subsurface = subcompositor_handle_get_subsurface,
};

static void
subcompositor_bind(struct wl_client *client, void *data, uint32_t version,
		   uint32_t id)
{
	struct wl_resource *resource = wl_resource_create(
	    client, &wl_subcompositor_interface, version, id);

	if (!resource) {
		wl_client_post_no_memory(client);
		return;
	}
	wl_resource_set_implementation(resource, &subcompositor_implementation,
				       data, NULL);
	tc_plog("bind wl_subcompositor v%u", version);
}

int
tc_subcompositor_global_create(struct tc_server *server)
{
	return wl_global_create(server->display, &wl_subcompositor_interface, 1,
				server, subcompositor_bind)
		   ? 0
		   : -1;
}
