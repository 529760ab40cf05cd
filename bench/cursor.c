/* Cursor latency (vv-bench --cursor): from a host pointer motion to the
 * cursor subsurface moved on screen, with the local cursor (the default:
 * moved on the motion itself) and with --cursor guest (only where the
 * guest's cursor plane says, as other viewers do). README.md, "Cursor
 * latency", says how it measures. */
#include "bench.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "emu.h"

#define GUEST_W   1280
#define GUEST_H   720
#define HOT       4 /* the cursor's hotspot, both axes */
#define ABS_RANGE 0x8000
#define MATCH_NS  (500 * NS_PER_MS) /* a motion never shown */
#define PERIOD_NS (50 * NS_PER_MS)  /* between motions, plus a sweep */
#define N_MOTIONS 300
#define N_WARMUP  10

/* One host pointer motion and what became of it, CLOCK_MONOTONIC ns. */
struct sample {
	uint64_t motion;        /* the compositor sent wl_pointer.motion */
	int32_t want_x, want_y; /* the cursor surface's position for it */
	uint64_t commit;        /* the cursor subsurface committed there */
	uint64_t applied;       /* the toplevel commit that applied it */
};

struct cursor_run {
	const struct bench_opts *o;
	bool guest_mode; /* --cursor guest */
	char dir[600], root[700], uuid[40], socket[64];
	char log_path[700], ctl_path[700], qmp_path[700];
	pid_t comp, viewer;
	int ctl_fd, qmp_listen, qmp_fd;
	struct comp_log log;
	char qbuf[1 << 14];
	size_t qlen;
	uint32_t abs_x; /* the last abs x the guest got */
	bool qmp_ready; /* query-mice answered */
	uint64_t abs_events;

	uint32_t toplevel, guest, cursor;
	int32_t cursor_x, cursor_y; /* its last committed position */
	struct sample s[N_WARMUP + N_MOTIONS];
	size_t n;            /* motions sent */
	bool awaiting_apply; /* s[n - 1] committed, not applied yet */
	/* the first vblank that sent a frame callback is in [lo, hi): every
	 * vblank of the compositor's 60 Hz grid follows from it */
	uint64_t anchor_lo, anchor_hi;
	uint64_t frame_done;
	char error[256];
};

static void
cfail(struct cursor_run *r, const char *what)
{
	if (!r->error[0])
		snprintf(r->error, sizeof(r->error), "%s", what);
}

/* ---- the guest and QEMU: a QMP peer that moves the cursor plane -------- */

static void
qmp_send(struct cursor_run *r, const char *text)
{
	size_t len = strlen(text);

	/* a few hundred bytes on a fresh unix socket: never short */
	if (send(r->qmp_fd, text, len, MSG_NOSIGNAL) != (ssize_t)len)
		cfail(r, "cannot answer the viewer's QMP");
}

/* The guest moves its cursor plane where the tablet says, at once: the
 * best a guest can do (a real one adds its input stack and a frame). */
static void
guest_moves_cursor(struct cursor_run *r, uint32_t ax, uint32_t ay)
{
	struct emu_dev dev;

	if (emu_state_lock(r->root, r->uuid, &dev)) {
		cfail(r, "cannot lock the emulated device");
		return;
	}
	dev.s->cursor.x = (int32_t)((uint64_t)ax * GUEST_W / ABS_RANGE);
	dev.s->cursor.y = (int32_t)((uint64_t)ay * GUEST_H / ABS_RANGE);
	emu_state_unlock(&dev);
}

static void
qmp_line(struct cursor_run *r, char *line)
{
	char reply[128];
	long long id = 0;
	const char *p = strstr(line, "\"id\":");

	if (p)
		id = strtoll(p + 5, NULL, 10);
	if (strstr(line, "qmp_capabilities")) {
		snprintf(reply, sizeof(reply),
			 "{\"return\": {}, \"id\": %lld}\n", id);
		qmp_send(r, reply);
	} else if (strstr(line, "query-mice")) {
		snprintf(
		    reply, sizeof(reply),
		    "{\"return\": [{\"name\": \"bench tablet\", \"index\": 1, "
		    "\"current\": true, \"absolute\": true}], \"id\": %lld}\n",
		    id);
		qmp_send(r, reply);
		r->qmp_ready = true;
	} else if (strstr(line, "input-send-event")) {
		for (const char *e = strstr(line, "\"axis\":\""); e;
		     e = strstr(e + 1, "\"axis\":\"")) {
			const char *v = strstr(e, "\"value\":");
			if (!v)
				break;
			uint32_t value = (uint32_t)strtoul(v + 8, NULL, 10);
			r->abs_events++;
			if (e[8] == 'x')
				r->abs_x = value;
			else if (r->guest_mode)
				guest_moves_cursor(r, r->abs_x, value);
		}
		snprintf(reply, sizeof(reply),
			 "{\"return\": {}, \"id\": %lld}\n", id);
		qmp_send(r, reply);
	}
}

static void
qmp_read(struct cursor_run *r)
{
	ssize_t n =
	    read(r->qmp_fd, r->qbuf + r->qlen, sizeof(r->qbuf) - 1 - r->qlen);

	if (n <= 0) {
		if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
			close(r->qmp_fd);
			r->qmp_fd = -1;
		}
		return;
	}
	r->qlen += (size_t)n;
	r->qbuf[r->qlen] = '\0';
	char *line = r->qbuf, *nl;
	while ((nl = strchr(line, '\n'))) {
		*nl = '\0';
		qmp_line(r, line);
		line = nl + 1;
	}
	r->qlen -= (size_t)(line - r->qbuf);
	memmove(r->qbuf, line, r->qlen);
	if (r->qlen == sizeof(r->qbuf) - 1)
		r->qlen = 0;
}

static void
qmp_accept(struct cursor_run *r)
{
	int fd = accept4(r->qmp_listen, NULL, NULL, SOCK_CLOEXEC);

	if (fd < 0)
		return;
	if (r->qmp_fd >= 0)
		close(r->qmp_fd);
	r->qmp_fd = fd;
	r->qlen = 0;
	qmp_send(r, "{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 0, "
		    "\"minor\": 2, \"major\": 7}, \"package\": \"\"}, "
		    "\"capabilities\": []}}\n");
}

/* ---- the compositor's log --------------------------------------------- */

static void
log_line(void *data, const char *line, uint64_t read_t)
{
	struct cursor_run *r = data;
	uint64_t surface = 0, parent = 0, t = read_t, v;
	char role[32], pos[32], size[32];

	if (kv_u64(line, "t", &v))
		t = v;
	if (strncmp(line, "frame-done ", 11) == 0 && kv_u64(line, "time", &v)) {
		/* stamped with its vblank's grid time, in whole ms (the line
		 * itself comes after the repaint, ms later): each one puts
		 * the first such vblank, the anchor, in a 1 ms window, and
		 * together they narrow it to microseconds */
		uint64_t lo = v * NS_PER_MS, hi = lo + NS_PER_MS;
		if (!r->anchor_lo) {
			r->anchor_lo = lo;
			r->anchor_hi = hi;
		}
		uint64_t n =
		    (lo - r->anchor_lo + REFRESH_60_NS / 2) / REFRESH_60_NS;
		uint64_t off = vblank_offset(n);
		if (lo - off > r->anchor_lo)
			r->anchor_lo = lo - off;
		if (hi - off < r->anchor_hi)
			r->anchor_hi = hi - off;
		r->frame_done++;
		return;
	}
	if (strncmp(line, "motion ", 7) == 0) {
		if (r->n && !r->s[r->n - 1].motion)
			r->s[r->n - 1].motion = t;
		return;
	}
	if (strncmp(line, "commit ", 7) != 0 ||
	    !kv_u64(line, "surface", &surface) ||
	    !kv_str(line, "role", role, sizeof(role)))
		return;
	kv_u64(line, "parent", &parent);
	if (!r->toplevel && strcmp(role, "toplevel") == 0)
		r->toplevel = (uint32_t)surface;
	if (surface == r->toplevel && r->awaiting_apply) {
		r->s[r->n - 1].applied = t;
		r->awaiting_apply = false;
		return;
	}
	if (strcmp(role, "subsurface") != 0)
		return;
	/* the cursor: the 64x64 one, on the guest surface or beside it */
	bool small = kv_str(line, "size", size, sizeof(size)) &&
		     strcmp(size, "64x64") == 0;
	if (!r->guest && r->toplevel && parent == r->toplevel && !small)
		r->guest = (uint32_t)surface;
	if (!r->cursor && small && r->toplevel &&
	    (parent == r->guest || parent == r->toplevel))
		r->cursor = (uint32_t)surface;
	if (surface != r->cursor || !r->cursor ||
	    !kv_str(line, "pos", pos, sizeof(pos)))
		return;
	int32_t x, y;
	if (sscanf(pos, "%d,%d", &x, &y) != 2)
		return;
	r->cursor_x = x;
	r->cursor_y = y;
	struct sample *s = r->n ? &r->s[r->n - 1] : NULL;
	if (s && s->motion && !s->commit && x == s->want_x && y == s->want_y) {
		s->commit = t;
		r->awaiting_apply = true;
	}
}

/* Runs the log and the QMP peer for @ms, or until @done says so. */
static bool
pump(struct cursor_run *r, unsigned ms, bool (*done)(struct cursor_run *))
{
	uint64_t end = now_ns() + ms * NS_PER_MS;

	while (!r->error[0] && !(done && done(r))) {
		uint64_t now = now_ns();
		if (now >= end)
			return !done;
		struct pollfd p[3] = {
			{ .fd = r->log.eof ? -1 : r->log.fd, .events = POLLIN },
			{ .fd = r->qmp_listen, .events = POLLIN },
			{ .fd = r->qmp_fd, .events = POLLIN },
		};
		int wait = (int)((end - now + NS_PER_MS - 1) / NS_PER_MS);
		if (poll(p, 3, wait) < 0 && errno != EINTR)
			return false;
		if (p[0].revents)
			comp_log_read(&r->log, log_line, r);
		if (p[1].revents & POLLIN)
			qmp_accept(r);
		if (r->qmp_fd >= 0 && p[2].revents)
			qmp_read(r);
	}
	return !r->error[0];
}

static bool
is_ready(struct cursor_run *r)
{
	/* wherever it is: the compositor may have put the pointer in the
	 * window's middle as it mapped, and the guest followed */
	return r->qmp_ready && r->cursor;
}

static bool
is_applied(struct cursor_run *r)
{
	return r->n && r->s[r->n - 1].applied;
}

static void
ctl(struct cursor_run *r, const char *what, int x, int y)
{
	char cmd[64];
	/* the pixel's centre: guest pixel x, y, whatever the rounding */
	int len = snprintf(cmd, sizeof(cmd), "%s %d.5 %d.5\n", what, x, y);

	if (write(r->ctl_fd, cmd, (size_t)len) != len)
		cfail(r, "cannot write to the compositor's control FIFO");
}

/* ---- one run ------------------------------------------------------------ */

static bool
start(struct cursor_run *r)
{
	char env_rt[720], env_wl[100], env_root[760], env_pre[1600];
	char out[720], err[720], mode[32];
	int out_fd = -1;

	snprintf(mode, sizeof(mode), "%ux%u", GUEST_W, GUEST_H);
	const char *add[] = { "add",   r->root, "gvt", r->uuid,
			      "--max", mode,    NULL };
	const char *mo[] = { "mode", r->uuid, mode, NULL };
	const char *draw[] = { "draw", r->uuid, "1", NULL };
	const char *flip[] = { "flip", r->uuid, NULL };
	const char *cur[] = { "cursor", r->uuid, "100", "100", "4", "4", NULL };
	if (emu_tool_run(r->o, r->root, r->dir, add) ||
	    emu_tool_run(r->o, r->root, r->dir, mo) ||
	    emu_tool_run(r->o, r->root, r->dir, draw) ||
	    emu_tool_run(r->o, r->root, r->dir, flip) ||
	    emu_tool_run(r->o, r->root, r->dir, cur)) {
		cfail(r, "cannot set up the emulated device");
		return false;
	}

	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", r->qmp_path);
	r->qmp_listen = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (r->qmp_listen < 0 ||
	    bind(r->qmp_listen, (struct sockaddr *)&sa, sizeof(sa)) ||
	    listen(r->qmp_listen, 2)) {
		cfail(r, "cannot listen on the QMP socket");
		return false;
	}

	snprintf(env_rt, sizeof(env_rt), "XDG_RUNTIME_DIR=%s/run", r->dir);
	snprintf(err, sizeof(err), "%s/compositor.err", r->dir);
	const char *cargv[] = { r->o->compositor,
				"--socket",
				r->socket,
				"--log",
				r->log_path,
				"--log-time",
				"--control",
				r->ctl_path,
				"--seat",
				"--size",
				"1920x1080",
				"--refresh",
				"60",
				NULL };
	const char *cenv[] = { env_rt, NULL };
	r->comp = spawn(cargv, cenv, NULL, err, &out_fd);
	if (r->comp < 0)
		return false;
	r->log.writer = comp_wait_ready(out_fd);
	/* O_RDWR: never waits for a reader, never EOF */
	r->ctl_fd = open(r->ctl_path, O_RDWR | O_CLOEXEC);
	if (!r->log.writer || r->ctl_fd < 0) {
		cfail(r, "vv-compositor did not start");
		return false;
	}

	snprintf(out, sizeof(out), "%s/viewer.out", r->dir);
	snprintf(err, sizeof(err), "%s/viewer.err", r->dir);
	snprintf(env_wl, sizeof(env_wl), "WAYLAND_DISPLAY=%s", r->socket);
	snprintf(env_root, sizeof(env_root), "VV_EMU_ROOT=%s", r->root);
	snprintf(env_pre, sizeof(env_pre), "LD_PRELOAD=%s%s%s",
		 r->o->asan_lib ? r->o->asan_lib : "",
		 r->o->asan_lib ? " " : "", r->o->emu_lib);
	const char *venv[] = { env_wl, env_rt, env_root, env_pre, NULL };
	const char *vargv[] = { r->o->viewer,
				"--qmp",
				r->qmp_path,
				"--cursor",
				r->guest_mode ? "guest" : "local",
				r->uuid,
				NULL };
	r->viewer = spawn(vargv, venv, out, err, NULL);
	return r->viewer > 0;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Nearest rank, as latency_of. */
static double
rank(const double *sorted, unsigned n, double p)
{
	return n ? sorted[(unsigned)ceil(p * n) - 1] : 0;
}

static void
summarize(const struct cursor_run *r, struct cursor_result *out)
{
	double commit[N_MOTIONS], screen[N_MOTIONS];
	unsigned nc = 0, ns = 0;
	uint64_t epoch = (r->anchor_lo + r->anchor_hi) / 2;

	out->grid_ns = r->anchor_hi - r->anchor_lo;

	for (size_t i = N_WARMUP; i < r->n; i++) {
		const struct sample *s = &r->s[i];
		if (!s->motion || !s->commit || !s->applied) {
			out->missed++;
			continue;
		}
		commit[nc++] = (double)(s->commit - s->motion) / 1e6;
		if (r->frame_done && s->applied > epoch)
			screen[ns++] =
			    (double)(vblank_at_or_after(epoch, s->applied) -
				     s->motion) /
			    1e6;
	}
	qsort(commit, nc, sizeof(double), cmp_double);
	qsort(screen, ns, sizeof(double), cmp_double);
	out->n = nc;
	out->commit_p50 = rank(commit, nc, 0.50);
	out->commit_p95 = rank(commit, nc, 0.95);
	out->commit_max = nc ? commit[nc - 1] : 0;
	out->n_screen = ns;
	out->screen_p50 = rank(screen, ns, 0.50);
	out->screen_p95 = rank(screen, ns, 0.95);
	out->screen_max = ns ? screen[ns - 1] : 0;
	out->abs_events = r->abs_events;
}

void
cursor_run(const struct bench_opts *o, bool guest_mode,
	   struct cursor_result *out)
{
	struct cursor_run *r = calloc(1, sizeof(*r));
	const char *name = guest_mode ? "cursor-guest" : "cursor-local";
	char path[760];

	memset(out, 0, sizeof(*out));
	r->o = o;
	r->guest_mode = guest_mode;
	r->comp = r->viewer = -1;
	r->log.fd = r->ctl_fd = r->qmp_listen = r->qmp_fd = -1;
	snprintf(r->dir, sizeof(r->dir), "%s/%s", o->workdir, name);
	snprintf(r->root, sizeof(r->root), "%s/emu", r->dir);
	snprintf(r->uuid, sizeof(r->uuid),
		 "7c0ffee0-0d6e-4c55-9d54-2b0c6a1dc%03x", guest_mode ? 1 : 0);
	snprintf(r->socket, sizeof(r->socket), "vv-bench-%d-%s", (int)getpid(),
		 name);
	snprintf(r->log_path, sizeof(r->log_path), "%s/compositor.log", r->dir);
	snprintf(r->ctl_path, sizeof(r->ctl_path), "%s/ctl", r->dir);
	snprintf(r->qmp_path, sizeof(r->qmp_path), "%s/qmp.sock", r->dir);
	snprintf(path, sizeof(path), "%s/run", r->dir);
	if (mkdir(r->dir, 0700) || mkdir(r->root, 0700) || mkdir(path, 0700) ||
	    mkfifo(r->log_path, 0600)) {
		cfail(r, "cannot make the run's directory");
		goto out;
	}
	r->log.fd = open(r->log_path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (o->keep) {
		snprintf(path, sizeof(path), "%s/compositor-log.txt", r->dir);
		r->log.copy = fopen(path, "we");
	}
	if (!start(r)) {
		cfail(r, "cannot start the viewer");
		goto out;
	}
	if (!pump(r, 20000, is_ready)) {
		cfail(r, "the viewer showed no cursor, or did not finish QMP's "
			 "handshake, in 20 s");
		goto out;
	}
	bench_log(o, "%s: %u motions", name, N_WARMUP + N_MOTIONS);
	/* The pointer comes in at the window's corner, then moves every
	 * 50 ms plus 1/N of a refresh period: the motions' phases against
	 * the compositor's vblanks sweep one whole period, each sampled once
	 * (as the table's 60 Hz guest does). */
	ctl(r, "pointer-enter", 10, 10);
	pump(r, 200, NULL);
	uint64_t next = now_ns();
	for (size_t i = 0; i < N_WARMUP + N_MOTIONS && !r->error[0]; i++) {
		int x = 200 + (int)(i % 2) * 400 + (int)(i % 7) * 10;
		int y = 150 + (int)(i % 5) * 60;
		pump(r,
		     (unsigned)((next > now_ns() ? next - now_ns() : 0) /
				NS_PER_MS),
		     NULL);
		/* window 1:1: window pixel x is guest pixel x */
		r->s[r->n] =
		    (struct sample){ .want_x = x - HOT, .want_y = y - HOT };
		r->n++;
		r->awaiting_apply = false;
		ctl(r, "motion", x, y);
		pump(r, (unsigned)(MATCH_NS / NS_PER_MS), is_applied);
		next += PERIOD_NS + REFRESH_60_NS / N_MOTIONS;
	}
	pump(r, 100, NULL);
	summarize(r, out);
	out->frame_done = r->frame_done;
out:
	snprintf(out->error, sizeof(out->error), "%s", r->error);
	if (r->viewer > 0) {
		kill(r->viewer, SIGTERM);
		reap(r->viewer, 5000, NULL, NULL);
	}
	if (r->comp > 0) {
		kill(r->comp, SIGTERM);
		reap(r->comp, 3000, NULL, NULL);
	}
	if (r->log.fd >= 0)
		close(r->log.fd);
	if (r->ctl_fd >= 0)
		close(r->ctl_fd);
	if (r->qmp_fd >= 0)
		close(r->qmp_fd);
	if (r->qmp_listen >= 0)
		close(r->qmp_listen);
	if (r->log.copy)
		fclose(r->log.copy);
	free(r);
}

static void
row(const char *name, const char *how, const struct cursor_result *c)
{
	if (c->error[0]) {
		printf("| %s | %s | failed: %s |||||\n", name, how, c->error);
		return;
	}
	printf("| %s | %s | %u (%u missed) | %.1f / %.1f / %.1f | "
	       "%.1f / %.1f / %.1f |\n",
	       name, how, c->n, c->missed, c->commit_p50, c->commit_p95,
	       c->commit_max, c->screen_p50, c->screen_p95, c->screen_max);
}

int
cursor_section(const struct bench_opts *o, bool check)
{
	struct cursor_result local, guest;
	struct bench_checks checks = { 0 };

	cursor_run(o, false, &local);
	cursor_run(o, true, &guest);
	printf(
	    "### Cursor latency: host pointer motion → cursor on screen\n\n");
	printf("%u motions each (after %u warm-up), a 1280x720 emulated GVT-g "
	       "guest 1:1 in a 1920x1080 output at 60 Hz, the viewer's "
	       "default pacing (deadline). *commit*: the compositor's "
	       "`wl_pointer.motion` → its receipt of the cursor subsurface's "
	       "commit at the new place; *screen*: → the vblank whose repaint "
	       "showed the toplevel commit that applied it.\n\n",
	       N_MOTIONS, N_WARMUP);
	printf("| cursor | who moves it | motions shown | motion→commit ms "
	       "p50 / p95 / max | motion→screen ms p50 / p95 / max |\n");
	printf("|---|---|---:|---|---|\n");
	row("local (default)", "the viewer, on the motion", &local);
	row("guest (`--cursor guest`)",
	    "the guest's cursor plane, moved by vv-bench's QMP peer at once "
	    "on each `abs` event",
	    &guest);
	if (!local.error[0] && !guest.error[0] && local.n && guest.n)
		printf(
		    "\nRatio guest / local, medians: %.1f× to the commit, "
		    "%.1f× to the screen (p95: %.1f×, %.1f×).\n",
		    guest.commit_p50 / local.commit_p50,
		    local.screen_p50 > 0 ? guest.screen_p50 / local.screen_p50
					 : 0,
		    guest.commit_p95 / local.commit_p95,
		    local.screen_p95 > 0 ? guest.screen_p95 / local.screen_p95
					 : 0);
	printf("\nThe compositor's vblank grid placed within %.0f / %.0f µs "
	       "(local / guest run) by %llu / %llu frame callbacks.\n",
	       (double)local.grid_ns / 1e3, (double)guest.grid_ns / 1e3,
	       (unsigned long long)local.frame_done,
	       (unsigned long long)guest.frame_done);
	if (!check)
		return 0;
	/* Facts and a ratio of medians, never a time. */
	printf("\n### Checks\n\n");
	struct {
		bool ok;
		const char *what;
	} facts[] = {
		{ !local.error[0] && !guest.error[0], "both runs ran" },
		{ local.missed == 0 && guest.missed == 0,
		  "every motion moved the cursor to the pointer" },
		{ guest.abs_events > 0 && local.abs_events > 0,
		  "the viewer sent the motions to QMP both ways" },
		{ local.n_screen == local.n && guest.n_screen == guest.n &&
		      local.grid_ns <= 400000 && guest.grid_ns <= 400000,
		  "every move placed on the compositor's vblank grid, known "
		  "within 0.4 ms (frame callbacks stamp whole ms; 60 Hz "
		  "vblanks fall on 3 phases of a ms: 1/3 ms is the best)" },
		{ local.n && guest.n && local.commit_p50 < guest.commit_p50 &&
		      local.screen_p50 < guest.screen_p50,
		  "the local cursor's medians below the guest's" },
	};
	for (size_t i = 0; i < sizeof(facts) / sizeof(facts[0]); i++)
		bench_check(&checks, facts[i].ok, "%s", facts[i].what);
	return bench_checks_end(&checks);
}
