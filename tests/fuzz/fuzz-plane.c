/* Plane metadata as a driver reports it (a guest writes the registers it is
 * decoded from): vv_plane_validate, and for every plane it accepts what the
 * viewer derives from it — the span, the backing check, the --info line,
 * tile offsets, and the CPU conversion (copy path, snapshots) reading a
 * buffer of exactly the validated span, so that any read past what the
 * validator promised is an ASan report.
 *
 * Input: one flags byte (bit 0: cursor plane; bit 1: fourcc is an index
 * into the formats below; bit 2: modifier is an index into the modifiers
 * below; bits 3-4: the plane kind), then little-endian fourcc (u32),
 * modifier (u64), width, height, stride, size, x, y, hot_x, hot_y, id (u32
 * each); the rest fills the pixel buffer, repeated. */
#include <drm_fourcc.h>
#include <errno.h>
#include <stdio.h>

#include "format.h"
#include "fuzz.h"
#include "log.h"
#include "plane.h"

/* Conversions larger than this are skipped: the arithmetic is the same,
 * and a fuzzer's iteration must stay fast. */
#define MAX_SPAN      (64u << 10)
#define MAX_DST_BYTES (256u << 10)

static const uint32_t fourccs[] = {
	DRM_FORMAT_XRGB8888,    DRM_FORMAT_ARGB8888,    DRM_FORMAT_XBGR8888,
	DRM_FORMAT_ABGR8888,    DRM_FORMAT_XRGB2101010, DRM_FORMAT_ARGB2101010,
	DRM_FORMAT_XBGR2101010, DRM_FORMAT_ABGR2101010, DRM_FORMAT_RGB565,
	DRM_FORMAT_C8,          DRM_FORMAT_YUYV,        DRM_FORMAT_YVYU,
	DRM_FORMAT_UYVY,        DRM_FORMAT_VYUY,        DRM_FORMAT_NV12,
	DRM_FORMAT_RGB888,
};

static const uint64_t modifiers[] = {
	DRM_FORMAT_MOD_LINEAR,   I915_FORMAT_MOD_X_TILED,
	I915_FORMAT_MOD_Y_TILED, I915_FORMAT_MOD_Yf_TILED,
	DRM_FORMAT_MOD_INVALID,  I915_FORMAT_MOD_Y_TILED_CCS,
};

static void
fill(uint8_t *buf, size_t len, const struct vv_fuzz_input *rest)
{
	size_t done = 0;

	if (!rest->size) {
		memset(buf, 0x5a, len);
		return;
	}
	while (done < len) {
		size_t n = len - done < rest->size ? len - done : rest->size;
		memcpy(buf + done, rest->data, n);
		done += n;
	}
}

/* The byte at column @xb of row @y lies inside the span. */
static void
check_offset(const struct vv_plane *plane, uint32_t xb, uint32_t y)
{
	size_t off = vv_tiling_offset(plane->tiling, plane->info.stride, xb, y);

	if (off >= vv_plane_span(plane)) {
		fprintf(stderr,
			"byte %u of row %u at %zu is past the span %zu\n", xb,
			y, off, vv_plane_span(plane));
		abort();
	}
}

static void
exercise(const struct vv_plane *plane, const struct vv_fuzz_input *rest)
{
	const struct vv_plane_info *p = &plane->info;
	size_t span = vv_plane_span(plane);
	struct vv_err why = { 0 };
	char line[512], tiny[16];
	uint32_t row = vv_format_row_bytes(plane->format, p->width);

	/* What validation promised every consumer. */
	if (span > p->size || span < (size_t)p->stride * p->height ||
	    p->stride < row ||
	    vv_plane_check_backing(plane, p->size, &why) != 0)
		abort();
	vv_plane_check_backing(plane, span ? span - 1 : 0, &why);
	vv_plane_describe(plane->type, plane, line, sizeof(line));
	vv_plane_describe(plane->type, plane, tiny, sizeof(tiny));

	check_offset(plane, 0, 0);
	check_offset(plane, row - 1, 0);
	check_offset(plane, 0, p->height - 1);
	check_offset(plane, row - 1, p->height - 1);

	if (plane->tiling == VV_TILING_UNKNOWN || span > MAX_SPAN ||
	    (uint64_t)p->width * p->height * 4 > MAX_DST_BYTES)
		return;
	uint8_t *src = malloc(span ? span : 1);
	uint32_t *dst = malloc((size_t)p->width * p->height * 4);
	struct vv_format_scratch scratch = { 0 };
	if (!src || !dst)
		abort();
	fill(src, span, rest);
	int ret = vv_format_convert(plane->format, plane->tiling, src, span,
				    p->stride, p->width, p->height, dst,
				    p->width * 4);
	/* Twice through one scratch: what the copy path does every frame. */
	for (int i = 0; !ret && i < 2; i++)
		ret = vv_format_convert_scratch(
		    plane->format, plane->tiling, src, span, p->stride,
		    p->width, p->height, dst, p->width * 4, &scratch);
	vv_format_scratch_finish(&scratch);
	free(src);
	free(dst);
	/* A plane validation accepted must convert from its span. */
	if (ret != 0 && ret != -ENOMEM) {
		fprintf(stderr, "a valid plane failed to convert: %d\n", ret);
		abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vv_fuzz_input in = { data, size };
	struct vv_plane_info raw = { 0 };
	struct vv_plane plane;
	struct vv_plane_tracker tracker = { 0 };
	struct vv_err why = { 0 };
	uint8_t flags = (uint8_t)vv_fuzz_take(&in, 1);
	enum vv_plane_type type =
	    flags & 1 ? VV_PLANE_CURSOR : VV_PLANE_PRIMARY;

	vv_log_set_level(VV_LOG_ERROR);
	raw.fourcc = vv_fuzz_u32(&in);
	if (flags & 2)
		raw.fourcc = fourccs[raw.fourcc %
				     (sizeof(fourccs) / sizeof(fourccs[0]))];
	raw.modifier = vv_fuzz_take(&in, 8);
	if (flags & 4)
		raw.modifier = modifiers[raw.modifier % (sizeof(modifiers) /
							 sizeof(modifiers[0]))];
	raw.kind = (enum vv_plane_kind)((flags >> 3) % 3);
	raw.width = vv_fuzz_u32(&in);
	raw.height = vv_fuzz_u32(&in);
	raw.stride = vv_fuzz_u32(&in);
	raw.size = vv_fuzz_u32(&in);
	raw.x = vv_fuzz_u32(&in);
	raw.y = vv_fuzz_u32(&in);
	raw.hot_x = vv_fuzz_u32(&in);
	raw.hot_y = vv_fuzz_u32(&in);
	raw.id = vv_fuzz_u32(&in);

	vv_plane_tracker_update(&tracker, 0, &raw);
	vv_plane_tracker_update(&tracker, 0, &raw);
	if (vv_plane_validate(type, &raw, &plane, &why) == 0)
		exercise(&plane, &in);
	return 0;
}
