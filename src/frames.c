#include "frames.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "pointer-map.h"
#include "query.h"
#include "source.h"
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
	struct vv_source *source; /* borrowed */
	struct vv_wl *wl;         /* borrowed */
	struct vv_stats *stats;   /* borrowed */
	struct vv_screen *screen; /* borrowed */
	struct vv_pacer *pacer;   /* borrowed */
	/* The source's planes to wl_buffers; NULL while its device is gone,
	 * since what it imported came from that device. */
	struct vv_present *present;

	uint64_t next_expire; /* CLOCK_MONOTONIC ns */

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
vv_frames_create(struct vv_source *source, struct vv_wl *wl,
		 struct vv_stats *stats, struct vv_screen *screen,
		 struct vv_pacer *pacer)
{
	struct vv_frames *frames = vv_xzalloc(sizeof(*frames));

	frames->source = source;
	frames->wl = wl;
	frames->stats = stats;
	frames->screen = screen;
	frames->pacer = pacer;
	frames->present =
	    vv_present_create(wl, vv_source_buffers(source), stats);
	return frames;
}

void
vv_frames_destroy(struct vv_frames *frames)
{
	if (!frames)
		return;
	vv_present_destroy(frames->present);
	free(frames);
}

const struct vv_present *
vv_frames_present(const struct vv_frames *frames)
{
	return frames->present;
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

/* The cursor plane @q, on top of a guest picture @primary. */
static void
update_cursor(struct vv_frames *frames, const struct vv_plane *primary,
	      const struct vv_query *q)
{
	struct wl_buffer *buffer;

	if (q->error)
		return; /* keep it where it is for this frame */
	if (q->status != VV_QUERY_PLANE) {
		vv_screen_hide_cursor(frames->screen);
		vv_present_forget(frames->present, VV_PLANE_CURSOR);
		frames->has_shown[VV_PLANE_CURSOR] = false;
		return;
	}
	const struct vv_plane *plane = &q->plane;
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
show_guest(struct vv_frames *frames, const struct vv_plane *plane,
	   const struct vv_query *cursor, uint64_t now)
{
	struct wl_buffer *buffer;
	int ret = vv_present_frame(frames->present, plane, &buffer);

	if (ret == -EINPROGRESS) {
		vv_pacer_retry(frames->pacer, now + RETRY_PENDING_NS);
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
	frames->shown_ns = now;
	update_cursor(frames, plane, cursor);
	/* Asked for before the commit it follows. */
	if (vv_pacer_shown(frames->pacer))
		vv_pacer_watch_frame(frames->pacer,
				     vv_screen_frame(frames->screen));
	commit_guest(frames, plane->info.width, plane->info.height);
}

/* Whatever the device answered, something must wake the viewer again: a
 * frame callback or a tick timer (a device that is gone has its reopen
 * time). Without one the window would freeze for good on an answer nobody
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

static bool tick(struct vv_frames *frames, uint64_t now);

bool
vv_frames_tick(struct vv_frames *frames)
{
	uint64_t now = vv_now_ns();

	vv_pacer_tick_begin(frames->pacer, now);
	bool back = tick(frames, now);
	ensure_wakeup(frames);
	vv_pacer_schedule(frames->pacer);
	return back;
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

/* The source's device is gone (@f): nothing from it stays on screen; the
 * news, when there is any, is shown until the source tries again. */
static void
show_gone(struct vv_frames *frames, const struct vv_source_frame *f)
{
	if (f->event == VV_SOURCE_LOST) {
		/* The imports reference the old device's dma-bufs: drop them
		 * all with it. */
		vv_present_destroy(frames->present);
		frames->present = NULL;
		vv_screen_hide_cursor(frames->screen);
	}
	if (f->event != VV_SOURCE_SAME)
		vv_frames_show_message(frames, "No signal", f->detail, 0);
	vv_pacer_retry(frames->pacer, f->retry_at);
}

/* Shows the source's answer @f for a device that is there. */
static void
show_answer(struct vv_frames *frames, const struct vv_source_frame *f,
	    uint64_t now)
{
	const struct vv_query *q = &f->primary;
	char detail[sizeof(q->why.text) + 200];
	const char *name = vv_source_name(frames->source);
	int ret = q->error;

	if (ret && vv_device_error_is_transient(ret)) {
		vv_pacer_retry(frames->pacer, now + RETRY_TRANSIENT_NS);
	} else if (ret && keep_last_frame(frames, now)) {
		return;
	} else if (ret) {
		snprintf(detail, sizeof(detail),
			 "Asking %s for its picture failed: %s.", name,
			 strerror(-ret));
		vv_frames_show_message(frames, "No signal", detail,
				       RETRY_NO_SIGNAL_NS);
	} else if (q->status == VV_QUERY_NONE && keep_last_frame(frames, now)) {
		return;
	} else if (q->status == VV_QUERY_NONE) {
		vv_present_forget(frames->present, VV_PLANE_PRIMARY);
		snprintf(
		    detail, sizeof(detail),
		    "The guest shows nothing on %s: it is starting, or its display is off.",
		    name);
		vv_frames_show_message(frames, "No signal", detail,
				       RETRY_NO_SIGNAL_NS);
	} else if (q->status == VV_QUERY_INVALID) {
		snprintf(detail, sizeof(detail),
			 "%s reports a picture vgpu-view refuses: %s.", name,
			 q->why.text);
		vv_frames_show_message(frames, "Invalid picture", detail,
				       RETRY_NO_SIGNAL_NS);
	} else {
		show_guest(frames, &q->plane, &f->cursor, now);
	}
}

static bool
tick(struct vv_frames *frames, uint64_t now)
{
	struct vv_source_frame f;

	if (!vv_window_configured(vv_screen_window(frames->screen))) {
		vv_pacer_retry(frames->pacer, now + RETRY_TRANSIENT_NS);
		return false;
	}
	vv_source_frame(frames->source, now, &f);
	frames->stats->queries += f.queries;
	if (f.event == VV_SOURCE_BACK)
		frames->present = vv_present_create(
		    frames->wl, vv_source_buffers(frames->source),
		    frames->stats);
	if (f.gone) {
		show_gone(frames, &f);
		return false;
	}
	frames->stats->ticks++;
	if (now >= frames->next_expire) {
		vv_present_expire(frames->present, now);
		frames->next_expire = now + EXPIRE_EVERY_NS;
	}
	show_answer(frames, &f, now);
	return f.event == VV_SOURCE_BACK;
}
