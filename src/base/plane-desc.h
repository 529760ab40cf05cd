/* What a plane is, in words every room shares: the source reports planes
 * in them, validation (source/plane.h) vouches for them, and the screen's
 * paths show them. Descriptions only: asking a device, exporting and
 * mapping stay in src/source/. */
#ifndef VV_PLANE_DESC_H
#define VV_PLANE_DESC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "format.h"

enum vv_plane_type {
	VV_PLANE_PRIMARY,
	VV_PLANE_CURSOR,
	VV_PLANE_TYPE_COUNT,
};

/* How a plane's pixels are reached. */
enum vv_plane_kind {
	VV_KIND_NONE,   /* the guest shows nothing on this plane */
	VV_KIND_DMABUF, /* id is a dmabuf id, exported by the source */
	VV_KIND_REGION, /* id is a device region index, mapped by the source */
};

/* A plane as the source reported it: raw, unvalidated, possibly written by a
 * hostile guest through a buggy driver. */
struct vv_plane_info {
	enum vv_plane_kind kind;
	uint32_t fourcc;   /* DRM fourcc */
	uint64_t modifier; /* DRM format modifier */
	uint32_t width;    /* guest pixels */
	uint32_t height;   /* guest pixels */
	uint32_t stride;   /* bytes per row */
	uint32_t size;     /* bytes in the buffer or region */
	uint32_t x, y;     /* cursor position, guest pixels (magnitudes) */
	uint32_t hot_x;    /* cursor hotspot, cursor pixels; 0xffffffff: none */
	uint32_t hot_y;
	uint32_t id; /* dmabuf id (VV_KIND_DMABUF) or region index (REGION) */
};

#define VV_PLANE_MAX_DIM 16384u
#define VV_HOTSPOT_NONE  0xffffffffu

/* A plane that passed validation (vv_plane_validate). */
struct vv_plane {
	enum vv_plane_type type;
	/* As reported, except hot_x/hot_y: 0 when the driver gave none or
	 * one outside the cursor. */
	struct vv_plane_info info;
	const struct vv_format *format; /* never NULL */
	enum vv_tiling tiling;
};

/* An exported dma-buf, as the cache in source/plane.h holds it. */
struct vv_dmabuf {
	uint32_t id;
	int fd; /* owned by the cache; -1 in a free slot */
	/* Which export this is: a later export of the same id (after the
	 * cache let it go) has another serial even where it gets the same fd
	 * number, so a consumer can tell its buffer from a new one. */
	uint32_t serial;
	/* Owned by the cache: the source's memfd of the same pages
	 * (export_shm), what a wl_shm pool should map; -1 without one. */
	int shm_fd;
	uint64_t size;      /* lseek(fd, 0, SEEK_END): the buffer's real size */
	uint64_t last_used; /* CLOCK_MONOTONIC ns */
	/* Its exporter as its fdinfo names it ("drm", "udmabuf", "i915"), or
	 * "" when it names none (a memfd standing in for a dma-buf): what
	 * decides whether it may be offered with the implicit modifier. */
	char exporter[32];
};

/* A plane's pixels mapped for reading (source/plane-map.h maps and unmaps
 * them). */
struct vv_plane_map {
	const uint8_t *data; /* the plane's first byte; NULL when unmapped */
	size_t len;          /* readable bytes from data */
	int sync_fd;         /* the dma-buf being read, borrowed; -1 if none */
};

/* How much two plane descriptions must share to be "the same"; each level
 * asks for the one before and more. */
enum vv_plane_same {
	/* kind, fourcc, modifier, width, height, stride, size: the same
	 * pixel layout (a flip keeps it, a mode change does not) */
	VV_PLANE_SAME_MODE,
	/* and the same id: the same buffer in that layout */
	VV_PLANE_SAME_BUFFER,
	/* and the same cursor position and hotspot: nothing changed */
	VV_PLANE_SAME_ALL,
};

/* True when @a and @b agree on everything @level asks for. */
bool vv_plane_info_same(const struct vv_plane_info *a,
			const struct vv_plane_info *b,
			enum vv_plane_same level);

struct vv_err;

/* What the CPU may do with a source's dma-bufs, known without exporting
 * one: the screen's paths choose from it (no probe), and --info names paths
 * from it, since each export of an mbochs id costs a page reference
 * (mbochs.c mbochs_get_gfx_dmabuf). */
enum vv_dmabuf_access {
	VV_DMABUF_ACCESS_UNKNOWN,    /* a driver not known here */
	VV_DMABUF_ACCESS_NONE,       /* no CPU mapping (mbochs: O_RDONLY) */
	VV_DMABUF_ACCESS_READ_WRITE, /* mappable read-write (GVT-g, demo) */
};

/* The planes' buffers, as a consumer that shows or reads pixels (the
 * screen's paths) asks for them. Their owner on the device side exports,
 * caches and maps them (source/source.h vv_source_buffers), so a consumer
 * never holds the device. @owner is passed back to every op. */
struct vv_plane_buffers_ops {
	/* The device's name, for messages: "mdev UUID (TYPE)". */
	const char *(*name)(void *owner);
	/* The dma-buf of the DMABUF @plane, exported on first use and kept,
	 * checked against its real size. NULL with @err set (the errno, and
	 * the reason for a line that names the plane and the device). @now
	 * is CLOCK_MONOTONIC ns. */
	const struct vv_dmabuf *(*dmabuf)(void *owner,
					  const struct vv_plane *plane,
					  uint64_t now, struct vv_err *err);
	/* True while export @serial of dmabuf id @id is still kept. */
	bool (*holds)(void *owner, uint32_t id, uint32_t serial);
	/* Lets go of dma-bufs idle for long. */
	void (*expire)(void *owner, uint64_t now);
	/* Maps @plane for reading, its dma-buf or its region, with the
	 * reads begun (plane-read.h ends them). 0, or -errno with @err set
	 * to a whole line. */
	int (*map)(void *owner, const struct vv_plane *plane,
		   struct vv_plane_map *map, struct vv_err *err);
	/* Maps dma-buf @buf of @plane (from ->dmabuf) to keep across
	 * frames, reads not begun. Errors as ->map's. */
	int (*map_dmabuf)(void *owner, const struct vv_plane *plane,
			  const struct vv_dmabuf *buf, struct vv_plane_map *map,
			  struct vv_err *err);
};

struct vv_plane_buffers {
	const struct vv_plane_buffers_ops *ops;
	void *owner;
	/* What the CPU may do with these dma-bufs: what a consumer decides
	 * by before it maps one (screen/path.h accepts). */
	enum vv_dmabuf_access access;
};

const char *vv_plane_type_name(enum vv_plane_type type);

const char *vv_plane_kind_name(enum vv_plane_kind kind);

#endif
