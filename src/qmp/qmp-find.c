#include "qmp-find.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The value of KEY= in a QEMU option list "a,KEY=v,b" (no escapes: QEMU's
 * ",," in paths is not handled), copied into @out; false if absent. */
static bool
opt_value(const char *opts, const char *key, char *out, size_t out_len)
{
	size_t klen = strlen(key);

	for (const char *p = opts; p && *p; p = strchr(p, ',')) {
		if (*p == ',')
			p++;
		if (strncmp(p, key, klen) == 0 && p[klen] == '=') {
			const char *v = p + klen + 1;
			size_t n = strcspn(v, ",");
			if (n + 1 > out_len)
				return false;
			memcpy(out, v, n);
			out[n] = '\0';
			return true;
		}
	}
	return false;
}

/* The first option of @opts (the backend: "socket", "unix:PATH"). */
static bool
first_is(const char *opts, const char *word)
{
	size_t n = strlen(word);

	return strncmp(opts, word, n) == 0 &&
	       (opts[n] == ',' || opts[n] == '\0');
}

/* argv[i + 1] when argv[i] is @name or "-" + @name ("-qmp", "--qmp"),
 * or the part after "=" of "-name=value". */
static const char *
arg_of(char **argv, int argc, int *i, const char *name)
{
	const char *a = argv[*i];

	if (a[0] != '-')
		return NULL;
	a += a[1] == '-' ? 2 : 1;
	size_t n = strlen(name);
	if (strncmp(a, name, n) != 0)
		return NULL;
	if (a[n] == '=')
		return a + n + 1;
	if (a[n] != '\0' || *i + 1 >= argc)
		return NULL;
	return argv[++*i];
}

static int
put(const char *path, size_t n, char *out, size_t out_len)
{
	if (n == 0)
		return -ENOENT;
	if (n + 1 > out_len)
		return -ENAMETOOLONG;
	memcpy(out, path, n);
	out[n] = '\0';
	return 0;
}

int
vv_qmp_find_in_cmdline(const char *cmdline, size_t len, char *out,
		       size_t out_len)
{
	/* A private NUL-terminated copy split into argv. */
	char *buf = malloc(len + 1);
	char **argv = calloc(len + 1, sizeof(*argv));
	int argc = 0, ret = -ENOENT;

	if (!buf || !argv)
		abort();
	memcpy(buf, cmdline, len);
	buf[len] = '\0';
	for (size_t i = 0; i < len; i += strlen(buf + i) + 1)
		argv[argc++] = buf + i;

	/* -qmp unix:PATH[,server=on,...] */
	for (int i = 0; i < argc && ret == -ENOENT; i++) {
		const char *v = arg_of(argv, argc, &i, "qmp");
		if (v && strncmp(v, "unix:", 5) == 0)
			ret = put(v + 5, strcspn(v + 5, ","), out, out_len);
	}
	/* -mon chardev=X,mode=control and -chardev socket,id=X,path=P */
	for (int i = 0; i < argc && ret == -ENOENT; i++) {
		char id[128], mode[32];
		const char *mon = arg_of(argv, argc, &i, "mon");
		if (!mon || !opt_value(mon, "chardev", id, sizeof(id)) ||
		    !opt_value(mon, "mode", mode, sizeof(mode)) ||
		    strcmp(mode, "control") != 0)
			continue;
		for (int j = 0; j < argc && ret == -ENOENT; j++) {
			char cid[128], path[4096];
			const char *dev = arg_of(argv, argc, &j, "chardev");
			if (dev && first_is(dev, "socket") &&
			    opt_value(dev, "id", cid, sizeof(cid)) &&
			    strcmp(cid, id) == 0 &&
			    opt_value(dev, "path", path, sizeof(path)))
				ret = put(path, strlen(path), out, out_len);
		}
	}
	free(argv);
	free(buf);
	return ret;
}

int
vv_qmp_find_pid(const char *address, char *out, size_t out_len,
		struct vv_err *err)
{
	char proc[64], *end, cmdline[65536], found[4096];
	long pid = strtol(address + 4, &end, 10);
	ssize_t n;
	int fd, ret;

	if (strncmp(address, "pid:", 4) != 0 || end == address + 4 || *end ||
	    pid <= 0)
		return vv_err_set(err, EINVAL,
				  "--qmp %s: use a socket path or pid:PID",
				  address);
	snprintf(proc, sizeof(proc), "/proc/%ld/cmdline", pid);
	fd = open(proc, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return vv_err_set(
		    err, errno,
		    "--qmp %s: cannot read %s: %s (is QEMU running as that pid?)",
		    address, proc, strerror(errno));
	n = read(fd, cmdline, sizeof(cmdline));
	close(fd);
	if (n < 0)
		return vv_err_set(err, errno, "--qmp %s: cannot read %s: %s",
				  address, proc, strerror(errno));
	ret = vv_qmp_find_in_cmdline(cmdline, (size_t)n, found, sizeof(found));
	if (ret)
		return vv_err_set(
		    err, -ret,
		    "--qmp %s: the process has no QMP socket on its command line (start QEMU with -qmp unix:PATH,server=on,wait=off, and give --qmp PATH)",
		    address);
	if (found[0] == '/')
		ret = snprintf(out, out_len, "%s", found);
	else
		ret = snprintf(out, out_len, "/proc/%ld/cwd/%s", pid, found);
	if (ret < 0 || (size_t)ret >= out_len)
		return vv_err_set(err, ENAMETOOLONG,
				  "--qmp %s: the socket path is too long",
				  address);
	return 0;
}
