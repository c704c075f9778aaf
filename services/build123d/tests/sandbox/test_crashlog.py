from app.sandbox.crashlog import locate

CODE = "from build123d import *\n\ndef spin():\n    while True:\n        pass\n\nspin()\n"

DUMP = b"""Fatal Python error: Segmentation fault

Current thread 0x00007f0c2b5fe740 (most recent call first):
  File "<script>", line 4 in spin
  File "<script>", line 7 in <module>
  File "/srv/build123d/app/sandbox/runner.py", line 151 in _execute
  File "/srv/build123d/app/sandbox/worker.py", line 70 in main

Extension modules: numpy._core._multiarray_umath (total: 1)
"""


def test_when_a_dump_has_user_frames_then_the_innermost_line_and_a_user_only_traceback_come_back():
    line, text = locate(DUMP, CODE, "timeout: too long")
    assert line == 4
    assert text == (
        "Traceback (most recent call last):\n"
        '  File "<script>", line 7, in <module>\n'
        "    spin()\n"
        '  File "<script>", line 4, in spin\n'
        "    while True:\n"
        "timeout: too long\n"
    )
    assert "/srv" not in text


def test_when_the_dump_is_empty_or_garbage_then_nothing_is_claimed():
    assert locate(b"", CODE, "x") == (None, None)
    assert locate(b"\xff\xfe root:x:0:0:root:/root:/bin/bash\n", CODE, "x") == (None, None)


def test_when_a_frame_names_a_line_past_the_script_then_its_source_is_left_blank():
    dump = b'Stack (most recent call first):\n  File "<script>", line 999 in <module>\n'
    line, text = locate(dump, CODE, "x")
    assert line == 999
    assert text is not None and "line 999, in <module>\nx\n" in text
