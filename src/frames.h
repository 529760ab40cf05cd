/* What the guest surface shows, one tick at a time.
 *
 * Each tick (run by the pacer, pacer.h) queries the planes, attaches what
 * changed, and re-attaches and damages the primary even when nothing did,
 * because a guest drawing into its front buffer (fbcon, mdpy, bochs-drm
 * without flips) changes pixels without changing the plane. This costs one
 * ioctl per plane per displayed frame and no pixel on the zero-copy paths.
 * While nothing can be shown (no plane, an import in flight, a device
 * error), the tick shows why and asks the pacer to run it again later; a
 * device that is gone is the caller's to handle. */
#ifndef VV_FRAMES_H
#define VV_FRAMES_H

#include <stdint.h>

#include "device.h"
#include "input.h"
#include "pacer.h"
#include "plane.h"
#include "present.h"
#include "screen.h"
#include "stats.h"

struct vv_frames;

/* Frames of *@dev (the caller's; NULL while the device is gone) onto
 * @screen, paced by @pacer, counted in @stats: all borrowed. */
struct vv_frames *vv_frames_create(struct vv_device **dev,
				   struct vv_stats *stats,
				   struct vv_screen *screen,
				   struct vv_pacer *pacer);

/* NULL is fine. */
void vv_frames_destroy(struct vv_frames *frames);

/* The device's planes to wl_buffers (borrowed); NULL while it is gone. */
void vv_frames_set_present(struct vv_frames *frames,
			   struct vv_present *present);

/* One tick: query, attach, commit. 0, or -ENODEV when the device is gone
 * (nothing more is asked of it: the caller lets it go). */
int vv_frames_tick(struct vv_frames *frames);

/* Shows @title and @detail instead of the guest, and runs the tick again in
 * @retry_ns (0: not at all, something else will). */
void vv_frames_show_message(struct vv_frames *frames, const char *title,
			    const char *detail, uint64_t retry_ns);

/* The device is gone: its cursor and what was known of its planes. */
void vv_frames_forget(struct vv_frames *frames);

/* After a dispatch, the cursor to where @input's host pointer went
 * (absolute mode, input captured), without waiting for the guest. */
void vv_frames_follow_pointer(struct vv_frames *frames, struct vv_input *input);

/* The plane of @type last shown, or NULL; the primary ids shown so far. */
const struct vv_plane *vv_frames_shown(const struct vv_frames *frames,
				       enum vv_plane_type type);
uint64_t vv_frames_flips(const struct vv_frames *frames);

#endif
