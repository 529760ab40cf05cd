#include "present.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "linux-dmabuf-unstable-v1-client-protocol.h"
#include "log.h"
#include "path.h"
#include "plane-read.h"
#include "shm-buffer.h"
#include "xalloc.h"

static const struct vv_path_ops *const paths[] = {
	&vv_path_dmabuf,
	&vv_path_shm,
	&vv_path_copy,
};

static const char *
table_name(const struct vv_path_ops *const *table, size_t n, enum vv_path path)
{
	for (size_t i = 0; i < n; i++)
		if (table[i]->path == path)
			return table[i]->name;
	return "none";
}

const char *
vv_path_name(enum vv_path path)
{
	return table_name(paths, sizeof(paths) / sizeof(paths[0]), path);
}

struct vv_present *
vv_present_create_with_paths(struct vv_wl *wl, struct vv_plane_buffers buffers,
			     struct vv_stats *stats,
			     const struct vv_path_ops *const *table, size_t n)
{
	struct vv_present *present = vv_xzalloc(sizeof(*present));

	present->wl = wl;
	present->buffers = buffers;
	present->stats = stats;
	present->paths = table;
	present->n_paths = n;
	wl_list_init(&present->imports);
	for (size_t i = 0; i < n; i++)
		if (table[i]->create)
			present->path_state[table[i]->path] =
			    table[i]->create(present);
	return present;
}

struct vv_present *
vv_present_create(struct vv_wl *wl, struct vv_plane_buffers buffers,
		  struct vv_stats *stats)
{
	return vv_present_create_with_paths(wl, buffers, stats, paths,
					    sizeof(paths) / sizeof(paths[0]));
}

const char *
vv_present_source_name(const struct vv_present *present)
{
	return present->buffers.ops->name(present->buffers.owner);
}

bool
vv_present_holds(const struct vv_present *present, uint32_t id, uint32_t serial)
{
	return present->buffers.ops->holds(present->buffers.owner, id, serial);
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

void
vv_present_destroy(struct vv_present *present)
{
	struct vv_import *imp, *tmp;

	if (!present)
		return;
	wl_list_for_each_safe (imp, tmp, &present->imports, link)
		vv_present_import_destroy(imp);
	for (size_t i = 0; i < present->n_paths; i++)
		if (present->paths[i]->destroy)
			present->paths[i]->destroy(
			    present->path_state[present->paths[i]->path]);
	vv_format_set_finish(&present->refused);
	free(present);
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
		    vv_plane_info_same(&imp->info, &plane->info,
				       VV_PLANE_SAME_MODE))
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

/* The first path of @present's table that accepts @plane and has not
 * failed for it (@slot's failures; NULL: none), or VV_PATH_NONE; each
 * refusal ("name: why; ...") in @refusals, the chosen path's note in
 * @note. */
static enum vv_path
first_accepting(const struct vv_present *present, const struct vv_plane *plane,
		const struct vv_dmabuf_desc *desc,
		const struct vv_present_slot *slot, char *refusals,
		size_t refusals_len, char *note, size_t note_len)
{
	size_t used = 0;

	refusals[0] = '\0';
	note[0] = '\0';
	for (size_t i = 0; i < present->n_paths; i++) {
		const struct vv_path_ops *p = present->paths[i];
		struct vv_err why = { 0 };
		int ret = p->accepts(present, plane, desc, &why);
		if (!ret && slot && slot->failed & 1u << p->path) {
			const char *failed = slot->failed_why[p->path].text;
			vv_err_set(&why, EIO, "%s",
				   failed[0] ? failed
					     : "it failed for this plane");
			ret = -EIO;
		}
		if (!ret) {
			snprintf(note, note_len, "%s", why.text);
			return p->path;
		}
		if (used < refusals_len)
			used += (size_t)snprintf(
			    refusals + used, refusals_len - used, "%s%s: %s",
			    used ? "; " : "", p->name, why.text);
	}
	return VV_PATH_NONE;
}

/* What the paths decide @buf by (accepts): NULL for a region plane. */
static const struct vv_dmabuf_desc *
describe_dmabuf(const struct vv_present *present, const struct vv_dmabuf *buf,
		struct vv_dmabuf_desc *out)
{
	if (!buf)
		return NULL;
	*out = (struct vv_dmabuf_desc){ .size = buf->size,
					.exporter = buf->exporter,
					.access = present->buffers.access };
	return out;
}

enum vv_path
vv_present_would_take(const struct vv_present *present,
		      const struct vv_plane *plane,
		      const struct vv_dmabuf_desc *desc)
{
	char refusals[512], note[sizeof(((struct vv_err *)0)->text)];

	return first_accepting(present, plane, desc, NULL, refusals,
			       sizeof(refusals), note, sizeof(note));
}

/* Picks the first path that accepts @plane and has not failed for it, and
 * says so (when @say) if the choice differs from the last one. */
static void
choose(struct vv_present *present, const struct vv_plane *plane,
       const struct vv_dmabuf *buf, bool say)
{
	struct vv_present_slot *slot = &present->slots[plane->type];
	enum vv_path before = slot->chosen ? slot->path : VV_PATH_COUNT;
	char refusals[512], note[sizeof(((struct vv_err *)0)->text)], mode[128];
	struct vv_dmabuf_desc desc;

	if (!slot->chosen ||
	    !vv_plane_info_same(&slot->mode, &plane->info, VV_PLANE_SAME_MODE))
		slot->failed = 0;
	slot->chosen = true;
	slot->mode = plane->info;
	slot->path = first_accepting(
	    present, plane, describe_dmabuf(present, buf, &desc), slot,
	    refusals, sizeof(refusals), note, sizeof(note));
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
	const char *name =
	    table_name(present->paths, present->n_paths, slot->path);
	if (slot->path == VV_PATH_NONE)
		snprintf(line, sizeof(line),
			 "cannot show the %s plane (%s) of %s: %s",
			 vv_plane_type_name(plane->type), mode,
			 vv_present_source_name(present), slot->why);
	else if (refusals[0] || note[0])
		snprintf(line, sizeof(line), "%s plane (%s): %s path (%s)",
			 vv_plane_type_name(plane->type), mode, name,
			 slot->why);
	else
		snprintf(line, sizeof(line), "%s plane (%s): %s path",
			 vv_plane_type_name(plane->type), mode, name);
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
path_index(const struct vv_present *present, enum vv_path path)
{
	for (size_t i = 0; i < present->n_paths; i++)
		if (present->paths[i]->path == path)
			return i;
	return present->n_paths;
}

/* The plane's dma-buf, checked against its real size; NULL with the slot
 * set to "none" and why, when there is no usable one. */
static const struct vv_dmabuf *
plane_dmabuf(struct vv_present *present, const struct vv_plane *plane)
{
	struct vv_present_slot *slot = &present->slots[plane->type];
	struct vv_err err;
	vv_err_clear(&err);
	const struct vv_dmabuf *buf = present->buffers.ops->dmabuf(
	    present->buffers.owner, plane, vv_now_ns(), &err);

	if (buf) {
		if (slot->unusable) {
			/* It works again: choose its path afresh. */
			slot->unusable = false;
			slot->chosen = false;
		}
		return buf;
	}
	const char *why = err.text;
	char line[sizeof(err.text) + 200];
	unsigned held;
	snprintf(line, sizeof(line), "cannot show the %s plane of %s: %s",
		 vv_plane_type_name(plane->type),
		 vv_present_source_name(present), why);
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
	      struct wl_buffer **out)
{
	struct vv_present_slot *slot = &present->slots[plane->type];
	const struct vv_dmabuf *buf = NULL;

	if (plane->info.kind == VV_KIND_DMABUF) {
		buf = plane_dmabuf(present, plane);
		if (!buf)
			return -ENOTSUP;
	}
	/* A flip (new id) keeps the path, a mode change does not. */
	if (!slot->chosen ||
	    !vv_plane_info_same(&slot->mode, &plane->info, VV_PLANE_SAME_MODE))
		choose(present, plane, buf, true);
	for (;;) {
		size_t i = path_index(present, slot->path);
		if (slot->path == VV_PATH_NONE)
			return -ENOTSUP;
		struct vv_err why;
		vv_err_clear(&why);
		int ret =
		    present->paths[i]->frame(present, plane, buf, out, &why);
		if (ret >= 0 || ret == -EINPROGRESS)
			return ret;
		slot->failed |= 1u << slot->path;
		slot->failed_why[slot->path] = why;
		choose(present, plane, buf, true);
	}
}

int
vv_present_frame(struct vv_present *present, const struct vv_plane *plane,
		 struct wl_buffer **out)
{
	*out = NULL;
	drop_stale(present, plane->type);
	int ret = present_frame(present, plane, out);
	if (ret >= 0)
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
	for (size_t i = 0; i < present->n_paths; i++)
		if (present->paths[i]->forget)
			present->paths[i]->forget(
			    present->path_state[present->paths[i]->path], type);
}

void
vv_present_expire(struct vv_present *present, uint64_t now)
{
	struct vv_import *imp, *tmp;

	present->buffers.ops->expire(present->buffers.owner, now);
	wl_list_for_each_safe (imp, tmp, &present->imports, link) {
		if (vv_present_holds(present, imp->id, imp->serial))
			continue;
		/* The attached buffer goes once another replaced it. */
		if (imp->buffer && imp->buffer == present->attached[imp->type])
			imp->stale = true;
		else
			vv_present_import_destroy(imp);
	}
	for (size_t i = 0; i < present->n_paths; i++)
		if (present->paths[i]->expire)
			present->paths[i]->expire(
			    present->path_state[present->paths[i]->path],
			    &present->buffers);
}
