/* The live window: wires the pacer, the screen, the frames and the source
 * together, handles key commands, keeps the overlay current, offers the
 * guest the window's size once a drag stops, tears down. What is shown is
 * frames.c's, when pacer.c's, the device and its comings and goings the
 * source's (source/source.h). */
#include "viewer.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "frames.h"
#include "input.h"
#include "log.h"
#include "loop.h"
#include "output.h"
#include "overlay-text.h"
#include "pacer.h"
#include "present.h"
#include "qmp-find.h"
#include "qmp.h"
#include "query.h"
#include "screen.h"
#include "snapshot.h"
#include "source.h"

#define NS_PER_MS 1000000ull
/* A few repaints a second are readable and cost next to nothing. */
#define OVERLAY_EVERY_NS (250 * NS_PER_MS)
/* A drag resizes the window many times a second; the guest gets a mode
 * once the size holds this long (a mode set costs the guest a flicker). */
#define RESIZE_SETTLE_NS (400 * NS_PER_MS)

struct vv_viewer {
	const struct vv_viewer_config *config;
	struct vv_source *source; /* borrowed */
	struct vv_stats *stats;   /* borrowed */
	struct vv_wl *wl;
	struct vv_loop loop;
	struct vv_pacer *pacer; /* runs the tick */
	struct vv_screen *screen;
	struct vv_frames *frames;
	struct vv_input *input;
	struct vv_qmp *qmp;              /* guest input; NULL: none */
	struct vv_timer *overlay_timer;  /* repaint the debug overlay */
	struct vv_timer *snapshot_timer; /* the snapshot key was pressed */
	struct vv_timer *resize_timer;   /* offer the window's size */

	/* Overlay rates: the counters at its last repaint. */
	uint64_t rate_at, rate_flips, rate_commits, rate_presented;
	char note[VV_OVERLAY_LINE];
};

static double
rate(uint64_t now_count, uint64_t then_count, uint64_t ns)
{
	return ns ? (double)(now_count - then_count) * 1e9 / (double)ns : 0.0;
}

/* Draws the overlay with fresh facts and shows it; called only while it is
 * shown or being shown. */
static void
update_overlay(struct vv_viewer *viewer)
{
	struct vv_overlay_facts facts = { 0 };
	char lines[VV_OVERLAY_LINES][VV_OVERLAY_LINE];
	uint64_t now = vv_now_ns(), ns = now - viewer->rate_at;
	const struct vv_present *present = vv_frames_present(viewer->frames);
	const struct vv_pacer_stats *presented = vv_pacer_stats(viewer->pacer);

	facts.device = vv_source_gone(viewer->source)
			   ? "(gone)"
			   : vv_source_name(viewer->source);
	facts.address = viewer->config->address;
	for (int t = 0; t < VV_PLANE_TYPE_COUNT; t++) {
		facts.planes[t] = vv_frames_shown(viewer->frames, t);
		facts.paths[t] = present
				     ? vv_path_name(vv_present_path(present, t))
				     : "none";
	}
	facts.flips_per_s =
	    rate(vv_frames_flips(viewer->frames), viewer->rate_flips, ns);
	facts.commits_per_s =
	    rate(viewer->stats->commits, viewer->rate_commits, ns);
	facts.presented_per_s =
	    rate(presented->presented, viewer->rate_presented, ns);
	facts.has_presentation = viewer->wl->presentation != NULL;
	facts.latency_ms = -1;
	if (viewer->wl->presentation && presented->latency_n)
		facts.latency_ms = (double)presented->latency_sum_ns /
				   (double)presented->latency_n / 1e6;
	facts.dmabufs_held = vv_source_dmabufs_held(viewer->source);
	facts.scale_mode = vv_scale_mode_name(
	    vv_window_scale_mode(vv_screen_window(viewer->screen)));
	vv_window_physical_size(vv_screen_window(viewer->screen),
				&facts.window_w, &facts.window_h);
	facts.note = viewer->note[0] ? viewer->note : NULL;
	char input[VV_OVERLAY_LINE];
	if (viewer->qmp) {
		vv_qmp_describe(viewer->qmp, input, sizeof(input));
		size_t used = strlen(input);
		snprintf(input + used, sizeof(input) - used, " · %s%s",
			 vv_input_captured(viewer->input) ? "captured"
							  : "released",
			 vv_input_locked(viewer->input) ? " · locked" : "");
		facts.input = input;
	}

	viewer->rate_at = now;
	viewer->rate_flips = vv_frames_flips(viewer->frames);
	viewer->rate_commits = viewer->stats->commits;
	viewer->rate_presented = presented->presented;
	vv_pacer_reset_latency(viewer->pacer);

	int n = vv_overlay_text(&facts, lines);
	int ret = vv_screen_show_overlay(viewer->screen, lines, n);
	if (ret && ret != -EBUSY)
		vv_warn("cannot draw the overlay: %s", strerror(-ret));
	vv_timer_arm(viewer->overlay_timer, now + OVERLAY_EVERY_NS);
}

static void
toggle_overlay(struct vv_viewer *viewer)
{
	if (vv_screen_overlay_shown(viewer->screen)) {
		vv_screen_hide_overlay(viewer->screen);
		vv_timer_arm(viewer->overlay_timer, 0);
		viewer->rate_at = 0;
		return;
	}
	viewer->rate_at = vv_now_ns();
	viewer->rate_flips = vv_frames_flips(viewer->frames);
	viewer->rate_commits = viewer->stats->commits;
	viewer->rate_presented = vv_pacer_stats(viewer->pacer)->presented;
	update_overlay(viewer);
}

/* The snapshot key: a PNG of what the guest shows, in the current
 * directory, named by the time. */
static void
take_snapshot(struct vv_viewer *viewer)
{
	char path[64];
	struct vv_err err = { 0 };
	time_t now = time(NULL);
	struct tm tm;

	if (vv_source_gone(viewer->source)) {
		snprintf(viewer->note, sizeof(viewer->note),
			 "snapshot: no device");
		return;
	}
	localtime_r(&now, &tm);
	strftime(path, sizeof(path), "vgpu-view-%Y%m%d-%H%M%S.png", &tm);
	if (vv_snapshot_write(viewer->source, path, &err)) {
		vv_warn("snapshot: %s", err.text);
		snprintf(viewer->note, sizeof(viewer->note),
			 "snapshot failed: %.120s", err.text);
	} else {
		vv_info("snapshot: wrote %s", path);
		snprintf(viewer->note, sizeof(viewer->note),
			 "snapshot: wrote %s", path);
	}
	if (vv_screen_overlay_shown(viewer->screen))
		update_overlay(viewer);
}

static void
on_command(void *data, enum vv_command command)
{
	struct vv_viewer *viewer = data;
	struct vv_window *window = vv_screen_window(viewer->screen);

	switch (command) {
	case VV_COMMAND_FULLSCREEN:
		vv_window_set_fullscreen(window, !vv_window_fullscreen(window));
		break;
	case VV_COMMAND_OVERLAY:
		toggle_overlay(viewer);
		break;
	case VV_COMMAND_SCALE: {
		enum vv_scale_mode next =
		    (vv_window_scale_mode(window) + 1) % VV_SCALE_COUNT;
		vv_info("scale: %s", vv_scale_mode_name(next));
		vv_window_set_scale_mode(window, next);
		break;
	}
	case VV_COMMAND_SNAPSHOT:
		/* Settle waits and a PNG encode: from the loop, not the key
		 * handler. */
		vv_timer_arm(viewer->snapshot_timer, vv_now_ns());
		break;
	case VV_COMMAND_QUIT:
		viewer->loop.quit = true;
		break;
	case VV_COMMAND_RELEASE: /* the seat's, only with --qmp */
		break;
	case VV_COMMAND_COUNT:
		break;
	}
}

/* The window's size changed: a window the compositor sized (a drag,
 * maximize, fullscreen) asks for a guest mode, once the size holds; a
 * window sized by the guest does not. A vv_window_on_resize handler. */
static void
window_resized(void *data)
{
	struct vv_viewer *viewer = data;

	if (!viewer->config->settings.resize_guest ||
	    !vv_window_user_sized(vv_screen_window(viewer->screen)))
		return;
	vv_timer_arm(viewer->resize_timer, vv_now_ns() + RESIZE_SETTLE_NS);
}

static void
resize_fired(void *data)
{
	struct vv_viewer *viewer = data;
	uint32_t w, h;

	vv_window_physical_size(vv_screen_window(viewer->screen), &w, &h);
	vv_source_offer_mode(viewer->source, w, h);
}

static void
tick(void *data)
{
	struct vv_viewer *viewer = data;

	/* A device that came back is offered the window's size anew. */
	if (vv_frames_tick(viewer->frames))
		window_resized(viewer);
}

static void
overlay_fired(void *data)
{
	struct vv_viewer *viewer = data;

	if (vv_screen_overlay_shown(viewer->screen))
		update_overlay(viewer);
}

static void
snapshot_fired(void *data)
{
	take_snapshot(data);
}

/* The guest's size before the window exists: the window opens at it. */
static void
first_size(struct vv_source *source, uint32_t *width, uint32_t *height)
{
	struct vv_query q;

	*width = 1024;
	*height = 768;
	vv_source_query(source, VV_PLANE_PRIMARY, VV_QUERY_SETTLED, &q);
	if (q.status == VV_QUERY_PLANE) {
		*width = q.plane.info.width;
		*height = q.plane.info.height;
	}
}

/* The output named @name, or NULL (with a warning naming the ones there
 * are) when there is none. */
static struct wl_output *
find_output(struct vv_wl *wl, const char *name)
{
	struct vv_output *output;
	char names[256] = "";
	size_t used = 0;

	if (!name)
		return NULL;
	wl_list_for_each (output, &wl->outputs, link) {
		if (strcmp(output->name, name) == 0)
			return output->output;
		if (used < sizeof(names))
			used += (size_t)snprintf(
			    names + used, sizeof(names) - used, "%s%s",
			    used ? ", " : "",
			    output->name[0] ? output->name : "(unnamed)");
	}
	vv_warn(
	    "there is no output %s (there are: %s); going fullscreen where the compositor likes",
	    name, names[0] ? names : "none");
	return NULL;
}

/* After the last dispatch before poll: the loop flushes right after, so
 * what this asks of the compositor goes out in this turn. */
static void
before_poll(void *data)
{
	struct vv_viewer *viewer = data;

	if (viewer->qmp) {
		/* --cursor guest: only the guest's plane places the cursor */
		if (!viewer->config->cursor_guest)
			vv_frames_follow_pointer(viewer->frames, viewer->input);
		vv_qmp_before_poll(viewer->qmp);
		vv_input_sync_capture(viewer->input);
	}
	/* After the frame callbacks dispatched: when the next tick runs. */
	vv_pacer_schedule(viewer->pacer);
}

static void
qmp_ready(void *data, short revents)
{
	struct vv_viewer *viewer = data;

	vv_qmp_handle(viewer->qmp, revents);
}

/* The seat's guest input (guest-input.h) carried by QEMU's QMP socket:
 * the screen side knows the interface, qmp.c the socket, and only here
 * do they meet. */
static bool
qmp_input_ready(void *data)
{
	return vv_qmp_ready(data);
}

static bool
qmp_input_absolute(void *data)
{
	return vv_qmp_absolute(data);
}

static bool
qmp_input_has_key(void *data, uint32_t key)
{
	return vv_qmp_has_key(key);
}

static bool
qmp_input_has_button(void *data, uint32_t button)
{
	return vv_qmp_has_button(button);
}

static void
qmp_input_key(void *data, uint32_t key, bool down)
{
	vv_qmp_key(data, key, down);
}

static void
qmp_input_button(void *data, uint32_t button, bool down)
{
	vv_qmp_button(data, button, down);
}

static void
qmp_input_wheel(void *data, bool vertical, int32_t steps)
{
	vv_qmp_wheel(data, vertical, steps);
}

static void
qmp_input_abs(void *data, uint32_t x, uint32_t y)
{
	vv_qmp_abs(data, x, y);
}

static void
qmp_input_rel(void *data, int32_t dx, int32_t dy)
{
	vv_qmp_rel(data, dx, dy);
}

static const struct vv_guest_input_ops qmp_input_ops = {
	.ready = qmp_input_ready,
	.absolute = qmp_input_absolute,
	.has_key = qmp_input_has_key,
	.has_button = qmp_input_has_button,
	.key = qmp_input_key,
	.button = qmp_input_button,
	.wheel = qmp_input_wheel,
	.abs = qmp_input_abs,
	.rel = qmp_input_rel,
};

/* Keys and pointer to the guest through QEMU's QMP socket, set in @ic:
 * captured from the start; the release binding (Ctrl+Alt+g) gives them
 * back to the viewer (not in a kiosk, which has no bindings to give them
 * to). */
static void
start_guest_input(struct vv_viewer *viewer, struct vv_input_config *ic)
{
	const char *path = viewer->config->qmp;
	char found[4096];
	struct vv_err err = { 0 };

	if (strncmp(path, "pid:", 4) == 0) {
		if (vv_qmp_find_pid(path, found, sizeof(found), &err)) {
			vv_warn("input: %s; the guest gets no input", err.text);
			return;
		}
		vv_info("input: QMP socket of %s: %s", path, found);
		path = found;
	}
	viewer->qmp =
	    vv_qmp_create(&viewer->loop, path, viewer->config->pointer);
	viewer->loop.on_extra = qmp_ready;
	ic->guest = (struct vv_guest_input){
		.ops = &qmp_input_ops,
		.data = viewer->qmp,
	};
	if (!viewer->config->kiosk)
		ic->release =
		    viewer->config->settings.bindings.keys[VV_COMMAND_RELEASE];
}

static void
viewer_finish(struct vv_viewer *viewer)
{
	vv_pacer_destroy(viewer->pacer);
	vv_frames_destroy(viewer->frames);
	vv_input_destroy(viewer->input);
	vv_qmp_destroy(viewer->qmp);
	vv_screen_destroy(viewer->screen);
	vv_timer_destroy(viewer->overlay_timer);
	vv_timer_destroy(viewer->snapshot_timer);
	vv_timer_destroy(viewer->resize_timer);
	vv_loop_finish(&viewer->loop);
	if (viewer->wl)
		wl_display_flush(viewer->wl->display);
	vv_wl_destroy(viewer->wl);
}

/* The connection and the loop, with the timers of the viewer's own. */
static int
start_loop(struct vv_viewer *viewer, struct vv_err *err)
{
	const struct vv_viewer_config *config = viewer->config;

	viewer->wl = vv_wl_connect(err);
	if (!viewer->wl)
		return -err->code;
	int ret = vv_loop_init(&viewer->loop, viewer->wl->display, err);
	if (ret)
		return ret;
	viewer->loop.data = viewer;
	viewer->pacer =
	    vv_pacer_create(&viewer->loop, viewer->wl, config->pacing,
			    config->pacing_ms * NS_PER_MS, tick, viewer);
	viewer->loop.before_poll = before_poll;
	viewer->overlay_timer =
	    vv_loop_add_timer(&viewer->loop, overlay_fired, viewer);
	viewer->snapshot_timer =
	    vv_loop_add_timer(&viewer->loop, snapshot_fired, viewer);
	viewer->resize_timer =
	    vv_loop_add_timer(&viewer->loop, resize_fired, viewer);
	/* A kiosk has no terminal to lose: a hang-up (its tty taken over,
	 * the shell that started it gone) leaves the screen up. SIGTERM
	 * (systemctl stop) and SIGINT (Ctrl+C where a person started it;
	 * under cage the keyboard never reaches the tty) end it. */
	viewer->loop.survive_hup = config->kiosk;
	return 0;
}

/* The window at the guest's size, and the frames that fill it. */
static int
open_window(struct vv_viewer *viewer, struct vv_err *err)
{
	const struct vv_viewer_config *config = viewer->config;
	bool fullscreen = config->kiosk || config->fullscreen;
	uint32_t width, height;

	first_size(viewer->source, &width, &height);
	struct vv_window_config wc = {
		.title = config->title ? config->title
				       : vv_source_name(viewer->source),
		.app_id = config->app_id ? config->app_id : "vgpu-view",
		.scale_mode = config->settings.scale,
		.fullscreen = fullscreen,
		.output =
		    find_output(viewer->wl, fullscreen ? config->output : NULL),
	};
	viewer->screen = vv_screen_create(viewer->wl, &wc, width, height, err);
	if (!viewer->screen)
		return -err->code;
	struct vv_window *window = vv_screen_window(viewer->screen);
	viewer->frames =
	    vv_frames_create(viewer->source, viewer->wl, viewer->stats,
			     viewer->screen, viewer->pacer);
	vv_window_on_resize(window, window_resized, viewer);
	return 0;
}

static void
start_input(struct vv_viewer *viewer)
{
	const struct vv_viewer_config *config = viewer->config;

	/* A kiosk is a screen: no keys change it, no pointer shows. */
	struct vv_input_config ic = {
		.window = vv_screen_window(viewer->screen),
		.bindings = config->kiosk ? NULL : &config->settings.bindings,
		.hide_pointer = config->kiosk,
		.on_command = on_command,
		.data = viewer,
	};
	if (config->qmp && !config->view_only)
		start_guest_input(viewer, &ic);
	viewer->input = vv_input_create(viewer->wl, &ic);
}

int
vv_viewer_run(const struct vv_viewer_config *config, struct vv_source *source,
	      struct vv_stats *stats, struct vv_err *err)
{
	struct vv_viewer viewer = {
		.config = config,
		.source = source,
		.stats = stats,
		.loop = { .signal_fd = -1, .timer_fd = -1 },
	};
	int ret = start_loop(&viewer, err);

	if (ret == 0)
		ret = open_window(&viewer, err);
	if (ret) {
		viewer_finish(&viewer);
		return ret;
	}
	start_input(&viewer);
	if (config->settings.overlay)
		toggle_overlay(&viewer);
	vv_pacer_retry(viewer.pacer, vv_now_ns());

	/* A kiosk ends on SIGTERM or SIGINT only: a compositor closing the
	 * window is not a user asking. */
	struct vv_window *window = vv_screen_window(viewer.screen);
	while (!viewer.loop.quit &&
	       (config->kiosk || !vv_window_close_requested(window))) {
		ret = vv_loop_run_once(&viewer.loop, err);
		if (ret)
			break;
	}
	viewer_finish(&viewer);
	return ret;
}

void
vv_stats_print(const struct vv_stats *stats, FILE *out)
{
	fprintf(
	    out,
	    "ticks=%llu queries=%llu commits=%llu attaches=%llu cursor_commits=%llu pixel_bytes=%llu dmabuf_maps=%llu imports=%llu import_failures=%llu\n",
	    (unsigned long long)stats->ticks,
	    (unsigned long long)stats->queries,
	    (unsigned long long)stats->commits,
	    (unsigned long long)stats->attaches,
	    (unsigned long long)stats->cursor_commits,
	    (unsigned long long)stats->pixel_bytes,
	    (unsigned long long)stats->dmabuf_maps,
	    (unsigned long long)stats->imports,
	    (unsigned long long)stats->import_failures);
}
