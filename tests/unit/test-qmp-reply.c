/* QMP lines as QEMU 7.2 sends them (copied from a real session), and
 * garbage: the parser classifies, matches ids, finds absolute mice and
 * refuses what is not one JSON object. */
#include <string.h>

#include "qmp-reply.h"
#include "tst.h"

static int
parse(const char *line, struct vv_qmp_reply *r)
{
	return vv_qmp_reply_parse(line, strlen(line), r);
}

static void
greeting_return_error_event(void)
{
	struct vv_qmp_reply r;

	TST_CHECK(parse("{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 22, "
			"\"minor\": 2, \"major\": 7}, \"package\": \"Debian "
			"1:7.2+dfsg-7\"}, \"capabilities\": [\"oob\"]}}\r\n",
			&r) == 0);
	TST_CHECK(r.type == VV_QMP_GREETING && !r.has_id);
	TST_CHECK(parse("{\"return\": {}, \"id\": 1}\r\n", &r) == 0);
	TST_CHECK(r.type == VV_QMP_RETURN && r.has_id && r.id == 1);
	TST_CHECK(r.mice == -1);
	TST_CHECK(parse("{\"id\": 4, \"error\": {\"class\": \"GenericError\", "
			"\"desc\": \"Parameter 'data' does not accept value "
			"'nosuch'\"}}",
			&r) == 0);
	TST_CHECK(r.type == VV_QMP_ERROR && r.has_id && r.id == 4);
	TST_CHECK_STR(r.error_class, "GenericError");
	TST_CHECK_STR(r.error_desc,
		      "Parameter 'data' does not accept value 'nosuch'");
	TST_CHECK(parse("{\"timestamp\": {\"seconds\": 1, \"microseconds\": "
			"2}, \"event\": \"RESET\", \"data\": {\"guest\": "
			"true}}",
			&r) == 0);
	TST_CHECK(r.type == VV_QMP_EVENT);
	TST_CHECK_STR(r.event, "RESET");
	TST_CHECK(parse("{}", &r) == 0 && r.type == VV_QMP_OTHER);
	/* An id QEMU echoes that is not ours (a string) is no id. */
	TST_CHECK(parse("{\"return\": {}, \"id\": \"x\"}", &r) == 0);
	TST_CHECK(!r.has_id);
}

static void
query_mice(void)
{
	struct vv_qmp_reply r;

	TST_CHECK(parse("{\"return\": [{\"index\": 3, \"name\": \"QEMU Virtio "
			"Tablet\", \"current\": false, \"absolute\": true}, "
			"{\"index\": 2, \"name\": \"QEMU PS/2 Mouse\", "
			"\"current\": true, \"absolute\": false}], \"id\": 2}",
			&r) == 0);
	TST_CHECK(r.type == VV_QMP_RETURN && r.id == 2);
	TST_CHECK(r.mice == 2 && r.absolute_mice == 1);
	TST_CHECK_STR(r.absolute_name, "QEMU Virtio Tablet");
	TST_CHECK(parse("{\"return\": [{\"index\": 2, \"name\": \"QEMU PS/2 "
			"Mouse\", \"current\": true, \"absolute\": false}], "
			"\"id\": 2}",
			&r) == 0);
	TST_CHECK(r.mice == 1 && r.absolute_mice == 0);
	TST_CHECK(parse("{\"return\": [], \"id\": 2}", &r) == 0);
	TST_CHECK(r.mice == 0 && r.absolute_mice == 0);
}

static void
escapes_and_numbers(void)
{
	struct vv_qmp_reply r;

	TST_CHECK(
	    parse("{\"error\": {\"desc\": \"a\\\"b\\\\c\\u0041\\u00e9\\n\""
		  "}, \"id\": -7}",
		  &r) == 0);
	TST_CHECK_STR(r.error_desc, "a\"b\\cA?\n");
	TST_CHECK(r.id == -7);
	TST_CHECK(parse("{\"return\": 1.5e3, \"id\": 1.5}", &r) == 0);
	TST_CHECK(!r.has_id);
	TST_CHECK(
	    parse("{\"return\": null, \"id\": 99999999999999999999}", &r) == 0);
	TST_CHECK(!r.has_id);
}

static void
garbage_refused(void)
{
	static const char *const bad[] = {
		"",
		"SSH-2.0-OpenSSH_9.2\r\n",
		"{",
		"{\"return\": {}",
		"{\"return\": {}}}",
		"{\"return\": {}} x",
		"[1, 2]",
		"\"QMP\"",
		"{\"a\" 1}",
		"{\"a\": tru}",
		"{\"a\": 1.}",
		"{\"a\": -}",
		"{\"a\": \"\\x\"}",
		"{\"a\": \"\\u12\"}",
		"{\"a\": \"tab\there\"}",
		"{\"a\": [1,]}",
		"{,}",
	};
	struct vv_qmp_reply r;
	char deep[200];

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (parse(bad[i], &r) == 0) {
			fprintf(stderr, "accepted: %s\n", bad[i]);
			TST_CHECK(!"garbage accepted");
		}
	/* Nesting beyond 32 is refused, not recursed into. */
	memset(deep, 0, sizeof(deep));
	strcpy(deep, "{\"a\":");
	for (int i = 0; i < 40; i++)
		strcat(deep, "[");
	TST_CHECK(parse(deep, &r) != 0);
	/* Not NUL-terminated: only @len bytes are read. */
	TST_CHECK(vv_qmp_reply_parse("{}xxxx", 2, &r) == 0);
}

int
main(void)
{
	TST_RUN(greeting_return_error_event);
	TST_RUN(query_mice);
	TST_RUN(escapes_and_numbers);
	TST_RUN(garbage_refused);
	return tst_failures != 0;
}
