#include "screen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cursor.h"
#include "log.h"
#include "message.h"
#include "presentation-time-client-protocol.h"
#include "shm-buffer.h"
#include "xalloc.h"

struct vv_screen {
	struct vv_wl *wl; /* borrowed */
	struct vv_window *window;
	struct vv_cursor *cursor;
	struct vv_overlay *overlay;
	struct wl_buffer *attached; /* on the guest surface, or NULL */
	/* The message on the guest surface instead of a picture. */
	struct vv_shm_buffer *message;
	char message_text[600];
};

struct vv_screen *
vv_screen_create(struct vv_wl *wl, const struct vv_window_config *config,
		 uint32_t content_w, uint32_t content_h, struct vv_err *err)
{
	struct vv_screen *screen = vv_xzalloc(sizeof(*screen));

	screen->wl = wl;
	screen->window =
	    vv_window_create(wl, config, content_w, content_h, err);
	if (!screen->window) {
		free(screen);
		return NULL;
	}
	screen->cursor = vv_cursor_create(wl, vv_window_guest(screen->window));
	screen->overlay = vv_overlay_create(wl, vv_window_root(screen->window),
					    vv_window_guest(screen->window));
	return screen;
}

void
vv_screen_destroy(struct vv_screen *screen)
{
	if (!screen)
		return;
	vv_overlay_destroy(screen->overlay);
	vv_cursor_destroy(screen->cursor);
	vv_shm_buffer_destroy(screen->message);
	vv_window_destroy(screen->window);
	free(screen);
}

struct vv_window *
vv_screen_window(struct vv_screen *screen)
{
	return screen->window;
}

bool
vv_screen_attach(struct vv_screen *screen, struct wl_buffer *buffer)
{
	struct wl_surface *guest = vv_window_guest(screen->window);
	bool replaced = buffer != screen->attached;

	wl_surface_attach(guest, buffer, 0, 0);
	wl_surface_damage_buffer(guest, 0, 0, INT32_MAX, INT32_MAX);
	screen->attached = buffer;
	return replaced;
}

struct wl_callback *
vv_screen_frame(struct vv_screen *screen)
{
	return wl_surface_frame(vv_window_guest(screen->window));
}

struct wp_presentation_feedback *
vv_screen_feedback(struct vv_screen *screen)
{
	if (!screen->wl->presentation)
		return NULL;
	return wp_presentation_feedback(screen->wl->presentation,
					vv_window_guest(screen->window));
}

void
vv_screen_commit(struct vv_screen *screen, uint32_t width, uint32_t height)
{
	vv_window_commit_guest(screen->window, width, height);
}

bool
vv_screen_show_message(struct vv_screen *screen, const char *title,
		       const char *detail, uint32_t *width, uint32_t *height)
{
	char text[sizeof(screen->message_text)];
	uint32_t w, h;

	vv_window_physical_size(screen->window, &w, &h);
	snprintf(text, sizeof(text), "%s\n%s", title, detail);
	if (!screen->message || screen->message->width != w ||
	    screen->message->height != h ||
	    strcmp(text, screen->message_text) != 0) {
		struct vv_shm_buffer *buf;
		int error =
		    vv_message_draw(screen->wl->shm, w, h, title, detail, &buf);
		if (error) {
			vv_warn("cannot draw the \"%s\" screen: %s", title,
				strerror(-error));
		} else {
			vv_shm_buffer_destroy(screen->message);
			screen->message = buf;
			memcpy(screen->message_text, text, sizeof(text));
			screen->attached = NULL;
		}
	}
	vv_cursor_hide(screen->cursor);
	if (!screen->message || screen->attached == screen->message->buffer)
		return false;
	vv_screen_attach(screen, screen->message->buffer);
	*width = screen->message->width;
	*height = screen->message->height;
	return true;
}

struct vv_rect
vv_screen_cursor_rect(const struct vv_screen *screen, uint32_t primary_w,
		      uint32_t primary_h, const struct vv_plane_info *c,
		      uint32_t x, uint32_t y)
{
	struct vv_window_view v = vv_window_view(screen->window);

	return vv_layout_cursor_in(&v, primary_w, primary_h, c->hot_x, c->hot_y,
				   c->width, c->height, x, y);
}

bool
vv_screen_show_cursor(struct vv_screen *screen, struct wl_buffer *buffer,
		      bool damage, struct vv_rect rect)
{
	return vv_cursor_show(screen->cursor, buffer, damage, rect);
}

void
vv_screen_hide_cursor(struct vv_screen *screen)
{
	vv_cursor_hide(screen->cursor);
}

bool
vv_screen_cursor_shown(const struct vv_screen *screen)
{
	return screen->cursor->buffer != NULL;
}

bool
vv_screen_move_cursor(struct vv_screen *screen, struct vv_rect rect)
{
	/* Same buffer, new place: applied with the parent's commit, as a
	 * frame's would be. */
	if (!vv_cursor_show(screen->cursor, screen->cursor->buffer, false,
			    rect))
		return false;
	struct vv_window_view v = vv_window_view(screen->window);
	vv_window_commit_guest(screen->window, v.content_w, v.content_h);
	return true;
}

bool
vv_screen_overlay_shown(const struct vv_screen *screen)
{
	return screen->overlay->visible;
}

int
vv_screen_show_overlay(struct vv_screen *screen,
		       const char lines[][VV_OVERLAY_LINE], int n)
{
	int ret = vv_overlay_show(screen->overlay, lines, n,
				  vv_window_scale120(screen->window));

	/* Shown with the root's next commit. */
	vv_window_commit_root(screen->window);
	return ret;
}

void
vv_screen_hide_overlay(struct vv_screen *screen)
{
	vv_overlay_hide(screen->overlay);
	vv_window_commit_root(screen->window);
}
