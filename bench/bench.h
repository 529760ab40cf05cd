/* vv-bench: the viewer's benchmark (README.md). Shared declarations. */
#ifndef VV_BENCH_H
#define VV_BENCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "trace.h"

#define NS_PER_MS 1000000ull
#define NS_PER_S  1000000000ull

/* The compositor's refresh period at 60 Hz, as it computes it
 * (repaint.c: 1000000000u / HZ). */
#define REFRESH_60_NS (NS_PER_S / 60)

enum bench_path {
	BP_ZERO_COPY,   /* gvt, linear XR24, linux-dmabuf v4 */
	BP_SHM,         /* gvt, linear XR24, --dmabuf none: shm-import */
	BP_COPY_TILED,  /* gvt, X-tiled XR24 nobody advertises: detile+copy */
	BP_COPY_REGION, /* mdpy region (1080p only): plain copy */
	BP_COUNT,
};

enum bench_guest {
	BG_60HZ,   /* compositor 60 Hz; the guest flips on its own timer */
	BG_CHASE,  /* compositor --refresh 0; the guest flips as soon as the
		      viewer committed its previous frame */
	BG_STATIC, /* compositor 60 Hz; the guest never flips (a still
		      desktop): one wake-up per frame, no buffer release */
};

struct bench_config {
	const char *name;
	enum bench_path path;
	uint32_t width, height;
	bool cursor_moving;
	const char *pacing; /* the viewer's --pacing */
	enum bench_guest guest;
	bool quick; /* part of --quick */
};

/* What the emulated device costs inside the viewer, per operation,
 * measured by calibrate.c in this run. */
struct emu_cost {
	bool ok;
	bool have_syscalls;
	double cpu_ns[VVB_N_COUNT];   /* CPU per operation */
	double syscalls[VVB_N_COUNT]; /* syscalls per operation, emulated */
	double real_syscalls[VVB_N_COUNT]; /* what the kernel would need */
	/* CPU of the smallest client frame on this machine: woken by a
	 * 24-byte message, answering 72 bytes (calibrate.c); -1 unknown */
	double floor_ns;
};

struct bench_opts {
	const char *viewer, *compositor, *emu_tool, *emu_lib, *trace_lib;
	const char *asan_lib;            /* NULL unless sanitized */
	const char *self;                /* /proc/self/exe */
	const char *presentation_client; /* weston-presentation-shm or NULL */
	bool quick, verbose, keep, check, callgrind_only;
	bool cursor_only; /* --cursor: the cursor latency section only */
	bool facts;       /* --facts: zero-copy rows of --quick, facts only */
	const char *only; /* run configurations whose name has it */
	unsigned frames;  /* measured guest frames per run */
	unsigned warmup;  /* frames before measuring */
	unsigned sys_frames; /* frames of the syscall window */
	char workdir[256];
	bool have_log_time;      /* vv-compositor --log-time */
	bool have_perf;          /* perf stat raw_syscalls:sys_enter works */
	bool have_pacing;        /* vgpu-view --pacing */
	const char *const *wrap; /* runs the viewer under this (valgrind) */
	bool no_trace;           /* without the tracer preloaded */
	struct emu_cost emu;
};

/* The viewer's --stats line. */
struct viewer_stats {
	bool ok;
	uint64_t ticks, queries, commits, attaches, cursor_commits;
	uint64_t pixel_bytes, dmabuf_maps, imports, import_failures;
};

struct latency {
	unsigned n;
	double p50_ms, p99_ms, max_ms;
};

struct bench_result {
	bool ran;
	char error[256];
	char path_line[160]; /* the viewer's "primary plane (...): ..." */
	uint64_t flips, shown, never_shown; /* guest frames in the window */
	uint64_t commits;                   /* guest-surface commits, window */
	double window_s;
	double cpu_us_per_frame; /* viewer process, window */
	double adj_us_per_frame; /* minus the emulated device's cost */
	double pixel_bytes_per_frame;
	double fps;                /* commits per second in the window */
	double syscalls_per_frame; /* raw, -1 if not measured */
	double adj_syscalls_per_frame;
	uint64_t peak_rss_kib;
	uint64_t maps_seen; /* /proc/PID/maps samples with a framebuffer */
	uint64_t maps_samples;
	uint64_t traced_dmabuf_maps, traced_device_maps;
	struct viewer_stats stats;
	uint64_t ops[VVB_N_COUNT + 1]; /* tracer counters over the window,
					  then its emulated_ns */
	double emu_us_per_frame;       /* the emulated device's share */
	struct latency commit_lat, present_lat;
	bool have_present;
};

/* ---- configs.c: the table's rows --------------------------------------- */
extern const struct bench_config bench_configs[];
extern const size_t bench_n_configs;
const char *bench_path_name(enum bench_path p);
/* The configuration named @name, or NULL. */
const struct bench_config *bench_config_find(const char *name);

/* ---- report.c: progress and the --check lines ------------------------- */
/* One line of progress on stderr. */
void bench_log(const struct bench_opts *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The checks of one section, owned by whoever runs them. */
struct bench_checks {
	unsigned failures;
};
/* Prints "- ok: WHAT" or "- **FAILED**: WHAT" on stdout; counts failures. */
void bench_check(struct bench_checks *checks, bool ok, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Prints the verdict line after the checks; 1 if one failed, else 0. */
int bench_checks_end(const struct bench_checks *checks);

/* ---- table.c: the table and its checks -------------------------------- */
/* Runs the configurations @o selects, prints their table (Markdown) on
 * stdout and with o->check the checks. 1 if a check failed, else 0;
 * *any_error when a configuration could not run. */
int table_section(const struct bench_opts *o, bool *any_error);

/* ---- run.c ------------------------------------------------------------ */
/* Runs one configuration; fills @r (r->error on failure). */
void bench_run(const struct bench_opts *o, const struct bench_config *c,
	       unsigned index, struct bench_result *r);

/* ---- cursor.c: pointer motion → cursor on screen ---------------------- */
struct cursor_result {
	char error[256];
	unsigned n, missed, n_screen;              /* measured motions */
	double commit_p50, commit_p95, commit_max; /* ms */
	double screen_p50, screen_p95, screen_max; /* ms */
	uint64_t abs_events, frame_done;
	uint64_t grid_ns; /* uncertainty of the vblank grid's place */
};
/* One run: the local cursor, or --cursor guest. */
void cursor_run(const struct bench_opts *o, bool guest_mode,
		struct cursor_result *out);
/* vv-bench --cursor: both runs, their table (Markdown) on stdout, and with
 * @check the facts and the ratio of medians. 0 if all held. */
int cursor_section(const struct bench_opts *o, bool check);

/* ---- comp-log.c: the test compositor's "ready" and its log ----------- */
struct comp_log {
	int fd; /* the log FIFO, O_NONBLOCK; -1: not open */
	/* The compositor opens the FIFO before it says "ready"; until a
	 * writer has had it open, a read answers 0 as at EOF. After that, 0
	 * means the compositor closed it (it exited). */
	bool writer;
	bool eof;
	FILE *copy; /* --keep: each line as read, with its read time; NULL */
	size_t len; /* the part of a line read so far, in buf */
	char buf[1 << 16];
};
/* Waits up to 5 s for "ready" on @out_fd (the compositor's stdout, a
 * pipe), then closes it. True if it came. */
bool comp_wait_ready(int out_fd);
/* Reads what the log holds now; hands each whole line to @line_fn with
 * the time it was read (after writing it to log->copy, if any). */
void comp_log_read(struct comp_log *log,
		   void (*line_fn)(void *data, const char *line, uint64_t t),
		   void *data);

/* ---- vblank.c: the test compositor's 60 Hz grid ---------------------- */
/* Vblank n of the grid, ns after its epoch; the first vblank of the grid
 * at or after @t. */
uint64_t vblank_offset(uint64_t n);
uint64_t vblank_at_or_after(uint64_t epoch, uint64_t t);

/* ---- emu-tool.c: the emulated device's tool --------------------------- */
/* Runs `vv-emu ARGS` (@args NULL-terminated) with VV_EMU_ROOT=@root, its
 * output to @dir/vv-emu.log. Its exit status, or -1. */
int emu_tool_run(const struct bench_opts *o, const char *root, const char *dir,
		 const char *const *args);

/* ---- proc.c: processes and /proc ------------------------------------- */
uint64_t now_ns(void);
/* Spawns argv with extra environment (NAME=VALUE, NULL-terminated), stdin
 * from /dev/null, stdout/stderr to the files (NULL: inherit), or stdout
 * to a pipe whose read end goes to *out_fd when @out_fd is not NULL. */
pid_t spawn(const char *const *argv, const char *const *env, const char *out,
	    const char *err, int *out_fd);
/* Runs argv to completion; its exit status, or -1. Output to @log. */
int run_wait(const char *const *argv, const char *const *env, const char *log);
/* CPU time of every thread of @pid so far, ns (schedstat), or -1. */
int64_t proc_cpu_ns(pid_t pid);
/* VmHWM of @pid in KiB, 0 if unknown. */
uint64_t proc_hwm_kib(pid_t pid);
/* True if /proc/PID/maps maps a file whose path starts with @prefix. */
bool proc_maps_has(pid_t pid, const char *prefix);
/* Waits up to @timeout_ms for @pid; SIGKILL after. Exit status. */
int reap(pid_t pid, int timeout_ms, double *user_s, double *sys_s);
/* Copies @src into @dst (@len bytes), cut if longer; always terminated. */
void str_copy(char *dst, size_t len, const char *src);
/* mkdir -p, mode 0700. 0 or -1. */
int mkdir_p(const char *path);
/* Reads a whole small file into a new NUL-terminated buffer. */
char *read_file(const char *path);
/* Value of key=NUM in a space-separated line; false if absent. */
bool kv_u64(const char *line, const char *key, uint64_t *out);
bool kv_str(const char *line, const char *key, char *out, size_t len);

/* ---- calibrate.c ------------------------------------------------------ */
void calibrate(struct bench_opts *o);
/* vv-bench --calibrate-child OP N (fd 3: an emulated device). */
int calibrate_child(int argc, char **argv);

/* ---- callgrind.c ------------------------------------------------------ */
/* Prints the callgrind section (Markdown) on stdout. 0 on success. */
int callgrind_section(const struct bench_opts *o);

/* ---- stats ------------------------------------------------------------ */
struct latency latency_of(double *ms, unsigned n);

#endif
