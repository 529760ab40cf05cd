#include "qmp.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "clock.h"
#include "keymap-qcode.h"
#include "log.h"
#include "qmp-reply.h"
#include "xalloc.h"

#define NS_PER_MS      1000000ull
#define RETRY_FIRST_NS (250 * NS_PER_MS)
#define RETRY_MAX_NS   (5000 * NS_PER_MS)
/* QEMU greets and answers at once; a peer silent this long (even on a
 * loaded machine) is something else. */
#define GREETING_NS (5000 * NS_PER_MS)
/* Bytes QEMU has not read yet, and replies it owes, beyond which it is
 * not reading: input is then dropped rather than queued without end. */
#define OUT_MAX       (1u << 20)
#define IN_FLIGHT_MAX 256
#define LINE_MAX      65536

#define ID_CAPABILITIES 1
#define ID_QUERY_MICE   2

enum qmp_state {
	QMP_IDLE,     /* no socket; the timer retries */
	QMP_GREETING, /* connected, waiting for {"QMP": ...} */
	QMP_CAPS,     /* qmp_capabilities sent */
	QMP_MICE,     /* query-mice sent */
	QMP_READY,
};

struct vv_qmp {
	struct vv_loop *loop;   /* borrowed */
	struct vv_timer *timer; /* reconnect, or a peer's time to answer */
	char *path;
	int fd; /* the socket, owned; -1 while idle */
	enum qmp_state state;
	uint64_t retry_ns; /* the next reconnect's delay */
	/* Said once until the next good connection: why it is not up. */
	bool said_down;
	bool was_ready; /* a lost connection is worth a line */
	enum vv_pointer_mode mode;
	bool absolute; /* query-mice lists an absolute pointer */
	char tablet[64];
	char last_error[256]; /* the last QMP error logged */

	char *out; /* bytes for QEMU not written yet */
	size_t out_len, out_cap;
	char *batch; /* this turn's events, comma-separated JSON */
	size_t batch_len, batch_cap;
	char in[LINE_MAX]; /* a partial line from QEMU */
	size_t in_len;
	bool skipping; /* dropping a line longer than LINE_MAX */
	int64_t next_id;
	uint32_t in_flight; /* input commands QEMU has not answered */
};

static void
append(char **buf, size_t *len, size_t *cap, const char *text, size_t n)
{
	if (*len + n + 1 > *cap) {
		size_t want = *cap ? *cap : 256;
		while (want < *len + n + 1)
			want *= 2;
		*buf = vv_xreallocarray(*buf, want, 1);
		*cap = want;
	}
	memcpy(*buf + *len, text, n);
	*len += n;
	(*buf)[*len] = '\0';
}

static void
send_text(struct vv_qmp *qmp, const char *text)
{
	append(&qmp->out, &qmp->out_len, &qmp->out_cap, text, strlen(text));
}

static void
schedule_retry(struct vv_qmp *qmp)
{
	vv_timer_arm(qmp->timer, vv_now_ns() + qmp->retry_ns);
	qmp->retry_ns *= 2;
	if (qmp->retry_ns > RETRY_MAX_NS)
		qmp->retry_ns = RETRY_MAX_NS;
}

static void
disconnect(struct vv_qmp *qmp)
{
	if (qmp->fd >= 0)
		close(qmp->fd);
	qmp->fd = -1;
	qmp->state = QMP_IDLE;
	qmp->out_len = qmp->batch_len = qmp->in_len = 0;
	qmp->skipping = false;
	qmp->in_flight = 0;
	schedule_retry(qmp);
}

/* The connection ended or broke: one line (when it had worked), retry. */
static void
lost(struct vv_qmp *qmp, const char *why)
{
	if (qmp->was_ready && !qmp->said_down)
		vv_warn(
		    "input: QEMU's QMP socket %s went away (%s); the window stays, input resumes when QEMU is back",
		    qmp->path, why);
	qmp->said_down = true;
	qmp->was_ready = false;
	disconnect(qmp);
}

static void
not_qmp(struct vv_qmp *qmp, const char *what)
{
	if (!qmp->said_down)
		vv_warn(
		    "input: %s is not a QMP socket (%s); give QEMU -qmp unix:%s,server=on,wait=off",
		    qmp->path, what, qmp->path);
	qmp->said_down = true;
	disconnect(qmp);
}

static void
try_connect(struct vv_qmp *qmp)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	int fd;

	if (strlen(qmp->path) >= sizeof(addr.sun_path)) {
		if (!qmp->said_down)
			vv_warn(
			    "input: the QMP socket path %s is longer than %zu bytes; use a shorter one",
			    qmp->path, sizeof(addr.sun_path) - 1);
		qmp->said_down = true;
		return;
	}
	memcpy(addr.sun_path, qmp->path, strlen(qmp->path) + 1);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
		int e = errno;
		if (fd >= 0)
			close(fd);
		if (!qmp->said_down)
			vv_warn(
			    "input: cannot connect to the QMP socket %s: %s (give QEMU -qmp unix:%s,server=on,wait=off); retrying",
			    qmp->path, strerror(e), qmp->path);
		else
			vv_debug("input: %s: %s; retrying", qmp->path,
				 strerror(e));
		qmp->said_down = true;
		schedule_retry(qmp);
		return;
	}
	qmp->fd = fd;
	qmp->state = QMP_GREETING;
	vv_timer_arm(qmp->timer, vv_now_ns() + GREETING_NS);
}

/* Reconnects, or gives up on a peer that does not answer. */
static void
timer_fired(void *data)
{
	struct vv_qmp *qmp = data;

	if (qmp->state == QMP_IDLE)
		try_connect(qmp);
	else if (qmp->state == QMP_GREETING)
		not_qmp(qmp, "no QMP greeting within 5 s");
	else if (qmp->state != QMP_READY)
		not_qmp(
		    qmp,
		    "no answer to qmp_capabilities or query-mice within 5 s");
}

int
vv_pointer_mode_from_name(const char *name)
{
	static const char *const names[VV_POINTER_MODE_COUNT] = {
		[VV_POINTER_AUTO] = "auto",
		[VV_POINTER_ABSOLUTE] = "absolute",
		[VV_POINTER_RELATIVE] = "relative",
	};

	for (int i = 0; i < VV_POINTER_MODE_COUNT; i++)
		if (strcmp(name, names[i]) == 0)
			return i;
	return -1;
}

struct vv_qmp *
vv_qmp_create(struct vv_loop *loop, const char *path, enum vv_pointer_mode mode)
{
	struct vv_qmp *qmp = vv_xzalloc(sizeof(*qmp));

	qmp->loop = loop;
	qmp->mode = mode;
	qmp->timer = vv_loop_add_timer(loop, timer_fired, qmp);
	qmp->path = strdup(path);
	if (!qmp->path)
		abort();
	qmp->fd = -1;
	qmp->retry_ns = RETRY_FIRST_NS;
	qmp->next_id = ID_QUERY_MICE + 1;
	try_connect(qmp);
	return qmp;
}

void
vv_qmp_destroy(struct vv_qmp *qmp)
{
	if (!qmp)
		return;
	vv_timer_destroy(qmp->timer);
	if (qmp->fd >= 0)
		close(qmp->fd);
	free(qmp->out);
	free(qmp->batch);
	free(qmp->path);
	free(qmp);
}

bool
vv_qmp_ready(const struct vv_qmp *qmp)
{
	return qmp && qmp->state == QMP_READY;
}

bool
vv_qmp_absolute(const struct vv_qmp *qmp)
{
	if (!qmp || qmp->mode == VV_POINTER_RELATIVE)
		return false;
	return qmp->mode == VV_POINTER_ABSOLUTE || qmp->absolute;
}

bool
vv_qmp_relative(const struct vv_qmp *qmp)
{
	return vv_qmp_ready(qmp) && !vv_qmp_absolute(qmp);
}

void
vv_qmp_describe(const struct vv_qmp *qmp, char *out, size_t len)
{
	const char *state = "connecting";

	if (qmp->state == QMP_READY)
		state = vv_qmp_absolute(qmp) ? "tablet" : "relative";
	else if (qmp->state == QMP_IDLE && qmp->said_down)
		state = "not connected";
	snprintf(out, len, "qmp %s · %s", qmp->path, state);
}

static void
add_event(struct vv_qmp *qmp, const char *json)
{
	if (qmp->state != QMP_READY)
		return;
	if (qmp->in_flight >= IN_FLIGHT_MAX || qmp->out_len > OUT_MAX) {
		vv_debug("input: QEMU is not answering; event dropped");
		return;
	}
	if (qmp->batch_len)
		append(&qmp->batch, &qmp->batch_len, &qmp->batch_cap, ",", 1);
	append(&qmp->batch, &qmp->batch_len, &qmp->batch_cap, json,
	       strlen(json));
}

bool
vv_qmp_has_key(uint32_t key)
{
	return vv_keymap_qcode(key) != NULL;
}

bool
vv_qmp_has_button(uint32_t button)
{
	return vv_keymap_button(button) != NULL;
}

void
vv_qmp_key(struct vv_qmp *qmp, uint32_t key, bool down)
{
	const char *qcode = vv_keymap_qcode(key);
	char json[128];

	if (!qcode)
		return;

	snprintf(
	    json, sizeof(json),
	    "{\"type\":\"key\",\"data\":{\"down\":%s,\"key\":{\"type\":\"qcode\",\"data\":\"%s\"}}}",
	    down ? "true" : "false", qcode);
	add_event(qmp, json);
}

static void
add_button(struct vv_qmp *qmp, const char *button, bool down)
{
	char json[128];

	snprintf(json, sizeof(json),
		 "{\"type\":\"btn\",\"data\":{\"down\":%s,\"button\":\"%s\"}}",
		 down ? "true" : "false", button);
	add_event(qmp, json);
}

void
vv_qmp_button(struct vv_qmp *qmp, uint32_t button, bool down)
{
	const char *name = vv_keymap_button(button);

	if (name)
		add_button(qmp, name, down);
}

void
vv_qmp_wheel(struct vv_qmp *qmp, bool vertical, int32_t steps)
{
	const char *name = vertical
			       ? (steps > 0 ? "wheel-down" : "wheel-up")
			       : (steps > 0 ? "wheel-right" : "wheel-left");

	for (int32_t i = 0; i < (steps < 0 ? -steps : steps) && i < 64; i++) {
		/* A wheel step is a click: down and up. */
		add_button(qmp, name, true);
		add_button(qmp, name, false);
	}
}

void
vv_qmp_abs(struct vv_qmp *qmp, uint32_t x, uint32_t y)
{
	char json[128];

	snprintf(json, sizeof(json),
		 "{\"type\":\"abs\",\"data\":{\"axis\":\"x\",\"value\":%u}}",
		 x);
	add_event(qmp, json);
	snprintf(json, sizeof(json),
		 "{\"type\":\"abs\",\"data\":{\"axis\":\"y\",\"value\":%u}}",
		 y);
	add_event(qmp, json);
}

void
vv_qmp_rel(struct vv_qmp *qmp, int32_t dx, int32_t dy)
{
	char json[128];

	if (dx) {
		snprintf(
		    json, sizeof(json),
		    "{\"type\":\"rel\",\"data\":{\"axis\":\"x\",\"value\":%d}}",
		    dx);
		add_event(qmp, json);
	}
	if (dy) {
		snprintf(
		    json, sizeof(json),
		    "{\"type\":\"rel\",\"data\":{\"axis\":\"y\",\"value\":%d}}",
		    dy);
		add_event(qmp, json);
	}
}

static void
write_out(struct vv_qmp *qmp)
{
	while (qmp->out_len) {
		ssize_t n = send(qmp->fd, qmp->out, qmp->out_len, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return;
		if (n < 0) {
			lost(qmp, strerror(errno));
			return;
		}
		memmove(qmp->out, qmp->out + n, qmp->out_len - (size_t)n);
		qmp->out_len -= (size_t)n;
	}
}

void
vv_qmp_before_poll(struct vv_qmp *qmp)
{
	if (qmp->batch_len && qmp->state == QMP_READY) {
		char head[128];
		snprintf(head, sizeof(head), "{\"id\":%lld,",
			 (long long)qmp->next_id++);
		send_text(qmp, head);
		send_text(qmp, "\"execute\":\"input-send-event\","
			       "\"arguments\":{\"events\":[");
		send_text(qmp, qmp->batch);
		send_text(qmp, "]}}\n");
		qmp->in_flight++;
	}
	qmp->batch_len = 0;
	if (qmp->fd >= 0 && qmp->out_len)
		write_out(qmp);
	qmp->loop->extra_fd = qmp->fd;
	qmp->loop->extra_events =
	    qmp->fd < 0 ? 0 : (short)(POLLIN | (qmp->out_len ? POLLOUT : 0));
}

/* One QMP error, said once until a different one comes. */
static void
log_error(struct vv_qmp *qmp, const char *what,
	  const struct vv_qmp_reply *reply)
{
	if (strcmp(reply->error_desc, qmp->last_error) == 0)
		return;
	snprintf(qmp->last_error, sizeof(qmp->last_error), "%s",
		 reply->error_desc);
	vv_warn("input: QEMU refused %s: %s (%s)", what, reply->error_desc,
		reply->error_class);
}

static void
got_mice(struct vv_qmp *qmp, const struct vv_qmp_reply *reply)
{
	qmp->absolute = reply->absolute_mice > 0;
	snprintf(qmp->tablet, sizeof(qmp->tablet), "%s",
		 qmp->absolute ? reply->absolute_name : "");
	qmp->state = QMP_READY;
	qmp->said_down = false;
	qmp->was_ready = true;
	qmp->retry_ns = RETRY_FIRST_NS;
	vv_timer_arm(qmp->timer, 0);
	if (qmp->mode == VV_POINTER_RELATIVE)
		vv_info(
		    "input: QMP %s connected; pointer: relative (--pointer relative; click in the window to lock it)",
		    qmp->path);
	else if (qmp->absolute)
		vv_info("input: QMP %s connected; pointer: %s (absolute)",
			qmp->path, qmp->tablet);
	else if (qmp->mode == VV_POINTER_ABSOLUTE)
		vv_warn(
		    "input: QMP %s connected; pointer: absolute (--pointer absolute), though the VM lists no absolute pointer: add -device usb-tablet or -device virtio-tablet-pci to QEMU",
		    qmp->path);
	else
		vv_warn(
		    "input: QMP %s connected, but the VM has no absolute pointer: add -device usb-tablet or -device virtio-tablet-pci to QEMU; until then the pointer is relative (click in the window to lock it)",
		    qmp->path);
}

static void
handle_line(struct vv_qmp *qmp, const char *line, size_t len)
{
	struct vv_qmp_reply reply;

	if (vv_qmp_reply_parse(line, len, &reply)) {
		if (qmp->state == QMP_GREETING)
			not_qmp(qmp, "its first line is not QEMU's greeting");
		else
			vv_debug("input: QMP sent a line that is not JSON");
		return;
	}
	switch (qmp->state) {
	case QMP_GREETING:
		if (reply.type != VV_QMP_GREETING) {
			not_qmp(qmp, "its first line is not QEMU's greeting");
			return;
		}
		send_text(qmp, "{\"execute\":\"qmp_capabilities\",\"id\":1}\n");
		qmp->state = QMP_CAPS;
		return;
	case QMP_IDLE:
		return;
	case QMP_CAPS:
	case QMP_MICE:
	case QMP_READY:
		break;
	}
	if (reply.type == VV_QMP_EVENT || reply.type == VV_QMP_OTHER ||
	    reply.type == VV_QMP_GREETING || !reply.has_id)
		return;
	if (reply.id == ID_CAPABILITIES && qmp->state == QMP_CAPS) {
		if (reply.type == VV_QMP_ERROR) {
			log_error(qmp, "qmp_capabilities", &reply);
			return;
		}
		send_text(qmp, "{\"execute\":\"query-mice\",\"id\":2}\n");
		qmp->state = QMP_MICE;
	} else if (reply.id == ID_QUERY_MICE && qmp->state == QMP_MICE) {
		if (reply.type == VV_QMP_ERROR) {
			log_error(qmp, "query-mice", &reply);
			reply.absolute_mice = 0;
		}
		got_mice(qmp, &reply);
	} else if (reply.id > ID_QUERY_MICE && qmp->state == QMP_READY) {
		if (qmp->in_flight)
			qmp->in_flight--;
		if (reply.type == VV_QMP_ERROR)
			log_error(qmp, "input-send-event", &reply);
	}
}

static void
read_in(struct vv_qmp *qmp)
{
	for (;;) {
		ssize_t n = read(qmp->fd, qmp->in + qmp->in_len,
				 sizeof(qmp->in) - qmp->in_len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return;
		if (n <= 0) {
			if (qmp->state == QMP_GREETING && !qmp->was_ready)
				not_qmp(qmp, "it closed without a greeting");
			else
				lost(qmp, n < 0 ? strerror(errno) : "closed");
			return;
		}
		qmp->in_len += (size_t)n;
		char *start = qmp->in, *nl;
		while (qmp->fd >= 0 &&
		       (nl = memchr(start, '\n',
				    qmp->in_len - (size_t)(start - qmp->in)))) {
			if (!qmp->skipping)
				handle_line(qmp, start, (size_t)(nl - start));
			qmp->skipping = false;
			start = nl + 1;
		}
		if (qmp->fd < 0)
			return;
		qmp->in_len -= (size_t)(start - qmp->in);
		memmove(qmp->in, start, qmp->in_len);
		if (qmp->in_len == sizeof(qmp->in)) {
			/* Longer than any reply to what we ask. */
			qmp->skipping = true;
			qmp->in_len = 0;
		}
	}
}

void
vv_qmp_handle(struct vv_qmp *qmp, short revents)
{
	if (qmp->fd < 0)
		return;
	if (revents & (POLLIN | POLLHUP | POLLERR))
		read_in(qmp);
	if (qmp->fd >= 0 && qmp->out_len)
		write_out(qmp);
}
