/*
 * wp_presentation: feedback objects ride in the surface state with their
 * commit; repaint.c presents the ones of the current state, a newer
 * buffer or the surface's end discards them.
 */
#include <stdlib.h>
#include <time.h>

#include "presentation-time-server-protocol.h"
#include "server.h"
#include "surface.h"
#include "tc-log.h"

static void
feedback_resource_destroy(struct wl_resource *resource)
{
	wl_list_remove(wl_resource_get_link(resource));
}

void
tc_feedback_discard_list(struct wl_list *feedbacks)
{
	struct wl_resource *feedback, *tmp;

	wl_resource_for_each_safe(feedback, tmp, feedbacks)
	{
		wp_presentation_feedback_send_discarded(feedback);
		tc_plog(
		    "discarded surface=%u",
		    (unsigned)(uintptr_t)wl_resource_get_user_data(feedback));
		wl_resource_destroy(feedback);
	}
}

void
tc_feedback_present_list(struct tc_server *server, struct wl_list *feedbacks,
			 const struct timespec *when, uint64_t seq,
			 uint32_t refresh_ns)
{
	struct wl_resource *feedback, *tmp;
	uint64_t sec = (uint64_t)when->tv_sec;

	wl_resource_for_each_safe(feedback, tmp, feedbacks)
	{
		struct wl_resource *output = tc_output_resource_for(
		    server, wl_resource_get_client(feedback));

		if (output)
			wp_presentation_feedback_send_sync_output(feedback,
								  output);
		wp_presentation_feedback_send_presented(
		    feedback, sec >> 32, sec & 0xffffffff, when->tv_nsec,
		    refresh_ns, seq >> 32, seq & 0xffffffff, 0);
		tc_plog(
		    "presented seq=%llu surface=%u refresh=%u",
		    (unsigned long long)seq,
		    (unsigned)(uintptr_t)wl_resource_get_user_data(feedback),
		    refresh_ns);
		wl_resource_destroy(feedback);
	}
}

static void
presentation_handle_destroy(struct wl_client *client,
			    struct wl_resource *resource)
{
	wl_resource_destroy(resource);
}

static void
presentation_handle_feedback(struct wl_client *client,
			     struct wl_resource *resource,
			     struct wl_resource *surface_resource, uint32_t id)
{
	struct tc_surface *surface = tc_surface_from_resource(surface_resource);
	struct wl_resource *feedback = wl_resource_create(
	    client, &wp_presentation_feedback_interface, 1, id);

	if (!feedback) {
		wl_client_post_no_memory(client);
		return;
	}
	/* the surface id, for the log only: the resource outlives nothing */
	wl_resource_set_implementation(
	    feedback, NULL,
	    (void *)(uintptr_t)wl_resource_get_id(surface_resource),
	    feedback_resource_destroy);
	wl_list_insert(surface->pending.feedbacks.prev,
		       wl_resource_get_link(feedback));
}

static const struct wp_presentation_interface presentation_implementation = {
	.destroy = presentation_handle_destroy,
	.feedback = presentation_handle_feedback,
};

static void
presentation_bind(struct wl_client *client, void *data, uint32_t version,
		  uint32_t id)
{
	struct wl_resource *resource =
	    wl_resource_create(client, &wp_presentation_interface, version, id);

	if (!resource) {
		wl_client_post_no_memory(client);
		return;
	}
	wl_resource_set_implementation(resource, &presentation_implementation,
				       data, NULL);
	tc_plog("bind wp_presentation v%u", version);
	wp_presentation_send_clock_id(resource, CLOCK_MONOTONIC);
}

int
tc_presentation_global_create(struct tc_server *server)
{
	return wl_global_create(server->display, &wp_presentation_interface, 1,
				server, presentation_bind)
		   ? 0
		   : -1;
}
