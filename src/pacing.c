/* Frame pacing, and what the guest surface shows.
 *
 * VFIO has no "the guest drew something" notification, so the viewer asks.
 * It asks when the compositor is about to need a frame: each
 * wl_surface.frame callback (sent right after a repaint) says one is
 * wanted, and deadline pacing (the default) waits from there until
 * pacing_ms before the next repaint, predicted from presentation feedback,
 * so that the guest's newest frame makes it: a frame asked for right after
 * a repaint waits a whole refresh for the next one. Each tick queries the
 * planes, attaches what changed, and re-attaches and damages the primary
 * even when nothing did, because a guest drawing into its front buffer
 * (fbcon, mdpy, bochs-drm without flips) changes pixels without changing
 * the plane. This costs one ioctl per plane per displayed frame and no
 * pixel on the zero-copy paths; a window that is hidden gets no frame
 * callbacks and does no work at all. A fixed timer (QEMU's 30 ms refresh)
 * would either poll faster than the screen shows or add up to a period of
 * latency.
 *
 * While nothing can be shown (no plane, an import in flight, a device
 * error), there is no frame to pace: a timer asks again instead. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "message.h"
#include "pointer-map.h"
#include "presentation-time-client-protocol.h"
#include "shm-buffer.h"
#include "viewer-state.h"
#include "viewporter-client-protocol.h"
#include "wayland.h"

#define EXPIRE_EVERY_NS (1000 * NS_PER_MS)
/* Deadline pacing learns the compositor's vblank grid from one commit's
 * presentation feedback in FEEDBACK_EVERY: the grid moves only when the
 * output's mode does, so asking on every commit (a feedback object, its
 * events and their allocations) would cost more than the plane query it
 * schedules. Half a second at 60 Hz; a discarded commit asks again at
 * once. */
#define FEEDBACK_EVERY 30

static void
frame_handle_done(void *data, struct wl_callback *callback, uint32_t time)
{
	struct vv_viewer *viewer = data;

	wl_callback_destroy(callback);
	viewer->frame = NULL;
	if (viewer->config->pacing == VV_PACING_DEADLINE &&
	    viewer->refresh_ns) {
		/* The compositor asks for a frame right after a repaint; the
		 * next repaint is a refresh away. Ask the device as late as
		 * the margin allows, so the newest guest frame makes it. */
		uint64_t now = vv_now_ns();
		uint64_t margin = viewer->config->pacing_ms * NS_PER_MS;
		uint64_t next = viewer->last_present_ns;
		if (next <= now)
			next += ((now - next) / viewer->refresh_ns + 1) *
				viewer->refresh_ns;
		/* A callback that came late, inside the margin: ask now
		 * rather than skip a whole refresh. */
		if (next - margin <= now) {
			vv_viewer_tick(viewer);
			return;
		}
		vv_timer_arm(viewer->tick_timer, next - margin);
		return;
	}
	vv_viewer_tick(viewer);
}

static const struct wl_callback_listener frame_listener = {
	.done = frame_handle_done,
};

/* One query, with the change logged once (not once per frame). */
static int
query(struct vv_viewer *viewer, enum vv_plane_type type,
      struct vv_plane_info *raw)
{
	int ret = vv_device_query_plane(*viewer->dev, type, raw);

	viewer->stats->queries++;
	viewer->changed[type] =
	    vv_plane_tracker_update(&viewer->trackers[type], ret, raw);
	if (viewer->changed[type] && ret &&
	    !vv_device_error_is_transient(ret)) {
		char line[300];
		unsigned held;
		snprintf(line, sizeof(line),
			 "cannot query the %s plane of %s: %s",
			 vv_plane_type_name(type), (*viewer->dev)->name,
			 strerror(-ret));
		if (vv_log_repeat_pass(&viewer->said_query[type], line,
				       vv_now_ns(), &held))
			vv_warn("%s", line);
	}
	return ret;
}

/* Validates, logging a bad plane once per change. */
static int
validate(struct vv_viewer *viewer, enum vv_plane_type type,
	 const struct vv_plane_info *raw, struct vv_plane *plane, char *why,
	 size_t len)
{
	int ret = vv_plane_validate(type, raw, plane, why, len);

	if (ret && viewer->changed[type])
		vv_warn("the %s plane of %s is invalid: %s",
			vv_plane_type_name(type), (*viewer->dev)->name, why);
	return ret;
}

/* Frame and deadline pacing: the compositor's next frame callback brings
 * the next tick. Timer pacing: the next period does. */
static void
request_frame(struct vv_viewer *viewer)
{
	if (viewer->config->pacing == VV_PACING_TIMER) {
		uint64_t period = viewer->config->pacing_ms * NS_PER_MS;
		uint64_t now = vv_now_ns();
		if (viewer->next_timer_tick + period < now)
			viewer->next_timer_tick = now;
		viewer->next_timer_tick += period;
		vv_timer_arm(viewer->tick_timer, viewer->next_timer_tick);
		return;
	}
	if (viewer->frame)
		return;
	viewer->frame = wl_surface_frame(viewer->window->guest);
	wl_callback_add_listener(viewer->frame, &frame_listener, viewer);
}

/* One commit's way to the screen, for the overlay's latency. */
struct presentation {
	struct vv_viewer *viewer;
	struct wl_list link; /* vv_viewer.presentations */
	struct wp_presentation_feedback *feedback;
	uint64_t committed; /* CLOCK_MONOTONIC ns */
};

static void
presentation_done(struct presentation *p)
{
	wl_list_remove(&p->link);
	wp_presentation_feedback_destroy(p->feedback);
	free(p);
}

void
vv_viewer_drop_feedback(struct vv_viewer *viewer)
{
	struct presentation *p, *next;

	wl_list_for_each_safe (p, next, &viewer->presentations, link)
		presentation_done(p);
}

static void
feedback_handle_sync_output(void *data,
			    struct wp_presentation_feedback *feedback,
			    struct wl_output *output)
{
}

static void
feedback_handle_presented(void *data, struct wp_presentation_feedback *feedback,
			  uint32_t tv_sec_hi, uint32_t tv_sec_lo,
			  uint32_t tv_nsec, uint32_t refresh, uint32_t seq_hi,
			  uint32_t seq_lo, uint32_t flags)
{
	struct presentation *p = data;
	struct vv_viewer *viewer = p->viewer;
	uint64_t at =
	    (((uint64_t)tv_sec_hi << 32) | tv_sec_lo) * 1000000000ull + tv_nsec;

	viewer->presented++;
	/* Only on the clock our commit times use. */
	if (viewer->wl->presentation_clock == CLOCK_MONOTONIC &&
	    at >= p->committed) {
		viewer->latency_sum_ns += at - p->committed;
		viewer->latency_n++;
		viewer->last_present_ns = at;
		/* Refresh 0: the compositor repaints when it likes. */
		viewer->refresh_ns = refresh;
	}
	presentation_done(p);
}

static void
feedback_handle_discarded(void *data, struct wp_presentation_feedback *feedback)
{
	struct presentation *p = data;

	p->viewer->feedback_due = 0;
	presentation_done(p);
}

static const struct wp_presentation_feedback_listener feedback_listener = {
	.sync_output = feedback_handle_sync_output,
	.presented = feedback_handle_presented,
	.discarded = feedback_handle_discarded,
};

/* Presentation feedback feeds the overlay's rates and latency (every
 * commit, while it is shown) and deadline pacing (a sample now and then):
 * none otherwise. */
static bool
wants_feedback(const struct vv_viewer *viewer)
{
	if (!viewer->wl->presentation)
		return false;
	if (viewer->overlay->visible)
		return true;
	return viewer->config->pacing == VV_PACING_DEADLINE &&
	       wl_list_empty(&viewer->presentations) &&
	       viewer->stats->commits >= viewer->feedback_due;
}

static void
commit_guest(struct vv_viewer *viewer, uint32_t width, uint32_t height)
{
	if (wants_feedback(viewer)) {
		struct presentation *p = calloc(1, sizeof(*p));
		if (p) {
			wl_list_insert(&viewer->presentations, &p->link);
			viewer->feedback_due =
			    viewer->stats->commits + FEEDBACK_EVERY;
			p->viewer = viewer;
			p->committed = vv_now_ns();
			p->feedback = wp_presentation_feedback(
			    viewer->wl->presentation, viewer->window->guest);
			wp_presentation_feedback_add_listener(
			    p->feedback, &feedback_listener, p);
		}
	}
	vv_window_commit_guest(viewer->window, width, height);
	viewer->stats->commits++;
}

/* Shows @title and @detail instead of the guest, and asks the device again
 * in @retry_ns (0: not at all, something else will). */
void
vv_viewer_show_message(struct vv_viewer *viewer, const char *title,
		       const char *detail, uint64_t retry_ns)
{
	struct vv_window *window = viewer->window;
	uint32_t w = (uint32_t)window->width * window->scale120 / 120;
	uint32_t h = (uint32_t)window->height * window->scale120 / 120;
	char text[sizeof(viewer->message_text)];
	int error = 0;

	snprintf(text, sizeof(text), "%s\n%s", title, detail);
	if (!viewer->message || viewer->message->width != w ||
	    viewer->message->height != h ||
	    strcmp(text, viewer->message_text) != 0) {
		struct vv_shm_buffer *buf = vv_message_draw(
		    viewer->wl->shm, w, h, title, detail, &error);
		if (!buf) {
			vv_warn("cannot draw the \"%s\" screen: %s", title,
				strerror(-error));
		} else {
			vv_shm_buffer_destroy(viewer->message);
			viewer->message = buf;
			memcpy(viewer->message_text, text, sizeof(text));
			viewer->attached = NULL;
		}
	}
	vv_cursor_hide(viewer->cursor);
	viewer->has_shown[VV_PLANE_PRIMARY] = false;
	viewer->has_shown[VV_PLANE_CURSOR] = false;
	if (viewer->message && viewer->attached != viewer->message->buffer) {
		wl_surface_attach(window->guest, viewer->message->buffer, 0, 0);
		wl_surface_damage_buffer(window->guest, 0, 0, INT32_MAX,
					 INT32_MAX);
		viewer->attached = viewer->message->buffer;
		commit_guest(viewer, viewer->message->width,
			     viewer->message->height);
	}
	vv_timer_arm(viewer->tick_timer, retry_ns ? vv_now_ns() + retry_ns : 0);
}

/* Within one guest pixel. */
static bool
near(uint32_t a, uint32_t b)
{
	return a + 1 >= b && b + 1 >= a;
}

/* The cursor @c with its hotspot at guest pixel @x, @y on the guest
 * surface: guest pixels to logical pixels, scaled exactly like the part of
 * the primary shown under it. */
static struct vv_rect
cursor_rect(const struct vv_viewer *viewer, const struct vv_plane *primary,
	    const struct vv_plane_info *c, uint32_t x, uint32_t y)
{
	const struct vv_window *w = viewer->window;
	bool whole = w->src_w == 0 || w->content_w != primary->info.width ||
		     w->content_h != primary->info.height;
	uint32_t cw = whole ? primary->info.width : w->src_w;
	uint32_t ch = whole ? primary->info.height : w->src_h;

	return vv_layout_cursor(x, y, c->hot_x, c->hot_y, c->width, c->height,
				cw, ch, w->guest_rect.width,
				w->guest_rect.height);
}

void
vv_viewer_follow_pointer(struct vv_viewer *viewer)
{
	struct vv_input *input = &viewer->input;

	if (!input->cursor_moved)
		return;
	input->cursor_moved = false;
	if (!viewer->has_shown[VV_PLANE_CURSOR] ||
	    !viewer->has_shown[VV_PLANE_PRIMARY] || !viewer->cursor->buffer)
		return;
	const struct vv_plane *primary = &viewer->shown[VV_PLANE_PRIMARY];
	const struct vv_plane_info *c = &viewer->shown[VV_PLANE_CURSOR].info;
	/* The guest pixel the guest itself makes of the abs position
	 * (pointer-map.h): always inside the picture. */
	viewer->local_x = (uint32_t)((uint64_t)input->abs_x *
				     primary->info.width / (VV_ABS_MAX + 1));
	viewer->local_y = (uint32_t)((uint64_t)input->abs_y *
				     primary->info.height / (VV_ABS_MAX + 1));
	viewer->plane_x = c->x;
	viewer->plane_y = c->y;
	viewer->cursor_local = true;
	struct vv_rect rect =
	    cursor_rect(viewer, primary, c, viewer->local_x, viewer->local_y);
	/* Same buffer, new place: applied with the parent's commit, as a
	 * frame's would be. */
	if (!vv_cursor_show(viewer->cursor, viewer->cursor->buffer, false,
			    rect))
		return;
	viewer->stats->cursor_commits++;
	vv_window_commit_guest(viewer->window, viewer->window->content_w,
			       viewer->window->content_h);
}

/* The guest moved its cursor @c on its own (not to where our last motion
 * put it), or its mode no longer has our position: the guest places the
 * cursor until the next host motion. */
static bool
guest_wins(const struct vv_viewer *viewer, const struct vv_plane *primary,
	   const struct vv_plane_info *c)
{
	bool moved = c->x != viewer->plane_x || c->y != viewer->plane_y;
	bool ours = near(c->x, viewer->local_x) && near(c->y, viewer->local_y);

	return (moved && !ours) || viewer->local_x >= primary->info.width ||
	       viewer->local_y >= primary->info.height;
}

/* The cursor plane, on top of a guest picture @primary. */
static void
update_cursor(struct vv_viewer *viewer, const struct vv_plane *primary)
{
	struct vv_plane_info raw;
	struct vv_plane plane;
	struct wl_buffer *buffer;
	char why[160];
	int ret = query(viewer, VV_PLANE_CURSOR, &raw);

	if (ret)
		return; /* keep it where it is for this frame */
	if (raw.kind == VV_KIND_NONE ||
	    validate(viewer, VV_PLANE_CURSOR, &raw, &plane, why, sizeof(why))) {
		vv_cursor_hide(viewer->cursor);
		vv_present_forget(viewer->present, VV_PLANE_CURSOR);
		viewer->has_shown[VV_PLANE_CURSOR] = false;
		return;
	}
	ret = vv_present_frame(viewer->present, &plane, &buffer);
	if (ret == -EINPROGRESS)
		return;
	if (ret < 0) {
		vv_cursor_hide(viewer->cursor);
		viewer->has_shown[VV_PLANE_CURSOR] = false;
		return;
	}
	viewer->shown[VV_PLANE_CURSOR] = plane;
	viewer->has_shown[VV_PLANE_CURSOR] = true;
	if (viewer->cursor_local && guest_wins(viewer, primary, &plane.info))
		viewer->cursor_local = false;
	struct vv_rect rect =
	    viewer->cursor_local ? cursor_rect(viewer, primary, &plane.info,
					       viewer->local_x, viewer->local_y)
				 : cursor_rect(viewer, primary, &plane.info,
					       plane.info.x, plane.info.y);
	/* A cursor image rarely changes in place: damage it only when it is
	 * a new buffer or pixels written for this frame. */
	if (vv_cursor_show(viewer->cursor, buffer, ret == VV_FRAME_DAMAGE,
			   rect))
		viewer->stats->cursor_commits++;
}

static void
show_guest(struct vv_viewer *viewer, const struct vv_plane *plane)
{
	struct wl_surface *guest = viewer->window->guest;
	struct wl_buffer *buffer;
	int ret = vv_present_frame(viewer->present, plane, &buffer);

	if (ret == -EINPROGRESS) {
		vv_timer_arm(viewer->tick_timer,
			     vv_now_ns() + RETRY_PENDING_NS);
		return;
	}
	if (ret < 0) {
		vv_viewer_show_message(
		    viewer, "Cannot show this display",
		    vv_present_why(viewer->present, plane->type),
		    RETRY_NO_SIGNAL_NS);
		return;
	}
	/* Re-attached every frame: attaching is what entitles the
	 * compositor to read the buffer again (front-buffer guests). */
	wl_surface_attach(guest, buffer, 0, 0);
	wl_surface_damage_buffer(guest, 0, 0, INT32_MAX, INT32_MAX);
	if (buffer != viewer->attached)
		viewer->stats->attaches++;
	viewer->attached = buffer;
	if (plane->info.id != viewer->last_primary_id ||
	    !viewer->has_shown[VV_PLANE_PRIMARY])
		viewer->flips++;
	viewer->last_primary_id = plane->info.id;
	viewer->shown[VV_PLANE_PRIMARY] = *plane;
	viewer->has_shown[VV_PLANE_PRIMARY] = true;
	viewer->shown_ns = vv_now_ns();
	update_cursor(viewer, plane);
	vv_timer_arm(viewer->tick_timer, 0);
	request_frame(viewer);
	commit_guest(viewer, plane->info.width, plane->info.height);
}

/* Whatever the device answered, something must wake the viewer again: a
 * frame callback, a tick timer or the reopen timer. Without one the
 * window would freeze for good on an answer nobody foresaw. */
static void
ensure_wakeup(struct vv_viewer *viewer)
{
	if (viewer->frame || vv_timer_deadline(viewer->tick_timer) ||
	    vv_timer_deadline(viewer->reopen_timer))
		return;
	vv_debug("no wake-up pending after a tick: asking again in %llu ms",
		 (unsigned long long)(RETRY_NO_SIGNAL_NS / NS_PER_MS));
	vv_timer_arm(viewer->tick_timer, vv_now_ns() + RETRY_NO_SIGNAL_NS);
}

static void tick(struct vv_viewer *viewer);

void
vv_viewer_tick(struct vv_viewer *viewer)
{
	tick(viewer);
	if (*viewer->dev)
		ensure_wakeup(viewer);
}

/* The device answered without a picture: keep the last frame while it is
 * recent (NO_SIGNAL_GRACE_NS), asking again meanwhile. */
static bool
keep_last_frame(struct vv_viewer *viewer, uint64_t now)
{
	if (!viewer->has_shown[VV_PLANE_PRIMARY] ||
	    now - viewer->shown_ns >= NO_SIGNAL_GRACE_NS)
		return false;
	vv_timer_arm(viewer->tick_timer, now + RETRY_NO_SIGNAL_NS);
	return true;
}

static void
tick(struct vv_viewer *viewer)
{
	struct vv_plane_info raw;
	struct vv_plane plane;
	char why[160], detail[512];
	uint64_t now = vv_now_ns();

	if (!viewer->window->configured) {
		vv_timer_arm(viewer->tick_timer, now + RETRY_TRANSIENT_NS);
		return;
	}
	if (!*viewer->dev)
		return; /* gone: the reopen timer brings it back */
	viewer->stats->ticks++;
	if (now >= viewer->next_expire) {
		vv_present_expire(viewer->present, now);
		viewer->next_expire = now + EXPIRE_EVERY_NS;
	}

	int ret = query(viewer, VV_PLANE_PRIMARY, &raw);
	if (ret == -ENODEV) {
		vv_viewer_device_lost(viewer);
	} else if (ret && vv_device_error_is_transient(ret)) {
		vv_timer_arm(viewer->tick_timer, now + RETRY_TRANSIENT_NS);
	} else if (ret && keep_last_frame(viewer, now)) {
		return;
	} else if (ret) {
		snprintf(detail, sizeof(detail),
			 "Asking %s for its picture failed: %s.",
			 (*viewer->dev)->name, strerror(-ret));
		vv_viewer_show_message(viewer, "No signal", detail,
				       RETRY_NO_SIGNAL_NS);
	} else if (raw.kind == VV_KIND_NONE && keep_last_frame(viewer, now)) {
		return;
	} else if (raw.kind == VV_KIND_NONE) {
		vv_present_forget(viewer->present, VV_PLANE_PRIMARY);
		snprintf(
		    detail, sizeof(detail),
		    "The guest shows nothing on %s: it is starting, or its display is off.",
		    (*viewer->dev)->name);
		vv_viewer_show_message(viewer, "No signal", detail,
				       RETRY_NO_SIGNAL_NS);
	} else if (validate(viewer, VV_PLANE_PRIMARY, &raw, &plane, why,
			    sizeof(why))) {
		snprintf(detail, sizeof(detail),
			 "%s reports a picture vgpu-view refuses: %s.",
			 (*viewer->dev)->name, why);
		vv_viewer_show_message(viewer, "Invalid picture", detail,
				       RETRY_NO_SIGNAL_NS);
	} else {
		show_guest(viewer, &plane);
	}
}
