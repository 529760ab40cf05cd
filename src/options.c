#include "options.h"

#include "bindings.h"
#include "set-mode.h"
#include "settings.h"

#include <errno.h>
#include <getopt.h>
#include <string.h>

void
vv_options_usage(FILE *out)
{
	fputs(
	    "Usage: vgpu-view [OPTIONS] [DEVICE]\n"
	    "Shows a virtual machine's screen, read from its vGPU (a VFIO mediated device),\n"
	    "in a Wayland window. Closing the window or SIGINT/SIGTERM ends it.\n"
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
	    "                         and device loss; only SIGTERM ends it\n"
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

int
vv_options_parse(struct vv_options *opts, int argc, char *argv[],
		 struct vv_err *err)
{
	static const struct option longopts[] = {
		{ "info", no_argument, NULL, 'i' },
		{ "watch", no_argument, NULL, 'w' },
		{ "snapshot", required_argument, NULL, 's' },
		{ "stats", no_argument, NULL, 'S' },
		{ "title", required_argument, NULL, 'T' },
		{ "app-id", required_argument, NULL, 'A' },
		{ "scale", required_argument, NULL, 'c' },
		{ "fullscreen", no_argument, NULL, 'f' },
		{ "kiosk", no_argument, NULL, 'K' },
		{ "output", required_argument, NULL, 'o' },
		{ "overlay", no_argument, NULL, 'O' },
		{ "no-resize-guest", no_argument, NULL, 'R' },
		{ "bind", required_argument, NULL, 'b' },
		{ "config", required_argument, NULL, 'C' },
		{ "qmp", required_argument, NULL, 'Q' },
		{ "view-only", no_argument, NULL, 'N' },
		{ "pacing", required_argument, NULL, 'P' },
		{ "set-mode", required_argument, NULL, 'M' },
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
	while ((c = getopt_long(argc, argv, ":iws:fvhV", longopts, NULL)) !=
	       -1) {
		switch (c) {
		case 'i':
			opts->action = VV_ACTION_INFO;
			break;
		case 'w':
			opts->watch = true;
			break;
		case 's':
			opts->action = VV_ACTION_SNAPSHOT;
			opts->snapshot_path = optarg;
			break;
		case 'S':
			opts->stats = true;
			break;
		case 'T':
			opts->title = optarg;
			break;
		case 'A':
			opts->app_id = optarg;
			break;
		case 'c':
			opts->scale = optarg;
			break;
		case 'f':
			opts->fullscreen = true;
			break;
		case 'K':
			opts->kiosk = true;
			break;
		case 'o':
			opts->output = optarg;
			break;
		case 'O':
			opts->overlay = true;
			break;
		case 'R':
			opts->no_resize_guest = true;
			break;
		case 'b':
			if (opts->n_binds == VV_MAX_BINDS)
				return vv_err_set(err, EINVAL,
						  "more than %d --bind options",
						  VV_MAX_BINDS);
			opts->binds[opts->n_binds++] = optarg;
			break;
		case 'C':
			opts->config = optarg;
			break;
		case 'Q':
			opts->qmp = optarg;
			break;
		case 'N':
			opts->view_only = true;
			break;
		case 'M':
			opts->action = VV_ACTION_SET_MODE;
			if (vv_mode_parse(optarg, &opts->mode_w, &opts->mode_h))
				return vv_err_set(
				    err, EINVAL,
				    "--set-mode '%s': use WIDTHxHEIGHT, e.g. 1280x720",
				    optarg);
			break;
		case 'P':
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
		case ':':
			return vv_err_set(
			    err, EINVAL,
			    "option %s needs an argument (see --help)",
			    argv[optind - 1]);
		default:
			return vv_err_set(err, EINVAL,
					  "unknown option %s (see --help)",
					  argv[optind - 1]);
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
		char why[200];
		if (vv_bindings_set(&scratch, opts->binds[i], why, sizeof(why)))
			return vv_err_set(err, EINVAL, "--bind %s: %s",
					  opts->binds[i], why);
	}
	if (opts->stats && opts->action != VV_ACTION_WINDOW)
		return vv_err_set(
		    err, EINVAL,
		    "--stats goes with the window, not with --info or --snapshot (see --help)");
	if (opts->watch && opts->action != VV_ACTION_INFO)
		return vv_err_set(err, EINVAL,
				  "--watch goes with --info (see --help)");
	return 0;
}
