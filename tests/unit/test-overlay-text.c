/* What the overlay says, from the facts: every field the issue lists. */
#include <drm_fourcc.h>
#include <string.h>

#include "overlay-text.h"
#include "tst.h"

static void
lines_carry_every_fact(void)
{
	struct vv_plane primary = {
		.type = VV_PLANE_PRIMARY,
		.info = { .kind = VV_KIND_DMABUF,
			  .fourcc = DRM_FORMAT_XRGB8888,
			  .modifier = I915_FORMAT_MOD_X_TILED,
			  .width = 1920,
			  .height = 1080,
			  .stride = 7680,
			  .size = 8294400,
			  .id = 3 },
		.format = vv_format_lookup(DRM_FORMAT_XRGB8888),
	};
	struct vv_plane cursor = {
		.type = VV_PLANE_CURSOR,
		.info = { .kind = VV_KIND_DMABUF,
			  .fourcc = DRM_FORMAT_ARGB8888,
			  .width = 64,
			  .height = 64,
			  .stride = 256,
			  .size = 16384,
			  .x = 100,
			  .y = 50,
			  .hot_x = 3,
			  .hot_y = 5,
			  .id = 7 },
		.format = vv_format_lookup(DRM_FORMAT_ARGB8888),
	};
	struct vv_overlay_facts f = {
		.device = "mdev 1234 (GVTg_V5_4)",
		.address = "fd:3",
		.planes = { &primary, &cursor },
		.paths = { "zero-copy", "shm-import" },
		.flips_per_s = 59.9,
		.commits_per_s = 60.0,
		.presented_per_s = 60.0,
		.has_presentation = true,
		.latency_ms = 16.2,
		.dmabufs_held = 3,
		.scale_mode = "fit",
		.window_w = 1920,
		.window_h = 1080,
		.note = "snapshot: wrote a.png",
	};
	char lines[VV_OVERLAY_LINES][VV_OVERLAY_LINE];
	int n = vv_overlay_text(&f, lines);

	TST_CHECK(n == 6);
	TST_CHECK_STR(lines[0], "vgpu-view  mdev 1234 (GVTg_V5_4)  (fd:3)");
	TST_CHECK_STR(
	    lines[1],
	    "primary XR24 XRGB8888 INTEL_X_TILED 1920x1080 stride 7680 size 8294400 dmabuf 3 [zero-copy]");
	TST_CHECK_STR(
	    lines[2],
	    "cursor  AR24 ARGB8888 LINEAR 64x64 stride 256 size 16384 dmabuf 7 at 100,50 hot 3,5 [shm-import]");
	TST_CHECK_STR(
	    lines[3],
	    "guest flips 59.9/s  commits 60.0/s  presented 60.0/s  latency 16.2 ms");
	TST_CHECK_STR(lines[4],
		      "dma-bufs held 3 of 16  scale fit  window 1920x1080 px");
	TST_CHECK_STR(lines[5], "snapshot: wrote a.png");

	f.input = "qmp /run/vm1.qmp · tablet · captured";
	n = vv_overlay_text(&f, lines);
	TST_CHECK(n == 7);
	TST_CHECK_STR(lines[5], "input: qmp /run/vm1.qmp · tablet · captured");
	TST_CHECK_STR(lines[6], "snapshot: wrote a.png");
	f.input = NULL;

	f.planes[1] = NULL;
	f.has_presentation = false;
	f.note = NULL;
	n = vv_overlay_text(&f, lines);
	TST_CHECK(n == 5);
	TST_CHECK_STR(lines[2], "cursor  none");
	TST_CHECK(strstr(lines[3], "no wp_presentation") != NULL);
}

int
main(void)
{
	TST_RUN(lines_carry_every_fact);
	return tst_failures != 0;
}
