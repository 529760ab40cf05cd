/* Composites the scene into an image of the output's physical pixels. */
#pragma once

#include <pixman.h>

struct vv_server;
struct vv_surface;

#define VV_BACKGROUND 0xff303030u /* a8r8g8b8 */

/*
 * Background, then every mapped toplevel (oldest first) with its
 * subsurface tree. visit, if not NULL, is called for each surface drawn.
 */
void vv_render_scene(struct vv_server *server, pixman_image_t *target,
		     void (*visit)(struct vv_surface *surface, void *data),
		     void *data);
