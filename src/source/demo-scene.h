/* The demo's guest: the picture it draws on its screen.
 *
 * A scene is the guest's screen at one size. Frame N is a pure function of
 * (N, width, height): it does not depend on the time, on earlier frames or on
 * what the target held, so a frozen demo shows the same pixels every run. The
 * scene knows nothing of buffers or planes; demo.c owns the framebuffers,
 * flips them and reports them as a driver would. */
#ifndef VV_DEMO_SCENE_H
#define VV_DEMO_SCENE_H

#include <cairo.h>
#include <stdint.h>

/* The guest's frame rate: frame N is on screen N / 60 s after the start.
 * The drawing counts on it: the ticker has a cell per frame of a second, and
 * the clock's hands go round every 60 and every 3600 frames. */
#define VV_DEMO_SCENE_FPS 60

struct vv_demo_scene;

/* A scene for a @width x @height screen (guest pixels). Draws
 * the parts of a frame that never move, once. NULL when out of memory. */
struct vv_demo_scene *vv_demo_scene_create(uint32_t width, uint32_t height);

/* NULL is fine. */
void vv_demo_scene_destroy(struct vv_demo_scene *scene);

/* Draws frame @frame into @target, a CAIRO_FORMAT_RGB24 image surface of the
 * scene's size. The surface stays the caller's; it is flushed on return. */
void vv_demo_scene_draw_frame(const struct vv_demo_scene *scene, uint64_t frame,
			      cairo_surface_t *target);

/* Draws the cursor image demo.h describes into @target, a CAIRO_FORMAT_ARGB32
 * image surface VV_DEMO_CURSOR_SIZE square: the arrow, premultiplied, its tip
 * on the hotspot, transparent elsewhere. The same for every scene and frame.
 * The surface stays the caller's; it is flushed on return. */
void vv_demo_scene_draw_cursor(cairo_surface_t *target);

#endif
