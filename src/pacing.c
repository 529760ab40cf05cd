/* One tick: what the guest surface shows.
 *
 * Each tick (run by the pacer, pacer.h) queries the planes, attaches what
 * changed, and re-attaches and damages the primary even when nothing did,
 * because a guest drawing into its front buffer (fbcon, mdpy, bochs-drm
 * without flips) changes pixels without changing the plane. This costs one
 * ioctl per plane per displayed frame and no pixel on the zero-copy paths.
 * While nothing can be shown (no plane, an import in flight, a device
 * error), the tick asks the pacer to run it again later. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "pointer-map.h"
#include "viewer-state.h"

#define EXPIRE_EVERY_NS (1000 * NS_PER_MS)

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

static void
commit_guest(struct vv_viewer *viewer, uint32_t width, uint32_t height)
{
	if (vv_pacer_wants_feedback(viewer->pacer,
				    vv_screen_overlay_shown(viewer->screen),
				    viewer->stats->commits))
		vv_pacer_watch_feedback(viewer->pacer,
					vv_screen_feedback(viewer->screen),
					viewer->stats->commits);
	vv_screen_commit(viewer->screen, width, height);
	viewer->stats->commits++;
}

/* Shows @title and @detail instead of the guest, and asks the device again
 * in @retry_ns (0: not at all, something else will). */
void
vv_viewer_show_message(struct vv_viewer *viewer, const char *title,
		       const char *detail, uint64_t retry_ns)
{
	uint32_t w, h;

	viewer->has_shown[VV_PLANE_PRIMARY] = false;
	viewer->has_shown[VV_PLANE_CURSOR] = false;
	if (vv_screen_show_message(viewer->screen, title, detail, &w, &h))
		commit_guest(viewer, w, h);
	vv_pacer_retry(viewer->pacer, retry_ns ? vv_now_ns() + retry_ns : 0);
}

/* Within one guest pixel. */
static bool
near(uint32_t a, uint32_t b)
{
	return a + 1 >= b && b + 1 >= a;
}

static struct vv_rect
cursor_rect(const struct vv_viewer *viewer, const struct vv_plane *primary,
	    const struct vv_plane_info *c, uint32_t x, uint32_t y)
{
	return vv_screen_cursor_rect(viewer->screen, primary->info.width,
				     primary->info.height, c, x, y);
}

void
vv_viewer_follow_pointer(struct vv_viewer *viewer)
{
	struct vv_input *input = &viewer->input;

	if (!input->cursor_moved)
		return;
	input->cursor_moved = false;
	if (!viewer->has_shown[VV_PLANE_CURSOR] ||
	    !viewer->has_shown[VV_PLANE_PRIMARY] ||
	    !vv_screen_cursor_shown(viewer->screen))
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
	if (vv_screen_move_cursor(viewer->screen, rect))
		viewer->stats->cursor_commits++;
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
		vv_screen_hide_cursor(viewer->screen);
		vv_present_forget(viewer->present, VV_PLANE_CURSOR);
		viewer->has_shown[VV_PLANE_CURSOR] = false;
		return;
	}
	ret = vv_present_frame(viewer->present, &plane, &buffer);
	if (ret == -EINPROGRESS)
		return;
	if (ret < 0) {
		vv_screen_hide_cursor(viewer->screen);
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
	if (vv_screen_show_cursor(viewer->screen, buffer,
				  ret == VV_FRAME_DAMAGE, rect))
		viewer->stats->cursor_commits++;
}

static void
show_guest(struct vv_viewer *viewer, const struct vv_plane *plane)
{
	struct wl_buffer *buffer;
	int ret = vv_present_frame(viewer->present, plane, &buffer);

	if (ret == -EINPROGRESS) {
		vv_pacer_retry(viewer->pacer, vv_now_ns() + RETRY_PENDING_NS);
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
	if (vv_screen_attach(viewer->screen, buffer))
		viewer->stats->attaches++;
	if (plane->info.id != viewer->last_primary_id ||
	    !viewer->has_shown[VV_PLANE_PRIMARY])
		viewer->flips++;
	viewer->last_primary_id = plane->info.id;
	viewer->shown[VV_PLANE_PRIMARY] = *plane;
	viewer->has_shown[VV_PLANE_PRIMARY] = true;
	viewer->shown_ns = vv_now_ns();
	update_cursor(viewer, plane);
	/* Asked for before the commit it follows. */
	if (vv_pacer_shown(viewer->pacer))
		vv_pacer_watch_frame(viewer->pacer,
				     vv_screen_frame(viewer->screen));
	commit_guest(viewer, plane->info.width, plane->info.height);
}

/* Whatever the device answered, something must wake the viewer again: a
 * frame callback, a tick timer or the reopen timer. Without one the
 * window would freeze for good on an answer nobody foresaw. */
static void
ensure_wakeup(struct vv_viewer *viewer)
{
	if (vv_pacer_waiting(viewer->pacer) ||
	    vv_timer_deadline(viewer->reopen_timer))
		return;
	vv_debug("no wake-up pending after a tick: asking again in %llu ms",
		 (unsigned long long)(RETRY_NO_SIGNAL_NS / NS_PER_MS));
	vv_pacer_retry(viewer->pacer, vv_now_ns() + RETRY_NO_SIGNAL_NS);
}

static void tick(struct vv_viewer *viewer);

void
vv_viewer_tick(struct vv_viewer *viewer)
{
	vv_pacer_tick_begin(viewer->pacer, vv_now_ns());
	tick(viewer);
	if (*viewer->dev)
		ensure_wakeup(viewer);
	vv_pacer_schedule(viewer->pacer);
}

/* The device answered without a picture: keep the last frame while it is
 * recent (NO_SIGNAL_GRACE_NS), asking again meanwhile. */
static bool
keep_last_frame(struct vv_viewer *viewer, uint64_t now)
{
	if (!viewer->has_shown[VV_PLANE_PRIMARY] ||
	    now - viewer->shown_ns >= NO_SIGNAL_GRACE_NS)
		return false;
	vv_pacer_retry(viewer->pacer, now + RETRY_NO_SIGNAL_NS);
	return true;
}

static void
tick(struct vv_viewer *viewer)
{
	struct vv_plane_info raw;
	struct vv_plane plane;
	char why[160], detail[512];
	uint64_t now = vv_now_ns();

	if (!vv_window_configured(vv_screen_window(viewer->screen))) {
		vv_pacer_retry(viewer->pacer, now + RETRY_TRANSIENT_NS);
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
		vv_pacer_retry(viewer->pacer, now + RETRY_TRANSIENT_NS);
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
