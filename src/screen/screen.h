/* The live window as the compositor sees it: the toplevel with the guest
 * surface (window.c), the guest's cursor (cursor.c), the "No signal" screen
 * (message.c) and the debug overlay's panel (overlay.c). These files are
 * the only code that issues requests on those surfaces: the app says what
 * to show (a buffer, a message, a cursor at a place, overlay lines), the
 * screen attaches, damages and commits. Nothing is committed to the guest
 * surface but by vv_screen_commit. */
#ifndef VV_SCREEN_H
#define VV_SCREEN_H

#include <stdbool.h>
#include <stdint.h>

#include "layout.h"
#include "overlay.h"
#include "plane-desc.h"
#include "wayland.h"
#include "window.h"

struct vv_screen;
struct wp_presentation_feedback;

/* A window for @content_w x @content_h guest pixels (window.h), with its
 * cursor and overlay; NULL with @err filled when its buffers cannot be
 * made (vv_window_create). */
struct vv_screen *vv_screen_create(struct vv_wl *wl,
				   const struct vv_window_config *config,
				   uint32_t content_w, uint32_t content_h,
				   struct vv_err *err);

/* NULL is fine. */
void vv_screen_destroy(struct vv_screen *screen);

/* The toplevel, for its state and for input (borrowed). */
struct vv_window *vv_screen_window(struct vv_screen *screen);

/* Attaches @buffer to the guest surface and damages all of it: attaching
 * again is what entitles the compositor to read a buffer again
 * (front-buffer guests). True when it replaced another buffer. */
bool vv_screen_attach(struct vv_screen *screen, struct wl_buffer *buffer);

/* For the guest surface's next commit: a frame callback, and presentation
 * feedback (NULL without wp_presentation). The caller owns them. */
struct wl_callback *vv_screen_frame(struct vv_screen *screen);
struct wp_presentation_feedback *vv_screen_feedback(struct vv_screen *screen);

/* Commits the guest surface, showing @width x @height buffer pixels (the
 * window follows a new size). */
void vv_screen_commit(struct vv_screen *screen, uint32_t width,
		      uint32_t height);

/* Shows @title and @detail instead of the guest, at the window's size, and
 * hides the cursor. True when the message was attached anew: commit it
 * (vv_screen_commit) at *@width x *@height. */
bool vv_screen_show_message(struct vv_screen *screen, const char *title,
			    const char *detail, uint32_t *width,
			    uint32_t *height);

/* The cursor @c with its hotspot at guest pixel @x, @y, over a guest picture
 * @primary_w x @primary_h: guest pixels to logical pixels on the guest
 * surface, scaled exactly like the part of the picture shown under it. */
struct vv_rect vv_screen_cursor_rect(const struct vv_screen *screen,
				     uint32_t primary_w, uint32_t primary_h,
				     const struct vv_plane_info *c, uint32_t x,
				     uint32_t y);

/* Shows @buffer as the cursor at @rect (damaged when @damage), with the
 * guest surface's next commit. True when the cursor surface changed. */
bool vv_screen_show_cursor(struct vv_screen *screen, struct wl_buffer *buffer,
			   bool damage, struct vv_rect rect);

/* Unmaps the cursor. */
void vv_screen_hide_cursor(struct vv_screen *screen);

/* Whether a cursor is shown. */
bool vv_screen_cursor_shown(const struct vv_screen *screen);

/* Moves the shown cursor to @rect at once: its surface and the guest
 * surface committed, the guest's picture unchanged. True when it moved. */
bool vv_screen_move_cursor(struct vv_screen *screen, struct vv_rect rect);

/* The overlay panel: @lines drawn at the window's scale and shown, or
 * hidden; both with the window's next commit, made here. -errno when it
 * cannot be drawn. */
bool vv_screen_overlay_shown(const struct vv_screen *screen);
int vv_screen_show_overlay(struct vv_screen *screen,
			   const char lines[][VV_OVERLAY_LINE], int n);
void vv_screen_hide_overlay(struct vv_screen *screen);

#endif
