/* vgpu-view: options → the app → its job → the exit code. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "info-paths.h"
#include "info.h"
#include "log.h"
#include "loop.h"
#include "options.h"
#include "plane.h"
#include "set-mode.h"
#include "snapshot.h"
#include "source.h"
#include "viewer.h"

/* The program's one top-level state. */
struct vv_app {
	struct vv_options opts;
	struct vv_source *source; /* the device, everything about it */
	struct vv_stats stats;
	/* --info: names each plane's path when a compositor is at hand. */
	struct vv_info_compositor *compositor;
	int signal_fd; /* SIGINT/SIGTERM/SIGHUP, owned; -1 if none */
};

/* The window's settings: defaults, then the config file, then the command
 * line (already checked by vv_options_parse). */
static void
view_config(const struct vv_app *app, struct vv_viewer_config *config)
{
	const struct vv_options *o = &app->opts;

	*config = (struct vv_viewer_config){
		.address = o->device,
		.title = o->title,
		.app_id = o->app_id,
		.output = o->output,
		.qmp = o->qmp,
		.view_only = o->view_only,
		.pointer = o->pointer ? vv_pointer_mode_from_name(o->pointer)
				      : VV_POINTER_AUTO,
		.cursor_guest = o->cursor && strcmp(o->cursor, "guest") == 0,
		.kiosk = o->kiosk,
		.fullscreen = o->fullscreen,
		.pacing = o->pacing,
		.pacing_ms = o->pacing_ms,
	};
	vv_settings_default(&config->settings);
	vv_config_load(&config->settings, o->config);
	if (o->scale)
		config->settings.scale = vv_scale_mode_from_name(o->scale);
	if (o->overlay)
		config->settings.overlay = true;
	if (o->no_resize_guest)
		config->settings.resize_guest = false;
	for (int i = 0; i < o->n_binds; i++)
		vv_bindings_set(&config->settings.bindings, o->binds[i], NULL);
}

static int
run(struct vv_app *app, struct vv_err *err)
{
	const struct vv_info_paths *paths;
	struct vv_viewer_config config;
	int ret;

	app->source = vv_source_open(app->opts.device, err);
	if (!app->source)
		return -err->code;

	switch (app->opts.action) {
	case VV_ACTION_INFO:
		app->compositor = vv_info_compositor_open(app->source);
		paths = vv_info_compositor_paths(app->compositor);
		if (!app->opts.watch)
			return vv_info_print(app->source, stdout, paths, err);
		app->signal_fd = vv_signalfd_open(err);
		if (app->signal_fd < 0)
			return app->signal_fd;
		return vv_info_watch(app->source, stdout, app->signal_fd, paths,
				     err);
	case VV_ACTION_SNAPSHOT:
		ret = vv_snapshot_write(app->source, app->opts.snapshot_path,
					err);
		if (!ret)
			vv_info("wrote %s", app->opts.snapshot_path);
		return ret;
	case VV_ACTION_SET_MODE:
		return vv_set_mode(app->source, app->opts.mode_w,
				   app->opts.mode_h, stdout, err);
	case VV_ACTION_WINDOW:
		view_config(app, &config);
		ret = vv_viewer_run(&config, app->source, &app->stats, err);
		if (app->opts.stats)
			vv_stats_print(&app->stats, stdout);
		return ret;
	case VV_ACTION_HELP:
	case VV_ACTION_VERSION:
		break;
	}
	return 0;
}

/* A program started with fd 0, 1 or 2 closed would hand that number to the
 * first file it opens (the VFIO device), and stdout's lines would go into
 * it: /dev/null takes their place first. False when that cannot be done. */
static bool
std_fds_open(void)
{
	for (int fd = 0; fd <= 2; fd++) {
		if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
			continue;
		/* open() takes the lowest free number: this one. */
		int null = open("/dev/null", O_RDWR);
		if (null != fd) {
			if (null >= 0)
				close(null);
			return false;
		}
	}
	return true;
}

/* Flushes and closes stdout: -errno when what was printed did not all get
 * out (a full disk, /dev/full), which would otherwise pass for success.
 * @earlier is the errno of a write that failed before (0: none): once the
 * stream is in error, a flush no longer says why. */
static int
stdout_close(int earlier, struct vv_err *err)
{
	errno = 0;
	bool failed = fflush(stdout) != 0 || ferror(stdout);
	int error = earlier ? earlier : errno ? errno : EIO;
	if (fclose(stdout) != 0 && !failed) {
		failed = true;
		error = errno;
	}
	if (failed)
		return vv_err_set(err, error,
				  "cannot write to standard output: %s",
				  strerror(error));
	return 0;
}

int
main(int argc, char *argv[])
{
	struct vv_app app = { .signal_fd = -1 };
	struct vv_err err = { 0 };
	int ret;

	/* Without /dev/null there is no safe place even for the error. */
	if (!std_fds_open())
		return 1;
	ret = vv_options_parse(&app.opts, argc, argv, &err);
	if (ret) {
		vv_error("%s", err.text);
		return 2;
	}
	if (app.opts.action == VV_ACTION_HELP ||
	    app.opts.action == VV_ACTION_VERSION) {
		errno = 0;
		if (app.opts.action == VV_ACTION_HELP)
			vv_options_usage(stdout);
		else
			printf("vgpu-view %s\n", VV_VERSION);
		/* The text is longer than stdout's buffer: a write already
		 * failed, and only errno says why. */
		ret = stdout_close(ferror(stdout) ? errno : 0, &err);
		if (ret)
			vv_error("%s", err.text);
		return ret ? 1 : 0;
	}
	if (app.opts.verbosity > 0)
		vv_log_set_level(VV_LOG_DEBUG);

	ret = run(&app, &err);
	if (!ret)
		ret = stdout_close(0, &err);
	if (ret)
		vv_error("%s", err.text);

	vv_info_compositor_close(app.compositor);
	vv_source_destroy(app.source);
	if (app.signal_fd >= 0)
		close(app.signal_fd);
	return ret ? 1 : 0;
}
