/* One configuration: the emulated guest, the test compositor and the real
 * viewer, driven and watched from here (README.md, "How it measures"). */
#include "bench.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include "emu.h"

#define MAX_EVENTS_SCAN 4096

struct flip {
	uint64_t t;   /* CLOCK_MONOTONIC, taken under the device lock */
	unsigned buf; /* which of the two framebuffers (0, 1) */
};

struct commit {
	uint64_t t;          /* the compositor's t=, else when we read it */
	bool frame;          /* asked for a frame callback */
	uint32_t present_ms; /* its frame-done time=, 0: none yet */
};

struct run {
	const struct bench_opts *o;
	const struct bench_config *c;
	struct bench_result *r;
	char dir[600], root[700], uuid[40], socket[64];
	char log_path[700], trace_path[700], fb_prefix[720];
	pid_t comp, viewer, probe;
	int flip_tfd, sample_tfd;
	struct comp_log log;

	uint32_t toplevel, guest;
	bool viewer_gone;
	uint64_t n_frame_done;

	struct flip *flips;
	size_t n_flips, cap_flips, flips_wanted;
	struct commit *commits;
	size_t n_commits, cap_commits, present_next;
	uint64_t
	    probe_epoch; /* vblank 0 of the compositor's grid, 0: unknown */
	unsigned probe_presented;

	uint64_t off[2]; /* byte offsets of the two framebuffers */
	unsigned cur;    /* the one shown */
	int32_t cursor_x, cursor_y;

	struct vvb_trace *trace;
	/* chase: waiting for the viewer to commit the last flip */
	uint64_t scan_next; /* next trace event to look at */
	uint32_t id_before; /* id answered before the last flip */
	bool have_id_before;
	uint32_t last_id; /* id of the newest query looked at */
	bool have_last_id;
	size_t fa, fb;         /* flips of the measured window */
	uint64_t seen_query_t; /* a query after the flip saw it, at */
	uint64_t flip_deadline;
	unsigned chase_timeouts;
	unsigned late_ticks;
};

static void
fail(struct run *run, const char *fmt, ...)
{
	va_list ap;

	if (run->r->error[0])
		return;
	va_start(ap, fmt);
	vsnprintf(run->r->error, sizeof(run->r->error), fmt, ap);
	va_end(ap);
}

static bool
refresh_60(const struct bench_config *c)
{
	return c->guest != BG_CHASE;
}

/* Nothing to flip: a front-buffer device, or a still guest. */
static bool
no_flips(const struct bench_config *c)
{
	return c->path == BP_COPY_REGION || c->guest == BG_STATIC;
}

/* ---- the emulated guest ----------------------------------------------- */

static int
setup_device(struct run *run)
{
	const struct bench_config *c = run->c;
	char mode[32];
	struct emu_dev dev;

	snprintf(mode, sizeof(mode), "%ux%u", c->width, c->height);
	if (c->path == BP_COPY_REGION) {
		const char *region[] = { "add",    run->root, "mdpy", run->uuid,
					 "--type", "hd",      NULL };
		if (emu_tool_run(run->o, run->root, run->dir, region))
			return -1;
		return 0;
	}
	const char *add[] = { "add",   run->root, "gvt", run->uuid,
			      "--max", mode,      NULL };
	const char *mo[] = { "mode",
			     run->uuid,
			     mode,
			     "--modifier",
			     c->path == BP_COPY_TILED ? "X_TILED" : "LINEAR",
			     NULL };
	const char *draw[] = { "draw", run->uuid, "1", NULL };
	const char *flip[] = { "flip", run->uuid, NULL };
	const char *cur[] = {
		"cursor", run->uuid, "100", "100", "4", "4", NULL
	};
	if (emu_tool_run(run->o, run->root, run->dir, add) ||
	    emu_tool_run(run->o, run->root, run->dir, mo) ||
	    emu_tool_run(run->o, run->root, run->dir, draw) ||
	    emu_tool_run(run->o, run->root, run->dir, flip) ||
	    emu_tool_run(run->o, run->root, run->dir, cur))
		return -1;
	if (emu_state_lock(run->root, run->uuid, &dev))
		return -1;
	run->off[1] = dev.s->primary.offset;
	run->off[0] = 0;
	run->cur = 1;
	run->cursor_x = dev.s->cursor.x;
	run->cursor_y = dev.s->cursor.y;
	emu_state_unlock(&dev);
	return 0;
}

/* The guest flips to its other framebuffer (both drawn at setup: the
 * guest's drawing is not the viewer's cost) and, if the configuration
 * says so, moves its cursor. */
static void
guest_flip(struct run *run)
{
	struct emu_dev dev;

	if (run->c->path == BP_COPY_REGION)
		return;
	if (emu_state_lock(run->root, run->uuid, &dev)) {
		fail(run, "cannot lock the emulated device");
		return;
	}
	run->cur ^= 1;
	dev.s->primary.offset = run->off[run->cur];
	dev.s->primary.seed++;
	if (run->c->cursor_moving) {
		/* a slow diagonal sweep, 5 guest pixels a frame */
		int32_t w = (int32_t)run->c->width - 80;
		int32_t h = (int32_t)run->c->height - 80;
		run->cursor_x = (run->cursor_x + 5) % w;
		run->cursor_y = (run->cursor_y + 3) % h;
		dev.s->cursor.x = run->cursor_x;
		dev.s->cursor.y = run->cursor_y;
	}
	uint64_t t = now_ns();
	emu_state_unlock(&dev);
	if (run->n_flips == run->cap_flips) {
		run->cap_flips = run->cap_flips ? run->cap_flips * 2 : 1024;
		run->flips =
		    realloc(run->flips, run->cap_flips * sizeof(*run->flips));
	}
	run->flips[run->n_flips++] = (struct flip){ .t = t, .buf = run->cur };
	run->seen_query_t = 0;
	run->id_before = run->last_id;
	run->have_id_before = run->have_last_id;
	run->flip_deadline = t + 500 * NS_PER_MS;
}

/* ---- the compositor's log --------------------------------------------- */

static void
add_commit(struct run *run, uint64_t t, bool frame)
{
	if (run->n_commits == run->cap_commits) {
		run->cap_commits =
		    run->cap_commits ? run->cap_commits * 2 : 4096;
		run->commits = realloc(run->commits, run->cap_commits *
							 sizeof(*run->commits));
	}
	run->commits[run->n_commits++] =
	    (struct commit){ .t = t, .frame = frame };
}

static void
handle_line(void *data, const char *line, uint64_t read_t)
{
	struct run *run = data;
	uint64_t surface = 0, parent = 0, t = read_t, v;
	char role[32], buffer[16], frame[8];

	if (kv_u64(line, "t", &v))
		t = v;
	if (strncmp(line, "commit ", 7) == 0 && !run->viewer_gone) {
		kv_u64(line, "surface", &surface);
		if (!kv_str(line, "role", role, sizeof(role)) ||
		    !kv_str(line, "buffer", buffer, sizeof(buffer)))
			return;
		if (!run->toplevel && strcmp(role, "toplevel") == 0)
			run->toplevel = (uint32_t)surface;
		if (!run->guest && strcmp(role, "subsurface") == 0 &&
		    kv_u64(line, "parent", &parent) &&
		    parent == run->toplevel && run->toplevel)
			run->guest = (uint32_t)surface;
		if (surface == run->guest && run->guest &&
		    (strcmp(buffer, "dmabuf") == 0 ||
		     strcmp(buffer, "shm") == 0))
			add_commit(
			    run, t,
			    kv_str(line, "frame", frame, sizeof(frame)) &&
				strcmp(frame, "yes") == 0);
	} else if (strncmp(line, "frame-done ", 11) == 0) {
		run->n_frame_done++;
		if (!kv_u64(line, "surface", &surface) ||
		    surface != run->guest || run->viewer_gone ||
		    !kv_u64(line, "time", &v))
			return;
		/* the callbacks of every commit since the last repaint */
		for (size_t i = run->present_next; i < run->n_commits; i++)
			if (run->commits[i].frame &&
			    !run->commits[i].present_ms)
				run->commits[i].present_ms = (uint32_t)v;
		run->present_next = run->n_commits;
	} else if (strncmp(line, "presented ", 10) == 0 && run->viewer_gone) {
		/* the probe client's: the compositor's vblank grid */
		uint64_t seq;
		if (!kv_u64(line, "seq", &seq) || !kv_u64(line, "t", &v))
			return;
		uint64_t epoch = v - vblank_offset(seq);
		if (!run->probe_epoch || epoch < run->probe_epoch)
			run->probe_epoch = epoch;
		run->probe_presented++;
	} else if (strncmp(line, "client-gone", 11) == 0) {
		run->viewer_gone = true;
	}
}

static void
read_log(struct run *run)
{
	comp_log_read(&run->log, handle_line, run);
}

/* ---- chase: flip as soon as the previous frame was committed ---------- */

/* Frame N was committed when a query after its flip answered another id
 * than the queries before it, and a commit reached the compositor after
 * that query. */
static void
chase_check(struct run *run)
{
	const struct vvb_trace *tr = run->trace;
	uint64_t n = __atomic_load_n(&tr->n_events, __ATOMIC_ACQUIRE);
	uint64_t t_flip = run->flips[run->n_flips - 1].t;

	if (n > run->scan_next + tr->capacity)
		run->scan_next = n - tr->capacity;
	for (; run->scan_next < n; run->scan_next++) {
		const struct vvb_trace_event *e =
		    &tr->events[run->scan_next % tr->capacity];
		if (e->kind != VVB_EV_QUERY_PRIMARY)
			continue;
		run->last_id = e->value;
		run->have_last_id = true;
		if (e->t_ns < t_flip) {
			run->id_before = e->value;
			run->have_id_before = true;
		} else if (!run->seen_query_t && run->have_id_before &&
			   e->value != run->id_before) {
			run->seen_query_t = e->t_ns;
		}
	}
	if (!run->seen_query_t || run->n_commits == 0 ||
	    run->commits[run->n_commits - 1].t < run->seen_query_t)
		return;
	guest_flip(run);
}

/* ---- the event loop ---------------------------------------------------- */

enum until {
	UNTIL_TIME,
	UNTIL_FIRST_FRAME,
	UNTIL_FLIPS,
	UNTIL_PROBE,
	UNTIL_EOF,
};

static bool
reached(struct run *run, enum until what)
{
	switch (what) {
	case UNTIL_TIME:
		return false;
	case UNTIL_FIRST_FRAME:
		return run->n_commits > 0;
	case UNTIL_FLIPS:
		return run->n_flips >= run->flips_wanted;
	case UNTIL_PROBE:
		return run->probe_presented >= 12;
	case UNTIL_EOF:
		return run->log.eof;
	}
	return false;
}

static void
arm(int tfd, uint64_t first_ns, uint64_t period_ns)
{
	struct itimerspec its = {
		.it_value = { .tv_sec = first_ns / NS_PER_S,
			      .tv_nsec = first_ns % NS_PER_S },
		.it_interval = { .tv_sec = period_ns / NS_PER_S,
				 .tv_nsec = period_ns % NS_PER_S },
	};
	timerfd_settime(tfd, TFD_TIMER_ABSTIME, &its, NULL);
}

static void
disarm(int tfd)
{
	struct itimerspec its = { 0 };
	timerfd_settime(tfd, 0, &its, NULL);
}

/* Runs everything until @what or @timeout_ms; false on timeout. */
static bool
pump(struct run *run, enum until what, unsigned timeout_ms)
{
	uint64_t end = now_ns() + timeout_ms * NS_PER_MS;

	while (!reached(run, what) && !run->r->error[0]) {
		uint64_t now = now_ns();
		if (now >= end)
			return what == UNTIL_TIME;
		struct pollfd p[3] = {
			{ .fd = run->log.eof ? -1 : run->log.fd,
			  .events = POLLIN },
			{ .fd = run->flip_tfd, .events = POLLIN },
			{ .fd = run->sample_tfd, .events = POLLIN },
		};
		int wait = (int)((end - now + NS_PER_MS - 1) / NS_PER_MS);
		bool chasing = run->c->guest == BG_CHASE &&
			       run->n_flips < run->flips_wanted &&
			       run->n_flips > 0;
		if (chasing && wait > 2)
			wait = 2; /* the deadline of a frame that never shows */
		if (poll(p, 3, wait) < 0 && errno != EINTR)
			return false;
		if (p[0].revents)
			read_log(run);
		if (p[1].revents & POLLIN) {
			uint64_t ticks = 0;
			if (read(run->flip_tfd, &ticks, sizeof(ticks)) > 0 &&
			    run->n_flips < run->flips_wanted) {
				if (ticks > 1)
					run->late_ticks += (unsigned)ticks - 1;
				guest_flip(run);
			}
		}
		if (p[2].revents & POLLIN) {
			uint64_t ticks;
			if (read(run->sample_tfd, &ticks, sizeof(ticks)) > 0 &&
			    run->viewer > 0) {
				run->r->maps_samples++;
				if (proc_maps_has(run->viewer, run->fb_prefix))
					run->r->maps_seen++;
			}
		}
		if (run->c->guest == BG_CHASE &&
		    run->n_flips < run->flips_wanted) {
			if (run->n_flips == 0) {
				guest_flip(run);
			} else {
				chase_check(run);
				if (run->n_flips < run->flips_wanted &&
				    now_ns() > run->flip_deadline) {
					run->chase_timeouts++;
					guest_flip(run);
				}
			}
		}
	}
	return !run->r->error[0];
}

/* Flips @n more frames, on the guest's 60 Hz timer or chasing. */
static bool
flip_frames(struct run *run, unsigned n)
{
	run->flips_wanted = run->n_flips + n;
	if (no_flips(run->c)) {
		/* nothing to flip, just time */
		return pump(run, UNTIL_TIME,
			    (unsigned)(n * REFRESH_60_NS / NS_PER_MS));
	}
	if (run->c->guest == BG_60HZ) {
		/* 60 Hz, a little slower than the compositor's, so that the
		 * guest's phase sweeps one whole refresh period over the
		 * measured frames: every phase is sampled once. */
		uint64_t period =
		    REFRESH_60_NS + REFRESH_60_NS / (run->o->frames + 1);
		arm(run->flip_tfd, now_ns() + period, period);
	}
	unsigned timeout =
	    (unsigned)(n * (run->c->guest == BG_60HZ ? 25 : 600)) + 2000;
	bool ok = pump(run, UNTIL_FLIPS, timeout);
	disarm(run->flip_tfd);
	if (!ok)
		fail(
		    run,
		    "the guest could not flip %u frames in %u ms (shown so far: %zu commits)",
		    n, timeout, run->n_commits);
	return ok;
}

/* ---- perf: syscalls over a window ------------------------------------- */

struct perf {
	pid_t pid;
	int ctl, ack;
	char out[720];
};

static bool
perf_cmd(struct perf *p, const char *cmd)
{
	char ack[16];
	struct pollfd pfd = { .fd = p->ack, .events = POLLIN };

	if (write(p->ctl, cmd, strlen(cmd)) < 0)
		return false;
	if (poll(&pfd, 1, 3000) <= 0)
		return false;
	return read(p->ack, ack, sizeof(ack)) > 0;
}

static bool
perf_start(struct run *run, struct perf *p)
{
	char ctl[720], ack[720], ctlarg[1500], pid[16];

	snprintf(ctl, sizeof(ctl), "%s/perf-ctl", run->dir);
	snprintf(ack, sizeof(ack), "%s/perf-ack", run->dir);
	snprintf(p->out, sizeof(p->out), "%s/perf.out", run->dir);
	snprintf(ctlarg, sizeof(ctlarg), "fifo:%s,%s", ctl, ack);
	snprintf(pid, sizeof(pid), "%d", (int)run->viewer);
	if (mkfifo(ctl, 0600) || mkfifo(ack, 0600))
		return false;
	/* O_RDWR: neither open waits for perf */
	p->ctl = open(ctl, O_RDWR | O_CLOEXEC);
	p->ack = open(ack, O_RDWR | O_CLOEXEC);
	const char *argv[] = {
		"perf", "stat", "-x,",  "-e", "raw_syscalls:sys_enter",
		"-p",   pid,    "-D",   "-1", "--control",
		ctlarg, "-o",   p->out, NULL
	};
	char err[720];
	snprintf(err, sizeof(err), "%s/perf.err", run->dir);
	p->pid = spawn(argv, NULL, err, err, NULL);
	return p->pid > 0 && p->ctl >= 0 && p->ack >= 0;
}

static double
perf_finish(struct perf *p)
{
	double count = -1;

	if (p->pid > 0) {
		kill(p->pid, SIGINT);
		reap(p->pid, 3000, NULL, NULL);
	}
	if (p->ctl >= 0)
		close(p->ctl);
	if (p->ack >= 0)
		close(p->ack);
	char *s = read_file(p->out);
	for (char *l = s; l && *l;
	     l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
		if (*l >= '0' && *l <= '9' && strstr(l, "raw_syscalls")) {
			count = strtod(l, NULL);
			break;
		}
	}
	free(s);
	return count;
}

/* ---- analysis ---------------------------------------------------------- */

static size_t
commits_between(const struct run *run, uint64_t a, uint64_t b)
{
	size_t n = 0;

	for (size_t i = 0; i < run->n_commits; i++)
		if (run->commits[i].t >= a && run->commits[i].t < b)
			n++;
	return n;
}

/* The vblank that showed commit @c, 0 if unknown. */
static uint64_t
present_of(const struct run *run, const struct commit *c)
{
	uint64_t e = run->probe_epoch;

	if (!refresh_60(run->c))
		return 0;
	if (c->frame) {
		/* its frame callback's time: the vblank, in whole ms */
		if (!c->present_ms)
			return 0;
		uint64_t lo = (uint64_t)c->present_ms * NS_PER_MS;
		if (!e || lo < e)
			return lo + NS_PER_MS / 2; /* ±0.5 ms */
		/* the one grid point in [lo, lo + 1 ms) */
		return vblank_at_or_after(e, lo);
	}
	/* no callback (timer pacing): the first vblank after the commit
	 * reached the compositor, as its repaint scheduling does */
	if (!e || !run->o->have_log_time || c->t < e)
		return 0;
	return vblank_at_or_after(e, c->t + 1);
}

/* Which framebuffer each dmabuf id names, from the device's key table. */
static void
id_map(struct run *run, uint32_t ids[2])
{
	struct emu_dev dev;

	ids[0] = ids[1] = 0;
	if (emu_state_lock(run->root, run->uuid, &dev))
		return;
	for (unsigned k = 0; k < EMU_MAX_KEYS; k++) {
		const struct emu_key *key = &dev.s->keys[k];
		if (!key->used || key->plane_type != 1 ||
		    key->width != run->c->width)
			continue;
		for (unsigned b = 0; b < 2; b++)
			if (key->offset == run->off[b])
				ids[b] = key->id;
	}
	emu_state_unlock(&dev);
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

struct latency
latency_of(double *ms, unsigned n)
{
	struct latency l = { .n = n };

	if (!n)
		return l;
	qsort(ms, n, sizeof(*ms), cmp_double);
	/* nearest rank */
	l.p50_ms = ms[(unsigned)ceil(0.50 * n) - 1];
	l.p99_ms = ms[(unsigned)ceil(0.99 * n) - 1];
	l.max_ms = ms[n - 1];
	return l;
}

/* Which guest frame each commit showed, from the tracer's queries; then
 * latency and frames never shown for flips [@fa, @fb). */
static void
analyze_frames(struct run *run, size_t fa, size_t fb)
{
	struct bench_result *r = run->r;
	const struct vvb_trace *tr = run->trace;
	uint32_t ids[2];
	uint64_t n_ev = tr->n_events;
	uint64_t first_ev = n_ev > tr->capacity ? n_ev - tr->capacity : 0;
	size_t *shown_by = malloc((run->n_flips + 1) * sizeof(*shown_by));
	const size_t NONE = (size_t)-1;

	id_map(run, ids);
	for (size_t f = 0; f < run->n_flips; f++)
		shown_by[f] = NONE;

	/* walk commits and queries in time order */
	long last_frame = -2; /* frame of the latest query; -1: pre-flip */
	size_t f = 0;
	uint64_t ev = first_ev;
	for (size_t i = 0; i < run->n_commits; i++) {
		const struct commit *c = &run->commits[i];
		for (; ev < n_ev; ev++) {
			const struct vvb_trace_event *e =
			    &tr->events[ev % tr->capacity];
			if (e->t_ns >= c->t)
				break;
			if (e->kind != VVB_EV_QUERY_PRIMARY)
				continue;
			while (f < run->n_flips && run->flips[f].t <= e->t_ns)
				f++;
			/* flips[f - 1] is the last one before the query; the
			 * query saw it, or (racing it) the one before */
			int buf = e->value == ids[0]   ? 0
				  : e->value == ids[1] ? 1
						       : -1;
			if (f == 0 || buf < 0)
				last_frame = -1;
			else if ((int)run->flips[f - 1].buf == buf)
				last_frame = (long)f - 1;
			else if (f >= 2 && (int)run->flips[f - 2].buf == buf)
				last_frame = (long)f - 2;
			else
				last_frame = -1;
		}
		if (last_frame >= 0 && shown_by[last_frame] == NONE)
			shown_by[last_frame] = i;
	}

	/* for --keep: every flip of the run, and what showed it */
	char path[760];
	snprintf(path, sizeof(path), "%s/frames.tsv", run->dir);
	FILE *dump = run->o->keep ? fopen(path, "we") : NULL;
	if (dump) {
		uint64_t t0 = run->n_flips ? run->flips[0].t : 0;
		fprintf(dump, "# flip\tbuf\tflip_ms\tcommit_ms\tscreen_ms\t"
			      "window\n");
		for (size_t k = 0; k < run->n_flips; k++) {
			const struct commit *c =
			    shown_by[k] == NONE ? NULL
						: &run->commits[shown_by[k]];
			uint64_t p = c ? present_of(run, c) : 0;
			fprintf(dump, "%zu\t%u\t%.3f\t%.3f\t%.3f\t%d\n", k,
				run->flips[k].buf,
				(double)(run->flips[k].t - t0) / 1e6,
				c ? (double)(c->t - t0) / 1e6 : -1.0,
				p ? (double)(p - t0) / 1e6 : -1.0,
				k >= fa && k < fb);
		}
		fclose(dump);
	}

	/* A frame never shown still reached the screen in a sense: when a
	 * newer one did. Its latency runs to the first commit showing it or
	 * anything newer (what the user sees is that old). */
	size_t *reached = malloc((run->n_flips + 1) * sizeof(*reached));
	size_t best = NONE;
	for (size_t k = run->n_flips; k-- > 0;) {
		if (shown_by[k] != NONE && (best == NONE || shown_by[k] < best))
			best = shown_by[k];
		reached[k] = best;
	}
	double *lat = malloc((fb - fa + 1) * sizeof(double));
	double *pres = malloc((fb - fa + 1) * sizeof(double));
	unsigned nl = 0, np = 0;
	for (size_t k = fa; k < fb && k < run->n_flips; k++) {
		r->flips++;
		if (shown_by[k] == NONE)
			r->never_shown++;
		else
			r->shown++;
		if (reached[k] == NONE)
			continue;
		const struct commit *c = &run->commits[reached[k]];
		lat[nl++] = (double)(c->t - run->flips[k].t) / 1e6;
		uint64_t p = present_of(run, c);
		if (p > run->flips[k].t)
			pres[np++] = (double)(p - run->flips[k].t) / 1e6;
	}
	free(reached);
	r->commit_lat = latency_of(lat, nl);
	if (np && np == nl) {
		r->present_lat = latency_of(pres, np);
		r->have_present = true;
	}
	free(lat);
	free(pres);
	free(shown_by);
}

static void
read_stats(struct run *run)
{
	char path[720];
	struct viewer_stats *s = &run->r->stats;

	snprintf(path, sizeof(path), "%s/viewer.out", run->dir);
	char *out = read_file(path);
	if (out && strstr(out, "ticks=")) {
		const char *l = strstr(out, "ticks=");
		s->ok = kv_u64(l, "ticks", &s->ticks) &&
			kv_u64(l, "queries", &s->queries) &&
			kv_u64(l, "commits", &s->commits) &&
			kv_u64(l, "pixel_bytes", &s->pixel_bytes) &&
			kv_u64(l, "dmabuf_maps", &s->dmabuf_maps);
		kv_u64(l, "attaches", &s->attaches);
		kv_u64(l, "cursor_commits", &s->cursor_commits);
		kv_u64(l, "imports", &s->imports);
		kv_u64(l, "import_failures", &s->import_failures);
	}
	free(out);
	snprintf(path, sizeof(path), "%s/viewer.err", run->dir);
	char *err = read_file(path);
	const char *p = err ? strstr(err, "primary plane (") : NULL;
	if (p) {
		size_t n = strcspn(p, "\n");
		if (n >= sizeof(run->r->path_line))
			n = sizeof(run->r->path_line) - 1;
		memcpy(run->r->path_line, p, n);
		run->r->path_line[n] = '\0';
	}
	free(err);
}

/* ---- the run ----------------------------------------------------------- */

static bool
start_compositor(struct run *run)
{
	const struct bench_config *c = run->c;
	char size[32], env_rt[720], out[720], err[720];
	const char *argv[24];
	int n = 0, out_fd = -1;

	/* the output: the guest's size, up to OUTPUT_MAX (README.md: the
	 * test compositor's own 4K repaint would limit the frame rate) */
	const char *max = getenv("VV_BENCH_OUTPUT_MAX");
	uint32_t mw = 1920, mh = 1080;
	if (max && sscanf(max, "%ux%u", &mw, &mh) != 2)
		mw = mh = 16384;
	if (c->width <= mw && c->height <= mh)
		snprintf(size, sizeof(size), "%ux%u", c->width, c->height);
	else
		snprintf(size, sizeof(size), "%ux%u", mw, mh);
	snprintf(env_rt, sizeof(env_rt), "XDG_RUNTIME_DIR=%s/run", run->dir);
	snprintf(err, sizeof(err), "%s/compositor.err", run->dir);
	snprintf(out, sizeof(out), "%s/compositor.out", run->dir);
	argv[n++] = run->o->compositor;
	argv[n++] = "--socket";
	argv[n++] = run->socket;
	argv[n++] = "--log";
	argv[n++] = run->log_path;
	if (run->o->have_log_time)
		argv[n++] = "--log-time";
	argv[n++] = "--size";
	argv[n++] = size;
	argv[n++] = "--refresh";
	argv[n++] = refresh_60(c) ? "60" : "0";
	/* weston-presentation-shm (the vblank probe) needs xdg_wm_base 4 */
	argv[n++] = "--xdg-version";
	argv[n++] = "4";
	if (c->path == BP_SHM) {
		argv[n++] = "--dmabuf";
		argv[n++] = "none";
	}
	argv[n] = NULL;
	const char *env[] = { env_rt, NULL };
	run->comp = spawn(argv, env, NULL, err, &out_fd);
	if (run->comp < 0)
		return false;
	/* "ready" once clients can connect */
	run->log.writer = comp_wait_ready(out_fd);
	return run->log.writer;
}

static bool
start_viewer(struct run *run)
{
	char env[6][1600], out[720], err[720];
	const struct bench_opts *o = run->o;

	snprintf(out, sizeof(out), "%s/viewer.out", run->dir);
	snprintf(err, sizeof(err), "%s/viewer.err", run->dir);
	snprintf(env[0], sizeof(env[0]), "WAYLAND_DISPLAY=%s", run->socket);
	snprintf(env[1], sizeof(env[1]), "XDG_RUNTIME_DIR=%s/run", run->dir);
	snprintf(env[2], sizeof(env[2]), "VV_EMU_ROOT=%s", run->root);
	snprintf(env[3], sizeof(env[3]), "VV_BENCH_TRACE=%s", run->trace_path);
	/* the sanitizer runtime first, then the tracer in front of the
	 * device it watches */
	snprintf(env[4], sizeof(env[4]), "LD_PRELOAD=%s%s%s%s%s",
		 o->asan_lib ? o->asan_lib : "", o->asan_lib ? " " : "",
		 o->no_trace ? "" : o->trace_lib, o->no_trace ? "" : " ",
		 o->emu_lib);
	const char *envp[] = { env[0], env[1], env[2], env[3], env[4], NULL };
	const char *argv[16];
	size_t n = 0;
	for (size_t i = 0; o->wrap && o->wrap[i] && n < 8; i++)
		argv[n++] = o->wrap[i];
	argv[n++] = o->viewer;
	argv[n++] = "--stats";
	/* before --pacing existed, frame pacing was the only one */
	if (o->have_pacing) {
		argv[n++] = "--pacing";
		argv[n++] = run->c->pacing;
	}
	argv[n++] = run->uuid;
	argv[n] = NULL;
	run->viewer = spawn(argv, envp, out, err, NULL);
	return run->viewer > 0;
}

static bool
start_probe(struct run *run)
{
	char env[2][720], log[720];

	if (!run->o->presentation_client || !refresh_60(run->c))
		return false;
	snprintf(env[0], sizeof(env[0]), "WAYLAND_DISPLAY=%s", run->socket);
	snprintf(env[1], sizeof(env[1]), "XDG_RUNTIME_DIR=%s/run", run->dir);
	snprintf(log, sizeof(log), "%s/probe.log", run->dir);
	const char *envp[] = { env[0], env[1], NULL };
	const char *argv[] = { run->o->presentation_client, "-f", NULL };
	run->probe = spawn(argv, envp, log, log, NULL);
	return run->probe > 0;
}

static bool
make_trace(struct run *run)
{
	int fd =
	    open(run->trace_path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0 || ftruncate(fd, (off_t)VVB_TRACE_BYTES) < 0) {
		if (fd >= 0)
			close(fd);
		return false;
	}
	void *m = mmap(NULL, VVB_TRACE_BYTES, PROT_READ | PROT_WRITE,
		       MAP_SHARED, fd, 0);
	close(fd);
	if (m == MAP_FAILED)
		return false;
	run->trace = m;
	run->trace->capacity = VVB_TRACE_CAPACITY;
	run->trace->magic = VVB_TRACE_MAGIC;
	return true;
}

/* The tracer's counters now; [VVB_N_COUNT]: its emulated_ns. */
static void
ops_now(const struct run *run, uint64_t out[VVB_N_COUNT + 1])
{
	for (int k = 0; k < VVB_N_COUNT; k++)
		out[k] =
		    __atomic_load_n(&run->trace->count[k], __ATOMIC_ACQUIRE);
	out[VVB_N_COUNT] =
	    __atomic_load_n(&run->trace->emulated_ns, __ATOMIC_ACQUIRE);
}

/* The emulated device's share of @ops: CPU ns (the ioctls as the tracer
 * timed them in place; mmaps and the tracer's own readlinks as calibrated)
 * and syscalls beyond the one a real ioctl or mmap costs. */
static void
emu_share(const struct bench_opts *o, const uint64_t ops[VVB_N_COUNT + 1],
	  double *cpu_ns, double *syscalls)
{
	*cpu_ns = (double)ops[VVB_N_COUNT];
	*syscalls = 0;
	for (int k = 0; k < VVB_N_COUNT; k++) {
		if (k == VVB_N_MMAP_DMABUF || k == VVB_N_MMAP_DEVICE ||
		    k == VVB_N_TRACER_SYSCALLS)
			*cpu_ns += (double)ops[k] * o->emu.cpu_ns[k];
		*syscalls += (double)ops[k] *
			     (o->emu.syscalls[k] - o->emu.real_syscalls[k]);
	}
	*syscalls += (double)ops[VVB_N_TRACER_SYSCALLS];
}

static void
measure(struct run *run)
{
	const struct bench_opts *o = run->o;
	struct bench_result *r = run->r;
	struct perf perf = { .pid = -1, .ctl = -1, .ack = -1 };
	bool have_perf = o->have_perf && perf_start(run, &perf);

	unsigned first = o->wrap ? 60000 : 10000;
	if (!pump(run, UNTIL_FIRST_FRAME, first)) {
		fail(run, "no frame from the viewer in %u s", first / 1000);
		return;
	}
	if (!flip_frames(run, o->warmup))
		return;
	pump(run, UNTIL_TIME, 50);

	/* window A: CPU, latency, frames */
	uint64_t ops_a[VVB_N_COUNT + 1], ops_b[VVB_N_COUNT + 1];
	size_t fa = run->n_flips;
	uint64_t ta = now_ns();
	int64_t cpu_a = proc_cpu_ns(run->viewer);
	ops_now(run, ops_a);
	if (!flip_frames(run, o->frames))
		return;
	size_t fb = run->n_flips;
	/* let the last frames reach the screen (a 30 ms timer, a vblank) */
	pump(run, UNTIL_TIME, 80);
	uint64_t tb = now_ns();
	int64_t cpu_b = proc_cpu_ns(run->viewer);
	ops_now(run, ops_b);
	pump(run, UNTIL_TIME, 0);
	read_log(run);

	r->window_s = (double)(tb - ta) / 1e9;
	r->commits = commits_between(run, ta, tb);
	r->fps = r->commits / r->window_s;
	for (int k = 0; k <= VVB_N_COUNT; k++)
		r->ops[k] = ops_b[k] - ops_a[k];
	if (r->commits && cpu_a >= 0 && cpu_b >= cpu_a) {
		double cpu = (double)(cpu_b - cpu_a), emu_cpu, emu_sys;
		emu_share(o, r->ops, &emu_cpu, &emu_sys);
		r->cpu_us_per_frame = cpu / 1e3 / (double)r->commits;
		r->adj_us_per_frame =
		    o->emu.ok && !o->no_trace
			? (cpu - emu_cpu) / 1e3 / (double)r->commits
			: -1;
		r->emu_us_per_frame = emu_cpu / 1e3 / (double)r->commits;
	}
	run->fa = fa;
	run->fb = fb;

	/* window B: syscalls, with perf counting only here */
	r->syscalls_per_frame = r->adj_syscalls_per_frame = -1;
	if (have_perf && o->sys_frames) {
		uint64_t s_ops_a[VVB_N_COUNT + 1], s_ops_b[VVB_N_COUNT + 1];
		if (perf_cmd(&perf, "enable\n")) {
			uint64_t t0 = now_ns();
			ops_now(run, s_ops_a);
			bool ok = flip_frames(run, o->sys_frames);
			pump(run, UNTIL_TIME, 80);
			bool off = perf_cmd(&perf, "disable\n");
			uint64_t t1 = now_ns();
			ops_now(run, s_ops_b);
			pump(run, UNTIL_TIME, 20);
			double count = perf_finish(&perf);
			perf.pid = -1;
			size_t n = commits_between(run, t0, t1);
			if (ok && off && count >= 0 && n) {
				uint64_t d[VVB_N_COUNT + 1];
				double emu_cpu, emu_sys;
				for (int k = 0; k <= VVB_N_COUNT; k++)
					d[k] = s_ops_b[k] - s_ops_a[k];
				emu_share(o, d, &emu_cpu, &emu_sys);
				r->syscalls_per_frame = count / (double)n;
				if (o->emu.have_syscalls)
					r->adj_syscalls_per_frame =
					    (count - emu_sys) / (double)n;
			}
		}
	}
	if (perf.pid > 0)
		perf_finish(&perf);
	r->peak_rss_kib = proc_hwm_kib(run->viewer);
}

void
bench_run(const struct bench_opts *o, const struct bench_config *c,
	  unsigned index, struct bench_result *r)
{
	struct run run = {
		.o = o,
		.c = c,
		.r = r,
		.comp = -1,
		.viewer = -1,
		.probe = -1,
		.log.fd = -1,
	};
	char path[760];

	memset(r, 0, sizeof(*r));
	r->ran = true;
	snprintf(run.dir, sizeof(run.dir), "%s/%02u-%s", o->workdir, index,
		 c->name);
	snprintf(run.root, sizeof(run.root), "%s/emu", run.dir);
	snprintf(run.fb_prefix, sizeof(run.fb_prefix), "%s/fb/", run.root);
	snprintf(run.uuid, sizeof(run.uuid),
		 "7c0ffee0-0d6e-4c55-9d54-2b0c6a1d%04x", index);
	snprintf(run.socket, sizeof(run.socket), "vv-bench-%d-%u",
		 (int)getpid(), index);
	snprintf(run.log_path, sizeof(run.log_path), "%s/compositor.log",
		 run.dir);
	snprintf(run.trace_path, sizeof(run.trace_path), "%s/trace", run.dir);
	snprintf(path, sizeof(path), "%s/run", run.dir);
	if (mkdir(run.dir, 0700) || mkdir(run.root, 0700) ||
	    mkdir(path, 0700) || mkfifo(run.log_path, 0600)) {
		fail(&run, "cannot make %s: %s", run.dir, strerror(errno));
		return;
	}
	run.log.fd = open(run.log_path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (o->keep) {
		snprintf(path, sizeof(path), "%s/compositor-log.txt", run.dir);
		run.log.copy = fopen(path, "we");
	}
	run.flip_tfd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
	run.sample_tfd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
	if (!make_trace(&run)) {
		fail(&run, "cannot make the trace file");
		goto out;
	}
	if (setup_device(&run)) {
		fail(&run, "cannot set up the emulated device (%s/vv-emu.log)",
		     run.dir);
		goto out;
	}
	if (!start_compositor(&run)) {
		fail(&run, "vv-compositor did not start (%s/compositor.err)",
		     run.dir);
		goto out;
	}
	if (!start_viewer(&run)) {
		fail(&run, "cannot start the viewer");
		goto out;
	}
	arm(run.sample_tfd, now_ns() + 20 * NS_PER_MS, 50 * NS_PER_MS);
	measure(&run);
	disarm(run.sample_tfd);
	/* the viewer's own account, and the OS's */
	r->traced_dmabuf_maps = run.trace->count[VVB_N_MMAP_DMABUF];
	r->traced_device_maps = run.trace->count[VVB_N_MMAP_DEVICE];
	kill(run.viewer, SIGTERM);
	reap(run.viewer, 5000, NULL, NULL);
	run.viewer = -1;
	read_stats(&run);
	if (r->stats.ok && r->stats.commits)
		r->pixel_bytes_per_frame =
		    (double)r->stats.pixel_bytes / (double)r->stats.commits;
	else if (!r->error[0])
		fail(&run, "no --stats line from the viewer (%s/viewer.err)",
		     run.dir);
	pump(&run, UNTIL_TIME, 30);
	if (!run.viewer_gone)
		pump(&run, UNTIL_TIME, 200);
	/* the compositor's vblank grid, from a client with feedback: the
	 * time at which a timer-paced commit is shown */
	if (start_probe(&run)) {
		pump(&run, UNTIL_PROBE, 2000);
		kill(run.probe, SIGTERM);
		reap(run.probe, 2000, NULL, NULL);
		run.probe = -1;
	}
	if (!no_flips(c) && run.fb > run.fa)
		analyze_frames(&run, run.fa, run.fb);
out:
	if (run.viewer > 0) {
		kill(run.viewer, SIGKILL);
		reap(run.viewer, 1000, NULL, NULL);
	}
	if (run.comp > 0) {
		kill(run.comp, SIGTERM);
		if (run.log.fd >= 0)
			pump(&run, UNTIL_EOF, 2000);
		reap(run.comp, 3000, NULL, NULL);
	}
	if (run.log.fd >= 0)
		close(run.log.fd);
	if (run.log.copy)
		fclose(run.log.copy);
	close(run.flip_tfd);
	close(run.sample_tfd);
	if (run.trace)
		munmap(run.trace, VVB_TRACE_BYTES);
	free(run.flips);
	free(run.commits);
	if (run.late_ticks || run.chase_timeouts)
		bench_log(
		    o,
		    "%s: the guest's timer fired late %u times, %u frames were flipped after waiting 500 ms for the viewer",
		    c->name, run.late_ticks, run.chase_timeouts);
}
