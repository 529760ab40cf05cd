#include "plane.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "file-kind.h"

uint64_t
vv_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static uint32_t
rows_spanned(const struct vv_plane_info *raw, enum vv_tiling tiling)
{
	uint32_t th = vv_tiling_tile_height(tiling);

	return (raw->height + th - 1) / th * th;
}

int
vv_plane_validate(enum vv_plane_type type, const struct vv_plane_info *raw,
		  struct vv_plane *out, char *why, size_t why_len)
{
	const struct vv_format *format = vv_format_lookup(raw->fourcc);
	enum vv_tiling tiling = vv_modifier_tiling(raw->modifier);
	char fourcc[12];

	if (raw->width < 1 || raw->width > VV_PLANE_MAX_DIM ||
	    raw->height < 1 || raw->height > VV_PLANE_MAX_DIM) {
		snprintf(why, why_len,
			 "size %" PRIu32 "x%" PRIu32 " is outside 1..%u",
			 raw->width, raw->height, VV_PLANE_MAX_DIM);
		return -EINVAL;
	}
	if (!format) {
		vv_format_fourcc_str(raw->fourcc, fourcc);
		snprintf(why, why_len, "format %s is not a known DRM format",
			 fourcc);
		return -EINVAL;
	}
	uint32_t row = vv_format_row_bytes(format, raw->width);
	if (raw->stride < row) {
		snprintf(why, why_len,
			 "stride %" PRIu32 " is shorter than a row of %" PRIu32
			 " pixels (%" PRIu32 " bytes)",
			 raw->stride, raw->width, row);
		return -EINVAL;
	}
	uint32_t tw = vv_tiling_tile_width(tiling);
	if (raw->stride % tw != 0) {
		snprintf(why, why_len,
			 "stride %" PRIu32 " is not a whole number of %" PRIu32
			 "-byte tiles",
			 raw->stride, tw);
		return -EINVAL;
	}
	uint64_t span = (uint64_t)raw->stride * rows_spanned(raw, tiling);
	if (span > raw->size) {
		snprintf(why, why_len,
			 "%" PRIu32 " rows of %" PRIu32 " bytes need %" PRIu64
			 " bytes but the plane has %" PRIu32,
			 rows_spanned(raw, tiling), raw->stride, span,
			 raw->size);
		return -EINVAL;
	}

	out->type = type;
	out->info = *raw;
	out->format = format;
	out->tiling = tiling;
	/* GVT-g reports 0xffffffff for a cursor without a valid hotspot
	 * (gvt/dmabuf.c intel_vgpu_query_plane); anything outside the image
	 * means the same. */
	if (raw->hot_x >= raw->width || raw->hot_y >= raw->height) {
		out->info.hot_x = 0;
		out->info.hot_y = 0;
	}
	return 0;
}

size_t
vv_plane_span(const struct vv_plane *plane)
{
	return (size_t)plane->info.stride *
	       rows_spanned(&plane->info, plane->tiling);
}

int
vv_plane_check_backing(const struct vv_plane *plane, uint64_t backing_size,
		       char *why, size_t why_len)
{
	if (plane->info.size > backing_size) {
		snprintf(why, why_len,
			 "plane size %" PRIu32
			 " is larger than its buffer (%" PRIu64 " bytes)",
			 plane->info.size, backing_size);
		return -EINVAL;
	}
	return 0;
}

bool
vv_plane_info_equal(const struct vv_plane_info *a,
		    const struct vv_plane_info *b)
{
	return a->kind == b->kind && a->fourcc == b->fourcc &&
	       a->modifier == b->modifier && a->width == b->width &&
	       a->height == b->height && a->stride == b->stride &&
	       a->size == b->size && a->x == b->x && a->y == b->y &&
	       a->hot_x == b->hot_x && a->hot_y == b->hot_y && a->id == b->id;
}

/* A value that --info can print unquoted: printable ASCII without spaces,
 * quotes or backslashes. */
static bool
bare_value(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s <= ' ' || *s > '~' || *s == '"' || *s == '\\')
			return false;
	return true;
}

void
vv_plane_describe(enum vv_plane_type type, const struct vv_plane *plane,
		  char *out, size_t len)
{
	const char *name = vv_plane_type_name(type);
	char fourcc[12], modifier[64], hot[48] = "";

	if (!plane) {
		snprintf(out, len, "plane=%s state=none", name);
		return;
	}
	const struct vv_plane_info *p = &plane->info;
	vv_format_fourcc_str(p->fourcc, fourcc);
	vv_modifier_name(p->modifier, modifier, sizeof(modifier));
	/* Values are single tokens (info.h): "C8  " is C8, and a name with
	 * a space, quote or backslash in it is given as a number. */
	for (size_t n = strlen(fourcc); n > 0 && fourcc[n - 1] == ' '; n--)
		fourcc[n - 1] = '\0';
	if (!bare_value(fourcc))
		snprintf(fourcc, sizeof(fourcc), "0x%08" PRIx32, p->fourcc);
	if (!bare_value(modifier))
		snprintf(modifier, sizeof(modifier), "0x%016" PRIx64,
			 p->modifier);
	if (type == VV_PLANE_CURSOR)
		snprintf(hot, sizeof(hot), " hot_x=%" PRIu32 " hot_y=%" PRIu32,
			 p->hot_x, p->hot_y);
	snprintf(out, len,
		 "plane=%s format=%s modifier=%s width=%" PRIu32
		 " height=%" PRIu32 " stride=%" PRIu32 " size=%" PRIu32
		 " kind=%s %s=%" PRIu32 " x=%" PRIu32 " y=%" PRIu32 "%s",
		 name, fourcc, modifier, p->width, p->height, p->stride,
		 p->size, vv_plane_kind_name(p->kind),
		 p->kind == VV_KIND_REGION ? "region" : "dmabuf_id", p->id,
		 p->x, p->y, hot);
}

bool
vv_plane_tracker_update(struct vv_plane_tracker *tracker, int error,
			const struct vv_plane_info *raw)
{
	bool changed = !tracker->seen || tracker->last_error != error ||
		       (!error && !vv_plane_info_equal(&tracker->last, raw));

	tracker->seen = true;
	tracker->last_error = error;
	if (!error)
		tracker->last = *raw;
	return changed;
}

void
vv_dmabuf_cache_init(struct vv_dmabuf_cache *cache)
{
	memset(cache, 0, sizeof(*cache));
	for (int i = 0; i < VV_DMABUF_CACHE_SIZE; i++) {
		cache->entries[i].fd = -1;
		cache->entries[i].shm_fd = -1;
	}
}

static void
entry_drop(struct vv_dmabuf *entry)
{
	if (entry->fd >= 0)
		close(entry->fd);
	if (entry->shm_fd >= 0)
		close(entry->shm_fd);
	entry->fd = -1;
	entry->shm_fd = -1;
	entry->id = 0;
}

void
vv_dmabuf_cache_finish(struct vv_dmabuf_cache *cache)
{
	for (int i = 0; i < VV_DMABUF_CACHE_SIZE; i++)
		entry_drop(&cache->entries[i]);
}

const struct vv_dmabuf *
vv_dmabuf_cache_get(struct vv_dmabuf_cache *cache, struct vv_device *dev,
		    uint32_t id, uint64_t now, int *error)
{
	struct vv_dmabuf *slot = NULL;

	for (int i = 0; i < VV_DMABUF_CACHE_SIZE; i++) {
		struct vv_dmabuf *e = &cache->entries[i];
		if (e->fd >= 0 && e->id == id) {
			e->last_used = now;
			return e;
		}
		if (!slot || (slot->fd >= 0 &&
			      (e->fd < 0 || e->last_used < slot->last_used)))
			slot = e;
	}

	cache->exports++;
	int fd = dev->ops->export_dmabuf(dev, id);
	char what[64];
	if (fd < 0) {
		*error = fd;
		snprintf(cache->why, sizeof(cache->why), "%s", strerror(-fd));
		return NULL;
	}
	/* What a broken driver hands out would otherwise fail later with a
	 * misleading reason (a pipe: "Illegal seek"; /dev/null: 0 bytes). */
	if (!vv_fd_is_dmabuf(fd, what, sizeof(what))) {
		*error = -EPROTO;
		snprintf(cache->why, sizeof(cache->why),
			 "the driver returned %s instead of a dma-buf", what);
		close(fd);
		return NULL;
	}
	off_t end = lseek(fd, 0, SEEK_END);
	if (end < 0) {
		*error = -errno;
		snprintf(cache->why, sizeof(cache->why),
			 "its size cannot be read: %s", strerror(-*error));
		close(fd);
		return NULL;
	}
	entry_drop(slot);
	if (vv_fd_exporter(fd, slot->exporter, sizeof(slot->exporter)) < 0)
		slot->exporter[0] = '\0';
	slot->id = id;
	slot->fd = fd;
	/* Only a source that has one says so; no answer is no memfd. */
	slot->shm_fd =
	    dev->ops->export_shm ? dev->ops->export_shm(dev, id) : -1;
	if (slot->shm_fd < 0)
		slot->shm_fd = -1;
	slot->serial = cache->exports;
	slot->size = (uint64_t)end;
	slot->last_used = now;
	return slot;
}

void
vv_dmabuf_cache_expire(struct vv_dmabuf_cache *cache, uint64_t now)
{
	for (int i = 0; i < VV_DMABUF_CACHE_SIZE; i++) {
		struct vv_dmabuf *e = &cache->entries[i];
		if (e->fd >= 0 && now - e->last_used > VV_DMABUF_IDLE_NS)
			entry_drop(e);
	}
}

bool
vv_dmabuf_cache_holds(const struct vv_dmabuf_cache *cache, uint32_t id,
		      uint32_t serial)
{
	for (int i = 0; i < VV_DMABUF_CACHE_SIZE; i++) {
		const struct vv_dmabuf *e = &cache->entries[i];
		if (e->fd >= 0 && e->id == id && e->serial == serial)
			return true;
	}
	return false;
}

unsigned
vv_dmabuf_cache_count(const struct vv_dmabuf_cache *cache)
{
	unsigned n = 0;

	for (int i = 0; i < VV_DMABUF_CACHE_SIZE; i++)
		n += cache->entries[i].fd >= 0;
	return n;
}
