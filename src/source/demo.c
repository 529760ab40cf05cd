/* The built-in simulated vGPU: a "guest" that draws an animation into page
 * flipped buffers and a "driver" that reports them as planes, the way mbochs
 * or GVT-g report a real guest's screen.
 *
 * This file is the driver: its framebuffers, page flips and dmabuf ids. What
 * the guest draws is in demo-scene.c; the viewer sees only what a VFIO device
 * would show it (plane metadata and dma-buf fds). */
#include "demo.h"

#include <cairo.h>
#include <drm_fourcc.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <xf86drm.h>

#include "config.h"
#include "demo-scene.h"
#include "file-kind.h"

#if HAVE_LINUX_UDMABUF_H
#include <linux/udmabuf.h>
#endif

#define DEMO_DEFAULT_WIDTH  1280
#define DEMO_DEFAULT_HEIGHT 720
#define DEMO_MIN_SIDE       64
#define DEMO_MAX_SIDE       8192
#define DEMO_NS_PER_S       1000000000ull

/* Three primary buffers: the one shown, the one the compositor may still
 * hold from the previous flip, and the one being drawn. */
#define DEMO_PRIMARY_COUNT 3
#define DEMO_CURSOR_ID     4 /* the primaries are ids 1..3 */

/* One guest framebuffer: the pages the guest draws into and the fd the
 * driver exports for them. */
struct vv_demo_buffer {
	uint32_t id;     /* dmabuf id, never 0 */
	uint32_t fourcc; /* DRM fourcc of the pixels */
	uint32_t width;  /* buffer pixels */
	uint32_t height; /* buffer pixels */
	uint32_t stride; /* bytes per row, as cairo wants it */
	int memfd;       /* ours: the pages; -1 until created */
	int dmabuf_fd;   /* ours: udmabuf over memfd, or the dumb buffer's
			  * PRIME export; -1 without either */
	int drm_fd;      /* the demo's: the device of handle; -1 */
	uint32_t handle; /* dumb buffer handle on drm_fd; 0: none */
	void *map; /* memfd or dumb buffer mapped shared, map_size bytes */
	size_t map_size;          /* stride * height rounded up to pages */
	cairo_surface_t *surface; /* wraps map; NULL until mapped */
};

struct vv_demo {
	struct vv_device base; /* first: vv_device * is a vv_demo * */
	uint32_t width;        /* guest pixels */
	uint32_t height;       /* guest pixels */
	bool frozen;           /* never animates: shows frozen_frame */
	uint64_t frozen_frame;
	uint64_t start_ns; /* CLOCK_MONOTONIC at open, ns */

	struct vv_demo_buffer primary[DEMO_PRIMARY_COUNT];
	struct vv_demo_buffer cursor;
	/* ours: the drm= backing's device, whose dumb buffers the
	 * framebuffers are; -1 for the memfd/udmabuf backing */
	int drm_fd;
	struct vv_demo_scene *scene; /* what the guest draws; NULL until made */

	bool shown_valid; /* false until the first primary query */
	unsigned shown;   /* index into primary[] of the buffer on screen */
	uint64_t shown_frame;
};

/* ---- the guest's clock ---- */

static uint64_t
monotonic_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * DEMO_NS_PER_S + (uint64_t)ts.tv_nsec;
}

static uint64_t
demo_frame_now(const struct vv_demo *demo)
{
	uint64_t elapsed;

	if (demo->frozen)
		return demo->frozen_frame;
	elapsed = monotonic_ns() - demo->start_ns;
	/* Seconds and the rest apart, so that elapsed * 60 cannot overflow. */
	return elapsed / DEMO_NS_PER_S * VV_DEMO_SCENE_FPS +
	       elapsed % DEMO_NS_PER_S * VV_DEMO_SCENE_FPS / DEMO_NS_PER_S;
}

/* ---- buffers: what a driver keeps in VRAM ---- */

static void
buffer_preinit(struct vv_demo_buffer *buf)
{
	memset(buf, 0, sizeof(*buf));
	buf->memfd = -1;
	buf->dmabuf_fd = -1;
	buf->drm_fd = -1;
}

/* Takes a buffer in any state buffer_preinit or buffer_init left it in. */
static void
buffer_finish(struct vv_demo_buffer *buf)
{
	if (buf->surface)
		cairo_surface_destroy(buf->surface);
	if (buf->map)
		munmap(buf->map, buf->map_size);
	if (buf->dmabuf_fd >= 0)
		close(buf->dmabuf_fd);
	if (buf->memfd >= 0)
		close(buf->memfd);
	if (buf->handle) {
		struct drm_mode_destroy_dumb destroy = { .handle =
							     buf->handle };
		drmIoctl(buf->drm_fd, DRM_IOCTL_MODE_DESTROY_DUMB, &destroy);
	}
	buffer_preinit(buf);
}

/* Allocates the pages now, so that a machine short of memory fails the
 * open with ENOMEM rather than the guest's drawing later with SIGBUS. A
 * kernel that cannot (EOPNOTSUPP) allocates them as they are touched. */
static int
reserve_pages(int fd, size_t size)
{
	if (fallocate(fd, 0, 0, (off_t)size) < 0 && errno != EOPNOTSUPP)
		return -errno;
	return 0;
}

/* A memfd of @size bytes that can neither shrink nor grow, like VRAM: an
 * importer that maps it can trust its size, and udmabuf insists on
 * F_SEAL_SHRINK. Returns the fd or -errno. */
static int
sealed_memfd_create(size_t size)
{
	int fd, ret;

	fd = memfd_create("vgpu-view-demo", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (fd < 0)
		return -errno;
	if (ftruncate(fd, (off_t)size) < 0) {
		ret = -errno;
		goto err;
	}
	ret = reserve_pages(fd, size);
	if (ret < 0)
		goto err;
	if (fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW) < 0) {
		ret = -errno;
		goto err;
	}
	return fd;

err:
	close(fd);
	return ret;
}

#if HAVE_LINUX_UDMABUF_H
/* /dev/udmabuf, or -1 when this machine has none (it needs
 * CONFIG_UDMABUF and access to the node): then the memfds are exported
 * as they are, which an importer that mmaps the fd reads the same way. */
static int
udmabuf_open(void)
{
	return open("/dev/udmabuf", O_RDWR | O_CLOEXEC);
}

/* A real dma-buf over the first @size bytes (page-aligned) of @memfd.
 * Returns the fd or -errno. */
static int
udmabuf_create(int dev, int memfd, size_t size)
{
	struct udmabuf_create create = {
		.memfd = (uint32_t)memfd,
		.flags = UDMABUF_FLAGS_CLOEXEC,
		.offset = 0,
		.size = size,
	};
	int fd = ioctl(dev, UDMABUF_CREATE, &create);

	return fd < 0 ? -errno : fd;
}
#else
static int
udmabuf_open(void)
{
	return -1;
}

static int
udmabuf_create(int dev, int memfd, size_t size)
{
	return -ENOTSUP;
}
#endif

static size_t
page_round_up(size_t size)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);

	return (size + page - 1) / page * page;
}

/* Where the framebuffers live: dumb buffers of @drm_fd (the drm=
 * backing), else memfds exported through @udmabuf_dev (-1: as they are). */
struct demo_backing {
	int drm_fd;
	int udmabuf_dev;
	/* On failure: the step that failed, for the message. */
	const char *step;
};

/* The drm= backing: @buf as a dumb buffer of @drm_fd, like a GPU's
 * framebuffer object (GVT-g's are the host GPU's): mapped for the guest to
 * draw into, and exported with PRIME read-write (DRM_RDWR), so that the
 * compositor may map it too. Returns 0 or -errno with @b->step set. */
static int
buffer_init_dumb(struct vv_demo_buffer *buf, cairo_format_t format,
		 struct demo_backing *b)
{
	struct drm_mode_create_dumb create = {
		.width = buf->width,
		.height = buf->height,
		.bpp = 32,
	};
	struct drm_mode_map_dumb map = { 0 };
	int fd;

	b->step = "DRM_IOCTL_MODE_CREATE_DUMB";
	if (drmIoctl(b->drm_fd, DRM_IOCTL_MODE_CREATE_DUMB, &create) < 0)
		return -errno;
	buf->drm_fd = b->drm_fd;
	buf->handle = create.handle;
	/* cairo draws rows of whole words, at least a row of pixels long. */
	b->step = "the dumb buffer's pitch";
	if (create.pitch % 4 != 0 ||
	    create.pitch <
		(uint32_t)cairo_format_stride_for_width(format, buf->width) ||
	    create.size < (uint64_t)create.pitch * buf->height ||
	    create.size > SIZE_MAX)
		return -EPROTO;
	buf->stride = create.pitch;
	buf->map_size = (size_t)create.size;
	map.handle = create.handle;
	b->step = "DRM_IOCTL_MODE_MAP_DUMB";
	if (drmIoctl(b->drm_fd, DRM_IOCTL_MODE_MAP_DUMB, &map) < 0)
		return -errno;
	b->step = "mmap of the dumb buffer";
	buf->map = mmap(NULL, buf->map_size, PROT_READ | PROT_WRITE, MAP_SHARED,
			b->drm_fd, (off_t)map.offset);
	if (buf->map == MAP_FAILED) {
		buf->map = NULL;
		return -errno;
	}
	b->step = "PRIME export (drmPrimeHandleToFD)";
	if (drmPrimeHandleToFD(b->drm_fd, create.handle, DRM_CLOEXEC | DRM_RDWR,
			       &fd) < 0)
		return -errno;
	buf->dmabuf_fd = fd;
	return 0;
}

/* Allocates @buf as a @width x @height buffer of cairo @format, exported
 * as dma-buf @id from the backing @b. On failure returns -errno and leaves
 * @buf for buffer_finish. */
static int
buffer_init(struct vv_demo_buffer *buf, uint32_t id, uint32_t fourcc,
	    cairo_format_t format, uint32_t width, uint32_t height,
	    struct demo_backing *b)
{
	int udmabuf_dev = b->udmabuf_dev;

	buf->id = id;
	buf->fourcc = fourcc;
	buf->width = width;
	buf->height = height;
	buf->stride = (uint32_t)cairo_format_stride_for_width(format, width);
	if (b->drm_fd >= 0) {
		int ret = buffer_init_dumb(buf, format, b);
		if (ret < 0)
			return ret;
		b->step = "cairo";
		buf->surface = cairo_image_surface_create_for_data(
		    buf->map, format, (int)width, (int)height,
		    (int)buf->stride);
		if (cairo_surface_status(buf->surface) != CAIRO_STATUS_SUCCESS)
			return -ENOMEM;
		return 0;
	}
	/* udmabuf wants whole pages; the plane's size stays stride * height,
	 * as a driver reports it whatever it allocated. */
	buf->map_size = page_round_up((size_t)buf->stride * height);

	buf->memfd = sealed_memfd_create(buf->map_size);
	if (buf->memfd < 0)
		return buf->memfd;
	buf->map = mmap(NULL, buf->map_size, PROT_READ | PROT_WRITE, MAP_SHARED,
			buf->memfd, 0);
	if (buf->map == MAP_FAILED) {
		buf->map = NULL;
		return -errno;
	}
	buf->surface = cairo_image_surface_create_for_data(
	    buf->map, format, (int)width, (int)height, (int)buf->stride);
	if (cairo_surface_status(buf->surface) != CAIRO_STATUS_SUCCESS)
		return -ENOMEM;

	/* A buffer udmabuf refuses (its size_limit_mb, 64 MiB by default, is
	 * less than an 8K frame) is exported as its memfd, like every buffer
	 * on a machine without udmabuf. */
	if (udmabuf_dev >= 0) {
		int fd = udmabuf_create(udmabuf_dev, buf->memfd, buf->map_size);

		if (fd >= 0)
			buf->dmabuf_fd = fd;
	}
	return 0;
}

static int
buffer_export_fd(const struct vv_demo_buffer *buf)
{
	return buf->dmabuf_fd >= 0 ? buf->dmabuf_fd : buf->memfd;
}

/* The plane as a driver reports it; the caller adds the position. */
static void
buffer_plane(const struct vv_demo_buffer *buf, struct vv_plane_info *out)
{
	out->kind = VV_KIND_DMABUF;
	out->fourcc = buf->fourcc;
	out->modifier = DRM_FORMAT_MOD_LINEAR;
	out->width = buf->width;
	out->height = buf->height;
	out->stride = buf->stride;
	out->size = buf->stride * buf->height;
	out->id = buf->id;
}

/* ---- the driver side: struct vv_device_ops ---- */

static struct vv_demo *
demo_from_device(struct vv_device *dev)
{
	/* base is the first member. */
	return (struct vv_demo *)dev;
}

/* Page flip: draw @frame into the buffer after the one shown and show it,
 * unless @frame is already on screen. */
static void
demo_flip(struct vv_demo *demo, uint64_t frame)
{
	unsigned next;

	if (demo->shown_valid && demo->shown_frame == frame)
		return;
	next = demo->shown_valid ? (demo->shown + 1) % DEMO_PRIMARY_COUNT : 0;
	vv_demo_scene_draw_frame(demo->scene, frame,
				 demo->primary[next].surface);
	demo->shown = next;
	demo->shown_frame = frame;
	demo->shown_valid = true;
}

static int
demo_query_plane(struct vv_device *dev, enum vv_plane_type type,
		 struct vv_plane_info *out)
{
	struct vv_demo *demo = demo_from_device(dev);
	uint64_t frame = demo_frame_now(demo);

	memset(out, 0, sizeof(*out));
	switch (type) {
	case VV_PLANE_PRIMARY:
		demo_flip(demo, frame);
		buffer_plane(&demo->primary[demo->shown], out);
		return 0;
	case VV_PLANE_CURSOR:
		buffer_plane(&demo->cursor, out);
		vv_demo_cursor_position(frame, demo->width, demo->height,
					&out->x, &out->y);
		out->hot_x = VV_DEMO_CURSOR_HOT_X;
		out->hot_y = VV_DEMO_CURSOR_HOT_Y;
		return 0;
	case VV_PLANE_TYPE_COUNT:
		break;
	}
	return -EINVAL;
}

static struct vv_demo_buffer *
demo_buffer_by_id(struct vv_demo *demo, uint32_t id)
{
	unsigned i;

	for (i = 0; i < DEMO_PRIMARY_COUNT; i++) {
		if (demo->primary[i].id == id)
			return &demo->primary[i];
	}
	return demo->cursor.id == id ? &demo->cursor : NULL;
}

static int
demo_export_dmabuf(struct vv_device *dev, uint32_t dmabuf_id)
{
	struct vv_demo_buffer *buf =
	    demo_buffer_by_id(demo_from_device(dev), dmabuf_id);
	int fd;

	if (!buf)
		return -ENOENT;
	/* A dup is what a driver hands out: mbochs.c mbochs_get_gfx_dmabuf
	 * exports one dma-buf per id and gives each request a new fd to that
	 * same file. The caller caches the fd per id and closes it when it
	 * drops the id; our own fd stays for the next request, and a dup
	 * holds its own reference, so no close can pull the pages from under
	 * anyone. */
	fd = fcntl(buffer_export_fd(buf), F_DUPFD_CLOEXEC, 0);
	return fd < 0 ? -errno : fd;
}

/* The memfd behind a udmabuf: the same pages as plain shared memory. A
 * buffer exported as its memfd needs none (its dma-buf fd is one), and
 * dumb buffers have none. */
static int
demo_export_shm(struct vv_device *dev, uint32_t dmabuf_id)
{
	struct vv_demo_buffer *buf =
	    demo_buffer_by_id(demo_from_device(dev), dmabuf_id);

	if (!buf)
		return -ENOENT;
	if (buf->dmabuf_fd < 0 || buf->memfd < 0)
		return -ENOTSUP;
	int fd = fcntl(buf->memfd, F_DUPFD_CLOEXEC, 0);
	return fd < 0 ? -errno : fd;
}

/* A dma-buf device has no display regions (mbochs answers a region query
 * for one with -EINVAL too). */
static int
demo_region_size(struct vv_device *dev, uint32_t index, uint64_t *size)
{
	return -EINVAL;
}

static int
demo_map_region(struct vv_device *dev, uint32_t index, size_t len, void **out)
{
	return -EINVAL;
}

static void
demo_destroy(struct vv_device *dev)
{
	struct vv_demo *demo = demo_from_device(dev);
	unsigned i;

	for (i = 0; i < DEMO_PRIMARY_COUNT; i++)
		buffer_finish(&demo->primary[i]);
	buffer_finish(&demo->cursor);
	/* After the buffers: their dumb handles are this device's. */
	if (demo->drm_fd >= 0)
		close(demo->drm_fd);
	vv_demo_scene_destroy(demo->scene);
	free(demo);
}

static const struct vv_device_ops demo_ops = {
	.query_plane = demo_query_plane,
	.export_dmabuf = demo_export_dmabuf,
	.export_shm = demo_export_shm,
	.region_size = demo_region_size,
	.map_region = demo_map_region,
	.edid_info = NULL,
	.edid_write = NULL,
	.edid_read = NULL,
	.destroy = demo_destroy,
};

/* ---- opening ---- */

struct demo_spec {
	uint32_t width;  /* guest pixels */
	uint32_t height; /* guest pixels */
	bool frozen;
	uint64_t frame; /* when frozen */
	/* The drm= backing's device node, or NULL: points into the spec. */
	const char *drm;
};

/* A plain decimal number: strtoull alone would take spaces and signs. */
static bool
parse_number(const char *s, const char **end, uint64_t *out)
{
	char *e;

	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	*out = strtoull(s, &e, 10);
	*end = e;
	return errno == 0;
}

static bool
side_ok(uint64_t side)
{
	return side >= DEMO_MIN_SIDE && side <= DEMO_MAX_SIDE;
}

/* The options after the size: ",drm=PATH". */
static int
demo_parse_options(const char *spec, const char *p, struct demo_spec *out,
		   struct vv_err *err)
{
	static const char drm[] = ",drm=";

	if (*p == '\0')
		return 0;
	if (strcmp(p, drm) == 0)
		return vv_err_set(
		    err, EINVAL,
		    "demo%s: drm= names no device: expected demo:WIDTHxHEIGHT,drm=PATH, e.g. demo:1024x768,drm=/dev/dri/card0",
		    spec);
	if (strncmp(p, drm, strlen(drm)) != 0)
		return vv_err_set(
		    err, EINVAL,
		    "demo%s: unknown option '%s': expected demo:WIDTHxHEIGHT[,drm=PATH], e.g. demo:1024x768,drm=/dev/dri/card0",
		    spec, p + 1);
	out->drm = p + strlen(drm);
	return 0;
}

/* @spec: "", ":WxH" or ":WxH@FRAME", then optionally ",drm=PATH". */
static int
demo_parse_spec(const char *spec, struct demo_spec *out, struct vv_err *err)
{
	const char *p = spec + 1;
	uint64_t w, h;

	*out = (struct demo_spec){
		.width = DEMO_DEFAULT_WIDTH,
		.height = DEMO_DEFAULT_HEIGHT,
	};
	if (spec[0] == '\0')
		return 0;
	if (spec[0] != ':' || !parse_number(p, &p, &w) ||
	    (*p != 'x' && *p != 'X') || !parse_number(p + 1, &p, &h) ||
	    (*p != '\0' && *p != '@' && *p != ','))
		return vv_err_set(
		    err, EINVAL,
		    "demo%s: not a screen size: expected demo:WIDTHxHEIGHT, e.g. demo:1920x1080",
		    spec);
	if (!side_ok(w) || !side_ok(h))
		return vv_err_set(
		    err, EINVAL,
		    "demo%s: width and height must each be %d..%d: expected demo:WIDTHxHEIGHT, e.g. demo:1920x1080",
		    spec, DEMO_MIN_SIDE, DEMO_MAX_SIDE);
	out->width = (uint32_t)w;
	out->height = (uint32_t)h;
	if (*p != '@')
		return demo_parse_options(spec, p, out, err);
	if (!parse_number(p + 1, &p, &out->frame) || (*p != '\0' && *p != ','))
		return vv_err_set(
		    err, EINVAL,
		    "demo%s: not a frame number after '@': expected demo:WIDTHxHEIGHT@FRAME, e.g. demo:1920x1080@120",
		    spec);
	out->frozen = true;
	return demo_parse_options(spec, p, out, err);
}

/* Allocates the three primaries (ids 1..3) and the cursor (id 4). cairo's
 * formats are native-endian words and DRM's little-endian bytes: RGB24 is
 * XRGB8888 and ARGB32 (premultiplied) is ARGB8888 on the little-endian
 * machines vGPUs live in. */
static int
demo_create_buffers(struct vv_demo *demo, const char **step)
{
	struct demo_backing b = {
		.drm_fd = demo->drm_fd,
		.udmabuf_dev = demo->drm_fd < 0 ? udmabuf_open() : -1,
	};
	unsigned i;
	int ret = 0;

	for (i = 0; i < DEMO_PRIMARY_COUNT && ret == 0; i++)
		ret = buffer_init(&demo->primary[i], i + 1, DRM_FORMAT_XRGB8888,
				  CAIRO_FORMAT_RGB24, demo->width, demo->height,
				  &b);
	if (ret == 0)
		ret = buffer_init(&demo->cursor, DEMO_CURSOR_ID,
				  DRM_FORMAT_ARGB8888, CAIRO_FORMAT_ARGB32,
				  VV_DEMO_CURSOR_SIZE, VV_DEMO_CURSOR_SIZE, &b);
	if (b.udmabuf_dev >= 0)
		close(b.udmabuf_dev);
	*step = b.step;
	return ret;
}

/* Opens the drm= backing's device: a DRM node with dumb buffers. Returns
 * the fd, or -1 with @err set (@spec is the address after "demo"). */
static int
demo_open_drm(const char *spec, const char *path, char *driver, size_t len,
	      struct vv_err *err)
{
	static const char fix[] =
	    "name a DRM card node, e.g. drm=/dev/dri/card0";
	struct stat st;
	uint64_t dumb = 0;
	int fd = open(path, O_RDWR | O_CLOEXEC | O_NOCTTY);

	if (fd < 0) {
		int code = errno;
		vv_err_set(
		    err, code, "demo%s: cannot open %s: %s (%s)", spec, path,
		    strerror(code),
		    code == EACCES
			? "add your user to the group that owns it, usually video or render"
			: fix);
		return -1;
	}
	drmVersionPtr version = fstat(fd, &st) == 0 && S_ISCHR(st.st_mode)
				    ? drmGetVersion(fd)
				    : NULL;
	if (!version) {
		vv_err_set(err, ENODEV,
			   "demo%s: %s is not a DRM device (%s): %s", spec,
			   path,
			   S_ISCHR(st.st_mode)
			       ? "a character device that answers no DRM ioctl"
			       : vv_file_kind_name(st.st_mode),
			   fix);
		close(fd);
		return -1;
	}
	snprintf(driver, len, "%s", version->name ? version->name : "?");
	drmFreeVersion(version);
	if (drmGetCap(fd, DRM_CAP_DUMB_BUFFER, &dumb) < 0 || !dumb) {
		vv_err_set(err, ENOTSUP,
			   "demo%s: %s (driver %s) has no dumb buffers: %s",
			   spec, path, driver, fix);
		close(fd);
		return -1;
	}
	return fd;
}

static const char *
alloc_advice(int code)
{
	if (code == EMFILE || code == ENFILE)
		return "raise the limit on open files, ulimit -n";
	return "free some memory, or ask for a smaller screen, e.g. demo:1280x720";
}

struct vv_device *
vv_demo_open(const char *spec, struct vv_err *err)
{
	struct demo_spec s;
	struct vv_demo *demo;
	const char *step = NULL;
	char driver[32] = "", backing[96] = "";
	unsigned i;
	int ret;

	if (demo_parse_spec(spec, &s, err) < 0)
		return NULL;
	demo = calloc(1, sizeof(*demo));
	if (!demo) {
		vv_err_set(err, ENOMEM, "demo%s: out of memory", spec);
		return NULL;
	}
	demo->drm_fd = -1;
	for (i = 0; i < DEMO_PRIMARY_COUNT; i++)
		buffer_preinit(&demo->primary[i]);
	buffer_preinit(&demo->cursor);
	if (s.drm) {
		demo->drm_fd =
		    demo_open_drm(spec, s.drm, driver, sizeof(driver), err);
		if (demo->drm_fd < 0) {
			free(demo);
			return NULL;
		}
		snprintf(backing, sizeof(backing), ", dumb buffers of %s (%s)",
			 s.drm, driver);
	}
	demo->base.ops = &demo_ops;
	demo->base.kind = VV_KIND_DMABUF;
	demo->base.dmabuf_access = VV_DMABUF_ACCESS_READ_WRITE;
	demo->width = s.width;
	demo->height = s.height;
	demo->frozen = s.frozen;
	demo->frozen_frame = s.frame;
	if (s.frozen)
		snprintf(demo->base.name, sizeof(demo->base.name),
			 "demo %" PRIu32 "x%" PRIu32
			 " (simulated vGPU, frame %" PRIu64 "%s)",
			 s.width, s.height, s.frame, backing);
	else
		snprintf(demo->base.name, sizeof(demo->base.name),
			 "demo %" PRIu32 "x%" PRIu32 " (simulated vGPU%s)",
			 s.width, s.height, backing);

	ret = demo_create_buffers(demo, &step);
	if (ret == 0) {
		demo->scene = vv_demo_scene_create(s.width, s.height);
		if (!demo->scene)
			ret = -ENOMEM;
	}
	if (ret < 0 && s.drm && step) {
		vv_err_set(
		    err, -ret,
		    "%s: cannot make its framebuffers dumb buffers of %s: %s: %s (%s)",
		    demo->base.name, s.drm, step,
		    ret == -EPROTO ? "the driver's answer is unusable"
				   : strerror(-ret),
		    ret == -EACCES
			? "a render node has no dumb buffers: name a card node, /dev/dri/cardN"
			: alloc_advice(-ret));
		demo_destroy(&demo->base);
		return NULL;
	}
	if (ret < 0) {
		vv_err_set(
		    err, -ret,
		    "%s: cannot allocate its framebuffers (3 x %.1f MiB): %s (%s)",
		    demo->base.name,
		    (double)s.width * s.height * 4 / (1024 * 1024),
		    strerror(-ret), alloc_advice(-ret));
		demo_destroy(&demo->base);
		return NULL;
	}
	/* What the cursor's fdinfo will say, and every primary's. */
	snprintf(demo->base.dmabuf_exporter, sizeof(demo->base.dmabuf_exporter),
		 "%s",
		 demo->drm_fd >= 0             ? "drm"
		 : demo->cursor.dmabuf_fd >= 0 ? "udmabuf"
					       : "");
	vv_demo_scene_draw_cursor(demo->cursor.surface);
	demo->start_ns = monotonic_ns();
	return &demo->base;
}
