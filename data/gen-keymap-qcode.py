#!/usr/bin/env python3
# Prints the body of src/qmp/keymap-qcode.c's table from keycodemapdb's
# data/keymaps.csv (https://gitlab.com/keycodemap/keycodemapdb):
#   python3 data/gen-keymap-qcode.py keymaps.csv
# Where a Linux code has two qcodes, the choice is made here and says why.
import csv
import sys

# KEY_KPASTERISK: "asterisk" is QEMU's old name for the same key.
# KEY_SYSRQ (the key labelled PrtSc): "print" is Print Screen to a PS/2
# guest, "sysrq" its Alt+PrintScreen scancode; virtio maps both to 99.
PREFER = {55: "kp_multiply", 99: "print"}

rows = {}
with open(sys.argv[1], newline="") as f:
    reader = csv.reader(f)
    head = next(reader)
    name_col = head.index("Linux Name")
    code_col = head.index("Linux Keycode")
    qcode_col = head.index("QEMU QKeyCode")
    for row in reader:
        if not row[code_col] or row[qcode_col] in ("", "unmapped"):
            continue
        code = int(row[code_col], 0)
        name = row[name_col]
        if name == "KEY_SHIFT":  # an alias row of KEY_LEFTSHIFT
            continue
        rows.setdefault(code, (name, set()))[1].add(row[qcode_col])
for code in sorted(rows):
    name, qcodes = rows[code]
    qcode = PREFER.get(code) or qcodes.pop()
    if code not in PREFER and qcodes:
        sys.exit(f"{name}: more than one qcode, choose in PREFER")
    print(f'\t[{name}] = "{qcode}",')
