#include "dmabuf-feedback.h"

#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "linux-dmabuf-unstable-v1-client-protocol.h"
#include "log.h"
#include "xalloc.h"

/* One entry of the format table, as the protocol lays it out. */
struct table_entry {
	uint32_t format;
	uint32_t pad;
	uint64_t modifier;
};

struct vv_dmabuf_feedback {
	struct vv_wl *wl;
	struct zwp_linux_dmabuf_feedback_v1 *feedback;
	const struct table_entry *table; /* mapped read-only; NULL if none */
	size_t table_len;                /* entries */
	struct vv_format_set pending;    /* tranches since the last done */
};

static void
table_unmap(struct vv_dmabuf_feedback *fb)
{
	if (fb->table)
		munmap((void *)fb->table, fb->table_len * sizeof(*fb->table));
	fb->table = NULL;
	fb->table_len = 0;
}

static void
feedback_handle_done(void *data, struct zwp_linux_dmabuf_feedback_v1 *feedback)
{
	struct vv_dmabuf_feedback *fb = data;
	struct vv_format_set *set = &fb->wl->dmabuf_formats;

	vv_format_set_clear(set);
	for (size_t i = 0; i < fb->pending.count; i++)
		vv_format_set_add(set, fb->pending.pairs[i].fourcc,
				  fb->pending.pairs[i].modifier);
	vv_format_set_clear(&fb->pending);
	vv_debug("linux-dmabuf feedback: %zu format/modifier pairs",
		 set->count);
}

static void
feedback_handle_format_table(void *data,
			     struct zwp_linux_dmabuf_feedback_v1 *feedback,
			     int32_t fd, uint32_t size)
{
	struct vv_dmabuf_feedback *fb = data;

	table_unmap(fb);
	/* The table is the compositor's; a bad one costs us the zero-copy
	 * path, not the program: tranches then index nothing. */
	void *map = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED) {
		vv_warn(
		    "cannot map the compositor's linux-dmabuf format table (%u bytes): %m; no dma-buf will be imported",
		    size);
		return;
	}
	fb->table = map;
	fb->table_len = size / sizeof(*fb->table);
}

static void
feedback_handle_main_device(void *data,
			    struct zwp_linux_dmabuf_feedback_v1 *feedback,
			    struct wl_array *device)
{
}

static void
feedback_handle_tranche_done(void *data,
			     struct zwp_linux_dmabuf_feedback_v1 *feedback)
{
}

static void
feedback_handle_tranche_target_device(
    void *data, struct zwp_linux_dmabuf_feedback_v1 *feedback,
    struct wl_array *device)
{
}

static void
feedback_handle_tranche_formats(void *data,
				struct zwp_linux_dmabuf_feedback_v1 *feedback,
				struct wl_array *indices)
{
	struct vv_dmabuf_feedback *fb = data;
	const uint16_t *index;

	wl_array_for_each (index, indices) {
		if (*index >= fb->table_len)
			continue;
		vv_format_set_add(&fb->pending, fb->table[*index].format,
				  fb->table[*index].modifier);
	}
}

static void
feedback_handle_tranche_flags(void *data,
			      struct zwp_linux_dmabuf_feedback_v1 *feedback,
			      uint32_t flags)
{
}

static const struct zwp_linux_dmabuf_feedback_v1_listener feedback_listener = {
	.done = feedback_handle_done,
	.format_table = feedback_handle_format_table,
	.main_device = feedback_handle_main_device,
	.tranche_done = feedback_handle_tranche_done,
	.tranche_target_device = feedback_handle_tranche_target_device,
	.tranche_formats = feedback_handle_tranche_formats,
	.tranche_flags = feedback_handle_tranche_flags,
};

struct vv_dmabuf_feedback *
vv_dmabuf_feedback_create(struct vv_wl *wl)
{
	struct vv_dmabuf_feedback *fb = vv_xzalloc(sizeof(*fb));

	fb->wl = wl;
	fb->feedback = zwp_linux_dmabuf_v1_get_default_feedback(wl->dmabuf);
	zwp_linux_dmabuf_feedback_v1_add_listener(fb->feedback,
						  &feedback_listener, fb);
	return fb;
}

void
vv_dmabuf_feedback_destroy(struct vv_dmabuf_feedback *fb)
{
	if (!fb)
		return;
	zwp_linux_dmabuf_feedback_v1_destroy(fb->feedback);
	table_unmap(fb);
	vv_format_set_finish(&fb->pending);
	free(fb);
}
