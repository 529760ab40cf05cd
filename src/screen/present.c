#include "present.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "linux-dmabuf-unstable-v1-client-protocol.h"
#include "log.h"
#include "shm-buffer.h"
#include "xalloc.h"

static const struct vv_path_ops *const paths[] = {
	&vv_path_dmabuf,
	&vv_path_shm,
	&vv_path_copy,
};

const char *
vv_path_name(enum vv_path path)
{
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		if (paths[i]->path == path)
			return paths[i]->name;
	return "none";
}

struct vv_present *
vv_present_create(struct vv_wl *wl, struct vv_device *dev,
		  struct vv_dmabuf_cache *dmabufs, struct vv_stats *stats)
{
	struct vv_present *present = vv_xzalloc(sizeof(*present));

	present->wl = wl;
	present->dev = dev;
	present->dmabufs = dmabufs;
	present->stats = stats;
	wl_list_init(&present->imports);
	return present;
}

void
vv_present_import_destroy(struct vv_import *imp)
{
	if (imp->params)
		zwp_linux_buffer_params_v1_destroy(imp->params);
	if (imp->buffer) {
		if (imp->present->attached[imp->type] == imp->buffer)
			imp->present->attached[imp->type] = NULL;
		wl_buffer_destroy(imp->buffer);
	}
	wl_list_remove(&imp->link);
	free(imp);
}

static void
copy_finish(struct vv_copy *copy)
{
	for (int i = 0; i < VV_COPY_BUFFERS; i++) {
		vv_shm_buffer_destroy(copy->buffers[i]);
		copy->buffers[i] = NULL;
	}
	vv_plane_unmap(&copy->region);
	for (int i = 0; i < VV_COPY_MAPS; i++)
		vv_plane_unmap(&copy->maps[i].map);
	vv_format_scratch_finish(&copy->scratch);
}

void
vv_present_destroy(struct vv_present *present)
{
	struct vv_import *imp, *tmp;

	if (!present)
		return;
	wl_list_for_each_safe (imp, tmp, &present->imports, link)
		vv_present_import_destroy(imp);
	for (int t = 0; t < VV_PLANE_TYPE_COUNT; t++)
		copy_finish(&present->copy[t]);
	vv_format_set_finish(&present->refused);
	free(present);
}

/* Same pixels layout: a flip (new id) keeps the path, a mode change does
 * not. */
static bool
same_mode(const struct vv_plane_info *a, const struct vv_plane_info *b)
{
	return a->kind == b->kind && a->fourcc == b->fourcc &&
	       a->modifier == b->modifier && a->width == b->width &&
	       a->height == b->height && a->stride == b->stride &&
	       a->size == b->size;
}

struct vv_import *
vv_present_find_import(struct vv_present *present, enum vv_path path,
		       const struct vv_plane *plane,
		       const struct vv_dmabuf *buf)
{
	struct vv_import *imp;

	wl_list_for_each (imp, &present->imports, link) {
		if (imp->path == path && imp->type == plane->type &&
		    !imp->stale && imp->id == buf->id &&
		    imp->serial == buf->serial &&
		    same_mode(&imp->info, &plane->info))
			return imp;
	}
	return NULL;
}

struct vv_import *
vv_present_add_import(struct vv_present *present, enum vv_path path,
		      const struct vv_plane *plane, const struct vv_dmabuf *buf)
{
	struct vv_import *imp, *tmp;

	/* An id the driver now uses for another mode replaces its import;
	 * a buffer still attached goes only once another replaced it
	 * (drop_stale): destroyed now, the commit in flight would have no
	 * buffer, and a surface without one gets no frame callbacks. */
	wl_list_for_each_safe (imp, tmp, &present->imports, link) {
		if (imp->path != path || imp->type != plane->type ||
		    imp->id != buf->id)
			continue;
		if (imp->buffer &&
		    imp->buffer == present->attached[plane->type])
			imp->stale = true;
		else
			vv_present_import_destroy(imp);
	}
	imp = vv_xzalloc(sizeof(*imp));
	imp->present = present;
	imp->path = path;
	imp->type = plane->type;
	imp->seq = ++present->import_seq;
	imp->id = buf->id;
	imp->serial = buf->serial;
	imp->info = plane->info;
	wl_list_insert(&present->imports, &imp->link);
	return imp;
}

static void
describe_mode(const struct vv_plane *plane, char *out, size_t len)
{
	char fourcc[12], modifier[64];

	vv_format_fourcc_str(plane->info.fourcc, fourcc);
	vv_modifier_name(plane->info.modifier, modifier, sizeof(modifier));
	snprintf(out, len, "%ux%u %s %s %s", plane->info.width,
		 plane->info.height, fourcc, modifier,
		 plane->info.kind == VV_KIND_REGION ? "region" : "dma-buf");
}

/* Picks the first path that accepts @plane and has not failed for it, and
 * says so (when @say) if the choice differs from the last one. */
static void
choose(struct vv_present *present, const struct vv_plane *plane,
       const struct vv_dmabuf *buf, bool say)
{
	struct vv_present_slot *slot = &present->slots[plane->type];
	enum vv_path before = slot->chosen ? slot->path : VV_PATH_COUNT;
	char refusals[512] = "", why[256], note[256] = "", mode[128];
	size_t used = 0;

	if (!slot->chosen || !same_mode(&slot->mode, &plane->info))
		slot->failed = 0;
	slot->chosen = true;
	slot->mode = plane->info;
	slot->path = VV_PATH_NONE;
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		why[0] = '\0';
		bool accepted =
		    paths[i]->accepts(present, plane, buf, why, sizeof(why));
		if (accepted && slot->failed & 1u << paths[i]->path) {
			snprintf(why, sizeof(why), "it failed for this plane");
			accepted = false;
		}
		if (accepted) {
			slot->path = paths[i]->path;
			snprintf(note, sizeof(note), "%s", why);
			break;
		}
		if (used < sizeof(refusals))
			used += (size_t)snprintf(
			    refusals + used, sizeof(refusals) - used,
			    "%s%s: %s", used ? "; " : "", paths[i]->name, why);
	}
	if (slot->path == VV_PATH_NONE && buf)
		snprintf(
		    slot->why, sizeof(slot->why),
		    "only a GPU can read this vGPU's buffers here (%s). Run vgpu-view in a compositor that imports dma-bufs (GNOME, KDE Plasma, sway on a GPU).",
		    refusals);
	else if (note[0])
		snprintf(slot->why, sizeof(slot->why), "%s", note);
	else
		snprintf(slot->why, sizeof(slot->why), "%s",
			 refusals[0] ? refusals
				     : "the compositor imports it as is");

	describe_mode(plane, mode, sizeof(mode));
	if (slot->path == before || !say)
		return;
	char line[1200], again[64] = "";
	unsigned held;
	if (slot->path == VV_PATH_NONE)
		snprintf(line, sizeof(line),
			 "cannot show the %s plane (%s) of %s: %s",
			 vv_plane_type_name(plane->type), mode,
			 present->dev->name, slot->why);
	else if (refusals[0] || note[0])
		snprintf(line, sizeof(line), "%s plane (%s): %s path (%s)",
			 vv_plane_type_name(plane->type), mode,
			 vv_path_name(slot->path), slot->why);
	else
		snprintf(line, sizeof(line), "%s plane (%s): %s path",
			 vv_plane_type_name(plane->type), mode,
			 vv_path_name(slot->path));
	if (!vv_log_repeat_pass(&slot->said_path, line, vv_now_ns(), &held))
		return;
	if (held)
		snprintf(again, sizeof(again), " (again; %u times unsaid)",
			 held);
	if (slot->path == VV_PATH_NONE)
		vv_warn("%s%s", line, again);
	else
		vv_info("%s%s", line, again);
}

static size_t
path_index(enum vv_path path)
{
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		if (paths[i]->path == path)
			return i;
	return sizeof(paths) / sizeof(paths[0]);
}

/* The plane's dma-buf, checked against its real size; NULL with the slot
 * set to "none" and why, when there is no usable one. */
static const struct vv_dmabuf *
plane_dmabuf(struct vv_present *present, const struct vv_plane *plane)
{
	struct vv_present_slot *slot = &present->slots[plane->type];
	char why[160];
	int error = 0;
	const struct vv_dmabuf *buf =
	    vv_dmabuf_cache_get(present->dmabufs, present->dev, plane->info.id,
				vv_now_ns(), &error);

	if (buf &&
	    !vv_plane_check_backing(plane, buf->size, why, sizeof(why))) {
		if (slot->unusable) {
			/* It works again: choose its path afresh. */
			slot->unusable = false;
			slot->chosen = false;
		}
		return buf;
	}
	if (!buf)
		snprintf(why, sizeof(why), "exporting dma-buf id %u failed: %s",
			 plane->info.id, present->dmabufs->why);
	char line[400];
	unsigned held;
	snprintf(line, sizeof(line), "cannot show the %s plane of %s: %s",
		 vv_plane_type_name(plane->type), present->dev->name, why);
	if ((!slot->unusable || strcmp(slot->why, why) != 0) &&
	    vv_log_repeat_pass(&slot->said_unusable, line, vv_now_ns(), &held))
		vv_warn("%s", line);
	slot->unusable = true;
	snprintf(slot->why, sizeof(slot->why), "%s", why);
	return NULL;
}

/* Stale imports of @type that are no longer attached: the commit that
 * replaced them went out with the last frame. */
static void
drop_stale(struct vv_present *present, enum vv_plane_type type)
{
	struct vv_import *imp, *tmp;

	wl_list_for_each_safe (imp, tmp, &present->imports, link) {
		if (imp->stale && imp->type == type &&
		    imp->buffer != present->attached[type])
			vv_present_import_destroy(imp);
	}
}

static int
present_frame(struct vv_present *present, const struct vv_plane *plane,
	      struct wl_buffer **out, bool *fresh)
{
	struct vv_present_slot *slot = &present->slots[plane->type];
	const struct vv_dmabuf *buf = NULL;

	if (plane->info.kind == VV_KIND_DMABUF) {
		buf = plane_dmabuf(present, plane);
		if (!buf)
			return -ENOTSUP;
	}
	if (!slot->chosen || !same_mode(&slot->mode, &plane->info))
		choose(present, plane, buf, true);
	for (;;) {
		size_t i = path_index(slot->path);
		if (slot->path == VV_PATH_NONE)
			return -ENOTSUP;
		int ret = paths[i]->frame(present, plane, buf, out, fresh);
		if (ret == 0 || ret == -EINPROGRESS)
			return ret;
		slot->failed |= 1u << slot->path;
		choose(present, plane, buf, true);
	}
}

int
vv_present_frame(struct vv_present *present, const struct vv_plane *plane,
		 struct wl_buffer **out, bool *fresh)
{
	*out = NULL;
	*fresh = false;
	drop_stale(present, plane->type);
	int ret = present_frame(present, plane, out, fresh);
	if (ret == 0)
		present->attached[plane->type] = *out;
	return ret;
}

enum vv_path
vv_present_path(const struct vv_present *present, enum vv_plane_type type)
{
	const struct vv_present_slot *slot = &present->slots[type];

	return slot->chosen && !slot->unusable ? slot->path : VV_PATH_NONE;
}

const char *
vv_present_why(const struct vv_present *present, enum vv_plane_type type)
{
	return present->slots[type].why;
}

void
vv_present_forget(struct vv_present *present, enum vv_plane_type type)
{
	present->slots[type].chosen = false;
	present->slots[type].unusable = false;
	copy_finish(&present->copy[type]);
}

void
vv_present_expire(struct vv_present *present, uint64_t now)
{
	struct vv_import *imp, *tmp;

	vv_dmabuf_cache_expire(present->dmabufs, now);
	wl_list_for_each_safe (imp, tmp, &present->imports, link) {
		if (vv_dmabuf_cache_holds(present->dmabufs, imp->id,
					  imp->serial))
			continue;
		/* The attached buffer goes once another replaced it. */
		if (imp->buffer && imp->buffer == present->attached[imp->type])
			imp->stale = true;
		else
			vv_present_import_destroy(imp);
	}
	for (int t = 0; t < VV_PLANE_TYPE_COUNT; t++)
		vv_copy_expire(&present->copy[t], present->dmabufs);
}
