/*
 * vv-compositor: a strict, headless test compositor. Options in, globals
 * up, "ready" out, the event loop, a clean teardown. tests/README.md
 * documents the command line, the control FIFO and the protocol log.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buffer.h"
#include "server.h"
#include "tc-log.h"

#define DEFAULT_FORMATS "XR24:LINEAR,AR24:LINEAR,XB24:LINEAR,AB24:LINEAR"

static const char usage[] =
    "usage: vv-compositor --socket NAME [options]\n"
    "  --socket NAME            listen on $XDG_RUNTIME_DIR/NAME (required)\n"
    "  --log FILE               protocol log, one event per line\n"
    "  --screenshot FILE.png    written at exit and on SIGUSR1\n"
    "  --control FIFO           create FIFO and read commands from it\n"
    "  --size WxH               output size in pixels (1024x768)\n"
    "  --scale N                wl_output scale (1)\n"
    "  --fractional-scale F     advertise wp_fractional_scale_v1 with F\n"
    "  --refresh HZ             refresh rate, 0: repaint on commit (60)\n"
    "  --dmabuf v4|v3|none      linux-dmabuf version (v4)\n"
    "  --formats LIST           dma-buf FOURCC:MODIFIER,... (" DEFAULT_FORMATS
    ")\n"
    "  --fail-modifier MOD      fail every dma-buf import with MOD\n"
    "  --xdg-version N          xdg_wm_base version advertised, 1-5 (5)\n"
    "  --exit-with-client       exit when the first client disconnects\n"
    "  --seat[=VERSION]         advertise wl_seat seat0 (keyboard, pointer; version\n"
    "                           3-8, 8), zwp_keyboard_shortcuts_inhibit_manager_v1,\n"
    "                           zwp_pointer_constraints_v1 and\n"
    "                           zwp_relative_pointer_manager_v1\n"
    "  --no-pointer-lock        with --seat: no zwp_pointer_constraints_v1\n"
    "  --decoration server|client|none  zxdg_decoration_manager_v1 (none)\n"
    "  --log-time               append t=NS (CLOCK_MONOTONIC) to log lines\n"
    "  --quiet-log              log only commit, dmabuf-import, errors, screenshots\n";

void
tc_server_quit(struct tc_server *server, int code)
{
	server->exit_code = code;
	wl_display_terminate(server->display);
}

static bool
parse_int(const char *text, long min, long max, int32_t *value)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(text, &end, 10);
	if (errno || end == text || *end != '\0' || v < min || v > max)
		return false;
	*value = (int32_t)v;
	return true;
}

static bool
parse_size(const char *text, int32_t *width, int32_t *height)
{
	char w[16], h[16];

	if (sscanf(text, "%15[0-9]x%15[0-9]", w, h) != 2)
		return false;
	return parse_int(w, 1, 16384, width) && parse_int(h, 1, 16384, height);
}

/* Returns 0, or 2 after printing what is wrong. */
static int
parse_options(int argc, char *argv[], struct tc_options *opt)
{
	enum {
		OPT_SOCKET = 256,
		OPT_LOG,
		OPT_SCREENSHOT,
		OPT_CONTROL,
		OPT_SIZE,
		OPT_SCALE,
		OPT_FRACTIONAL,
		OPT_REFRESH,
		OPT_DMABUF,
		OPT_FORMATS,
		OPT_FAIL_MODIFIER,
		OPT_EXIT_WITH_CLIENT,
		OPT_XDG_VERSION,
		OPT_SEAT,
		OPT_NO_POINTER_LOCK,
		OPT_DECORATION,
		OPT_LOG_TIME,
		OPT_QUIET_LOG,
	};
	static const struct option options[] = {
		{ "socket", required_argument, NULL, OPT_SOCKET },
		{ "log", required_argument, NULL, OPT_LOG },
		{ "screenshot", required_argument, NULL, OPT_SCREENSHOT },
		{ "control", required_argument, NULL, OPT_CONTROL },
		{ "size", required_argument, NULL, OPT_SIZE },
		{ "scale", required_argument, NULL, OPT_SCALE },
		{ "fractional-scale", required_argument, NULL, OPT_FRACTIONAL },
		{ "refresh", required_argument, NULL, OPT_REFRESH },
		{ "dmabuf", required_argument, NULL, OPT_DMABUF },
		{ "formats", required_argument, NULL, OPT_FORMATS },
		{ "fail-modifier", required_argument, NULL, OPT_FAIL_MODIFIER },
		{ "exit-with-client", no_argument, NULL, OPT_EXIT_WITH_CLIENT },
		{ "xdg-version", required_argument, NULL, OPT_XDG_VERSION },
		{ "seat", optional_argument, NULL, OPT_SEAT },
		{ "no-pointer-lock", no_argument, NULL, OPT_NO_POINTER_LOCK },
		{ "decoration", required_argument, NULL, OPT_DECORATION },
		{ "log-time", no_argument, NULL, OPT_LOG_TIME },
		{ "quiet-log", no_argument, NULL, OPT_QUIET_LOG },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	const char *formats = DEFAULT_FORMATS;
	bool scale_set = false;
	char err[128];
	int c;

	*opt = (struct tc_options){
		.width = 1024,
		.height = 768,
		.scale = 1,
		.refresh_hz = 60,
		.dmabuf = TC_DMABUF_V4,
		.xdg_version = 5,
		.seat_version = 8,
	};
	while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		switch (c) {
		case OPT_SOCKET:
			opt->socket = optarg;
			break;
		case OPT_LOG:
			opt->log_path = optarg;
			break;
		case OPT_SCREENSHOT:
			opt->screenshot_path = optarg;
			break;
		case OPT_CONTROL:
			opt->control_path = optarg;
			break;
		case OPT_SIZE:
			if (!parse_size(optarg, &opt->width, &opt->height)) {
				tc_msg(
				    "--size %s: expected WxH, 1 to 16384 each",
				    optarg);
				return 2;
			}
			break;
		case OPT_SCALE:
			if (!parse_int(optarg, 1, 16, &opt->scale)) {
				tc_msg(
				    "--scale %s: expected an integer from 1 to 16",
				    optarg);
				return 2;
			}
			scale_set = true;
			break;
		case OPT_FRACTIONAL: {
			char *end;

			opt->fractional_scale = strtod(optarg, &end);
			if (*end != '\0' ||
			    !(opt->fractional_scale >= 1.0 / 120) ||
			    opt->fractional_scale > 16) {
				tc_msg(
				    "--fractional-scale %s: expected a number from 0.01 to 16",
				    optarg);
				return 2;
			}
			break;
		}
		case OPT_REFRESH:
			if (!parse_int(optarg, 0, 1000, &opt->refresh_hz)) {
				tc_msg(
				    "--refresh %s: expected Hz from 0 to 1000",
				    optarg);
				return 2;
			}
			break;
		case OPT_DMABUF:
			if (strcmp(optarg, "v4") == 0)
				opt->dmabuf = TC_DMABUF_V4;
			else if (strcmp(optarg, "v3") == 0)
				opt->dmabuf = TC_DMABUF_V3;
			else if (strcmp(optarg, "none") == 0)
				opt->dmabuf = TC_DMABUF_NONE;
			else {
				tc_msg("--dmabuf %s: expected v4, v3 or none",
				       optarg);
				return 2;
			}
			break;
		case OPT_FORMATS:
			formats = optarg;
			break;
		case OPT_FAIL_MODIFIER:
			if (!tc_modifier_parse(optarg, &opt->fail_modifier)) {
				tc_msg(
				    "--fail-modifier %s: expected LINEAR, X_TILED, Y_TILED or 0x hex",
				    optarg);
				return 2;
			}
			opt->fail_modifier_set = true;
			break;
		case OPT_XDG_VERSION:
			if (!parse_int(optarg, 1, 5, &opt->xdg_version)) {
				tc_msg("--xdg-version %s: expected 1 to 5",
				       optarg);
				return 2;
			}
			break;
		case OPT_EXIT_WITH_CLIENT:
			opt->exit_with_client = true;
			break;
		case OPT_NO_POINTER_LOCK:
			opt->no_pointer_lock = true;
			break;
		case OPT_SEAT:
			opt->seat = true;
			if (optarg &&
			    !parse_int(optarg, 3, 8, &opt->seat_version)) {
				tc_msg("--seat=%s: expected a version, 3 to 8",
				       optarg);
				return 2;
			}
			break;
		case OPT_DECORATION:
			if (strcmp(optarg, "server") == 0)
				opt->decoration = TC_DECORATION_SERVER;
			else if (strcmp(optarg, "client") == 0)
				opt->decoration = TC_DECORATION_CLIENT;
			else if (strcmp(optarg, "none") == 0)
				opt->decoration = TC_DECORATION_NONE;
			else {
				tc_msg(
				    "--decoration %s: expected server, client or none",
				    optarg);
				return 2;
			}
			break;
		case OPT_LOG_TIME:
			opt->log_time = true;
			break;
		case OPT_QUIET_LOG:
			opt->quiet_log = true;
			break;
		case 'h':
			fputs(usage, stdout);
			exit(0);
		default:
			fputs(usage, stderr);
			return 2;
		}
	}
	if (optind < argc) {
		tc_msg("unexpected argument '%s'", argv[optind]);
		return 2;
	}
	if (!opt->socket) {
		tc_msg("--socket NAME is required");
		fputs(usage, stderr);
		return 2;
	}
	if (scale_set && opt->fractional_scale > 0) {
		tc_msg("--scale and --fractional-scale exclude each other");
		return 2;
	}
	if (!tc_format_list_parse(formats, &opt->formats, &opt->format_count,
				  err, sizeof(err))) {
		tc_msg("--formats %s: %s", formats, err);
		return 2;
	}
	if (opt->format_count > UINT16_MAX + 1) {
		tc_msg("--formats: at most 65536 entries");
		free(opt->formats);
		return 2;
	}
	return 0;
}

static int
handle_signal(int sig, void *data)
{
	struct tc_server *server = data;

	if (sig == SIGUSR1) {
		if (server->opt.screenshot_path)
			tc_screenshot_write(server,
					    server->opt.screenshot_path);
		return 0;
	}
	tc_server_quit(server, 0);
	return 0;
}

struct client_watch {
	struct tc_server *server;
	struct wl_listener destroy;
};

static void
handle_client_destroy(struct wl_listener *listener, void *data)
{
	struct client_watch *watch = wl_container_of(listener, watch, destroy);
	struct tc_server *server = watch->server;

	wl_list_remove(&watch->destroy.link);
	free(watch);
	tc_plog("client-gone");
	if (!server->opt.exit_with_client || server->client_seen_gone)
		return;
	server->client_seen_gone = true;
	/* the client's surfaces still exist here: this is its last frame */
	if (server->opt.screenshot_path) {
		tc_screenshot_write(server, server->opt.screenshot_path);
		server->exit_screenshot_written = true;
	}
	tc_server_quit(server, 0);
}

static void
handle_client_created(struct wl_listener *listener, void *data)
{
	struct tc_server *server =
	    wl_container_of(listener, server, client_created);
	struct client_watch *watch = calloc(1, sizeof(*watch));

	if (!watch) {
		wl_client_post_no_memory(data);
		return;
	}
	watch->server = server;
	watch->destroy.notify = handle_client_destroy;
	wl_client_add_destroy_listener(data, &watch->destroy);
}

static int
create_globals(struct tc_server *server)
{
	if (tc_compositor_global_create(server) < 0 ||
	    tc_subcompositor_global_create(server) < 0 ||
	    tc_shm_global_create(server) < 0 ||
	    tc_xdg_shell_global_create(server) < 0 ||
	    tc_viewporter_global_create(server) < 0 ||
	    tc_presentation_global_create(server) < 0 ||
	    tc_output_create(server) < 0)
		return -1;
	if (server->opt.fractional_scale > 0 &&
	    tc_fractional_scale_global_create(server) < 0)
		return -1;
	if (server->opt.decoration != TC_DECORATION_NONE &&
	    tc_decoration_global_create(server) < 0)
		return -1;
	return tc_dmabuf_global_create(server) < 0 ? -1 : 0;
}

int
main(int argc, char *argv[])
{
	struct tc_server server = { .exit_code = 0 };
	struct wl_event_source *signals[3] = { NULL };
	const int signal_numbers[3] = { SIGTERM, SIGINT, SIGUSR1 };
	int ret;

	ret = parse_options(argc, argv, &server.opt);
	if (ret)
		return ret;
	server.surface_scale = server.opt.fractional_scale > 0
				   ? server.opt.fractional_scale
				   : server.opt.scale;
	wl_list_init(&server.surfaces);
	wl_list_init(&server.toplevels);
	wl_list_init(&server.wm_bases);
	server.exit_code = 1;

	if (server.opt.log_path &&
	    (ret = tc_log_open(server.opt.log_path, server.opt.log_time,
			       server.opt.quiet_log)) < 0) {
		tc_msg("cannot open the log %s: %s", server.opt.log_path,
		       strerror(-ret));
		goto out_options;
	}
	if ((ret = tc_buffer_guard_install()) < 0) {
		tc_msg("cannot install the SIGBUS handler: %s", strerror(-ret));
		goto out_log;
	}
	server.display = wl_display_create();
	if (!server.display) {
		tc_msg("cannot create the Wayland display");
		goto out_log;
	}
	server.loop = wl_display_get_event_loop(server.display);
	server.client_created.notify = handle_client_created;
	wl_display_add_client_created_listener(server.display,
					       &server.client_created);
	if (create_globals(&server) < 0) {
		tc_msg("cannot create the globals: %m");
		goto out_display;
	}
	if (server.opt.seat &&
	    (tc_shortcuts_inhibit_global_create(&server) < 0 ||
	     (!server.opt.no_pointer_lock &&
	      tc_pointer_constraints_global_create(&server) < 0) ||
	     tc_relative_pointer_global_create(&server) < 0)) {
		tc_msg("cannot create the seat's globals: %m");
		goto out_display;
	}
	if (server.opt.seat && (ret = tc_seat_create(&server)) < 0) {
		tc_msg("cannot create the seat: %s (is xkeyboard-config, the "
		       "us keymap, installed?)",
		       strerror(-ret));
		goto out_display;
	}
	if ((ret = tc_repaint_init(&server)) < 0) {
		tc_msg("cannot set up the refresh timer: %s", strerror(-ret));
		goto out_display;
	}
	if (server.opt.control_path &&
	    (ret = tc_control_create(&server, server.opt.control_path)) < 0) {
		tc_msg("cannot create the control FIFO %s: %s",
		       server.opt.control_path, strerror(-ret));
		goto out_display;
	}
	for (int i = 0; i < 3; i++) {
		signals[i] = wl_event_loop_add_signal(
		    server.loop, signal_numbers[i], handle_signal, &server);
		if (!signals[i]) {
			tc_msg("cannot watch signal %d: %m", signal_numbers[i]);
			goto out_display;
		}
	}
	if (wl_display_add_socket(server.display, server.opt.socket) < 0) {
		tc_msg(
		    "cannot listen on $XDG_RUNTIME_DIR/%s: %m (is XDG_RUNTIME_DIR set, and the name free?)",
		    server.opt.socket);
		goto out_display;
	}
	printf("ready\n");
	fflush(stdout);

	server.exit_code = 0;
	wl_display_run(server.display);
	if (server.opt.screenshot_path && !server.exit_screenshot_written)
		tc_screenshot_write(&server, server.opt.screenshot_path);

out_display:
	wl_display_destroy_clients(server.display);
	for (int i = 0; i < 3; i++) {
		if (signals[i])
			wl_event_source_remove(signals[i]);
	}
	tc_control_destroy(server.control);
	tc_repaint_finish(&server);
	tc_seat_destroy(&server);
	tc_dmabuf_global_destroy(&server);
	tc_output_destroy(&server);
	wl_list_remove(&server.client_created.link);
	wl_display_destroy(server.display);
out_log:
	tc_log_close();
out_options:
	free(server.opt.formats);
	return server.exit_code;
}
