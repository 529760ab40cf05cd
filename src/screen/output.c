#include "output.h"

#include <stdio.h>
#include <stdlib.h>

#include "xalloc.h"

/* wl_output sends its properties, then `done`: they hold together from
 * there (a mode and its scale, say). Before version 2 there is no `done`:
 * each event stands alone. */
static void
apply(struct vv_output *output)
{
	output->width = output->pending.width;
	output->height = output->pending.height;
	output->scale = output->pending.scale;
}

static void
applied_unless_done_follows(struct vv_output *output)
{
	if (wl_output_get_version(output->output) <
	    WL_OUTPUT_DONE_SINCE_VERSION)
		apply(output);
}

static void
output_handle_geometry(void *data, struct wl_output *wl_output, int32_t x,
		       int32_t y, int32_t physical_width,
		       int32_t physical_height, int32_t subpixel,
		       const char *make, const char *model, int32_t transform)
{
}

static void
output_handle_mode(void *data, struct wl_output *wl_output, uint32_t flags,
		   int32_t width, int32_t height, int32_t refresh)
{
	struct vv_output *output = data;

	if (flags & WL_OUTPUT_MODE_CURRENT) {
		output->pending.width = width;
		output->pending.height = height;
		applied_unless_done_follows(output);
	}
}

static void
output_handle_done(void *data, struct wl_output *wl_output)
{
	apply(data);
}

static void
output_handle_scale(void *data, struct wl_output *wl_output, int32_t factor)
{
	struct vv_output *output = data;

	/* A compositor sending nonsense must not make us divide by it. */
	output->pending.scale = factor > 0 ? factor : 1;
	applied_unless_done_follows(output);
}

static void
output_handle_name(void *data, struct wl_output *wl_output, const char *name)
{
	struct vv_output *output = data;

	snprintf(output->name, sizeof(output->name), "%s", name);
}

static void
output_handle_description(void *data, struct wl_output *wl_output,
			  const char *description)
{
}

static const struct wl_output_listener output_listener = {
	.geometry = output_handle_geometry,
	.mode = output_handle_mode,
	.done = output_handle_done,
	.scale = output_handle_scale,
	.name = output_handle_name,
	.description = output_handle_description,
};

struct vv_output *
vv_output_create(struct vv_wl *wl, uint32_t name, uint32_t version)
{
	struct vv_output *output = vv_xzalloc(sizeof(*output));

	output->wl = wl;
	output->global_name = name;
	output->scale = output->pending.scale = 1;
	output->output =
	    wl_registry_bind(wl->registry, name, &wl_output_interface,
			     version < 4 ? version : 4);
	wl_output_add_listener(output->output, &output_listener, output);
	wl_list_insert(&wl->outputs, &output->link);
	return output;
}

void
vv_output_destroy(struct vv_output *output)
{
	if (!output)
		return;
	if (wl_output_get_version(output->output) >= 3)
		wl_output_release(output->output);
	else
		wl_output_destroy(output->output);
	wl_list_remove(&output->link);
	free(output);
}
