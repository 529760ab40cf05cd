/*
 * vv-compositor: the server, its options and the entry points each module
 * offers the others. One wl_display, one output, and (with --seat) one
 * scriptable seat.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <wayland-server-core.h>

#include "format.h"

enum vv_dmabuf_mode {
	VV_DMABUF_NONE,
	VV_DMABUF_V3,
	VV_DMABUF_V4,
};

enum vv_decoration_mode {
	VV_DECORATION_NONE, /* no zxdg_decoration_manager_v1 global */
	VV_DECORATION_SERVER,
	VV_DECORATION_CLIENT,
};

struct vv_options {
	const char *socket;          /* in $XDG_RUNTIME_DIR */
	const char *log_path;        /* protocol log, or NULL */
	const char *screenshot_path; /* at exit and on SIGUSR1, or NULL */
	const char *control_path;    /* FIFO to create, or NULL */
	int32_t width, height;       /* output, physical pixels */
	int32_t scale;               /* wl_output.scale */
	double fractional_scale;     /* 0: no fractional-scale global */
	int32_t refresh_hz;          /* 0: repaint as commits arrive */
	int32_t xdg_version;         /* xdg_wm_base version advertised */
	enum vv_dmabuf_mode dmabuf;
	struct vv_format_pair *formats; /* dma-buf table, owned */
	size_t format_count;
	bool fail_modifier_set;
	uint64_t fail_modifier; /* imports with it fail, advertised or not */
	bool exit_with_client;
	bool seat;            /* advertise wl_seat "seat0" */
	int32_t seat_version; /* its version, 3-8 (8) */
	bool no_pointer_lock; /* --seat without zwp_pointer_constraints_v1 */
	enum vv_decoration_mode decoration; /* the mode always chosen */
	bool log_time;                      /* " t=NS" on every log line */
	bool quiet_log; /* commit, dmabuf-import, protocol-error, screenshot */
};

struct vv_output;
struct vv_repaint;
struct vv_control;
struct vv_dmabuf;
struct vv_surface;
struct vv_seat;

struct vv_server {
	struct vv_options opt;
	struct wl_display *display;
	struct wl_event_loop *loop;
	struct vv_output *output;
	struct vv_repaint *repaint;
	struct vv_control *control;
	struct vv_dmabuf *dmabuf;
	struct vv_seat *seat; /* NULL without --seat */

	/* output pixels per surface-local unit: --scale or
	 * --fractional-scale */
	double surface_scale;

	struct wl_list surfaces;  /* vv_surface.link, creation order */
	struct wl_list toplevels; /* vv_xdg_toplevel.link, oldest first */
	struct wl_list wm_bases;  /* vv_xdg_wm_base.link */

	bool hidden; /* control "hide": no frame callbacks, no feedback */
	unsigned screenshot_count;
	bool exit_screenshot_written;
	bool client_seen_gone;
	int exit_code;

	struct wl_listener client_created;
};

/* compositor.c */
void vv_server_quit(struct vv_server *server, int code);

/* output.c: the wl_output global and its resources */
int vv_output_create(struct vv_server *server);
void vv_output_destroy(struct vv_server *server);
/* Sends wl_surface.enter for every wl_output the surface's client bound. */
void vv_output_surface_enter(struct vv_server *server,
			     struct vv_surface *surface);
/* The client's wl_output resource, for presentation sync_output, or NULL. */
struct wl_resource *vv_output_resource_for(struct vv_server *server,
					   struct wl_client *client);

/* repaint.c: the refresh clock, frame callbacks, presentation */
int vv_repaint_init(struct vv_server *server);
void vv_repaint_finish(struct vv_server *server);
/* Something was committed or a callback is waiting: repaint at the next
 * refresh (or at the next idle with --refresh 0). */
void vv_repaint_schedule(struct vv_server *server);
void vv_repaint_show(struct vv_server *server, bool shown);

/* screenshot.c: composites the output now and writes path atomically;
 * logs "screenshot N path". Returns 0 or -errno. */
int vv_screenshot_write(struct vv_server *server, const char *path);

/* Globals, one file each. Each returns 0 or -1. */
int vv_compositor_global_create(struct vv_server *server);
int vv_subcompositor_global_create(struct vv_server *server);
int vv_shm_global_create(struct vv_server *server);
int vv_xdg_shell_global_create(struct vv_server *server);
int vv_viewporter_global_create(struct vv_server *server);
int vv_presentation_global_create(struct vv_server *server);
int vv_fractional_scale_global_create(struct vv_server *server);
int vv_dmabuf_global_create(struct vv_server *server);
void vv_dmabuf_global_destroy(struct vv_server *server);

/* seat.c: wl_seat (--seat). Without it the rest are no-ops (false). */
int vv_seat_create(struct vv_server *server);
void vv_seat_destroy(struct vv_server *server);
/* A toplevel's root surface was mapped: keyboard focus, pointer at its
 * centre. */
void vv_seat_focus(struct vv_server *server, struct vv_surface *surface);
/* It was unmapped or lost its role: focus goes to the newest mapped
 * toplevel left, if any. */
void vv_seat_unfocus(struct vv_server *server, struct vv_surface *surface);
/* For move/resize/show_window_menu: serial is the serial of the last
 * button press of this seat, and a button is still held. */
bool vv_seat_grab_serial_valid(struct vv_server *server,
			       struct wl_resource *seat, uint32_t serial);
/* Control commands key, pointer-enter, pointer-leave, motion, button: true
 * when cmd is one (then *error is NULL on success, else the reason to log
 * after "control-error LINE"). args may be NULL and is modified. */
bool vv_seat_control(struct vv_server *server, const char *cmd, char *args,
		     const char **error);

/* shortcuts-inhibit.c: zwp_keyboard_shortcuts_inhibit_manager_v1 (--seat) */
int vv_shortcuts_inhibit_global_create(struct vv_server *server);
/* pointer-constraints.c, relative-pointer.c (--seat) */
int vv_pointer_constraints_global_create(struct vv_server *server);
int vv_relative_pointer_global_create(struct vv_server *server);

/* decoration.c: zxdg_decoration_manager_v1 (--decoration) */
int vv_decoration_global_create(struct vv_server *server);

/* control.c */
int vv_control_create(struct vv_server *server, const char *path);
void vv_control_destroy(struct vv_control *control);
