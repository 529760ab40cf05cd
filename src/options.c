#include "options.h"

#include "bindings.h"
#include "guest-mode.h"
#include "layout.h"
#include "qmp.h"
#include "set-mode.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

/* Long-only options: values above any char, so that getopt's optopt tells
 * a bad short option from a long one given an argument it does not take. */
enum {
	OPT_STATS = 256,
	OPT_TITLE,
	OPT_APP_ID,
	OPT_SCALE,
	OPT_KIOSK,
	OPT_OUTPUT,
	OPT_OVERLAY,
	OPT_NO_RESIZE_GUEST,
	OPT_BIND,
	OPT_CONFIG,
	OPT_QMP,
	OPT_VIEW_ONLY,
	OPT_POINTER,
	OPT_PACING,
	OPT_SET_MODE,
	OPT_CURSOR,
};

#define SHORT_OPTS ":iws:fvhV"

/* xdg_toplevel.set_title and set_app_id are single Wayland messages, which
 * libwayland caps at 4096 bytes (WL_MAX_MESSAGE_SIZE, 1.21): a longer one
 * ends the connection. A title line needs far less; an app id is a
 * desktop file name (a D-Bus name: at most 255 bytes). */
#define MAX_TITLE  1024
#define MAX_APP_ID 255

void
vv_options_usage(FILE *out)
{
	fputs(
	    "Usage: vgpu-view [OPTIONS] [DEVICE]\n"
	    "Shows a virtual machine's screen, read from its vGPU (a VFIO mediated device),\n"
	    "in a Wayland window. Closing the window or SIGINT/SIGTERM/SIGHUP ends it.\n"
	    "\n"
	    "DEVICE (default: demo)\n"
	    "  demo[:WxH]                   the built-in simulated vGPU\n"
	    "  UUID, /sys/bus/mdev/devices/UUID\n"
	    "                               a mediated device nobody holds yet\n"
	    "  /dev/vfio/devices/vfioN      a device's cdev (Linux 6.6+, iommufd)\n"
	    "  fd:N                         a VFIO device fd handed over by a VM manager\n"
	    "  pid:PID[:FD]                 the VFIO device fd of a running VM (e.g. QEMU)\n"
	    "\n"
	    "Options\n"
	    "  -i, --info             print the guest's planes, one line each, and exit\n"
	    "  -w, --watch            with --info: print a plane again whenever it changes,\n"
	    "                         until interrupted\n"
	    "  -s, --snapshot FILE    write the guest's screen (primary plane and cursor)\n"
	    "                         to FILE as PNG and exit\n"
	    "\n"
	    "Window\n"
	    "      --title TEXT       window title (default: the device, e.g. \"mdev UUID (type)\")\n"
	    "      --app-id ID        xdg app id (default: vgpu-view)\n"
	    "      --scale MODE       fit (default: as large as the window allows, aspect\n"
	    "                         kept), integer (whole multiples), 1:1\n"
	    "  -f, --fullscreen       start fullscreen\n"
	    "      --kiosk            fullscreen on one output for good: no decorations, no\n"
	    "                         pointer, no key bindings; waits through guest reboots\n"
	    "                         and device loss; only SIGTERM or SIGINT ends it\n"
	    "      --output NAME      the output for --kiosk and fullscreen (e.g. HDMI-A-1)\n"
	    "      --overlay          show the debug overlay from the start\n"
	    "      --no-resize-guest  never offer the guest a mode that fits the window\n"
	    "      --bind ACTION=KEY  bind a key, e.g. --bind overlay=Ctrl+Alt+o, or none\n"
	    "      --config FILE      read FILE instead of $XDG_CONFIG_HOME/vgpu-view/config\n"
	    "      --qmp PATH         send keys and pointer to the guest through QEMU's QMP\n"
	    "                         socket PATH (-qmp unix:PATH,server=on,wait=off);\n"
	    "                         Ctrl+Alt+g releases and captures them again;\n"
	    "                         pid:PID finds it on that QEMU's command line\n"
	    "      --view-only        send the guest no input even with --qmp\n"
	    "      --pointer MODE     with --qmp: auto (default: absolute when the VM has\n"
	    "                         a tablet, else relative), absolute, relative (a\n"
	    "                         click locks the pointer, the release key unlocks)\n"
	    "      --cursor MODE      with --qmp and a tablet: local (the default: the cursor\n"
	    "                         moves with the host pointer at once), guest (only\n"
	    "                         where the guest puts it: a frame or more later, as\n"
	    "                         other viewers; for comparison)\n"
	    "\n"
	    "Keys (defaults; change them in the config file's [bindings] or with --bind)\n"
	    "  F11 fullscreen   F12 overlay   F10 scale (fit, integer, 1:1)\n"
	    "  Print snapshot (a PNG in the current directory)   Ctrl+q quit\n"
	    "  Ctrl+Alt+g release (with --qmp: keys and pointer back to the viewer, or\n"
	    "  to the guest again)\n"
	    "  Alt + left button drag moves the window when the compositor draws no title bar\n"
	    "\n"
	    "Other\n"
	    "      --pacing MODE      when to ask the device for planes: deadline[:MS] (the\n"
	    "                         default: MS, default 8, before the compositor's next\n"
	    "                         repaint as presentation feedback predicts it; on frame\n"
	    "                         callbacks while there is none), frame (on each frame\n"
	    "                         callback), timer[:MS] (every MS, default 30: QEMU's\n"
	    "                         way, for comparison)\n"
	    "      --stats            at exit, print what the viewer did on stdout: frames,\n"
	    "                         commits, and the pixel bytes it touched (0 when every\n"
	    "                         plane went zero-copy)\n"
	    "      --set-mode WxH     offer the guest a WxH mode through the device's EDID\n"
	    "                         region (as the window does when resized), print what\n"
	    "                         the region holds then, and exit\n"
	    "  -v, --verbose          log more (debug messages)\n"
	    "  -h, --help             show this help and exit\n"
	    "  -V, --version          show the version and exit\n",
	    out);
}

/* --info, --snapshot and --set-mode each choose what the run does: one of
 * them, or none (the window). */
static int
set_action(struct vv_options *opts, enum vv_action action, const char *option,
	   struct vv_err *err)
{
	if (opts->action != VV_ACTION_WINDOW && opts->action != action)
		return vv_err_set(
		    err, EINVAL,
		    "%s and %s do not go together: each is a run of its own, pick one (see --help)",
		    opts->action_option, option);
	opts->action = action;
	opts->action_option = option;
	return 0;
}

/* getopt's ':' or '?' for the option that ended at argv[optind - 1]; names
 * it as typed, "-X" for a short one even inside a group like -Xi (whose
 * argv[optind - 1] is the argument before it). */
static int
bad_option(int c, char *argv[], struct vv_err *err)
{
	const char *arg = argv[optind - 1];
	int len = (int)strcspn(arg, "=");
	bool is_long = strncmp(arg, "--", 2) == 0;

	if (c == ':' && is_long)
		return vv_err_set(err, EINVAL,
				  "option %.*s needs an argument (see --help)",
				  len, arg);
	if (c == ':')
		return vv_err_set(err, EINVAL,
				  "option -%c needs an argument (see --help)",
				  optopt);
	if (optopt == 0)
		return vv_err_set(err, EINVAL,
				  "unknown option %.*s (see --help)", len, arg);
	/* A known option can only be "bad" as --name=VALUE of a long one
	 * that takes no value. */
	if (optopt >= 256 || (optopt != ':' && strchr(SHORT_OPTS, optopt)))
		return vv_err_set(err, EINVAL,
				  "option %.*s takes no argument (see --help)",
				  len, arg);
	return vv_err_set(err, EINVAL, "unknown option -%c (see --help)",
			  optopt);
}

/* The first option given that only the window uses, or NULL. */
static const char *
window_option(const struct vv_options *o)
{
	const struct {
		bool given;
		const char *name;
	} options[] = {
		{ o->kiosk, "--kiosk" },
		{ o->fullscreen, "--fullscreen" },
		{ o->output, "--output" },
		{ o->title, "--title" },
		{ o->app_id, "--app-id" },
		{ o->scale, "--scale" },
		{ o->overlay, "--overlay" },
		{ o->no_resize_guest, "--no-resize-guest" },
		{ o->n_binds > 0, "--bind" },
		{ o->config, "--config" },
		{ o->stats, "--stats" },
		{ o->qmp, "--qmp" },
		{ o->view_only, "--view-only" },
		{ o->pointer, "--pointer" },
		{ o->cursor, "--cursor" },
	};

	for (size_t i = 0; i < sizeof(options) / sizeof(options[0]); i++)
		if (options[i].given)
			return options[i].name;
	return NULL;
}

int
vv_options_parse(struct vv_options *opts, int argc, char *argv[],
		 struct vv_err *err)
{
	static const struct option longopts[] = {
		{ "info", no_argument, NULL, 'i' },
		{ "watch", no_argument, NULL, 'w' },
		{ "snapshot", required_argument, NULL, 's' },
		{ "stats", no_argument, NULL, OPT_STATS },
		{ "title", required_argument, NULL, OPT_TITLE },
		{ "app-id", required_argument, NULL, OPT_APP_ID },
		{ "scale", required_argument, NULL, OPT_SCALE },
		{ "fullscreen", no_argument, NULL, 'f' },
		{ "kiosk", no_argument, NULL, OPT_KIOSK },
		{ "output", required_argument, NULL, OPT_OUTPUT },
		{ "overlay", no_argument, NULL, OPT_OVERLAY },
		{ "no-resize-guest", no_argument, NULL, OPT_NO_RESIZE_GUEST },
		{ "bind", required_argument, NULL, OPT_BIND },
		{ "config", required_argument, NULL, OPT_CONFIG },
		{ "qmp", required_argument, NULL, OPT_QMP },
		{ "view-only", no_argument, NULL, OPT_VIEW_ONLY },
		{ "pointer", required_argument, NULL, OPT_POINTER },
		{ "cursor", required_argument, NULL, OPT_CURSOR },
		{ "pacing", required_argument, NULL, OPT_PACING },
		{ "set-mode", required_argument, NULL, OPT_SET_MODE },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ 0 },
	};
	int c;

	memset(opts, 0, sizeof(*opts));
	/* BENCHMARKS.md: guest frames on screen 7 ms sooner at 60 Hz */
	vv_pacing_parse("deadline", &opts->pacing, &opts->pacing_ms);
	opts->action = VV_ACTION_WINDOW;
	opts->device = "demo";
	/* getopt keeps its position in globals: start afresh, and keep it
	 * from printing its own messages (ours name the fix). */
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, SHORT_OPTS, longopts, NULL)) !=
	       -1) {
		switch (c) {
		case 'i':
			if (set_action(opts, VV_ACTION_INFO, "--info", err))
				return -EINVAL;
			break;
		case 'w':
			opts->watch = true;
			break;
		case 's':
			if (set_action(opts, VV_ACTION_SNAPSHOT, "--snapshot",
				       err))
				return -EINVAL;
			opts->snapshot_path = optarg;
			break;
		case OPT_STATS:
			opts->stats = true;
			break;
		case OPT_TITLE:
			if (strlen(optarg) > MAX_TITLE)
				return vv_err_set(
				    err, EINVAL,
				    "--title is %zu bytes long: a window title can have at most %d",
				    strlen(optarg), MAX_TITLE);
			opts->title = optarg;
			break;
		case OPT_APP_ID:
			if (strlen(optarg) > MAX_APP_ID)
				return vv_err_set(
				    err, EINVAL,
				    "--app-id is %zu bytes long: an app id (a desktop file name) can have at most %d",
				    strlen(optarg), MAX_APP_ID);
			opts->app_id = optarg;
			break;
		case OPT_SCALE:
			opts->scale = optarg;
			break;
		case 'f':
			opts->fullscreen = true;
			break;
		case OPT_KIOSK:
			opts->kiosk = true;
			break;
		case OPT_OUTPUT:
			opts->output = optarg;
			break;
		case OPT_OVERLAY:
			opts->overlay = true;
			break;
		case OPT_NO_RESIZE_GUEST:
			opts->no_resize_guest = true;
			break;
		case OPT_BIND:
			if (opts->n_binds == VV_MAX_BINDS)
				return vv_err_set(err, EINVAL,
						  "more than %d --bind options",
						  VV_MAX_BINDS);
			opts->binds[opts->n_binds++] = optarg;
			break;
		case OPT_CONFIG:
			opts->config = optarg;
			break;
		case OPT_QMP:
			opts->qmp = optarg;
			break;
		case OPT_VIEW_ONLY:
			opts->view_only = true;
			break;
		case OPT_POINTER:
			if (vv_pointer_mode_from_name(optarg) < 0)
				return vv_err_set(
				    err, EINVAL,
				    "--pointer '%s': use auto, absolute or relative",
				    optarg);
			opts->pointer = optarg;
			break;
		case OPT_CURSOR:
			if (strcmp(optarg, "local") != 0 &&
			    strcmp(optarg, "guest") != 0)
				return vv_err_set(
				    err, EINVAL,
				    "--cursor '%s': use local or guest",
				    optarg);
			opts->cursor = optarg;
			break;
		case OPT_SET_MODE:
			if (set_action(opts, VV_ACTION_SET_MODE, "--set-mode",
				       err))
				return -EINVAL;
			if (vv_mode_parse(optarg, &opts->mode_w, &opts->mode_h))
				return vv_err_set(
				    err, EINVAL,
				    "--set-mode '%s': use WIDTHxHEIGHT, e.g. 1280x720",
				    optarg);
			if (opts->mode_w < VV_GUEST_MIN_W ||
			    opts->mode_h < VV_GUEST_MIN_H)
				return vv_err_set(
				    err, EINVAL,
				    "--set-mode %s: smaller than %ux%u, the smallest mode every guest takes",
				    optarg, VV_GUEST_MIN_W, VV_GUEST_MIN_H);
			break;
		case OPT_PACING:
			if (vv_pacing_parse(optarg, &opts->pacing,
					    &opts->pacing_ms))
				return vv_err_set(
				    err, EINVAL,
				    "--pacing '%s': use frame, deadline[:MS] or timer[:MS]",
				    optarg);
			break;
		case 'v':
			opts->verbosity++;
			break;
		case 'h':
			opts->action = VV_ACTION_HELP;
			return 0;
		case 'V':
			opts->action = VV_ACTION_VERSION;
			return 0;
		default:
			return bad_option(c, argv, err);
		}
	}
	if (optind < argc)
		opts->device = argv[optind++];
	if (optind < argc)
		return vv_err_set(
		    err, EINVAL,
		    "unexpected argument '%s': vgpu-view shows one device (see --help)",
		    argv[optind]);
	if (opts->scale && vv_scale_mode_from_name(opts->scale) < 0)
		return vv_err_set(err, EINVAL,
				  "--scale '%s': use fit, integer or 1:1",
				  opts->scale);
	for (int i = 0; i < opts->n_binds; i++) {
		struct vv_bindings scratch;
		struct vv_err why;
		if (vv_bindings_set(&scratch, opts->binds[i], &why))
			return vv_err_set(err, EINVAL, "--bind %s: %s",
					  opts->binds[i], why.text);
	}
	const char *window_only = window_option(opts);
	if (window_only && opts->action != VV_ACTION_WINDOW)
		return vv_err_set(
		    err, EINVAL,
		    "%s goes with the window, not with %s (see --help)",
		    window_only, opts->action_option);
	/* Only a fullscreen window goes to a named output. */
	if (opts->output && !opts->fullscreen && !opts->kiosk)
		return vv_err_set(
		    err, EINVAL,
		    "--output goes with --fullscreen or --kiosk: it names the output they fill (see --help)");
	if (opts->watch && opts->action != VV_ACTION_INFO)
		return vv_err_set(err, EINVAL,
				  "--watch goes with --info (see --help)");
	return 0;
}

int
vv_pacing_parse(const char *text, enum vv_pacing *pacing, uint32_t *ms)
{
	static const struct {
		const char *name;
		enum vv_pacing pacing;
		uint32_t ms;
	} modes[] = {
		{ "frame", VV_PACING_FRAME, 0 },
		{ "timer", VV_PACING_TIMER, 30 },
		{ "deadline", VV_PACING_DEADLINE, 8 },
	};

	for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		size_t n = strlen(modes[i].name);
		if (strncmp(text, modes[i].name, n) != 0)
			continue;
		*pacing = modes[i].pacing;
		*ms = modes[i].ms;
		if (text[n] == '\0')
			return 0;
		char *end;
		unsigned long v = strtoul(text + n + 1, &end, 10);
		if (text[n] != ':' || *pacing == VV_PACING_FRAME || *end ||
		    end == text + n + 1 || v < 1 || v > 1000)
			return -EINVAL;
		*ms = (uint32_t)v;
		return 0;
	}
	return -EINVAL;
}
