/* Processes and what /proc says about them. */
#include "bench.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

uint64_t
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * NS_PER_S + (uint64_t)ts.tv_nsec;
}

static void
redirect(const char *path, int target)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

	if (fd >= 0) {
		dup2(fd, target);
		close(fd);
	}
}

pid_t
spawn(const char *const *argv, const char *const *env, const char *out,
      const char *err, int *out_fd)
{
	int pipefd[2] = { -1, -1 };

	if (out_fd && pipe2(pipefd, O_CLOEXEC) < 0)
		return -1;
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		if (out_fd) {
			close(pipefd[0]);
			close(pipefd[1]);
		}
		return -1;
	}
	if (pid == 0) {
		int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
		if (null >= 0)
			dup2(null, 0);
		if (out_fd)
			dup2(pipefd[1], 1);
		else if (out)
			redirect(out, 1);
		if (err)
			redirect(err, 2);
		for (size_t i = 0; env && env[i]; i++)
			putenv((char *)env[i]);
		signal(SIGPIPE, SIG_DFL);
		execvp(argv[0], (char *const *)argv);
		fprintf(stderr, "vv-bench: exec %s: %s\n", argv[0],
			strerror(errno));
		_exit(127);
	}
	if (out_fd) {
		close(pipefd[1]);
		*out_fd = pipefd[0];
	}
	return pid;
}

int
run_wait(const char *const *argv, const char *const *env, const char *log)
{
	int st;
	pid_t pid = spawn(argv, env, log, log, NULL);

	if (pid < 0)
		return -1;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

int
reap(pid_t pid, int timeout_ms, double *user_s, double *sys_s)
{
	struct rusage ru;
	int st = 0;

	for (int waited = 0;; waited += 5) {
		pid_t r = wait4(pid, &st, WNOHANG, &ru);
		if (r == pid)
			break;
		if (r < 0 && errno != EINTR)
			return -1;
		if (waited >= timeout_ms) {
			kill(pid, SIGKILL);
			while (wait4(pid, &st, 0, &ru) < 0 && errno == EINTR)
				;
			break;
		}
		usleep(5000);
	}
	if (user_s)
		*user_s = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6;
	if (sys_s)
		*sys_s = ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

void
str_copy(char *dst, size_t len, const char *src)
{
	size_t n = strlen(src);

	if (n >= len)
		n = len - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

int
mkdir_p(const char *path)
{
	char buf[1024];

	snprintf(buf, sizeof(buf), "%s", path);
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0700) < 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	return mkdir(buf, 0700) < 0 && errno != EEXIST ? -1 : 0;
}

char *
read_file(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t len = 0, cap = 4096;
	char *buf;

	if (fd < 0)
		return NULL;
	buf = malloc(cap);
	for (;;) {
		if (len + 1 >= cap) {
			cap *= 2;
			buf = realloc(buf, cap);
		}
		ssize_t n = read(fd, buf + len, cap - len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	buf[len] = '\0';
	return buf;
}

/* Every thread's on-CPU time (the scheduler's exact sum, in ns; what
 * getrusage reports too, split into user and sys by tick sampling). */
int64_t
proc_cpu_ns(pid_t pid)
{
	char path[64], line[128];
	int64_t total = 0;
	DIR *dir;
	struct dirent *d;

	snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
	dir = opendir(path);
	if (!dir)
		return -1;
	while ((d = readdir(dir))) {
		if (d->d_name[0] == '.')
			continue;
		char p[320];
		snprintf(p, sizeof(p), "/proc/%d/task/%s/schedstat", (int)pid,
			 d->d_name);
		int fd = open(p, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue;
		ssize_t n = read(fd, line, sizeof(line) - 1);
		close(fd);
		if (n > 0) {
			line[n] = '\0';
			total += strtoll(line, NULL, 10);
		}
	}
	closedir(dir);
	return total;
}

uint64_t
proc_hwm_kib(pid_t pid)
{
	char path[64];
	uint64_t kib = 0;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	char *s = read_file(path);
	if (!s)
		return 0;
	char *p = strstr(s, "\nVmHWM:");
	if (p)
		kib = strtoull(p + 7, NULL, 10);
	free(s);
	return kib;
}

bool
proc_maps_has(pid_t pid, const char *prefix)
{
	char path[64];
	bool found = false;

	snprintf(path, sizeof(path), "/proc/%d/maps", (int)pid);
	char *s = read_file(path);
	if (!s)
		return false;
	for (char *line = s; line && *line;) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		char *slash = strchr(line, '/');
		if (slash && strncmp(slash, prefix, strlen(prefix)) == 0) {
			found = true;
			break;
		}
		line = nl ? nl + 1 : NULL;
	}
	free(s);
	return found;
}

/* Keys appear as " key=" or at the start of the line. */
static const char *
kv_find(const char *line, const char *key)
{
	size_t klen = strlen(key);

	for (const char *p = line; (p = strstr(p, key)); p += klen) {
		if ((p == line || p[-1] == ' ') && p[klen] == '=')
			return p + klen + 1;
	}
	return NULL;
}

bool
kv_u64(const char *line, const char *key, uint64_t *out)
{
	const char *v = kv_find(line, key);
	char *end;

	if (!v)
		return false;
	*out = strtoull(v, &end, 10);
	return end != v;
}

bool
kv_str(const char *line, const char *key, char *out, size_t len)
{
	const char *v = kv_find(line, key);
	size_t n = 0;

	if (!v)
		return false;
	while (v[n] && v[n] != ' ' && v[n] != '\n' && n + 1 < len) {
		out[n] = v[n];
		n++;
	}
	out[n] = '\0';
	return true;
}
