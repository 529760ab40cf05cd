/* What the guest surface shows, one tick at a time.
 *
 * Each tick (run by the pacer, pacer.h) queries the planes, attaches what
 * changed, and re-attaches and damages the primary even when nothing did,
 * because a guest drawing into its front buffer (fbcon, mdpy, bochs-drm
 * without flips) changes pixels without changing the plane. This costs one
 * ioctl per plane per displayed frame and no pixel on the zero-copy paths.
 * While nothing can be shown (no plane, an import in flight, a device
 * error, a device gone), the tick shows why and asks the pacer to run it
 * again later. The source (source.h) answers; the frames own the present
 * (present.h) that turns its planes into wl_buffers, made anew when the
 * device comes back. */
#ifndef VV_FRAMES_H
#define VV_FRAMES_H

#include <stdbool.h>
#include <stdint.h>

#include "input.h"
#include "pacer.h"
#include "plane.h"
#include "present.h"
#include "screen.h"
#include "source.h"
#include "stats.h"

struct vv_frames;

/* Frames of @source onto @screen (over @wl), paced by @pacer, counted in
 * @stats: all borrowed. */
struct vv_frames *vv_frames_create(struct vv_source *source, struct vv_wl *wl,
				   struct vv_stats *stats,
				   struct vv_screen *screen,
				   struct vv_pacer *pacer);

/* NULL is fine. */
void vv_frames_destroy(struct vv_frames *frames);

/* The planes' paths to wl_buffers; NULL while the device is gone. */
const struct vv_present *vv_frames_present(const struct vv_frames *frames);

/* One tick: ask the source, attach, commit. True when the device came
 * back in it (after it went away). */
bool vv_frames_tick(struct vv_frames *frames);

/* Shows @title and @detail instead of the guest, and runs the tick again in
 * @retry_ns (0: not at all, something else will). */
void vv_frames_show_message(struct vv_frames *frames, const char *title,
			    const char *detail, uint64_t retry_ns);

/* After a dispatch, the cursor to where @input's host pointer went
 * (absolute mode, input captured), without waiting for the guest. */
void vv_frames_follow_pointer(struct vv_frames *frames, struct vv_input *input);

/* The plane of @type last shown, or NULL; the primary ids shown so far. */
const struct vv_plane *vv_frames_shown(const struct vv_frames *frames,
				       enum vv_plane_type type);
uint64_t vv_frames_flips(const struct vv_frames *frames);

#endif
