/* Plane validation against what buggy drivers and hostile guests report. */
#include <drm_fourcc.h>
#include <errno.h>
#include <stdint.h>

#include "plane.h"
#include "tst.h"

static struct vv_plane_info
good_primary(void)
{
	return (struct vv_plane_info){
		.kind = VV_KIND_DMABUF,
		.fourcc = DRM_FORMAT_XRGB8888,
		.modifier = DRM_FORMAT_MOD_LINEAR,
		.width = 640,
		.height = 480,
		.stride = 2560,
		.size = 2560 * 480,
		.id = 1,
	};
}

static int
check(struct vv_plane_info raw, const char *why_contains)
{
	struct vv_plane plane;
	struct vv_err why = { 0 };
	int ret = vv_plane_validate(VV_PLANE_PRIMARY, &raw, &plane, &why);
	if (why_contains && !strstr(why.text, why_contains)) {
		fprintf(stderr, "  reason \"%s\" lacks \"%s\"\n", why.text,
			why_contains);
		return 1;
	}
	return ret;
}

static void
test_good_planes_pass(void)
{
	struct vv_plane_info p = good_primary();
	TST_CHECK(check(p, NULL) == 0);

	/* mdpy: size is the whole region, larger than the rows. */
	p.kind = VV_KIND_REGION;
	p.id = 16;
	p.size = 2 << 20;
	TST_CHECK(check(p, NULL) == 0);

	/* GVT-g X-tiled: stride a multiple of 512, rows rounded up to 8. */
	p = good_primary();
	p.modifier = I915_FORMAT_MOD_X_TILED;
	p.height = 475;
	p.size = 2560 * 480;
	TST_CHECK(check(p, NULL) == 0);
	p.size = 2560 * 475;
	TST_CHECK(check(p, "rows") == -EINVAL);

	/* RGB565 at an odd width: a stride of width * 2 is enough. */
	p = good_primary();
	p.fourcc = DRM_FORMAT_RGB565;
	p.width = 641;
	p.stride = 1282;
	p.size = 1282 * 480;
	TST_CHECK(check(p, NULL) == 0);

	/* YUYV stores pairs: an odd width needs the pair's bytes. */
	p.fourcc = DRM_FORMAT_YUYV;
	TST_CHECK(check(p, "shorter than a row") == -EINVAL);
	p.stride = 1284;
	p.size = 1284 * 480;
	TST_CHECK(check(p, NULL) == 0);
}

static void
test_garbage_is_refused(void)
{
	struct vv_plane_info p;

	p = good_primary();
	p.width = 0;
	TST_CHECK(check(p, "outside 1..16384") == -EINVAL);
	p = good_primary();
	p.height = 16385;
	TST_CHECK(check(p, "outside 1..16384") == -EINVAL);
	p = good_primary();
	p.width = UINT32_MAX;
	TST_CHECK(check(p, "outside") == -EINVAL);

	p = good_primary();
	p.fourcc = 0x12345678;
	TST_CHECK(check(p, "format 0x12345678 is not a known") == -EINVAL);
	p.fourcc = DRM_FORMAT_NV12; /* planar: no vGPU scans it out */
	TST_CHECK(check(p, "NV12 is not a known") == -EINVAL);

	p = good_primary();
	p.stride = 2559;
	TST_CHECK(check(p, "stride 2559 is shorter") == -EINVAL);
	p.stride = 0;
	TST_CHECK(check(p, "stride 0") == -EINVAL);

	/* The rows do not fit: the classic out-of-bounds read. */
	p = good_primary();
	p.size = 2560 * 480 - 1;
	TST_CHECK(check(p, "need 1228800 bytes but the plane has 1228799") ==
		  -EINVAL);

	/* 16384 rows of a 4 GiB stride: 64-bit arithmetic, no wrap. */
	p = good_primary();
	p.width = 16384;
	p.height = 16384;
	p.stride = UINT32_MAX;
	p.size = UINT32_MAX;
	TST_CHECK(check(p, "need") == -EINVAL);

	/* Tiled stride must hold whole tiles. */
	p = good_primary();
	p.modifier = I915_FORMAT_MOD_Y_TILED;
	p.stride = 2560 + 64;
	p.size = p.stride * 480;
	TST_CHECK(check(p, "128-byte tiles") == -EINVAL);
}

static void
test_hotspot(void)
{
	struct vv_plane_info c = {
		.kind = VV_KIND_DMABUF,
		.fourcc = DRM_FORMAT_ARGB8888,
		.width = 64,
		.height = 64,
		.stride = 256,
		.size = 256 * 64,
		.x = 100,
		.y = 50,
		.hot_x = 3,
		.hot_y = 4,
		.id = 2,
	};
	struct vv_plane plane;
	struct vv_err why = { 0 };

	TST_CHECK(vv_plane_validate(VV_PLANE_CURSOR, &c, &plane, &why) == 0);
	TST_CHECK(plane.info.hot_x == 3 && plane.info.hot_y == 4);

	/* GVT-g's "no hotspot" */
	c.hot_x = c.hot_y = VV_HOTSPOT_NONE;
	TST_CHECK(vv_plane_validate(VV_PLANE_CURSOR, &c, &plane, &why) == 0);
	TST_CHECK(plane.info.hot_x == 0 && plane.info.hot_y == 0);

	/* outside the image: treated as none, both coordinates */
	c.hot_x = 10;
	c.hot_y = 64;
	TST_CHECK(vv_plane_validate(VV_PLANE_CURSOR, &c, &plane, &why) == 0);
	TST_CHECK(plane.info.hot_x == 0 && plane.info.hot_y == 0);
}

static void
test_backing(void)
{
	struct vv_plane_info p = good_primary();
	struct vv_plane plane;
	struct vv_err why = { 0 };

	TST_CHECK(vv_plane_validate(VV_PLANE_PRIMARY, &p, &plane, &why) == 0);
	TST_CHECK(vv_plane_check_backing(&plane, 2560 * 480, &why) == 0);
	/* A driver that claims more than the dma-buf holds. */
	TST_CHECK(vv_plane_check_backing(&plane, 4096, &why) == -EINVAL);
	TST_CHECK(strstr(why.text, "larger than its buffer (4096 bytes)") !=
		  NULL);
}

static void
test_describe(void)
{
	struct vv_plane_info p = good_primary();
	struct vv_plane plane;
	struct vv_err why = { 0 };
	char line[512];

	vv_plane_validate(VV_PLANE_PRIMARY, &p, &plane, &why);
	vv_plane_describe(VV_PLANE_PRIMARY, &plane, line, sizeof(line));
	TST_CHECK_STR(
	    line,
	    "plane=primary format=XR24 modifier=LINEAR width=640 height=480 stride=2560 size=1228800 kind=dmabuf dmabuf_id=1 x=0 y=0");

	p.kind = VV_KIND_REGION;
	p.id = 16;
	p.size = 2097152;
	vv_plane_validate(VV_PLANE_PRIMARY, &p, &plane, &why);
	vv_plane_describe(VV_PLANE_PRIMARY, &plane, line, sizeof(line));
	TST_CHECK_STR(
	    line,
	    "plane=primary format=XR24 modifier=LINEAR width=640 height=480 stride=2560 size=2097152 kind=region region=16 x=0 y=0");

	vv_plane_describe(VV_PLANE_CURSOR, NULL, line, sizeof(line));
	TST_CHECK_STR(line, "plane=cursor state=none");

	struct vv_plane_info c = {
		.kind = VV_KIND_DMABUF,
		.fourcc = DRM_FORMAT_ARGB8888,
		.modifier = I915_FORMAT_MOD_X_TILED,
		.width = 64,
		.height = 64,
		.stride = 512,
		.size = 512 * 64,
		.x = 7,
		.y = 9,
		.hot_x = VV_HOTSPOT_NONE,
		.hot_y = VV_HOTSPOT_NONE,
		.id = 3,
	};
	vv_plane_validate(VV_PLANE_CURSOR, &c, &plane, &why);
	vv_plane_describe(VV_PLANE_CURSOR, &plane, line, sizeof(line));
	TST_CHECK_STR(
	    line,
	    "plane=cursor format=AR24 modifier=INTEL_X_TILED width=64 height=64 stride=512 size=32768 kind=dmabuf dmabuf_id=3 x=7 y=9 hot_x=0 hot_y=0");
}

static void
test_tracker_reports_changes_once(void)
{
	struct vv_plane_tracker t = { 0 };
	struct vv_plane_info p = good_primary();

	TST_CHECK(vv_plane_tracker_update(&t, 0, &p));
	TST_CHECK(!vv_plane_tracker_update(&t, 0, &p));
	p.id = 2;
	TST_CHECK(vv_plane_tracker_update(&t, 0, &p));
	TST_CHECK(!vv_plane_tracker_update(&t, 0, &p));
	TST_CHECK(vv_plane_tracker_update(&t, -EIO, &p));
	TST_CHECK(!vv_plane_tracker_update(&t, -EIO, &p));
	TST_CHECK(vv_plane_tracker_update(&t, 0, &p));
}

/* The one "same plane" predicate, level by level, field by field. */
static void
test_same_levels(void)
{
	struct vv_plane_info a = good_primary(), b;

	a.x = 5;
	a.y = 6;
	a.hot_x = 1;
	a.hot_y = 2;
	for (int level = VV_PLANE_SAME_MODE; level <= VV_PLANE_SAME_ALL;
	     level++)
		TST_CHECK(vv_plane_info_same(&a, &a, level));

	/* A mode field differs: different at every level. */
	for (int field = 0; field < 7; field++) {
		b = a;
		switch (field) {
		case 0:
			b.kind = VV_KIND_REGION;
			break;
		case 1:
			b.fourcc = DRM_FORMAT_ARGB8888;
			break;
		case 2:
			b.modifier = I915_FORMAT_MOD_X_TILED;
			break;
		case 3:
			b.width++;
			break;
		case 4:
			b.height++;
			break;
		case 5:
			b.stride += 64;
			break;
		case 6:
			b.size += 4096;
			break;
		}
		for (int level = VV_PLANE_SAME_MODE; level <= VV_PLANE_SAME_ALL;
		     level++)
			TST_CHECK(!vv_plane_info_same(&a, &b, level));
	}

	/* Another buffer in the same mode: a flip. */
	b = a;
	b.id++;
	TST_CHECK(vv_plane_info_same(&a, &b, VV_PLANE_SAME_MODE));
	TST_CHECK(!vv_plane_info_same(&a, &b, VV_PLANE_SAME_BUFFER));
	TST_CHECK(!vv_plane_info_same(&a, &b, VV_PLANE_SAME_ALL));

	/* The cursor moved, or its hotspot did: only ALL sees it. */
	for (int field = 0; field < 4; field++) {
		b = a;
		switch (field) {
		case 0:
			b.x++;
			break;
		case 1:
			b.y++;
			break;
		case 2:
			b.hot_x++;
			break;
		case 3:
			b.hot_y++;
			break;
		}
		TST_CHECK(vv_plane_info_same(&a, &b, VV_PLANE_SAME_MODE));
		TST_CHECK(vv_plane_info_same(&a, &b, VV_PLANE_SAME_BUFFER));
		TST_CHECK(!vv_plane_info_same(&a, &b, VV_PLANE_SAME_ALL));
	}
}

int
main(void)
{
	TST_RUN(test_good_planes_pass);
	TST_RUN(test_garbage_is_refused);
	TST_RUN(test_hotspot);
	TST_RUN(test_backing);
	TST_RUN(test_describe);
	TST_RUN(test_tracker_reports_changes_once);
	TST_RUN(test_same_levels);
	return tst_failures ? 1 : 0;
}
