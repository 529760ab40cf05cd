/* present.c's path choice, driven through scripted paths: no compositor, no
 * device. Each fake path answers accepts and frame as its script says and
 * counts the hooks it is given; the fake device hands out one dma-buf. The
 * path lines are read back from stderr. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "path.h"
#include "present.h"
#include "tst.h"

#define FOURCC_XR24 0x34325258u /* DRM_FORMAT_XRGB8888 */

struct fake_path {
	/* the script */
	bool accepts;
	const char *why;       /* accepts' answer in @why */
	int frame;             /* frame's answer: 0, -EINPROGRESS, -EIO */
	const char *frame_why; /* frame's @why when it fails; NULL: none */
	/* what it was given */
	unsigned accepted, framed, created, destroyed, expired;
	unsigned forgot[VV_PLANE_TYPE_COUNT];
	const struct vv_plane_buffers *expired_with;
};

struct script {
	struct fake_path path[VV_PATH_COUNT]; /* by enum vv_path */
	struct vv_dmabuf buf;
	unsigned device_expired;
	struct vv_present *present; /* what the paths' create was given */
};

static const char *
fake_name(void *owner)
{
	(void)owner;
	return "fake device";
}

static const struct vv_dmabuf *
fake_dmabuf(void *owner, const struct vv_plane *plane, uint64_t now,
	    struct vv_err *err)
{
	struct script *s = owner;

	(void)now;
	(void)err;
	s->buf.id = plane->info.id;
	return &s->buf;
}

static bool
fake_holds(void *owner, uint32_t id, uint32_t serial)
{
	(void)owner;
	(void)id;
	(void)serial;
	return true;
}

static void
fake_device_expire(void *owner, uint64_t now)
{
	struct script *s = owner;

	(void)now;
	s->device_expired++;
}

static const struct vv_plane_buffers_ops fake_buffers_ops = {
	.name = fake_name,
	.dmabuf = fake_dmabuf,
	.holds = fake_holds,
	.expire = fake_device_expire,
};

static struct fake_path *
fake_of(struct vv_present *present, enum vv_path path)
{
	struct script *s = present->buffers.owner;

	return &s->path[path];
}

static int
fake_accepts(const struct vv_present *present, enum vv_path path,
	     struct vv_err *why)
{
	struct fake_path *f = fake_of((struct vv_present *)present, path);

	f->accepted++;
	return vv_err_set(why, f->accepts ? 0 : ENOTSUP, "%s",
			  f->why ? f->why : "");
}

static int
fake_frame(struct vv_present *present, enum vv_path path,
	   struct wl_buffer **out, struct vv_err *why)
{
	struct fake_path *f = fake_of(present, path);

	if (f->frame_why)
		vv_err_set(why, -f->frame, "%s", f->frame_why);

	/* A choice that keeps asking a failed path would never return:
	 * fail fast instead. */
	if (++f->framed > 100) {
		fprintf(stderr, "a failed path was asked 100 times\n");
		abort();
	}
	if (f->frame >= 0)
		*out = (struct wl_buffer *)f; /* never dereferenced */
	return f->frame;
}

static void *
fake_create(struct vv_present *present, enum vv_path path)
{
	struct script *s = present->buffers.owner;
	struct fake_path *f = &s->path[path];

	s->present = present;
	f->created++;
	return f;
}

static void
fake_destroy(void *state)
{
	((struct fake_path *)state)->destroyed++;
}

static void
fake_forget(void *state, enum vv_plane_type type)
{
	((struct fake_path *)state)->forgot[type]++;
}

static void
fake_expire(void *state, const struct vv_plane_buffers *buffers)
{
	struct fake_path *f = state;

	f->expired++;
	f->expired_with = buffers;
}

/* accepts and frame per fake path, each naming its enum vv_path. */
#define FAKE_PATH(n, P)                                                     \
	static int fake_##n##_accepts(                                      \
	    const struct vv_present *present, const struct vv_plane *plane, \
	    const struct vv_dmabuf_desc *desc, struct vv_err *why)          \
	{                                                                   \
		(void)plane;                                                \
		(void)desc;                                                 \
		return fake_accepts(present, VV_PATH_##P, why);             \
	}                                                                   \
	static int fake_##n##_frame(                                        \
	    struct vv_present *present, const struct vv_plane *plane,       \
	    const struct vv_dmabuf *buf, struct wl_buffer **out,            \
	    struct vv_err *why)                                             \
	{                                                                   \
		(void)plane;                                                \
		(void)buf;                                                  \
		return fake_frame(present, VV_PATH_##P, out, why);          \
	}

FAKE_PATH(a, DMABUF)
FAKE_PATH(b, SHM)
FAKE_PATH(c, COPY)

static void *
fake_a_create(struct vv_present *present)
{
	return fake_create(present, VV_PATH_DMABUF);
}

static void *
fake_b_create(struct vv_present *present)
{
	return fake_create(present, VV_PATH_SHM);
}

/* Two paths with every hook, the last with none (NULL hooks are allowed). */
static const struct vv_path_ops ops_a = {
	.path = VV_PATH_DMABUF,
	.name = "fake-a",
	.accepts = fake_a_accepts,
	.frame = fake_a_frame,
	.create = fake_a_create,
	.destroy = fake_destroy,
	.forget = fake_forget,
	.expire = fake_expire,
};
static const struct vv_path_ops ops_b = {
	.path = VV_PATH_SHM,
	.name = "fake-b",
	.accepts = fake_b_accepts,
	.frame = fake_b_frame,
	.create = fake_b_create,
	.destroy = fake_destroy,
	.forget = fake_forget,
	.expire = fake_expire,
};
static const struct vv_path_ops ops_c = {
	.path = VV_PATH_COPY,
	.name = "fake-c",
	.accepts = fake_c_accepts,
	.frame = fake_c_frame,
};
static const struct vv_path_ops *const fakes[] = { &ops_a, &ops_b, &ops_c };

static struct fake_path *
path_a(struct script *s)
{
	return &s->path[VV_PATH_DMABUF];
}
static struct fake_path *
path_b(struct script *s)
{
	return &s->path[VV_PATH_SHM];
}
static struct fake_path *
path_c(struct script *s)
{
	return &s->path[VV_PATH_COPY];
}

/* Every path accepts and shows, unless a test says otherwise. */
static struct vv_present *
start(struct script *s)
{
	memset(s, 0, sizeof(*s));
	for (int p = 0; p < VV_PATH_COUNT; p++)
		s->path[p].accepts = true;
	s->buf.fd = -1;
	s->buf.shm_fd = -1;
	s->buf.size = 640 * 480 * 4;
	struct vv_plane_buffers buffers = { &fake_buffers_ops, s };
	return vv_present_create_with_paths(NULL, buffers, NULL, fakes, 3);
}

static struct vv_plane
plane(enum vv_plane_type type, uint32_t width, uint32_t id)
{
	return (struct vv_plane){
		.type = type,
		.info = { .kind = VV_KIND_DMABUF,
			  .fourcc = FOURCC_XR24,
			  .width = width,
			  .height = 480,
			  .stride = width * 4,
			  .size = width * 480 * 4,
			  .id = id },
	};
}

/* vv_present_frame, with what it logged in @log. */
static int
frame(struct vv_present *present, const struct vv_plane *p,
      struct wl_buffer **out, char *log, size_t len)
{
	FILE *tmp = tmpfile();
	int saved = dup(STDERR_FILENO);

	if (!tmp || saved < 0)
		abort();
	fflush(stderr);
	dup2(fileno(tmp), STDERR_FILENO);
	int ret = vv_present_frame(present, p, out);
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	rewind(tmp);
	size_t n = fread(log, 1, len - 1, tmp);
	log[n] = '\0';
	fclose(tmp);
	return ret;
}

static void
first_accepting_path_in_table_order(void)
{
	struct script s;
	struct vv_present *present = start(&s);
	struct vv_plane p = plane(VV_PLANE_PRIMARY, 640, 1);
	struct wl_buffer *out;
	char log[2048];

	TST_CHECK(frame(present, &p, &out, log, sizeof(log)) == 0);
	TST_CHECK(vv_present_path(present, VV_PLANE_PRIMARY) == VV_PATH_DMABUF);
	TST_CHECK(out == (struct wl_buffer *)path_a(&s));
	TST_CHECK(path_a(&s)->framed == 1 && path_b(&s)->framed == 0);
	/* The first that accepts ends the search. */
	TST_CHECK(path_b(&s)->accepted == 0 && path_c(&s)->accepted == 0);
	TST_CHECK(strstr(log, "primary plane (640x480 XR24") != NULL);
	TST_CHECK(strstr(log, "fake-a path") != NULL);
	vv_present_destroy(present);

	/* The first two refuse: the third, though all three are asked. */
	present = start(&s);
	path_a(&s)->accepts = false;
	path_b(&s)->accepts = false;
	TST_CHECK(frame(present, &p, &out, log, sizeof(log)) == 0);
	TST_CHECK(vv_present_path(present, VV_PLANE_PRIMARY) == VV_PATH_COPY);
	TST_CHECK(path_a(&s)->accepted == 1 && path_b(&s)->accepted == 1);
	TST_CHECK(out == (struct wl_buffer *)path_c(&s));
	vv_present_destroy(present);
}

static void
refusal_is_skipped_and_said(void)
{
	struct script s;
	struct vv_present *present = start(&s);
	struct vv_plane p = plane(VV_PLANE_PRIMARY, 640, 1);
	struct wl_buffer *out;
	char log[2048];

	path_a(&s)->accepts = false;
	path_a(&s)->why = "no linux-dmabuf here";
	TST_CHECK(frame(present, &p, &out, log, sizeof(log)) == 0);
	TST_CHECK(vv_present_path(present, VV_PLANE_PRIMARY) == VV_PATH_SHM);
	TST_CHECK(path_a(&s)->framed == 0 && path_b(&s)->framed == 1);
	TST_CHECK(strstr(log, "fake-b path (fake-a: no linux-dmabuf here)") !=
		  NULL);
	TST_CHECK_STR(vv_present_why(present, VV_PLANE_PRIMARY),
		      "fake-a: no linux-dmabuf here");
	/* A flip keeps the path and says nothing. */
	p.info.id = 2;
	TST_CHECK(frame(present, &p, &out, log, sizeof(log)) == 0);
	TST_CHECK_STR(log, "");
	TST_CHECK(path_a(&s)->accepted == 1 && path_b(&s)->framed == 2);
	vv_present_destroy(present);
}

static void
failed_frame_moves_to_the_next_path(void)
{
	struct script s;
	struct vv_present *present = start(&s);
	struct vv_plane p = plane(VV_PLANE_PRIMARY, 640, 1);
	struct wl_buffer *out;
	char log[2048];

	path_a(&s)->frame = -EIO; /* the compositor refused the import */
	TST_CHECK(frame(present, &p, &out, log, sizeof(log)) == 0);
	TST_CHECK(vv_present_path(present, VV_PLANE_PRIMARY) == VV_PATH_SHM);
	TST_CHECK(out == (struct wl_buffer *)path_b(&s));
	TST_CHECK(
	    strstr(log, "fake-b path (fake-a: it failed for this plane)") !=
	    NULL);
	/* Failed for this mode: not asked again, though it still accepts. */
	path_a(&s)->frame = 0;
	p.info.id = 2;
	TST_CHECK(frame(present, &p, &out, log, sizeof(log)) == 0);
	TST_CHECK(path_a(&s)->framed == 1 && path_b(&s)->framed == 2);
	TST_CHECK(out == (struct wl_buffer *)path_b(&s));
	/* The cursor plane's choice is its own. */
	struct vv_plane c = plane(VV_PLANE_CURSOR, 64, 3);
	TST_CHECK(frame(present, &c, &out, log, sizeof(log)) == 0);
	TST_CHECK(vv_present_path(present, VV_PLANE_CURSOR) == VV_PATH_DMABUF);
	vv_present_destroy(present);
}

static void
new_mode_clears_failures(void)
{
	struct script s;
	struct vv_present *present = start(&s);
	struct vv_plane p = plane(VV_PLANE_PRIMARY, 640, 1);
	struct wl_buffer *out;
	char log[2048];

	path_a(&s)->frame = -EIO;
	TST_CHECK(frame(present, &p, &out, log, sizeof(log)) == 0);
	TST_CHECK(vv_present_path(present, VV_PLANE_PRIMARY) == VV_PATH_SHM);
	path_a(&s)->frame = 0;
	p = plane(VV_PLANE_PRIMARY, 800, 1); /* another size */
	TST_CHECK(frame(present, &p, &out, log, sizeof(log)) == 0);
	TST_CHECK(vv_present_path(present, VV_PLANE_PRIMARY) == VV_PATH_DMABUF);
	TST_CHECK(out == (struct wl_buffer *)path_a(&s));
	TST_CHECK(strstr(log, "primary plane (800x480 XR24") != NULL);
	TST_CHECK(strstr(log, "fake-a path") != NULL);

	/* Another format is another mode too. */
	path_a(&s)->frame = -EIO;
	p.info.id = 2;
	TST_CHECK(frame(present, &p, &out, log, sizeof(log)) == 0);
	TST_CHECK(vv_present_path(present, VV_PLANE_PRIMARY) == VV_PATH_SHM);
	path_a(&s)->frame = 0;
	p.info.fourcc = 0x34324241u; /* AB24 */
	TST_CHECK(frame(present, &p, &out, log, sizeof(log)) == 0);
	TST_CHECK(vv_present_path(present, VV_PLANE_PRIMARY) == VV_PATH_DMABUF);
	vv_present_destroy(present);
}

static void
in_progress_keeps_the_path(void)
{
	struct script s;
	struct vv_present *present = start(&s);
	struct vv_plane p = plane(VV_PLANE_PRIMARY, 640, 1);
	struct wl_buffer *out;
	char log[2048];

	path_a(&s)->frame = -EINPROGRESS; /* the compositor is deciding */
	TST_CHECK(frame(present, &p, &out, log, sizeof(log)) == -EINPROGRESS);
	TST_CHECK(out == NULL);
	TST_CHECK(vv_present_path(present, VV_PLANE_PRIMARY) == VV_PATH_DMABUF);
	TST_CHECK(path_b(&s)->accepted == 0 && path_b(&s)->framed == 0);
	path_a(&s)->frame = 0;
	TST_CHECK(frame(present, &p, &out, log, sizeof(log)) == 0);
	TST_CHECK(out == (struct wl_buffer *)path_a(&s));
	TST_CHECK(path_a(&s)->framed == 2 && path_b(&s)->framed == 0);
	TST_CHECK_STR(log, "");
	vv_present_destroy(present);
}

static void
no_path_cannot_show(void)
{
	struct script s;
	struct vv_present *present = start(&s);
	struct vv_plane p = plane(VV_PLANE_PRIMARY, 640, 1);
	struct wl_buffer *out;
	char log[2048];

	path_a(&s)->accepts = false;
	path_a(&s)->why = "refused a";
	path_b(&s)->accepts = false;
	path_b(&s)->why = "refused b";
	path_c(&s)->accepts = false;
	path_c(&s)->why = "refused c";
	TST_CHECK(frame(present, &p, &out, log, sizeof(log)) == -ENOTSUP);
	TST_CHECK(out == NULL);
	TST_CHECK(vv_present_path(present, VV_PLANE_PRIMARY) == VV_PATH_NONE);
	TST_CHECK(
	    path_a(&s)->framed + path_b(&s)->framed + path_c(&s)->framed == 0);
	TST_CHECK(strstr(log, "cannot show the primary plane (640x480 XR24") !=
		  NULL);
	TST_CHECK(strstr(log, "of fake device: only a GPU can read") != NULL);
	TST_CHECK(strstr(log, "fake-a: refused a; fake-b: refused b; "
			      "fake-c: refused c") != NULL);
	/* Said once, while nothing changes. */
	p.info.id = 2;
	TST_CHECK(frame(present, &p, &out, log, sizeof(log)) == -ENOTSUP);
	TST_CHECK_STR(log, "");
	vv_present_destroy(present);

	/* All accept, every frame fails: none left. */
	present = start(&s);
	path_a(&s)->frame = -EIO;
	path_b(&s)->frame = -EIO;
	path_c(&s)->frame = -EIO;
	TST_CHECK(frame(present, &p, &out, log, sizeof(log)) == -ENOTSUP);
	TST_CHECK(vv_present_path(present, VV_PLANE_PRIMARY) == VV_PATH_NONE);
	TST_CHECK(path_a(&s)->framed == 1 && path_b(&s)->framed == 1 &&
		  path_c(&s)->framed == 1);
	TST_CHECK(strstr(log, "cannot show the primary plane") != NULL);
	vv_present_destroy(present);
}

static void
hooks_reach_each_path(void)
{
	struct script s;
	struct vv_present *present = start(&s);
	struct vv_plane p = plane(VV_PLANE_PRIMARY, 640, 1);
	struct vv_plane c = plane(VV_PLANE_CURSOR, 64, 2);
	struct wl_buffer *out;
	char log[2048];

	TST_CHECK(s.present == present);
	TST_CHECK(path_a(&s)->created == 1 && path_b(&s)->created == 1);
	TST_CHECK(path_c(&s)->created == 0); /* it has no create */

	TST_CHECK(frame(present, &p, &out, log, sizeof(log)) == 0);
	TST_CHECK(frame(present, &c, &out, log, sizeof(log)) == 0);
	vv_present_forget(present, VV_PLANE_CURSOR);
	TST_CHECK(path_a(&s)->forgot[VV_PLANE_CURSOR] == 1 &&
		  path_b(&s)->forgot[VV_PLANE_CURSOR] == 1);
	TST_CHECK(path_a(&s)->forgot[VV_PLANE_PRIMARY] == 0 &&
		  path_b(&s)->forgot[VV_PLANE_PRIMARY] == 0);
	/* The cursor's path is forgotten, the primary's kept. */
	TST_CHECK(vv_present_path(present, VV_PLANE_CURSOR) == VV_PATH_NONE);
	TST_CHECK(vv_present_path(present, VV_PLANE_PRIMARY) == VV_PATH_DMABUF);
	/* A cursor that comes back is chosen afresh (the first path now
	 * refuses it); the primary, not forgotten, keeps its path. */
	path_a(&s)->accepts = false;
	path_a(&s)->why = "no cursor here";
	TST_CHECK(frame(present, &c, &out, log, sizeof(log)) == 0);
	TST_CHECK(vv_present_path(present, VV_PLANE_CURSOR) == VV_PATH_SHM);
	TST_CHECK(strstr(log, "cursor plane (64x480 XR24") != NULL);
	TST_CHECK(frame(present, &p, &out, log, sizeof(log)) == 0);
	TST_CHECK(vv_present_path(present, VV_PLANE_PRIMARY) == VV_PATH_DMABUF);
	TST_CHECK_STR(log, "");

	vv_present_expire(present, 1);
	TST_CHECK(s.device_expired == 1);
	TST_CHECK(path_a(&s)->expired == 1 && path_b(&s)->expired == 1);
	TST_CHECK(path_a(&s)->expired_with == &present->buffers);

	vv_present_destroy(present);
	TST_CHECK(path_a(&s)->destroyed == 1 && path_b(&s)->destroyed == 1);
}

static void
failed_frame_says_why(void)
{
	struct script s;
	struct vv_present *present = start(&s);
	struct vv_plane p = plane(VV_PLANE_PRIMARY, 640, 1);
	struct wl_buffer *out;
	char log[2048];

	/* A mapping that fails in frame (accepts no longer tries one): the
	 * next path, and the line says why as accepts used to. */
	path_a(&s)->frame = -EINVAL;
	path_a(&s)->frame_why = "the CPU cannot map the dma-buf (Invalid "
				"argument)";
	TST_CHECK(frame(present, &p, &out, log, sizeof(log)) == 0);
	TST_CHECK(vv_present_path(present, VV_PLANE_PRIMARY) == VV_PATH_SHM);
	TST_CHECK(strstr(log, "fake-b path (fake-a: the CPU cannot map the "
			      "dma-buf (Invalid argument))") != NULL);
	vv_present_destroy(present);
}

/* ---- the real paths' accepts: decided without touching a buffer ------ */

#define FOURCC_AR24 0x34325241u /* DRM_FORMAT_ARGB8888 */
#define MOD_LINEAR  0ull
#define MOD_X_TILED 0x0100000000000001ull /* I915_FORMAT_MOD_X_TILED */
#define MOD_INVALID 0x00ffffffffffffffull /* DRM_FORMAT_MOD_INVALID */

/* What the buffers were asked for: --info must not export or map. */
struct asked {
	unsigned dmabuf, map, map_dmabuf;
};

static const struct vv_dmabuf *
asked_dmabuf(void *owner, const struct vv_plane *plane, uint64_t now,
	     struct vv_err *err)
{
	static const struct vv_dmabuf none = { .fd = -1, .shm_fd = -1 };

	(void)plane;
	(void)now;
	(void)err;
	((struct asked *)owner)->dmabuf++;
	return &none;
}

static int
asked_map(void *owner, const struct vv_plane *plane, struct vv_plane_map *map,
	  struct vv_err *err)
{
	(void)plane;
	(void)map;
	((struct asked *)owner)->map++;
	return vv_err_set(err, EPERM, "a test maps nothing");
}

static int
asked_map_dmabuf(void *owner, const struct vv_plane *plane,
		 const struct vv_dmabuf *buf, struct vv_plane_map *map,
		 struct vv_err *err)
{
	(void)plane;
	(void)buf;
	(void)map;
	((struct asked *)owner)->map_dmabuf++;
	return vv_err_set(err, EPERM, "a test maps nothing");
}

static const struct vv_plane_buffers_ops asked_ops = {
	.name = fake_name,
	.dmabuf = asked_dmabuf,
	.holds = fake_holds,
	.expire = fake_device_expire,
	.map = asked_map,
	.map_dmabuf = asked_map_dmabuf,
};

/* The path the real table takes for a @kind plane of @modifier from a
 * driver of @access whose dma-bufs @exporter makes, on @wl. */
static enum vv_path
would_take(struct vv_wl *wl, struct asked *asked, struct vv_stats *stats,
	   enum vv_plane_kind kind, uint64_t modifier, const char *exporter,
	   enum vv_dmabuf_access access)
{
	struct vv_plane_buffers buffers = { &asked_ops, asked, access };
	struct vv_present *present = vv_present_create(wl, buffers, stats);
	struct vv_plane p = plane(VV_PLANE_PRIMARY, 640, 1);
	struct vv_dmabuf_desc desc = { .size = p.info.size,
				       .exporter = exporter,
				       .access = access };

	p.info.kind = kind;
	p.info.modifier = modifier;
	p.format = vv_format_lookup(p.info.fourcc);
	p.tiling = modifier == MOD_LINEAR    ? VV_TILING_LINEAR
		   : modifier == MOD_X_TILED ? VV_TILING_INTEL_X
					     : VV_TILING_UNKNOWN;
	enum vv_path path = vv_present_would_take(
	    present, &p, kind == VV_KIND_DMABUF ? &desc : NULL);
	vv_present_destroy(present);
	return path;
}

static void
real_paths_choose_without_touching_buffers(void)
{
	struct vv_wl wl = { 0 };
	struct vv_stats stats = { 0 };
	struct asked asked = { 0 };
	const enum vv_plane_kind D = VV_KIND_DMABUF, R = VV_KIND_REGION;
	const enum vv_dmabuf_access RW = VV_DMABUF_ACCESS_READ_WRITE,
				    NONE = VV_DMABUF_ACCESS_NONE,
				    UNKNOWN = VV_DMABUF_ACCESS_UNKNOWN;
	struct vv_wl *w = &wl;

	vv_format_set_add(&wl.shm_formats, FOURCC_XR24, MOD_LINEAR);
	vv_format_set_add(&wl.shm_formats, FOURCC_AR24, MOD_LINEAR);
	/* No linux-dmabuf: shared memory where the CPU may map it, the copy
	 * where the plane is tiled, nothing where the driver refuses the
	 * CPU (mbochs), the copy for a region. */
	TST_CHECK(would_take(w, &asked, &stats, D, MOD_LINEAR, "i915", RW) ==
		  VV_PATH_SHM);
	TST_CHECK(would_take(w, &asked, &stats, D, MOD_LINEAR, "", UNKNOWN) ==
		  VV_PATH_SHM);
	TST_CHECK(would_take(w, &asked, &stats, D, MOD_X_TILED, "i915", RW) ==
		  VV_PATH_COPY);
	TST_CHECK(would_take(w, &asked, &stats, D, MOD_X_TILED, "x", UNKNOWN) ==
		  VV_PATH_COPY);
	TST_CHECK(would_take(w, &asked, &stats, D, MOD_LINEAR, "mbochs",
			     NONE) == VV_PATH_NONE);
	TST_CHECK(would_take(w, &asked, &stats, R, MOD_LINEAR, "", UNKNOWN) ==
		  VV_PATH_COPY);
	TST_CHECK(would_take(w, &asked, &stats, D, 0x0100000000000005ull,
			     "i915", RW) == VV_PATH_NONE); /* Yf */

	/* linux-dmabuf v4 with LINEAR: zero copy, whoever exported it; v3
	 * (no device named: weston on vkms) takes no mbochs buffer. */
	wl.dmabuf = (struct zwp_linux_dmabuf_v1 *)&wl; /* never used */
	vv_format_set_add(&wl.dmabuf_formats, FOURCC_XR24, MOD_LINEAR);
	wl.dmabuf_version = 3;
	TST_CHECK(would_take(w, &asked, &stats, D, MOD_LINEAR, "mbochs",
			     NONE) == VV_PATH_NONE);
	wl.dmabuf_version = 4;
	TST_CHECK(would_take(w, &asked, &stats, D, MOD_LINEAR, "mbochs",
			     NONE) == VV_PATH_DMABUF);
	TST_CHECK(would_take(w, &asked, &stats, R, MOD_LINEAR, "", UNKNOWN) ==
		  VV_PATH_COPY);
	/* The implicit modifier only: by exporter. */
	vv_format_set_clear(&wl.dmabuf_formats);
	vv_format_set_add(&wl.dmabuf_formats, FOURCC_XR24, MOD_INVALID);
	TST_CHECK(would_take(w, &asked, &stats, D, MOD_X_TILED, "i915", RW) ==
		  VV_PATH_DMABUF);
	TST_CHECK(would_take(w, &asked, &stats, D, MOD_LINEAR, "mbochs",
			     NONE) == VV_PATH_NONE);

	/* Nothing exported, nothing mapped, not even a probe. */
	TST_CHECK(asked.dmabuf == 0);
	TST_CHECK(asked.map == 0 && asked.map_dmabuf == 0);
	TST_CHECK(stats.dmabuf_maps == 0);
	vv_format_set_finish(&wl.shm_formats);
	vv_format_set_finish(&wl.dmabuf_formats);
}

int
main(void)
{
	TST_RUN(first_accepting_path_in_table_order);
	TST_RUN(refusal_is_skipped_and_said);
	TST_RUN(failed_frame_moves_to_the_next_path);
	TST_RUN(new_mode_clears_failures);
	TST_RUN(in_progress_keeps_the_path);
	TST_RUN(no_path_cannot_show);
	TST_RUN(hooks_reach_each_path);
	TST_RUN(failed_frame_says_why);
	TST_RUN(real_paths_choose_without_touching_buffers);
	return tst_failures != 0;
}
