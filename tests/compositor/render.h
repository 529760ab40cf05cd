/* Composites the scene into an image of the output's physical pixels. */
#pragma once

#include <pixman.h>

struct tc_server;
struct tc_surface;

#define TC_BACKGROUND 0xff303030u /* a8r8g8b8 */

/*
 * Background, then every mapped toplevel (oldest first) with its
 * subsurface tree. visit, if not NULL, is called for each surface drawn.
 */
void tc_render_scene(struct tc_server *server, pixman_image_t *target,
		     void (*visit)(struct tc_surface *surface, void *data),
		     void *data);
