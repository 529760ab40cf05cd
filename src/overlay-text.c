#include "overlay-text.h"

#include <stdio.h>
#include <stdlib.h>

#include "format.h"

static void
plane_line(char *out, enum vv_plane_type type, const struct vv_plane *p,
	   const char *path)
{
	char fourcc[12], modifier[64];

	if (!p) {
		snprintf(out, VV_OVERLAY_LINE, "%-7s none",
			 vv_plane_type_name(type));
		return;
	}
	const struct vv_plane_info *i = &p->info;
	vv_format_fourcc_str(i->fourcc, fourcc);
	vv_modifier_name(i->modifier, modifier, sizeof(modifier));
	int n = snprintf(out, VV_OVERLAY_LINE,
			 "%-7s %s %s %s %ux%u stride %u size %u ",
			 vv_plane_type_name(type), fourcc, p->format->name,
			 modifier, i->width, i->height, i->stride, i->size);
	if (n < 0 || n >= VV_OVERLAY_LINE)
		return;
	if (i->kind == VV_KIND_REGION)
		n += snprintf(out + n, VV_OVERLAY_LINE - (size_t)n, "region %u",
			      i->id);
	else
		n += snprintf(out + n, VV_OVERLAY_LINE - (size_t)n, "dmabuf %u",
			      i->id);
	if (n < VV_OVERLAY_LINE && type == VV_PLANE_CURSOR)
		n += snprintf(out + n, VV_OVERLAY_LINE - (size_t)n,
			      " at %u,%u hot %u,%u", i->x, i->y, i->hot_x,
			      i->hot_y);
	if (n < VV_OVERLAY_LINE)
		snprintf(out + n, VV_OVERLAY_LINE - (size_t)n, " [%s]",
			 path ? path : "?");
}

int
vv_overlay_text(const struct vv_overlay_facts *f, char lines[][VV_OVERLAY_LINE])
{
	int n = 0;

	snprintf(lines[n++], VV_OVERLAY_LINE, "vgpu-view  %s  (%s)", f->device,
		 f->address);
	for (int t = 0; t < VV_PLANE_TYPE_COUNT; t++)
		plane_line(lines[n++], t, f->planes[t], f->paths[t]);
	if (!f->has_presentation)
		snprintf(
		    lines[n++], VV_OVERLAY_LINE,
		    "guest flips %.1f/s  commits %.1f/s  presented: no wp_presentation here",
		    f->flips_per_s, f->commits_per_s);
	else if (f->latency_ms >= 0)
		snprintf(
		    lines[n++], VV_OVERLAY_LINE,
		    "guest flips %.1f/s  commits %.1f/s  presented %.1f/s  latency %.1f ms",
		    f->flips_per_s, f->commits_per_s, f->presented_per_s,
		    f->latency_ms);
	else
		snprintf(
		    lines[n++], VV_OVERLAY_LINE,
		    "guest flips %.1f/s  commits %.1f/s  presented: no wp_presentation",
		    f->flips_per_s, f->commits_per_s);
	snprintf(lines[n++], VV_OVERLAY_LINE,
		 "dma-bufs held %u of %d  scale %s  window %ux%u px",
		 f->dmabufs_held, VV_DMABUF_CACHE_SIZE, f->scale_mode,
		 f->window_w, f->window_h);
	if (f->input)
		snprintf(lines[n++], VV_OVERLAY_LINE, "input: %s", f->input);
	if (f->note)
		snprintf(lines[n++], VV_OVERLAY_LINE, "%s", f->note);
	return n;
}
