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

#include "tc-format.h"

enum tc_dmabuf_mode {
	TC_DMABUF_NONE,
	TC_DMABUF_V3,
	TC_DMABUF_V4,
};

enum tc_decoration_mode {
	TC_DECORATION_NONE, /* no zxdg_decoration_manager_v1 global */
	TC_DECORATION_SERVER,
	TC_DECORATION_CLIENT,
};

struct tc_options {
	const char *socket;          /* in $XDG_RUNTIME_DIR */
	const char *log_path;        /* protocol log, or NULL */
	const char *screenshot_path; /* at exit and on SIGUSR1, or NULL */
	const char *control_path;    /* FIFO to create, or NULL */
	int32_t width, height;       /* output, physical pixels */
	int32_t scale;               /* wl_output.scale */
	double fractional_scale;     /* 0: no fractional-scale global */
	int32_t refresh_hz;          /* 0: repaint as commits arrive */
	int32_t xdg_version;         /* xdg_wm_base version advertised */
	enum tc_dmabuf_mode dmabuf;
	struct tc_format_pair *formats; /* dma-buf table, owned */
	size_t format_count;
	bool fail_modifier_set;
	uint64_t fail_modifier; /* imports with it fail, advertised or not */
	bool exit_with_client;
	bool seat;            /* advertise wl_seat "seat0" */
	int32_t seat_version; /* its version, 3-8 (8) */
	bool no_pointer_lock; /* --seat without zwp_pointer_constraints_v1 */
	enum tc_decoration_mode decoration; /* the mode always chosen */
	bool log_time;                      /* " t=NS" on every log line */
	bool quiet_log; /* commit, dmabuf-import, protocol-error, screenshot */
};

struct tc_output;
struct tc_repaint;
struct tc_control;
struct tc_dmabuf;
struct tc_surface;
struct tc_seat;

struct tc_server {
	struct tc_options opt;
	struct wl_display *display;
	struct wl_event_loop *loop;
	struct tc_output *output;
	struct tc_repaint *repaint;
	struct tc_control *control;
	struct tc_dmabuf *dmabuf;
	struct tc_seat *seat; /* NULL without --seat */

	/* output pixels per surface-local unit: --scale or
	 * --fractional-scale */
	double surface_scale;

	struct wl_list surfaces;  /* tc_surface.link, creation order */
	struct wl_list toplevels; /* tc_xdg_toplevel.link, oldest first */
	struct wl_list wm_bases;  /* tc_xdg_wm_base.link */

	bool hidden; /* control "hide": no frame callbacks, no feedback */
	unsigned screenshot_count;
	bool exit_screenshot_written;
	bool client_seen_gone;
	int exit_code;

	struct wl_listener client_created;
};

/* compositor.c */
void tc_server_quit(struct tc_server *server, int code);

/* output.c: the wl_output global and its resources */
int tc_output_create(struct tc_server *server);
void tc_output_destroy(struct tc_server *server);
/* Sends wl_surface.enter for every wl_output the surface's client bound. */
void tc_output_surface_enter(struct tc_server *server,
			     struct tc_surface *surface);
/* The client's wl_output resource, for presentation sync_output, or NULL. */
struct wl_resource *tc_output_resource_for(struct tc_server *server,
					   struct wl_client *client);

/* repaint.c: the refresh clock, frame callbacks, presentation */
int tc_repaint_init(struct tc_server *server);
void tc_repaint_finish(struct tc_server *server);
/* Something was committed or a callback is waiting: repaint at the next
 * refresh (or at the next idle with --refresh 0). */
void tc_repaint_schedule(struct tc_server *server);
void tc_repaint_show(struct tc_server *server, bool shown);

/* screenshot.c: composites the output now and writes path atomically;
 * logs "screenshot N path". Returns 0 or -errno. */
int tc_screenshot_write(struct tc_server *server, const char *path);

/* Globals, one file each. Each returns 0 or -1. */
int tc_compositor_global_create(struct tc_server *server);
int tc_subcompositor_global_create(struct tc_server *server);
int tc_shm_global_create(struct tc_server *server);
int tc_xdg_shell_global_create(struct tc_server *server);
int tc_viewporter_global_create(struct tc_server *server);
int tc_presentation_global_create(struct tc_server *server);
int tc_fractional_scale_global_create(struct tc_server *server);
int tc_dmabuf_global_create(struct tc_server *server);
void tc_dmabuf_global_destroy(struct tc_server *server);

/* seat.c: wl_seat (--seat). Without it the rest are no-ops (false). */
int tc_seat_create(struct tc_server *server);
void tc_seat_destroy(struct tc_server *server);
/* A toplevel's root surface was mapped: keyboard focus, pointer at its
 * centre. */
void tc_seat_focus(struct tc_server *server, struct tc_surface *surface);
/* It was unmapped or lost its role: focus goes to the newest mapped
 * toplevel left, if any. */
void tc_seat_unfocus(struct tc_server *server, struct tc_surface *surface);
/* For move/resize/show_window_menu: serial is the serial of the last
 * button press of this seat, and a button is still held. */
bool tc_seat_grab_serial_valid(struct tc_server *server,
			       struct wl_resource *seat, uint32_t serial);
/* Control commands key, pointer-enter, pointer-leave, motion, button: true
 * when cmd is one (then *error is NULL on success, else the reason to log
 * after "control-error LINE"). args may be NULL and is modified. */
bool tc_seat_control(struct tc_server *server, const char *cmd, char *args,
		     const char **error);

/* shortcuts-inhibit.c: zwp_keyboard_shortcuts_inhibit_manager_v1 (--seat) */
int tc_shortcuts_inhibit_global_create(struct tc_server *server);
/* pointer-constraints.c, relative-pointer.c (--seat) */
int tc_pointer_constraints_global_create(struct tc_server *server);
int tc_relative_pointer_global_create(struct tc_server *server);

/* decoration.c: zxdg_decoration_manager_v1 (--decoration) */
int tc_decoration_global_create(struct tc_server *server);

/* control.c */
int tc_control_create(struct tc_server *server, const char *path);
void tc_control_destroy(struct tc_control *control);
