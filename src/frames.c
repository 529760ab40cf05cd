#include "frames.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "pointer-map.h"
#include "query.h"
#include "xalloc.h"

#define NS_PER_MS          1000000ull
#define EXPIRE_EVERY_NS    (1000 * NS_PER_MS)
#define RETRY_PENDING_NS   (2 * NS_PER_MS)   /* an import in flight */
#define RETRY_TRANSIENT_NS (16 * NS_PER_MS)  /* -ENOMEM after a mode set */
#define RETRY_NO_SIGNAL_NS (100 * NS_PER_MS) /* waiting for a plane */
/* How long the last good frame stays when the device stops answering with
 * a picture (a failed query, no plane) before "No signal" replaces it: a
 * driver's hiccup lasts a query, a guest's mode set blanks a few frames,
 * and a message flashing in and out is worse than a picture held for a
 * moment; a second is still prompt for a display that really went off. */
#define NO_SIGNAL_GRACE_NS (1000 * NS_PER_MS)

struct vv_frames {
	struct vv_device **dev;     /* the viewer's; NULL while gone */
	struct vv_stats *stats;     /* borrowed */
	struct vv_screen *screen;   /* borrowed */
	struct vv_pacer *pacer;     /* borrowed */
	struct vv_present *present; /* borrowed; NULL while gone */

	struct vv_plane_tracker trackers[VV_PLANE_TYPE_COUNT];
	uint64_t next_expire; /* CLOCK_MONOTONIC ns */
	/* The query warning, which intermittent faults would repeat. */
	struct vv_log_repeat said_query[VV_PLANE_TYPE_COUNT];

	/* The planes last shown, for the overlay and the local cursor. */
	struct vv_plane shown[VV_PLANE_TYPE_COUNT];
	bool has_shown[VV_PLANE_TYPE_COUNT];
	uint64_t shown_ns; /* the guest's last frame went out (monotonic) */
	uint32_t last_primary_id;
	uint64_t flips; /* new primary ids shown */

	/* The local cursor: shown with its hotspot at guest pixel local_x,
	 * local_y (where the last host motion went) until the guest moves its
	 * plane away from plane_x, plane_y (where it was then) on its own. */
	bool cursor_local;
	uint32_t local_x, local_y;
	uint32_t plane_x, plane_y;
};

struct vv_frames *
vv_frames_create(struct vv_device **dev, struct vv_stats *stats,
		 struct vv_screen *screen, struct vv_pacer *pacer)
{
	struct vv_frames *frames = vv_xzalloc(sizeof(*frames));

	frames->dev = dev;
	frames->stats = stats;
	frames->screen = screen;
	frames->pacer = pacer;
	return frames;
}

void
vv_frames_destroy(struct vv_frames *frames)
{
	free(frames);
}

void
vv_frames_set_present(struct vv_frames *frames, struct vv_present *present)
{
	frames->present = present;
}

void
vv_frames_forget(struct vv_frames *frames)
{
	vv_screen_hide_cursor(frames->screen);
	memset(frames->trackers, 0, sizeof(frames->trackers));
}

const struct vv_plane *
vv_frames_shown(const struct vv_frames *frames, enum vv_plane_type type)
{
	return frames->has_shown[type] ? &frames->shown[type] : NULL;
}

uint64_t
vv_frames_flips(const struct vv_frames *frames)
{
	return frames->flips;
}

/* One query, counted, with what changed said once (not once per frame): an
 * invalid plane, and a failed query unless it is transient (device.h's
 * retry policy: asked again next frame, silently), that line held back
 * while intermittent faults repeat it. */
static void
ask(struct vv_frames *frames, enum vv_plane_type type, struct vv_query *q)
{
	struct vv_err line;
	unsigned held;

	vv_source_query(*frames->dev, type, VV_QUERY_ONCE, q);
	frames->stats->queries++;
	if (!vv_plane_tracker_update(&frames->trackers[type], q->error,
				     &q->raw) ||
	    !vv_source_query_err(q, *frames->dev, &line))
		return;
	if (q->status == VV_QUERY_INVALID)
		vv_warn("%s", line.text);
	else if (!vv_device_error_is_transient(q->error) &&
		 vv_log_repeat_pass(&frames->said_query[type], line.text,
				    vv_now_ns(), &held))
		vv_warn("%s", line.text);
}

static void
commit_guest(struct vv_frames *frames, uint32_t width, uint32_t height)
{
	if (vv_pacer_wants_feedback(frames->pacer,
				    vv_screen_overlay_shown(frames->screen),
				    frames->stats->commits))
		vv_pacer_watch_feedback(frames->pacer,
					vv_screen_feedback(frames->screen),
					frames->stats->commits);
	vv_screen_commit(frames->screen, width, height);
	frames->stats->commits++;
}

/* Shows @title and @detail instead of the guest, and asks the device again
 * in @retry_ns (0: not at all, something else will). */
void
vv_frames_show_message(struct vv_frames *frames, const char *title,
		       const char *detail, uint64_t retry_ns)
{
	uint32_t w, h;

	frames->has_shown[VV_PLANE_PRIMARY] = false;
	frames->has_shown[VV_PLANE_CURSOR] = false;
	if (vv_screen_show_message(frames->screen, title, detail, &w, &h))
		commit_guest(frames, w, h);
	vv_pacer_retry(frames->pacer, retry_ns ? vv_now_ns() + retry_ns : 0);
}

/* Within one guest pixel. */
static bool
near(uint32_t a, uint32_t b)
{
	return a + 1 >= b && b + 1 >= a;
}

static struct vv_rect
cursor_rect(const struct vv_frames *frames, const struct vv_plane *primary,
	    const struct vv_plane_info *c, uint32_t x, uint32_t y)
{
	return vv_screen_cursor_rect(frames->screen, primary->info.width,
				     primary->info.height, c, x, y);
}

void
vv_frames_follow_pointer(struct vv_frames *frames, struct vv_input *input)
{
	uint32_t abs_x, abs_y;

	if (!vv_input_take_cursor_motion(input, &abs_x, &abs_y))
		return;
	if (!frames->has_shown[VV_PLANE_CURSOR] ||
	    !frames->has_shown[VV_PLANE_PRIMARY] ||
	    !vv_screen_cursor_shown(frames->screen))
		return;
	const struct vv_plane *primary = &frames->shown[VV_PLANE_PRIMARY];
	const struct vv_plane_info *c = &frames->shown[VV_PLANE_CURSOR].info;
	/* The guest pixel the guest itself makes of the abs position
	 * (pointer-map.h): always inside the picture. */
	frames->local_x = (uint32_t)((uint64_t)abs_x * primary->info.width /
				     (VV_ABS_MAX + 1));
	frames->local_y = (uint32_t)((uint64_t)abs_y * primary->info.height /
				     (VV_ABS_MAX + 1));
	frames->plane_x = c->x;
	frames->plane_y = c->y;
	frames->cursor_local = true;
	struct vv_rect rect =
	    cursor_rect(frames, primary, c, frames->local_x, frames->local_y);
	if (vv_screen_move_cursor(frames->screen, rect))
		frames->stats->cursor_commits++;
}

/* The guest moved its cursor @c on its own (not to where our last motion
 * put it), or its mode no longer has our position: the guest places the
 * cursor until the next host motion. */
static bool
guest_wins(const struct vv_frames *frames, const struct vv_plane *primary,
	   const struct vv_plane_info *c)
{
	bool moved = c->x != frames->plane_x || c->y != frames->plane_y;
	bool ours = near(c->x, frames->local_x) && near(c->y, frames->local_y);

	return (moved && !ours) || frames->local_x >= primary->info.width ||
	       frames->local_y >= primary->info.height;
}

/* The cursor plane, on top of a guest picture @primary. */
static void
update_cursor(struct vv_frames *frames, const struct vv_plane *primary)
{
	struct vv_query q;
	struct wl_buffer *buffer;

	ask(frames, VV_PLANE_CURSOR, &q);
	if (q.error)
		return; /* keep it where it is for this frame */
	if (q.status != VV_QUERY_PLANE) {
		vv_screen_hide_cursor(frames->screen);
		vv_present_forget(frames->present, VV_PLANE_CURSOR);
		frames->has_shown[VV_PLANE_CURSOR] = false;
		return;
	}
	const struct vv_plane *plane = &q.plane;
	int ret = vv_present_frame(frames->present, plane, &buffer);
	if (ret == -EINPROGRESS)
		return;
	if (ret < 0) {
		vv_screen_hide_cursor(frames->screen);
		frames->has_shown[VV_PLANE_CURSOR] = false;
		return;
	}
	frames->shown[VV_PLANE_CURSOR] = *plane;
	frames->has_shown[VV_PLANE_CURSOR] = true;
	if (frames->cursor_local && guest_wins(frames, primary, &plane->info))
		frames->cursor_local = false;
	struct vv_rect rect =
	    frames->cursor_local ? cursor_rect(frames, primary, &plane->info,
					       frames->local_x, frames->local_y)
				 : cursor_rect(frames, primary, &plane->info,
					       plane->info.x, plane->info.y);
	/* A cursor image rarely changes in place: damage it only when it is
	 * a new buffer or pixels written for this frame. */
	if (vv_screen_show_cursor(frames->screen, buffer,
				  ret == VV_FRAME_DAMAGE, rect))
		frames->stats->cursor_commits++;
}

static void
show_guest(struct vv_frames *frames, const struct vv_plane *plane)
{
	struct wl_buffer *buffer;
	int ret = vv_present_frame(frames->present, plane, &buffer);

	if (ret == -EINPROGRESS) {
		vv_pacer_retry(frames->pacer, vv_now_ns() + RETRY_PENDING_NS);
		return;
	}
	if (ret < 0) {
		vv_frames_show_message(
		    frames, "Cannot show this display",
		    vv_present_why(frames->present, plane->type),
		    RETRY_NO_SIGNAL_NS);
		return;
	}
	/* Re-attached every frame: attaching is what entitles the
	 * compositor to read the buffer again (front-buffer guests). */
	if (vv_screen_attach(frames->screen, buffer))
		frames->stats->attaches++;
	if (plane->info.id != frames->last_primary_id ||
	    !frames->has_shown[VV_PLANE_PRIMARY])
		frames->flips++;
	frames->last_primary_id = plane->info.id;
	frames->shown[VV_PLANE_PRIMARY] = *plane;
	frames->has_shown[VV_PLANE_PRIMARY] = true;
	frames->shown_ns = vv_now_ns();
	update_cursor(frames, plane);
	/* Asked for before the commit it follows. */
	if (vv_pacer_shown(frames->pacer))
		vv_pacer_watch_frame(frames->pacer,
				     vv_screen_frame(frames->screen));
	commit_guest(frames, plane->info.width, plane->info.height);
}

/* Whatever the device answered, something must wake the viewer again: a
 * frame callback or a tick timer (a device that is gone has its reopen
 * timer). Without one the window would freeze for good on an answer nobody
 * foresaw. */
static void
ensure_wakeup(struct vv_frames *frames)
{
	if (vv_pacer_waiting(frames->pacer))
		return;
	vv_debug("no wake-up pending after a tick: asking again in %llu ms",
		 (unsigned long long)(RETRY_NO_SIGNAL_NS / NS_PER_MS));
	vv_pacer_retry(frames->pacer, vv_now_ns() + RETRY_NO_SIGNAL_NS);
}

static int tick(struct vv_frames *frames);

int
vv_frames_tick(struct vv_frames *frames)
{
	vv_pacer_tick_begin(frames->pacer, vv_now_ns());
	int ret = tick(frames);
	if (ret == 0 && *frames->dev)
		ensure_wakeup(frames);
	vv_pacer_schedule(frames->pacer);
	return ret;
}

/* The device answered without a picture: keep the last frame while it is
 * recent (NO_SIGNAL_GRACE_NS), asking again meanwhile. */
static bool
keep_last_frame(struct vv_frames *frames, uint64_t now)
{
	if (!frames->has_shown[VV_PLANE_PRIMARY] ||
	    now - frames->shown_ns >= NO_SIGNAL_GRACE_NS)
		return false;
	vv_pacer_retry(frames->pacer, now + RETRY_NO_SIGNAL_NS);
	return true;
}

static int
tick(struct vv_frames *frames)
{
	struct vv_query q;
	char detail[sizeof(q.why.text) + 200];
	uint64_t now = vv_now_ns();

	if (!vv_window_configured(vv_screen_window(frames->screen))) {
		vv_pacer_retry(frames->pacer, now + RETRY_TRANSIENT_NS);
		return 0;
	}
	if (!*frames->dev)
		return 0; /* gone: the reopen timer brings it back */
	frames->stats->ticks++;
	if (now >= frames->next_expire) {
		vv_present_expire(frames->present, now);
		frames->next_expire = now + EXPIRE_EVERY_NS;
	}

	ask(frames, VV_PLANE_PRIMARY, &q);
	int ret = q.error;
	/* Only ENODEV lets the device go: other final errors, and EIO, show
	 * why and keep asking (device.h's retry policy). */
	if (ret == -ENODEV)
		return ret;
	if (ret && vv_device_error_is_transient(ret)) {
		vv_pacer_retry(frames->pacer, now + RETRY_TRANSIENT_NS);
	} else if (ret && keep_last_frame(frames, now)) {
		return 0;
	} else if (ret) {
		snprintf(detail, sizeof(detail),
			 "Asking %s for its picture failed: %s.",
			 (*frames->dev)->name, strerror(-ret));
		vv_frames_show_message(frames, "No signal", detail,
				       RETRY_NO_SIGNAL_NS);
	} else if (q.status == VV_QUERY_NONE && keep_last_frame(frames, now)) {
		return 0;
	} else if (q.status == VV_QUERY_NONE) {
		vv_present_forget(frames->present, VV_PLANE_PRIMARY);
		snprintf(
		    detail, sizeof(detail),
		    "The guest shows nothing on %s: it is starting, or its display is off.",
		    (*frames->dev)->name);
		vv_frames_show_message(frames, "No signal", detail,
				       RETRY_NO_SIGNAL_NS);
	} else if (q.status == VV_QUERY_INVALID) {
		snprintf(detail, sizeof(detail),
			 "%s reports a picture vgpu-view refuses: %s.",
			 (*frames->dev)->name, q.why.text);
		vv_frames_show_message(frames, "Invalid picture", detail,
				       RETRY_NO_SIGNAL_NS);
	} else {
		show_guest(frames, &q.plane);
	}
	return 0;
}
