#include "options.h"

#include <errno.h>
#include <getopt.h>
#include <string.h>

void
vv_options_usage(FILE *out)
{
	fputs(
	    "Usage: vgpu-view [OPTIONS] [DEVICE]\n"
	    "Shows a virtual machine's screen, read from its vGPU (a VFIO mediated device).\n"
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
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ 0 },
	};
	int c;

	memset(opts, 0, sizeof(*opts));
	opts->action = VV_ACTION_WINDOW;
	opts->device = "demo";
	/* getopt keeps its position in globals: start afresh, and keep it
	 * from printing its own messages (ours name the fix). */
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":iws:vhV", longopts, NULL)) !=
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
	if (opts->watch && opts->action != VV_ACTION_INFO)
		return vv_err_set(err, EINVAL,
				  "--watch goes with --info (see --help)");
	return 0;
}
