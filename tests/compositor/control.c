/*
 * --control FIFO: one command per line (tests/README.md lists them). The
 * compositor holds a write end itself so the FIFO never reports EOF when a
 * writer closes.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "server.h"
#include "tc-log.h"
#include "xdg-shell-server-protocol.h"
#include "xdg-shell.h"

struct tc_control {
	struct tc_server *server;
	char *path;
	int read_fd;  /* owned */
	int write_fd; /* owned, keeps the FIFO open */
	struct wl_event_source *source;
	char line[4096];
	size_t len;
};

static void
control_configure(struct tc_server *server, char *args, const char *line)
{
	static const struct {
		const char *name;
		uint32_t state;
	} names[] = {
		{ "maximized", XDG_TOPLEVEL_STATE_MAXIMIZED },
		{ "fullscreen", XDG_TOPLEVEL_STATE_FULLSCREEN },
		{ "resizing", XDG_TOPLEVEL_STATE_RESIZING },
		{ "activated", XDG_TOPLEVEL_STATE_ACTIVATED },
	};
	struct tc_xdg_toplevel *toplevel = tc_xdg_first_toplevel(server);
	char *save = NULL, *end;
	uint32_t states = 0;
	long size[2];

	for (int i = 0; i < 2; i++) {
		char *word = strtok_r(i == 0 ? args : NULL, " ", &save);

		if (!word)
			goto bad;
		size[i] = strtol(word, &end, 10);
		if (*end != '\0' || size[i] < 0 || size[i] > INT32_MAX)
			goto bad;
	}
	for (char *word = strtok_r(NULL, " ", &save); word;
	     word = strtok_r(NULL, " ", &save)) {
		size_t i;

		for (i = 0; i < sizeof(names) / sizeof(*names); i++) {
			if (strcmp(word, names[i].name) == 0)
				break;
		}
		if (i == sizeof(names) / sizeof(*names))
			goto bad;
		states |= 1u << names[i].state;
	}
	if (!toplevel) {
		tc_plog("control-error %s (no toplevel)", line);
		return;
	}
	tc_xdg_toplevel_configure(toplevel, (int32_t)size[0], (int32_t)size[1],
				  states);
	return;
bad:
	tc_plog("control-error %s", line);
}

static void
control_run(struct tc_control *control, char *line)
{
	struct tc_server *server = control->server;
	char copy[sizeof(control->line)];
	char *args = strchr(line, ' ');
	const char *error;

	snprintf(copy, sizeof(copy), "%s", line);
	if (args)
		*args++ = '\0';
	if (tc_seat_control(server, line, args, &error)) {
		if (error)
			tc_plog("control-error %s%s", copy, error);
	} else if (strcmp(line, "screenshot") == 0 && args && *args) {
		tc_screenshot_write(server, args);
	} else if (strcmp(line, "configure") == 0 && args) {
		control_configure(server, args, copy);
	} else if (strcmp(line, "hide") == 0 && !args) {
		tc_repaint_show(server, false);
	} else if (strcmp(line, "show") == 0 && !args) {
		tc_repaint_show(server, true);
	} else if (strcmp(line, "close") == 0 && !args) {
		struct tc_xdg_toplevel *toplevel =
		    tc_xdg_first_toplevel(server);

		if (toplevel)
			tc_xdg_toplevel_close(toplevel);
		else
			tc_plog("control-error %s (no toplevel)", copy);
	} else if (strcmp(line, "ping") == 0 && !args) {
		tc_xdg_ping(server);
	} else if (strcmp(line, "quit") == 0 && !args) {
		tc_server_quit(server, 0);
	} else {
		tc_plog("control-error %s", copy);
	}
}

static int
control_handle_readable(int fd, uint32_t mask, void *data)
{
	struct tc_control *control = data;

	for (;;) {
		ssize_t n = read(fd, control->line + control->len,
				 sizeof(control->line) - 1 - control->len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		control->len += n;
		char *start = control->line, *nl;
		while ((nl = memchr(start, '\n',
				    control->line + control->len - start))) {
			*nl = '\0';
			if (nl > start && nl[-1] == '\r')
				nl[-1] = '\0';
			if (*start)
				control_run(control, start);
			start = nl + 1;
		}
		control->len -= start - control->line;
		memmove(control->line, start, control->len);
		if (control->len == sizeof(control->line) - 1) {
			tc_plog("control-error line longer than %zu bytes",
				sizeof(control->line) - 1);
			control->len = 0;
		}
	}
	return 0;
}

int
tc_control_create(struct tc_server *server, const char *path)
{
	struct tc_control *control = calloc(1, sizeof(*control));
	int ret;

	if (!control)
		return -ENOMEM;
	control->server = server;
	control->read_fd = control->write_fd = -1;
	if (mkfifo(path, 0600) < 0 && errno != EEXIST) {
		ret = -errno;
		goto fail;
	}
	control->path = strdup(path);
	control->read_fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (control->read_fd < 0) {
		ret = -errno;
		goto fail;
	}
	control->write_fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC);
	if (control->write_fd < 0) {
		ret = -errno;
		goto fail;
	}
	control->source = wl_event_loop_add_fd(
	    server->loop, control->read_fd, WL_EVENT_READABLE,
	    control_handle_readable, control);
	if (!control->source) {
		ret = -errno;
		goto fail;
	}
	server->control = control;
	return 0;

fail:
	tc_control_destroy(control);
	return ret;
}

void
tc_control_destroy(struct tc_control *control)
{
	if (!control)
		return;
	if (control->source)
		wl_event_source_remove(control->source);
	if (control->read_fd >= 0)
		close(control->read_fd);
	if (control->write_fd >= 0)
		close(control->write_fd);
	if (control->path)
		unlink(control->path);
	free(control->path);
	free(control);
}
