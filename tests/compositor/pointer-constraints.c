/*
 * zwp_pointer_constraints_v1 (with --seat): lock_pointer is granted
 * ("locked") while the seat's pointer is over the surface, at once or on
 * the next pointer-enter; the lock ends ("unlocked") on pointer-leave and
 * on the control command "pointer-unlock" (the compositor taking it back),
 * after which a one-shot lock is dead. While a lock holds, "motion" sends
 * the client nothing, as a locked pointer does not move. Log lines:
 * "pointer-lock surface=N lifetime=oneshot|persistent", "pointer-locked
 * surface=N", "pointer-unlocked surface=N", "pointer-lock-destroy
 * surface=N". confine_pointer is accepted and does nothing.
 */
#include <stdlib.h>

#include "pointer-constraints-unstable-v1-server-protocol.h"
#include "seat.h"
#include "server.h"
#include "surface.h"
#include "tc-log.h"

struct tc_constraint {
	struct tc_seat *seat;
	struct wl_resource *resource;
	struct tc_surface *surface; /* NULL once it is destroyed */
	uint32_t surface_id;        /* for the log */
	uint32_t lifetime;
	bool active;
	bool dead; /* a one-shot lock that ended */
	struct wl_listener surface_destroy;
	struct wl_list link; /* tc_seat.constraints */
};

static void
deactivate(struct tc_constraint *c)
{
	if (!c->active)
		return;
	c->active = false;
	if (c->lifetime == ZWP_POINTER_CONSTRAINTS_V1_LIFETIME_ONESHOT)
		c->dead = true;
	zwp_locked_pointer_v1_send_unlocked(c->resource);
	tc_plog("pointer-unlocked surface=%u", c->surface_id);
}

static void
activate(struct tc_constraint *c)
{
	if (c->active || c->dead || !c->surface ||
	    c->seat->pointer_focus != c->surface)
		return;
	c->active = true;
	zwp_locked_pointer_v1_send_locked(c->resource);
	tc_plog("pointer-locked surface=%u", c->surface_id);
}

void
tc_pointer_constraints_enter(struct tc_seat *seat)
{
	struct tc_constraint *c;

	wl_list_for_each (c, &seat->constraints, link)
		activate(c);
}

void
tc_pointer_constraints_leave(struct tc_seat *seat)
{
	struct tc_constraint *c;

	wl_list_for_each (c, &seat->constraints, link)
		deactivate(c);
}

bool
tc_pointer_constraints_locked(struct tc_seat *seat)
{
	struct tc_constraint *c;

	wl_list_for_each (c, &seat->constraints, link)
		if (c->active)
			return true;
	return false;
}

const char *
tc_pointer_constraints_control_unlock(struct tc_seat *seat, char *args)
{
	if (args)
		return "";
	if (!tc_pointer_constraints_locked(seat))
		return " (no lock holds)";
	tc_pointer_constraints_leave(seat);
	return NULL;
}

static void
handle_surface_destroy(struct wl_listener *listener, void *data)
{
	struct tc_constraint *c = wl_container_of(listener, c, surface_destroy);

	/* Only our own link: the signal is being emitted. */
	wl_list_remove(&c->surface_destroy.link);
	wl_list_init(&c->surface_destroy.link);
	c->surface = NULL;
	c->active = false;
}

static void
constraint_handle_destroy(struct wl_client *client,
			  struct wl_resource *resource)
{
	wl_resource_destroy(resource);
}

static void
constraint_handle_set_region(struct wl_client *client,
			     struct wl_resource *resource,
			     struct wl_resource *region)
{
}

static void
locked_handle_set_cursor_position_hint(struct wl_client *client,
				       struct wl_resource *resource,
				       wl_fixed_t x, wl_fixed_t y)
{
}

static const struct zwp_locked_pointer_v1_interface locked_implementation = {
	.destroy = constraint_handle_destroy,
	.set_cursor_position_hint = locked_handle_set_cursor_position_hint,
	.set_region = constraint_handle_set_region,
};

static const struct zwp_confined_pointer_v1_interface
    confined_implementation = {
	    .destroy = constraint_handle_destroy,
	    .set_region = constraint_handle_set_region,
    };

static void
constraint_resource_destroy(struct wl_resource *resource)
{
	struct tc_constraint *c = wl_resource_get_user_data(resource);

	if (wl_resource_instance_of(resource, &zwp_locked_pointer_v1_interface,
				    &locked_implementation))
		tc_plog("pointer-lock-destroy surface=%u", c->surface_id);
	wl_list_remove(&c->surface_destroy.link);
	wl_list_remove(&c->link);
	free(c);
}

static void
constrain(struct wl_client *client, struct wl_resource *resource, uint32_t id,
	  struct wl_resource *surface, struct wl_resource *pointer,
	  uint32_t lifetime, bool lock)
{
	struct tc_seat *seat = wl_resource_get_user_data(pointer);
	struct tc_surface *s = tc_surface_from_resource(surface);
	struct tc_constraint *c;

	if (lifetime != ZWP_POINTER_CONSTRAINTS_V1_LIFETIME_ONESHOT &&
	    lifetime != ZWP_POINTER_CONSTRAINTS_V1_LIFETIME_PERSISTENT) {
		tc_post_error(resource, WL_DISPLAY_ERROR_INVALID_METHOD,
			      "lifetime %u is not a lifetime", lifetime);
		return;
	}
	wl_list_for_each (c, &seat->constraints, link) {
		if (c->surface == s) {
			tc_post_error(
			    resource,
			    ZWP_POINTER_CONSTRAINTS_V1_ERROR_ALREADY_CONSTRAINED,
			    "surface %u already has a constraint on this seat",
			    wl_resource_get_id(surface));
			return;
		}
	}
	c = calloc(1, sizeof(*c));
	if (c)
		c->resource = wl_resource_create(
		    client,
		    lock ? &zwp_locked_pointer_v1_interface
			 : &zwp_confined_pointer_v1_interface,
		    wl_resource_get_version(resource), id);
	if (!c || !c->resource) {
		free(c);
		wl_client_post_no_memory(client);
		return;
	}
	c->seat = seat;
	c->surface = s;
	c->surface_id = wl_resource_get_id(surface);
	c->lifetime = lifetime;
	c->surface_destroy.notify = handle_surface_destroy;
	wl_signal_add(&s->destroy_signal, &c->surface_destroy);
	wl_list_insert(seat->constraints.prev, &c->link);
	wl_resource_set_implementation(
	    c->resource,
	    lock ? (const void *)&locked_implementation
		 : (const void *)&confined_implementation,
	    c, constraint_resource_destroy);
	if (!lock) {
		/* Confinement is never granted: nothing here uses it. */
		c->dead = true;
		tc_plog("pointer-confine surface=%u", c->surface_id);
		return;
	}
	tc_plog("pointer-lock surface=%u lifetime=%s", c->surface_id,
		lifetime == ZWP_POINTER_CONSTRAINTS_V1_LIFETIME_ONESHOT
		    ? "oneshot"
		    : "persistent");
	activate(c);
}

static void
manager_handle_lock_pointer(struct wl_client *client,
			    struct wl_resource *resource, uint32_t id,
			    struct wl_resource *surface,
			    struct wl_resource *pointer,
			    struct wl_resource *region, uint32_t lifetime)
{
	constrain(client, resource, id, surface, pointer, lifetime, true);
}

static void
manager_handle_confine_pointer(struct wl_client *client,
			       struct wl_resource *resource, uint32_t id,
			       struct wl_resource *surface,
			       struct wl_resource *pointer,
			       struct wl_resource *region, uint32_t lifetime)
{
	constrain(client, resource, id, surface, pointer, lifetime, false);
}

static void
manager_handle_destroy(struct wl_client *client, struct wl_resource *resource)
{
	wl_resource_destroy(resource);
}

static const struct zwp_pointer_constraints_v1_interface
    manager_implementation = {
	    .destroy = manager_handle_destroy,
	    .lock_pointer = manager_handle_lock_pointer,
	    .confine_pointer = manager_handle_confine_pointer,
    };

static void
manager_bind(struct wl_client *client, void *data, uint32_t version,
	     uint32_t id)
{
	struct wl_resource *resource = wl_resource_create(
	    client, &zwp_pointer_constraints_v1_interface, version, id);

	if (!resource) {
		wl_client_post_no_memory(client);
		return;
	}
	wl_resource_set_implementation(resource, &manager_implementation, data,
				       NULL);
	tc_plog("bind zwp_pointer_constraints_v1 v%u", version);
}

int
tc_pointer_constraints_global_create(struct tc_server *server)
{
	return wl_global_create(server->display,
				&zwp_pointer_constraints_v1_interface, 1,
				server, manager_bind)
		   ? 0
		   : -1;
}
