/* query -> validate -> sort, against a fake source that answers from a
 * script: every status, the retries of a settled query, and the lines a
 * user reads. */
#include <drm_fourcc.h>
#include <errno.h>

#include "query.h"
#include "tst.h"

struct fake {
	struct vv_device base;
	int answers[4]; /* -errno, or 0: answer with plane */
	int n, asked;
	struct vv_plane_info plane;
};

static int
fake_query(struct vv_device *dev, enum vv_plane_type type,
	   struct vv_plane_info *out)
{
	struct fake *f = (struct fake *)dev;
	int i = f->asked < f->n ? f->asked : f->n - 1;

	(void)type;
	f->asked++;
	*out = (struct vv_plane_info){ .kind = VV_KIND_NONE };
	if (f->answers[i] == 0)
		*out = f->plane;
	return f->answers[i];
}

static const struct vv_device_ops fake_ops = { .query_plane = fake_query };

static struct fake
fake(int n, const int *answers)
{
	struct fake f = {
		.base = { .ops = &fake_ops, .name = "fake 0" },
		.n = n,
		.plane = {
			.kind = VV_KIND_DMABUF,
			.fourcc = DRM_FORMAT_XRGB8888,
			.modifier = DRM_FORMAT_MOD_LINEAR,
			.width = 640,
			.height = 480,
			.stride = 2560,
			.size = 2560 * 480,
			.id = 1,
		},
	};
	for (int i = 0; i < n; i++)
		f.answers[i] = answers[i];
	return f;
}

static void
test_plane_and_none(void)
{
	struct fake f = fake(1, (int[]){ 0 });
	struct vv_err err = { 0 };
	struct vv_query q;

	vv_query_ask(&f.base, VV_PLANE_PRIMARY, VV_QUERY_ONCE, &q);
	TST_CHECK(q.status == VV_QUERY_PLANE && q.error == 0);
	TST_CHECK(q.type == VV_PLANE_PRIMARY);
	TST_CHECK(q.plane.info.width == 640 && q.plane.format);
	TST_CHECK(vv_query_err(&q, f.base.name, &err) == 0 && !err.code);

	f.plane.kind = VV_KIND_NONE;
	vv_query_ask(&f.base, VV_PLANE_CURSOR, VV_QUERY_ONCE, &q);
	TST_CHECK(q.status == VV_QUERY_NONE && q.type == VV_PLANE_CURSOR);
	TST_CHECK(vv_query_err(&q, f.base.name, &err) == 0 && !err.code);
}

static void
test_invalid(void)
{
	struct fake f = fake(1, (int[]){ 0 });
	struct vv_err err = { 0 };
	struct vv_query q;

	f.plane.stride = 10;
	vv_query_ask(&f.base, VV_PLANE_PRIMARY, VV_QUERY_ONCE, &q);
	TST_CHECK(q.status == VV_QUERY_INVALID && q.error == 0);
	TST_CHECK(strstr(q.why.text, "stride 10"));
	TST_CHECK(vv_query_err(&q, f.base.name, &err) == -EINVAL);
	TST_CHECK(err.code == EINVAL);
	char expected[sizeof(q.why.text) + 64];
	snprintf(expected, sizeof(expected),
		 "the primary plane of fake 0 is invalid: %s", q.why.text);
	TST_CHECK_STR(err.text, expected);
}

static void
test_failures(void)
{
	struct fake f = fake(1, (int[]){ -ENOMEM });
	struct vv_err err = { 0 };
	struct vv_query q;

	vv_query_ask(&f.base, VV_PLANE_CURSOR, VV_QUERY_ONCE, &q);
	TST_CHECK(q.status == VV_QUERY_TRANSIENT && q.error == -ENOMEM);
	TST_CHECK(q.raw.kind == VV_KIND_NONE);
	TST_CHECK(vv_query_err(&q, f.base.name, &err) == -ENOMEM);
	TST_CHECK_STR(
	    err.text,
	    "cannot query the cursor plane of fake 0: Cannot allocate memory");

	/* EIO may pass too (device.h's retry policy). */
	f = fake(1, (int[]){ -EIO });
	vv_query_ask(&f.base, VV_PLANE_PRIMARY, VV_QUERY_ONCE, &q);
	TST_CHECK(q.status == VV_QUERY_TRANSIENT && q.error == -EIO);

	f = fake(1, (int[]){ -ENODEV });
	vv_query_ask(&f.base, VV_PLANE_PRIMARY, VV_QUERY_ONCE, &q);
	TST_CHECK(q.status == VV_QUERY_GONE && q.error == -ENODEV);
	TST_CHECK(vv_query_err(&q, f.base.name, &err) == -ENODEV);
	TST_CHECK(err.code == ENODEV);
}

static void
test_settled_asks_again(void)
{
	struct fake f = fake(3, (int[]){ -ENOMEM, -EIO, 0 });
	struct vv_query q;

	vv_query_ask(&f.base, VV_PLANE_PRIMARY, VV_QUERY_SETTLED, &q);
	TST_CHECK(q.status == VV_QUERY_PLANE && f.asked == 3);

	/* Once is once, and a final error is not asked again. */
	f = fake(3, (int[]){ -ENOMEM, 0, 0 });
	vv_query_ask(&f.base, VV_PLANE_PRIMARY, VV_QUERY_ONCE, &q);
	TST_CHECK(q.status == VV_QUERY_TRANSIENT && f.asked == 1);
	f = fake(2, (int[]){ -ENODEV, 0 });
	vv_query_ask(&f.base, VV_PLANE_PRIMARY, VV_QUERY_SETTLED, &q);
	TST_CHECK(q.status == VV_QUERY_GONE && f.asked == 1);
}

/* How many of @n queries answering @error (0: a plane) at @now_ns on are
 * said, one query per ms. */
static int
said(struct vv_query_warning *w, int error, int n, uint64_t *now_ns)
{
	struct vv_query q = { .error = error,
			      .status =
				  error ? VV_QUERY_TRANSIENT : VV_QUERY_PLANE };
	char line[64];
	int count = 0;

	snprintf(line, sizeof(line), "error %d", error);
	for (int i = 0; i < n; i++, *now_ns += 1000000)
		count += vv_query_warning_due(w, &q, line, *now_ns);
	return count;
}

/* The window's and --watch's one policy for saying a failed query. */
static void
test_warning_policy(void)
{
	struct vv_query_warning w = { 0 };
	uint64_t now = 1;

	/* Transient: quiet for VV_QUERY_QUIET_FAILURES in a row, then said
	 * once, and the run is lasting; a plane ends the run. */
	TST_CHECK(said(&w, -ENOMEM, VV_QUERY_QUIET_FAILURES, &now) == 0);
	TST_CHECK(!w.lasting);
	TST_CHECK(said(&w, -ENOMEM, 100, &now) == 1);
	TST_CHECK(w.lasting);
	TST_CHECK(said(&w, 0, 1, &now) == 0 && !w.lasting);
	/* mbochs' one ENOMEM after a mode change: never said. */
	for (int i = 0; i < 50; i++) {
		TST_CHECK(said(&w, -ENOMEM, 1, &now) == 0);
		TST_CHECK(said(&w, 0, 1, &now) == 0);
	}

	/* EIO: said when the run starts, once for the run. */
	w = (struct vv_query_warning){ 0 };
	TST_CHECK(said(&w, -EIO, 100, &now) == 1 && w.lasting);
	/* A new error in the run is said; a transient one too, now. */
	TST_CHECK(said(&w, -EBADF, 3, &now) == 1);
	TST_CHECK(said(&w, -ENOMEM, 3, &now) == 1);

	/* EIO that comes and goes: the same line held back for
	 * VV_LOG_REPEAT_NS, said again after it. */
	w = (struct vv_query_warning){ 0 };
	int n = 0;
	for (int i = 0; i < 20; i++) {
		n += said(&w, -EIO, 1, &now);
		n += said(&w, 0, 5, &now);
	}
	TST_CHECK(n == 1);
	now += VV_LOG_REPEAT_NS;
	TST_CHECK(said(&w, -EIO, 1, &now) == 1);
}

int
main(void)
{
	TST_RUN(test_plane_and_none);
	TST_RUN(test_invalid);
	TST_RUN(test_failures);
	TST_RUN(test_settled_asks_again);
	TST_RUN(test_warning_policy);
	return tst_failures != 0;
}
