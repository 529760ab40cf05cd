/* The source's one call per tick against a fake device that goes away: let
 * go once, no syscall before the retry time, the reopen backoff, and a
 * device back from its address (the demo) answering planes again; its
 * buffers forward to whichever device is open. */
#include <drm_fourcc.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "source.h"
#include "tst.h"
#include "xalloc.h"

#define MS 1000000ull

struct fake {
	struct vv_device base;
	int answer; /* -errno, or 0: the plane below */
	int *asked; /* the test's counters: they outlive the fake */
	int *destroyed;
};

static int
fake_query(struct vv_device *dev, enum vv_plane_type type,
	   struct vv_plane_info *out)
{
	struct fake *f = (struct fake *)dev;

	(*f->asked)++;
	*out = (struct vv_plane_info){ .kind = VV_KIND_NONE };
	if (f->answer == 0 && type == VV_PLANE_PRIMARY)
		*out = (struct vv_plane_info){
			.kind = VV_KIND_DMABUF,
			.fourcc = DRM_FORMAT_XRGB8888,
			.modifier = DRM_FORMAT_MOD_LINEAR,
			.width = 640,
			.height = 480,
			.stride = 2560,
			.size = 2560 * 480,
			.id = 1,
		};
	return f->answer;
}

static void
fake_destroy(struct vv_device *dev)
{
	struct fake *f = (struct fake *)dev;

	(*f->destroyed)++;
	free(f);
}

static const struct vv_device_ops fake_ops = {
	.query_plane = fake_query,
	.destroy = fake_destroy,
};

static struct vv_device *
fake(int answer, int *asked, int *destroyed)
{
	struct fake *f = vv_xzalloc(sizeof(*f));

	f->base = (struct vv_device){ .ops = &fake_ops, .name = "fake 0" };
	f->answer = answer;
	f->asked = asked;
	f->destroyed = destroyed;
	return &f->base;
}

static void
test_backoff(void)
{
	uint64_t expect[] = { 250, 500, 1000, 2000, 4000, 5000, 5000 };
	uint64_t delay = 0;

	for (size_t i = 0; i < sizeof(expect) / sizeof(expect[0]); i++) {
		delay = vv_source_reopen_backoff(delay);
		TST_CHECK(delay == expect[i] * MS);
	}
}

static void
test_planes(void)
{
	int asked = 0, destroyed = 0;
	struct vv_source *s =
	    vv_source_adopt("demo:96x64@1", fake(0, &asked, &destroyed));
	struct vv_source_frame f;

	vv_source_frame(s, 1000 * MS, &f);
	TST_CHECK(!f.gone);
	TST_CHECK(f.event == VV_SOURCE_SAME);
	TST_CHECK(f.primary.status == VV_QUERY_PLANE);
	TST_CHECK(f.primary.plane.info.width == 640);
	/* The cursor is asked only on top of a primary plane. */
	TST_CHECK(f.cursor.status == VV_QUERY_NONE);
	TST_CHECK(f.queries == 2 && asked == 2);
	TST_CHECK_STR(vv_source_name(s), "fake 0");
	vv_source_destroy(s);
	TST_CHECK(destroyed == 1);
}

/* What the CPU may do with the device's dma-bufs reaches the paths with
 * its buffers: a window on mbochs must not take them for mappable. */
static void
test_buffers_access(void)
{
	int asked = 0, destroyed = 0;
	struct vv_device *dev = fake(0, &asked, &destroyed);

	dev->dmabuf_access = VV_DMABUF_ACCESS_NONE;
	struct vv_source *s = vv_source_adopt("demo:96x64@1", dev);
	TST_CHECK(vv_source_buffers(s).access == VV_DMABUF_ACCESS_NONE);
	TST_CHECK(vv_source_dmabuf_access(s) == VV_DMABUF_ACCESS_NONE);
	vv_source_destroy(s);
}

static void
test_gone_and_back(void)
{
	int asked = 0, destroyed = 0;
	struct vv_source *s =
	    vv_source_adopt("demo:96x64@1", fake(-ENODEV, &asked, &destroyed));
	struct vv_plane_buffers b = vv_source_buffers(s);
	struct vv_source_frame f;
	struct vv_err err = { 0 };
	uint64_t now = 1000 * MS;

	vv_source_frame(s, now, &f);
	TST_CHECK(f.gone && f.event == VV_SOURCE_LOST);
	TST_CHECK(f.primary.status == VV_QUERY_GONE);
	TST_CHECK(f.retry_at == now + 250 * MS);
	TST_CHECK(asked == 1 && destroyed == 1);
	TST_CHECK(!vv_source_device(s) && vv_source_gone(s));
	TST_CHECK_STR(vv_source_name(s), "demo:96x64@1");
	TST_CHECK_STR(
	    f.detail,
	    "demo:96x64@1 is gone (removed, or its VM stopped). Trying to reopen it every 0.2 s.");
	/* Gone, its buffers export nothing. */
	TST_CHECK_STR(b.ops->name(b.owner), "demo:96x64@1");
	TST_CHECK(!b.ops->dmabuf(b.owner, &f.primary.plane, now, &err));
	TST_CHECK(err.code == ENODEV);

	/* Before the retry time: not tried, nothing asked. */
	vv_source_frame(s, now + 249 * MS, &f);
	TST_CHECK(f.gone && f.event == VV_SOURCE_SAME && f.queries == 0);
	TST_CHECK(f.retry_at == now + 250 * MS);

	/* At it: reopened from the address, answering planes. */
	vv_source_frame(s, now + 250 * MS, &f);
	TST_CHECK(!f.gone && f.event == VV_SOURCE_BACK);
	TST_CHECK(f.primary.status == VV_QUERY_PLANE);
	TST_CHECK(f.primary.plane.info.width == 96);
	TST_CHECK(vv_source_device(s) != NULL && !vv_source_gone(s));
	TST_CHECK(strcmp(b.ops->name(b.owner), "demo:96x64@1") != 0);
	TST_CHECK(b.ops->dmabuf(b.owner, &f.primary.plane, now, &err));
	TST_CHECK(vv_source_dmabufs_held(s) == 1);
	vv_source_destroy(s);
}

/* The one-shot tools' query: no warning, no letting go; GONE while gone. */
static void
test_query(void)
{
	int asked = 0, destroyed = 0;
	struct vv_source *s =
	    vv_source_adopt("demo:96x64@1", fake(0, &asked, &destroyed));
	struct vv_source_frame f;
	struct vv_query q;
	struct vv_err err = { 0 };

	vv_source_query(s, VV_PLANE_PRIMARY, VV_QUERY_SETTLED, &q);
	TST_CHECK(q.status == VV_QUERY_PLANE && asked == 1);
	TST_CHECK(vv_source_query_err(&q, s, &err) == 0);
	vv_source_destroy(s);

	s = vv_source_adopt("demo:96x64@1", fake(-ENODEV, &asked, &destroyed));
	vv_source_query(s, VV_PLANE_CURSOR, VV_QUERY_ONCE, &q);
	TST_CHECK(q.status == VV_QUERY_GONE && !vv_source_gone(s));
	vv_source_frame(s, 1000 * MS, &f);
	vv_source_query(s, VV_PLANE_CURSOR, VV_QUERY_ONCE, &q);
	TST_CHECK(q.status == VV_QUERY_GONE && q.type == VV_PLANE_CURSOR);
	TST_CHECK(vv_source_query_err(&q, s, &err) == -ENODEV);
	TST_CHECK_STR(
	    err.text,
	    "cannot query the cursor plane of demo:96x64@1: No such device");
	vv_source_destroy(s);
}

static void
test_still_gone(void)
{
	int asked = 0, destroyed = 0;
	struct vv_source *s = vv_source_adopt(
	    "no-such-device-here", fake(-ENODEV, &asked, &destroyed));
	struct vv_source_frame f;

	vv_source_frame(s, 1000 * MS, &f);
	TST_CHECK(f.event == VV_SOURCE_LOST);
	vv_source_frame(s, f.retry_at, &f);
	TST_CHECK(f.gone && f.event == VV_SOURCE_STILL_GONE);
	TST_CHECK(strstr(f.detail, "every 0.5 s.") != NULL);
	/* Nothing is offered to a device that is gone. */
	vv_source_offer_mode(s, 800, 600);
	vv_source_destroy(s);
}

int
main(void)
{
	TST_RUN(test_backoff);
	TST_RUN(test_planes);
	TST_RUN(test_buffers_access);
	TST_RUN(test_gone_and_back);
	TST_RUN(test_still_gone);
	TST_RUN(test_query);
	return tst_failures;
}
